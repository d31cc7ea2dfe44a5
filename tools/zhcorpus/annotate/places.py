"""Places: administrative divisions from the gazetteer (the MCA table the confusable detector reads), linked to
their codes, and a village or community printed right after its township (高陇镇星峰村).

Provinces and prefectures are also found by their short names (株洲, 湖北). A name several divisions share is
decided by the article: the division under a province or prefecture the article names unambiguously (株洲日报
names 株洲市); a name still ambiguous is proposed without a code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from zhcorpus.annotate.base import ArticleText, Mention, register
from zhcorpus.detect.confusable import GAZETTEER_LEVELS, Division, gazetteer
from zhcorpus.records import Normalized
from zhcorpus.text.han import HAN

ANNOTATOR = "annotate.places@1"
_UNIT_SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")
_VILLAGE = re.compile(f"[{HAN}]{{1,4}}?(?:村|社区)")


@dataclass(frozen=True)
class PlaceIndex:
    by_surface: dict[str, list[Division]]
    longest: int


@cache
def place_index() -> PlaceIndex:
    by_surface: dict[str, list[Division]] = {}
    for division in gazetteer().by_code.values():
        by_surface.setdefault(division.name, []).append(division)
        if division.level <= 2:
            short = next((division.name[: -len(s)] for s in _UNIT_SUFFIXES if division.name.endswith(s)), None)
            if short and len(short) >= 2:
                by_surface.setdefault(short, []).append(division)
    return PlaceIndex(by_surface, max(map(len, by_surface)))


def _matches(value: str, index: PlaceIndex) -> Iterator[tuple[int, int, list[Division]]]:
    """Longest gazetteer names, left to right, never overlapping."""
    position = 0
    while position < len(value):
        for length in range(min(index.longest, len(value) - position), 1, -1):
            found = index.by_surface.get(value[position : position + length])
            if found:
                yield position, position + length, found
                position += length
                break
        else:
            position += 1


def _ancestry(division: Division) -> set[str]:
    return {division.code} | {a.code for a in gazetteer().ancestors(division)}


def _choose(candidates: list[Division], context: set[str]) -> Division | None:
    if len(candidates) == 1:
        return candidates[0]
    fitting = [d for d in candidates if _ancestry(d) & context]
    return fitting[0] if len(fitting) == 1 else None


@register(
    ANNOTATOR,
    ("LOC",),
    "administrative divisions from the MCA gazetteer with their codes; villages after them",
    priority=2,
)
def places(article: ArticleText) -> Iterator[Mention]:
    index = place_index()
    found = [(field, s, e, c) for field, value in article.fields.items() for s, e, c in _matches(value, index)]
    # The article's own provinces and prefectures, where the name is unambiguous, set the context.
    context = {c[0].code for *_, c in found if len(c) == 1 and c[0].level <= 2}
    for field, start, end, candidates in found:
        value = article.fields[field]
        chosen = _choose(candidates, context)
        if chosen is None:
            yield Mention(ANNOTATOR, field, start, end, value[start:end], "LOC")
            continue
        level = GAZETTEER_LEVELS[chosen.level]
        normalized = Normalized(name=chosen.name, code=chosen.code, level=level)  # type: ignore[arg-type]
        yield Mention(ANNOTATOR, field, start, end, value[start:end], "LOC", normalized)
        village = _VILLAGE.match(value, end) if chosen.level == 4 else None
        if village is not None:
            name = village.group()
            yield Mention(ANNOTATOR, field, end, village.end(), name, "LOC", Normalized(name=name, level="village"))
