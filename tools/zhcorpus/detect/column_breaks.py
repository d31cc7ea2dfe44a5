"""Column-break splits: a printed block that stops mid-sentence continues in the next block of the same article.

Ingest records each merge as a correction (the line break deleted), so a reviewer can reject one like any other.
A heading, a byline or a section head is never merged: only paragraph blocks reach this detector's decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from zhcorpus.detect.base import Finding, body_blocks, register
from zhcorpus.detect.batch import Batch
from zhcorpus.detect.codes import SPACES, code_points
from zhcorpus.detect.compiled import compiled
from zhcorpus.records import RawArticle
from zhcorpus.text.han import HAN

DETECTOR = "ingest.column_break@1"
# Closing quotes and brackets do not end a sentence by themselves: look at what stands before them.
_CLOSERS = "”’」』）)》〉】"
_SENTENCE_END = "。！？…；：!?;:"
_HAN_OR_ALNUM = re.compile(f"[{HAN}0-9A-Za-z]")


_NEWLINE = ord("\n")
# What ``ends_sentence`` strips, one class a character: 1 white space (str.isspace), 2 a closer, 3 a sentence end.
_CLASS = np.zeros(0x110000, dtype=np.uint8)
_CLASS[SPACES] = 1
_CLASS[code_points(_CLOSERS)] = 2
_CLASS[code_points(_SENTENCE_END)] = 3


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


@compiled
def _open_ends(codes: npt.NDArray[np.uint32], classes: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64]:
    """Each line break whose block does not end a sentence (``ends_sentence``): white space, then closers, read
    back from it, and no sentence end before them."""
    found = np.empty(len(codes), np.int64)
    kept = 0
    for i in range(len(codes)):
        if codes[i] != _NEWLINE:
            continue
        k = i - 1
        while k >= 0 and codes[k] != _NEWLINE and classes[codes[k]] == 1:
            k -= 1
        while k >= 0 and codes[k] != _NEWLINE and classes[codes[k]] == 2:
            k -= 1
        if k < 0 or codes[k] == _NEWLINE or classes[codes[k]] != 3:
            found[kept] = i
            kept += 1
    return found[:kept]


def holding_open_ends(batch: Batch) -> Set[int]:
    """The articles of a batch with a block, not the last, that does not end a sentence: one compiled pass over
    their bodies. The line breaks that join them close each article's last block and are passed over."""
    bodies = batch.bodies
    ends = _open_ends(bodies.codes, _CLASS)
    return bodies.articles_at(ends[~np.isin(ends + 1, bodies.starts)])


@register(
    DETECTOR,
    "column_break",
    "a paragraph block cut mid-word or mid-sentence by a column break",
    screen=holding_open_ends,
)
def column_breaks(article: RawArticle) -> Iterator[Finding]:
    blocks = list(body_blocks(article))
    for (i, offset, block), (_, _, following) in pairwise(blocks):
        joinable = article.body_kinds[i] == "paragraph" and article.body_kinds[i + 1] == "paragraph"
        if not joinable or ends_sentence(block) or not block.strip() or not following.strip():
            continue
        mid_word = bool(_HAN_OR_ALNUM.match(block.rstrip()[-1:]))
        end = offset + len(block)
        yield Finding(
            DETECTOR,
            "column_break",
            "text",
            end,
            end + 1,
            "\n",
            "",
            0.98 if mid_word else 0.95,
            True,
            f"block ends mid-{'word' if mid_word else 'sentence'} ({block.rstrip()[-4:]}) and the next block "
            f"continues it ({following[:4]}): a column break, not a paragraph end",
        )
