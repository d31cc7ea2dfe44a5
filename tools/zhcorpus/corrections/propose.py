"""Findings over a page of the corpus -> new proposed corrections and open flags, never repeating a known one.

A finding whose span touches a correction or flag already on file (in any status) is left out, so running
`zhcorpus propose` again, or after a review, proposes nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhcorpus.detect import findings_of
from zhcorpus.records import CORRECTION_ID, FLAG_ID, Correction, Flag, RawArticle
from zhcorpus.sources import PageSources


@dataclass
class Proposals:
    corrections: list[Correction]
    flags: list[Flag]


def _touches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return (a[0] < b[1] and b[0] < a[1]) or a[0] == b[0]


def propose_page(page_sources: PageSources, articles: list[RawArticle]) -> Proposals:
    known: dict[tuple[str, str], list[tuple[int, int]]] = {}
    numbers: dict[tuple[str, str], int] = {}
    for _, item in page_sources.records():
        known.setdefault((item.record, item.field), []).append((item.start, item.end))
        found = (CORRECTION_ID if isinstance(item, Correction) else FLAG_ID).match(item.id)
        kind = "c" if isinstance(item, Correction) else "f"
        if found:
            numbers[(item.record, kind)] = max(numbers.get((item.record, kind), 0), int(found["n"]))
    out = Proposals([], [])
    for article, own in zip(articles, findings_of(articles), strict=True):
        for finding in own:
            span = (finding.start, finding.end)
            spans = known.setdefault((article.id, finding.field), [])
            if any(_touches(span, other) for other in spans):
                continue
            spans.append(span)
            kind = "f" if finding.is_flag else "c"
            numbers[(article.id, kind)] = n = numbers.get((article.id, kind), 0) + 1
            if finding.is_flag:
                out.flags.append(finding.flag(article.id, f"{article.id}-f{n:03d}"))
            else:
                out.corrections.append(finding.correction(article.id, f"{article.id}-c{n:03d}", "proposed"))
    return out
