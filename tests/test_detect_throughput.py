"""`zhcorpus.detect.throughput`: the figures a benchmark reports, one for each detector, all together, a regex."""

from __future__ import annotations

from zhcorpus.detect import REGISTRY, throughput
from zhcorpus.evaluate.clean import sample_articles


def test_throughput_names_each_detector_the_total_and_the_regex_pass() -> None:
    rates = throughput([a.raw() for a in sample_articles(3, 0)])
    assert set(rates) == {*REGISTRY, "total", "regex"}
    assert all(rate > 0 for rate in rates.values())
    assert rates["total"] < min(rates[d] for d in REGISTRY)
