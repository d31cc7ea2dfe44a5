"""Unbalanced quotation marks: a closing mark with nothing open, an opening mark never closed.

A quotation that runs over several paragraphs legitimately leaves its mark open at each paragraph end, and each
following paragraph of the quotation opens again (the Chinese convention), so that is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhcorpus.detect.base import Finding, body_blocks, register
from zhcorpus.records import RawArticle

DETECTOR = "quotes.unbalanced@1"
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
# Only the marks matter: the regex engine skips the text between them.
_MARK = re.compile("[" + "".join(PAIRS) + "".join(CLOSERS) + "]")


def _flag(offset: int, block: str, i: int, note: str) -> Finding:
    lo, hi = max(0, i - 8), min(len(block), i + 9)
    return Finding(DETECTOR, "unbalanced_quote", "text", offset + lo, offset + hi, block[lo:hi], None, 0.8, False, note)


@register(DETECTOR, "quotes", "quotation marks that do not pair up within a paragraph or a multi-paragraph quote")
def unbalanced_quotes(article: RawArticle) -> Iterator[Finding]:
    carried: list[tuple[str, int, int, str]] = []  # marks left open by the previous paragraph
    for _, offset, block in body_blocks(article):
        stack: list[tuple[str, int, int, str]] = []
        reopened = bool(carried) and block.lstrip()[:1] == carried[-1][0]
        if carried and not reopened:
            for mark, at_offset, i, text in carried:
                yield _flag(at_offset, text, i, f"{mark} opened here is never closed")
        for found in _MARK.finditer(block):
            i, char = found.start(), found.group()
            if char in PAIRS:
                stack.append((char, offset, i, block))
            elif stack and stack[-1][0] == CLOSERS[char]:
                stack.pop()
            else:
                yield _flag(
                    offset,
                    block,
                    i,
                    f"{char} closes a quotation that was never opened: an opening "
                    "mark or the text before it may be missing",
                )
        carried = stack
    for mark, at_offset, i, text in carried:
        yield _flag(at_offset, text, i, f"{mark} opened here is never closed")
