"""Throughput of the detectors in MB of UTF-8 body text per second, beside one regular-expression pass.

The figures a benchmark reports: each detector alone, all of them together (``total``) and the limit they are
held to (``regex``, one ``re.finditer`` over the same text). Every detector first runs on a small article of its
own that makes it load its tables (a gazetteer, a dictionary, character decompositions), so that one-off cost is
not counted, while the decisions it memoises are not yet filled with the measured text.

Each detector reads the articles as the archive build has it read them: through ``findings_of``, BATCH articles
at a time (about the build's batch of pages), its screen first if it has one. A screen's joined texts are
counted with each detector that reads them, where the build joins them once for all.

The regex pass is timed right before each detector's, and its median taken: one pass timed once read anywhere
from 180 to 340 MB/s on this project's machine from one run to the next, and a ratio to it moved with it. Each
detector runs once over the text (a second pass would find its own decisions memoised).
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Sequence

from zhcorpus.detect.base import REGISTRY, Detector, findings_of
from zhcorpus.records import RawArticle

_WARM_UP_BLOCKS = (
    "株洲市溁口区第一人民医院院长發言，“保护好好自己”。",
    "网络举报：https://hunan.12388.gov.cn/zhuizhoushi/ 同时欢迎来信。",
    "市委副书记王洪斌参加。",
    "市委副书记王洪斌参加。",
    "逆行奔",
    "向疫情中心。",
)
_WARM_UP = RawArticle.of_body("warm-up", list(_WARM_UP_BLOCKS), "株洲日报")
# The reference pass: a cheap pattern that still looks at every character (a doubled character).
REFERENCE = re.compile(r"(.)\1")
# Articles read together: the archive build's batch of 64 pages holds some 380.
BATCH = 384


def _seconds(work: Callable[[Sequence[RawArticle]], object], articles: Sequence[RawArticle]) -> float:
    started = time.perf_counter()
    for start in range(0, len(articles), BATCH):
        work(articles[start : start + BATCH])
    return time.perf_counter() - started


def _run(detector: Detector) -> Callable[[Sequence[RawArticle]], object]:
    return lambda batch: findings_of(batch, [detector])


def _scan(batch: Sequence[RawArticle]) -> object:
    return [list(REFERENCE.finditer(article.fields["text"] or "")) for article in batch]


def throughput(articles: Sequence[RawArticle], detectors: Sequence[Detector] | None = None) -> dict[str, float]:
    """MB/s of each detector id, of all of them together (``total``) and of one regex pass (``regex``, the median
    of a pass before each detector's)."""
    chosen = list(REGISTRY.values()) if detectors is None else list(detectors)
    mb = sum(len((a.fields["text"] or "").encode("utf-8")) for a in articles) / 1e6
    for detector in chosen:
        # Run on the warm-up article itself, which a screen may not name, and then as it is timed.
        list(detector.run(_WARM_UP))
        _seconds(_run(detector), [_WARM_UP])
    seconds: dict[str, float] = {}
    reference: list[float] = []
    for detector in chosen:
        reference.append(_seconds(_scan, articles))
        seconds[detector.id] = _seconds(_run(detector), articles)
    rates = {name: mb / s for name, s in seconds.items()}
    rates["total"] = mb / sum(seconds.values())
    rates["regex"] = mb / statistics.median(reference)
    return rates
