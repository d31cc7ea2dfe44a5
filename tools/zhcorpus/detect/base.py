"""Detectors: one OCR fault family a module, registered under a stable versioned id, yielding located findings.

A detector reads an article as printed (its raw fields) and never changes it: each finding is either a proposed
change (``after`` set) or a flag for a person (``after`` None). Offsets are code points in the printed field.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from zhcorpus.detect.batch import Batch
from zhcorpus.records import Correction, Flag, RawArticle, Status
from zhcorpus.text.charpolicy import WRITTEN, printable

T = TypeVar("T")

# Confidence from which an automatic-safe finding is applied without review by `zhcorpus fix` (its default
# --min-confidence): every bucket at or above it measured applied precision >= 0.99 on the synthetic harness
# and on the real OCR pairs (BENCHMARKS.md, reliability table).
AUTO_THRESHOLD = 0.9


@dataclass(frozen=True)
class Finding:
    detector: str
    kind: str
    field: str
    start: int
    end: int
    before: str
    after: str | None
    confidence: float
    auto: bool
    reason: str

    @property
    def is_flag(self) -> bool:
        return self.after is None

    @property
    def applies(self) -> bool:
        """Safe to apply without a person: a change, marked automatic, confident enough."""
        return self.applies_at(AUTO_THRESHOLD)

    def applies_at(self, min_confidence: float) -> bool:
        """Applied at this threshold: a change, marked automatic, whose confidence (the precision measured for
        findings like it) reaches ``min_confidence``."""
        return not self.is_flag and self.auto and self.confidence >= min_confidence

    def correction(self, record: str, correction_id: str, status: Status) -> Correction:
        return Correction(
            id=correction_id,
            record=record,
            field=self.field,
            start=self.start,
            end=self.end,
            before=self.before,
            after=self.after or "",
            kind=self.kind,
            method=self.detector,
            confidence=self.confidence,
            status=status,
            reason=printable(self.reason, WRITTEN),
        )

    def flag(self, record: str, flag_id: str) -> Flag:
        return Flag(
            id=flag_id,
            record=record,
            field=self.field,
            start=self.start,
            end=self.end,
            text=self.before,
            kind=self.kind,
            method=self.detector,
            status="open",
            note=printable(self.reason, WRITTEN),
        )


DetectFn = Callable[[RawArticle], Iterator[Finding]]
# The articles of a batch (their indices) that may hold something a detector finds: every one that does, and
# any others. The detector then reads those alone.
ScreenFn = Callable[[Batch], Set[int]]


class KeptSpans:
    """The spans kept in one field, by start. Two spans touch when they overlap, when one is an insertion inside
    the other, or when they start together; kept spans touch none other, so their ends rise with their starts,
    and whether a span touches any of them is two binary searches, not a look at each (an article cut into
    hundreds of blocks has hundreds of findings)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def touches(self, start: int, end: int) -> bool:
        at = bisect_left(self.starts, start)
        if at < len(self.starts) and self.starts[at] == start:
            return True
        before_end = bisect_left(self.starts, end)  # the spans that start before this one ends
        return before_end > 0 and self.ends[before_end - 1] > start

    def add(self, start: int, end: int) -> None:
        at = bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)


def without_touching(found: list[Finding]) -> list[Finding]:
    """The findings without two on touching spans, the most confident kept, in field and span order."""
    kept: list[Finding] = []
    spans: dict[str, KeptSpans] = {}
    for finding in sorted(found, key=lambda f: (-f.confidence, f.field, f.start, f.end, f.detector)):
        field_spans = spans.setdefault(finding.field, KeptSpans())
        if not field_spans.touches(finding.start, finding.end):
            field_spans.add(finding.start, finding.end)
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.field, f.start, f.end, f.detector))


@dataclass(frozen=True)
class Detector:
    id: str
    family: str
    description: str
    run: DetectFn
    screen: ScreenFn | None = None


REGISTRY: dict[str, Detector] = {}
# Earlier versions that records on file still name (old id -> the id that replaced it): `validate` knows them,
# nothing runs them.
RETIRED: dict[str, str] = {}


def findings_of(articles: Sequence[RawArticle], detectors: Iterable[Detector] | None = None) -> list[list[Finding]]:
    """Each article's findings, detector by detector (every registered one unless ``detectors`` is given): the
    lists one detector after another on one article after another would make, in the same order.

    Each detector reads every article before the next one starts, so that its tables, memos and code stay in the
    processor's caches: fourteen detectors in turn on each article took 1.2 to 1.9 times as long over the same
    text (BENCHMARKS.md). A detector with a screen reads only the articles its screen names, which are all that
    it could find something in. Give as many articles as memory allows (a batch of pages)."""
    chosen = list(REGISTRY.values()) if detectors is None else list(detectors)
    found: list[list[Finding]] = [[] for _ in articles]
    batch = Batch(articles)
    for detector in chosen:
        read = range(len(articles)) if detector.screen is None else sorted(detector.screen(batch))
        if read and (read[0] < 0 or read[-1] >= len(articles)):
            named = read[0] if read[0] < 0 else read[-1]
            raise ValueError(f"the screen of {detector.id} named article {named} of a batch of {len(articles)}")
        for index in read:
            found[index].extend(detector.run(articles[index]))
    return found


def register(
    detector_id: str, family: str, description: str, screen: ScreenFn | None = None
) -> Callable[[DetectFn], DetectFn]:
    """Register a detector as ``name@version``; a change in what it finds gets a new version, never the old id.
    ``screen``, if given, names the articles of a batch the detector may find something in (``findings_of``)."""

    def add(fn: DetectFn) -> DetectFn:
        if detector_id in REGISTRY:
            raise ValueError(f"detector id {detector_id} registered twice")
        REGISTRY[detector_id] = Detector(detector_id, family, description, fn, screen)
        return fn

    return add


def retire(old_id: str, successor: str) -> None:
    """Keep ``old_id`` known as a method of records on file once ``successor`` finds something else."""
    if old_id in REGISTRY or old_id in RETIRED:
        raise ValueError(f"detector id {old_id} is registered or retired already")
    RETIRED[old_id] = successor


def known_ids() -> set[str]:
    """Every detector id a record may name: the registered ones and the retired ones."""
    return {*REGISTRY, *RETIRED}


def body_blocks(article: RawArticle) -> Iterator[tuple[int, int, str]]:
    """(block index, offset in the body text, block text) of each printed body block."""
    offset = 0
    for index, block in enumerate((article.fields["text"] or "").split("\n")):
        yield index, offset, block
        offset += len(block) + 1


# The tables detectors build once (a dictionary, a gazetteer, pair bits), in the order they were declared.
_TABLES: list[Callable[[], object]] = []


def table(build: Callable[[], T]) -> Callable[[], T]:
    """A table a detector builds once, on first need; ``load_tables`` builds them all ahead of time."""
    cached = cache(build)
    _TABLES.append(cached)
    return cached


def load_tables() -> None:
    """Build every table now: an archive build does so once before it forks a process for each shard, so that
    the shards share the tables instead of each building them again."""
    for load in _TABLES:
        load()
