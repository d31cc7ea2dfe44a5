"""Characters of the character policy in a printed article: each invisible one deleted, each private-use one flagged.

A raw page is evidence and keeps them; these findings keep them out of the released text. A bidi control, a zero
width space, a variation selector, a C1 control or a noncharacter carries no reading of its own, so its deletion is
safe to apply. A private-use character probably stands for a glyph the OCR font lacked: deleting it could change
the reading, so a person is asked to read it. A line that holds nothing but such characters is flagged whole:
deleting them would leave an empty line where the page printed something.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.charpolicy import RAW, Offence, offences
from zhcorpus.detect.base import Finding, register
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle

INVISIBLE = "charpolicy.invisible@1"
PRIVATE_USE = "charpolicy.private_use@1"


def _lines(value: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in value.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _flag(detector: str, kind: str, field: str, start: int, end: int, before: str, reason: str) -> Finding:
    return Finding(detector, kind, field, start, end, before, None, 1.0, False, reason)


def _findings(field: str, offset: int, line: str, found: list[Offence]) -> Iterator[Finding]:
    deleted = {o.index for o in found if not o.private_use}
    if deleted and not "".join(ch for i, ch in enumerate(line) if i not in deleted).strip():
        names = ", ".join(sorted({o.code for o in found}))
        yield _flag(INVISIBLE, "garbled", field, offset, offset + len(line), line, f"a line of invisible {names} only")
        return
    for o in found:
        start = offset + o.index
        if o.private_use:
            reason = f"{o.describe()}: probably a glyph the OCR font lacked; read it on the page and correct it"
            yield _flag(PRIVATE_USE, "doubtful_char", field, start, start + 1, o.char, reason)
        else:
            reason = f"{o.describe()}: no printed character, removed by the character policy"
            yield Finding(INVISIBLE, "deletion", field, start, start + 1, o.char, "", 1.0, True, reason)


def _policy_findings(article: RawArticle) -> Iterator[Finding]:
    for field in ARTICLE_TEXT_FIELDS:
        value = article.fields.get(field)
        if not value or RAW.regex.search(value) is None:
            continue
        for offset, line in _lines(value):
            found = offences(line, RAW)
            if found:
                yield from _findings(field, offset, line, found)


@register(INVISIBLE, "charpolicy", "an invisible, bidi, control or noncharacter in printed text, deleted")
def invisible(article: RawArticle) -> Iterator[Finding]:
    return (f for f in _policy_findings(article) if f.detector == INVISIBLE)


@register(PRIVATE_USE, "charpolicy", "a private-use character in printed text (a glyph the font lacked), flagged")
def private_use(article: RawArticle) -> Iterator[Finding]:
    return (f for f in _policy_findings(article) if f.detector == PRIVATE_USE)
