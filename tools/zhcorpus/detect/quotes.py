"""Unbalanced quotation marks: a closing mark with nothing open, an opening mark never closed.

A quotation that runs over several paragraphs legitimately leaves its mark open at each paragraph end, and each
following paragraph of the quotation opens again (the Chinese convention), so that is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set

import numpy as np
import numpy.typing as npt

from zhcorpus.detect.base import Finding, register
from zhcorpus.detect.batch import Batch
from zhcorpus.detect.codes import code_points
from zhcorpus.detect.compiled import compiled
from zhcorpus.records import RawArticle

DETECTOR = "quotes.unbalanced@1"
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
# Only the marks matter: the regex engine skips the text between them.
_MARK = re.compile("[" + "".join(PAIRS) + "".join(CLOSERS) + "]")
_NEWLINE = ord("\n")
# Each mark as a number: k for the opening mark of pair k, -k for its closing mark, 0 for any other character.
_KIND = np.zeros(0x110000, dtype=np.int8)
_KIND[code_points("".join(PAIRS))] = np.arange(1, len(PAIRS) + 1)
_KIND[code_points("".join(PAIRS.values()))] = -np.arange(1, len(PAIRS) + 1)


@compiled
def _unbalanced(codes: npt.NDArray[np.uint32], kinds: npt.NDArray[np.int8]) -> npt.NDArray[np.int64]:
    """Where a block's marks do not pair up: a closing mark that closes nothing open, or the last mark a block
    leaves open. Where every block's marks pair up, nothing is carried from one block to the next and nothing is
    flagged."""
    n = len(codes)
    found = np.empty(n, np.int64)
    kept = 0
    opened = np.empty(n, np.int8)
    opened_at = np.empty(n, np.int64)
    depth = 0
    for i in range(n + 1):
        if i == n or codes[i] == _NEWLINE:
            if depth:
                found[kept] = opened_at[depth - 1]
                kept += 1
                depth = 0
            continue
        kind = kinds[codes[i]]
        if kind > 0:
            opened[depth], opened_at[depth] = kind, i
            depth += 1
        elif kind < 0:
            if depth and opened[depth - 1] == -kind:
                depth -= 1
            else:
                found[kept] = i
                kept += 1
    return found[:kept]


def holding_unbalanced(batch: Batch) -> Set[int]:
    """The articles of a batch with a block whose marks do not pair up, by one compiled pass over their bodies."""
    bodies = batch.bodies
    return bodies.articles_at(_unbalanced(bodies.codes, _KIND))


def _flag(offset: int, block: str, i: int, note: str) -> Finding:
    lo, hi = max(0, i - 8), min(len(block), i + 9)
    return Finding(DETECTOR, "unbalanced_quote", "text", offset + lo, offset + hi, block[lo:hi], None, 0.8, False, note)


def _blocks_with_marks(text: str) -> Iterator[tuple[int, str, list[tuple[int, str]]]]:
    """(offset, text, marks with their offsets in the block) of each block that holds a mark, in order. One regex
    pass over the body finds them all; most blocks hold none, and a Python step a block cost more than the pass."""
    block_start, block_end = -1, -1
    marks: list[tuple[int, str]] = []
    for found in _MARK.finditer(text):
        at = found.start()
        if block_start < 0 or at > block_end:
            if marks:
                yield block_start, text[block_start:block_end], marks
            block_start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            block_end, marks = (len(text) if end < 0 else end), []
        marks.append((at - block_start, found.group()))
    if marks:
        yield block_start, text[block_start:block_end], marks


@register(
    DETECTOR,
    "quotes",
    "quotation marks that do not pair up within a paragraph or a multi-paragraph quote",
    screen=holding_unbalanced,
)
def unbalanced_quotes(article: RawArticle) -> Iterator[Finding]:
    text = article.fields["text"] or ""
    carried: list[tuple[str, int, int, str]] = []  # marks left open by the previous paragraph
    previous_end = -1  # where the last block read ends
    for offset, block, marks in _blocks_with_marks(text):
        # A block with no mark reopens nothing: what it follows is left open.
        reopened = bool(carried) and offset == previous_end + 1 and block.lstrip()[:1] == carried[-1][0]
        if carried and not reopened:
            for mark, at_offset, i, quoted in carried:
                yield _flag(at_offset, quoted, i, f"{mark} opened here is never closed")
        stack: list[tuple[str, int, int, str]] = []
        for i, char in marks:
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
        carried, previous_end = stack, offset + len(block)
    for mark, at_offset, i, quoted in carried:
        yield _flag(at_offset, quoted, i, f"{mark} opened here is never closed")
