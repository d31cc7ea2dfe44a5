"""Characters of the character policy in a printed article: each invisible one deleted, each private-use one flagged.

A raw page is evidence and keeps them; these findings keep them out of the released text. A bidi control, a zero
width space, a variation selector, a C1 control or a noncharacter carries no reading of its own, so its deletion is
safe to apply. A private-use character probably stands for a glyph the OCR font lacked: deleting it could change
the reading, so a person is asked to read it. A body block of nothing but such characters is deleted whole; a
heading or byline line of nothing else is flagged, since deleting its characters would leave the line empty.
"""

from __future__ import annotations

from collections.abc import Iterator, Set

import numpy as np
import numpy.typing as npt

from zhcorpus.detect.base import Finding, register, table
from zhcorpus.detect.batch import Batch
from zhcorpus.detect.codes import code_points
from zhcorpus.detect.compiled import compiled
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle
from zhcorpus.text.charpolicy import RAW, Offence, offences

INVISIBLE = "charpolicy.invisible@1"
PRIVATE_USE = "charpolicy.private_use@1"


@table
def refused() -> npt.NDArray[np.uint8]:
    """1 for each code point the raw pages' policy refuses (``RAW.ranges``), 0 for the others."""
    marks = np.zeros(0x110000, dtype=np.uint8)
    for first, last in RAW.ranges():
        marks[first : last + 1] = 1
    return marks


@compiled
def _holds_refused(codes: npt.NDArray[np.uint32], marks: npt.NDArray[np.uint8]) -> bool:
    for code in codes:  # noqa: SIM110 - Numba compiles no generator expression
        if marks[code]:
            return True
    return False


@compiled
def _refused_at(codes: npt.NDArray[np.uint32], marks: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64]:
    found = np.empty(len(codes), np.int64)
    kept = 0
    for i in range(len(codes)):
        if marks[codes[i]]:
            found[kept] = i
            kept += 1
    return found[:kept]


def holding_refused(batch: Batch) -> Set[int]:
    """The articles of a batch with a refused character in a printed field: one compiled pass over them all (the
    line breaks that join them are no refused character)."""
    fields = batch.fields
    return fields.articles_at(_refused_at(fields.codes, refused()))


def holds_refused(text: str) -> bool:
    """``RAW.regex.search(text)`` finds something: one table lookup a character, in a compiled loop (four times as
    fast as the regex over an article, and every article's every field is read by both detectors)."""
    return bool(_holds_refused(code_points(text), refused()))


def _flag(detector: str, kind: str, field: str, start: int, end: int, before: str, reason: str) -> Finding:
    return Finding(detector, kind, field, start, end, before, None, 1.0, False, reason)


def _delete(field: str, start: int, end: int, before: str, reason: str) -> Finding:
    return Finding(INVISIBLE, "deletion", field, start, end, before, "", 1.0, True, reason)


def _empty_line(article: RawArticle, field: str, offset: int, line: str, names: str) -> Finding:
    """A line of nothing but invisible characters: a body block goes whole, with the line break that joins it to
    its neighbour (as a duplicated paragraph does); a heading or byline line, or a body of that line alone, is
    flagged, since deleting would leave it empty."""
    value = article.fields[field] or ""
    end = offset + len(line)
    reason = f"a block of invisible {names} only: nothing printed, removed by the character policy"
    if field == "text" and len(line) < len(value):
        if offset > 0:
            return _delete(field, offset - 1, end, value[offset - 1 : end], reason)
        return _delete(field, offset, end + 1, value[offset : end + 1], reason)
    return _flag(INVISIBLE, "garbled", field, offset, end, line, f"a line of invisible {names} only")


def _policy_findings(article: RawArticle) -> Iterator[Finding]:
    # One compiled call an article: almost no article holds such a character, and a call a field cost more than
    # the test (six fields, most of them a few characters).
    if not holds_refused("".join(article.fields.get(field) or "" for field in ARTICLE_TEXT_FIELDS)):
        return
    for field in ARTICLE_TEXT_FIELDS:
        value = article.fields.get(field)
        if not value or not holds_refused(value):
            continue
        offset = 0
        for line in value.split("\n"):
            found = offences(line, RAW)
            deleted = {o.index for o in found if not o.private_use}
            if deleted and not "".join(ch for i, ch in enumerate(line) if i not in deleted).strip():
                yield _empty_line(article, field, offset, line, ", ".join(sorted({o.code for o in found})))
            else:
                yield from _characters(field, offset, found)
            offset += len(line) + 1


def _characters(field: str, offset: int, found: list[Offence]) -> Iterator[Finding]:
    for o in found:
        start = offset + o.index
        if o.private_use:
            reason = f"{o.describe()}: probably a glyph the OCR font lacked; read it on the page and correct it"
            yield _flag(PRIVATE_USE, "doubtful_char", field, start, start + 1, o.char, reason)
        else:
            reason = f"{o.describe()}: no printed character, removed by the character policy"
            yield _delete(field, start, start + 1, o.char, reason)


@register(
    INVISIBLE,
    "charpolicy",
    "an invisible, bidi, control or noncharacter in printed text, deleted",
    screen=holding_refused,
)
def invisible(article: RawArticle) -> Iterator[Finding]:
    return (f for f in _policy_findings(article) if f.detector == INVISIBLE)


@register(
    PRIVATE_USE,
    "charpolicy",
    "a private-use character in printed text (a glyph the font lacked), flagged",
    screen=holding_refused,
)
def private_use(article: RawArticle) -> Iterator[Finding]:
    return (f for f in _policy_findings(article) if f.detector == PRIVATE_USE)
