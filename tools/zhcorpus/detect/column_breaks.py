"""Column-break splits: a printed block that stops mid-sentence continues in the next block of the same article.

Ingest records each merge as a correction (the line break deleted), so a reviewer can reject one like any other.
A heading, a byline or a section head is never merged: only paragraph blocks reach this detector's decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from zhcorpus.detect.base import Finding, body_blocks, register
from zhcorpus.records import RawArticle
from zhcorpus.text.han import HAN

DETECTOR = "ingest.column_break@1"
# Closing quotes and brackets do not end a sentence by themselves: look at what stands before them.
_CLOSERS = "”’」』）)》〉】"
_SENTENCE_END = "。！？…；：!?;:"
_HAN_OR_ALNUM = re.compile(f"[{HAN}0-9A-Za-z]")


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


@register(DETECTOR, "column_break", "a paragraph block cut mid-word or mid-sentence by a column break")
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
