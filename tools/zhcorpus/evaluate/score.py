"""Findings judged against the gold faults: a match, a finding the clean text has too, or a false positive.

A finding of detector family F matches a gold fault whose family ``inject.DETECTED_BY`` maps to F, in the same
field, when

- it is a change (``after`` set) that gives the same text as the gold correction, compared on the window both
  spans cover (deleting either 好 of 好好 is the same fix; deleting the wrong one of 值班班 is not), or
- it is a flag whose span overlaps the fault's region (a damaged quotation is flagged at its closing mark).

A change that touches a fault but gives other text is a false positive: a wrong fix. A finding that the detector
also makes on the untouched clean article (same place, same text) is no false positive of the faulty text: it
is counted once, in the clean control.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from zhcorpus.corrections.replay import replay
from zhcorpus.detect.base import REGISTRY, Finding
from zhcorpus.evaluate.inject import DETECTED_BY, GoldFault
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle

Verdict = Literal["match", "clean", "false_positive"]
# Where a false positive stands: in a paragraph carrying a fault of its own family (a wrong fix or a rival
# reading of a real fault), in one carrying another family's fault (perhaps a side effect of it), or in a
# paragraph no fault touched.
Place = Literal["with_fault", "collateral", "elsewhere"]


@dataclass(frozen=True)
class Judged:
    finding: Finding
    family: str  # the fault family it is scored in: its matched fault's, else its detector's (scored_family)
    applied: bool  # chosen for application (automatic-safe, and the most confident on its span)
    verdict: Verdict
    fault: int | None  # index of the matched fault in its article
    place: Place | None  # of a false positive


def family_of(detector: str) -> str:
    return REGISTRY[detector].family


def scored_family(detector_family: str) -> str:
    """The fault family a detector family's unmatched findings count against: the first that maps to it."""
    return next((f for f, d in DETECTED_BY.items() if d == detector_family), detector_family)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Spans overlap; an empty span is a point, which a span touches when the point lies within or at its ends."""
    if a_start == a_end:
        return b_start <= a_start <= b_end
    if b_start == b_end:
        return a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end


def same_result(text: str, finding: Finding, fault: GoldFault) -> bool:
    """Applying the finding alone gives the same text as applying the gold correction alone."""
    lo, hi = min(finding.start, fault.start), max(finding.end, fault.end)
    ours = text[lo : finding.start] + (finding.after or "") + text[finding.end : hi]
    gold = text[lo : fault.start] + fault.after + text[fault.end : hi]
    return ours == gold


def matches(finding: Finding, fault: GoldFault, text: str) -> bool:
    """Whether a finding (already known to be of the fault's family) finds the fault; ``text`` is the faulty field."""
    if finding.field != fault.field:
        return False
    if finding.after is not None:
        return same_result(text, finding, fault)
    return overlaps(finding.start, finding.end, fault.region_start, fault.region_end)


def to_clean(position: int, faults: Sequence[GoldFault]) -> int | None:
    """Where a position of the faulty body stands in the clean body; None inside a fault's span."""
    shift = 0
    for fault in faults:
        if fault.start < position < fault.end:
            return None
        if fault.end <= position:
            shift += len(fault.after) - len(fault.before)
    return position + shift


def _clean_key(finding: Finding, faults: Sequence[GoldFault]) -> tuple[object, ...] | None:
    start, end = finding.start, finding.end
    if finding.field == "text":
        mapped_start, mapped_end = to_clean(start, faults), to_clean(end, faults)
        if mapped_start is None or mapped_end is None:
            return None
        start, end = mapped_start, mapped_end
    return (finding.detector, finding.kind, finding.field, start, end, finding.before, finding.after)


def key(finding: Finding) -> tuple[object, ...]:
    return (finding.detector, finding.kind, finding.field, finding.start, finding.end, finding.before, finding.after)


def choose_applied(findings: Sequence[Finding]) -> set[int]:
    """Indices of the fixes applied: automatic-safe, the most confident winning a contested span (as ``fix``)."""
    taken: list[tuple[str, int, int]] = []
    chosen: set[int] = set()
    order = sorted(range(len(findings)), key=lambda i: (-findings[i].confidence, findings[i].field, findings[i].start))
    for i in order:
        f = findings[i]
        if not f.applies:
            continue
        clash = any(
            field == f.field and ((f.start < b and a < f.end) or f.start == f.end == a) for field, a, b in taken
        )
        if not clash:
            taken.append((f.field, f.start, f.end))
            chosen.add(i)
    return chosen


def fixed_fields(article: RawArticle, fixes: Iterable[Finding]) -> dict[str, str]:
    """Every text field of the article with the given fixes replayed on it."""
    by_field: dict[str, list[Finding]] = {}
    for f in fixes:
        by_field.setdefault(f.field, []).append(f)
    out = {}
    for field in ARTICLE_TEXT_FIELDS:
        text = article.fields.get(field) or ""
        corrections = [
            f.correction(article.id, f"{article.id}-c{n:03d}", "accepted")
            for n, f in enumerate(by_field.get(field, []), start=1)
        ]
        out[field] = replay(text, corrections)[0] if corrections else text
    return out


def _place(finding: Finding, family: str, faults: Sequence[GoldFault]) -> Place:
    near = [
        g
        for g in faults
        if g.field == finding.field and overlaps(finding.start, finding.end, g.block_start, g.block_end)
    ]
    if any(DETECTED_BY[g.family] == family for g in near):
        return "with_fault"
    return "collateral" if near else "elsewhere"


def judge(
    faulty: RawArticle,
    faults: Sequence[GoldFault],
    findings: Sequence[Finding],
    clean_findings: Sequence[Finding],
) -> list[Judged]:
    clean_keys = {key(f) for f in clean_findings}
    applied = choose_applied(findings)
    judged = []
    for i, f in enumerate(findings):
        family = family_of(f.detector)
        text = faulty.fields.get(f.field) or ""
        fault = next(
            (n for n, g in enumerate(faults) if DETECTED_BY[g.family] == family and matches(f, g, text)),
            None,
        )
        if fault is not None:
            verdict: Verdict = "match"
        elif _clean_key(f, faults) in clean_keys:
            verdict = "clean"
        else:
            verdict = "false_positive"
        judged.append(
            Judged(
                f,
                scored_family(family) if fault is None else faults[fault].family,
                i in applied,
                verdict,
                fault,
                _place(f, family, faults) if verdict == "false_positive" else None,
            )
        )
    return judged
