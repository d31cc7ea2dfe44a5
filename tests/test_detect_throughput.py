"""`zhcorpus.detect.throughput`: the figures a benchmark reports, one for each detector, all together, a regex."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.detect import REGISTRY, Detector, Finding, throughput
from zhcorpus.evaluate.clean import sample_articles
from zhcorpus.records import RawArticle


def test_throughput_names_each_detector_the_total_and_the_regex_pass() -> None:
    rates = throughput([a.raw() for a in sample_articles(3, 0)])
    assert set(rates) == {*REGISTRY, "total", "regex"}
    assert all(rate > 0 for rate in rates.values())
    assert rates["total"] < min(rates[d] for d in REGISTRY)


def test_throughput_reads_each_detector_as_the_build_does_through_its_screen() -> None:
    read: list[str] = []

    def run(article: RawArticle) -> Iterator[Finding]:
        read.append(article.id)
        return iter(())

    screened = Detector(
        "screened.none@1",
        "test",
        "reads only what its screen names",
        run,
        lambda batch: {1} & set(range(len(batch.articles))),
    )
    articles = [a.raw() for a in sample_articles(3, 0)]
    rates = throughput(articles, [screened])
    assert set(rates) == {"screened.none@1", "total", "regex"}
    # The warm-up article read directly (in its batch of one the screen names none), then the second article only.
    assert read == ["warm-up", articles[1].id]
