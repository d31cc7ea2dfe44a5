"""Garbled passages: a stretch of characters that no reading in words explains (OCR noise, a line of another column).

jieba's dictionary is read as the set of character pairs that occur inside its words (about 300k pairs). Running
text is made of such pairs, joined at word boundaries where the pair is often one no word holds (的车, 他还);
garbled text is made of pairs no word holds, one after another. So a run of RUN neighbouring pairs of Han
characters, none of them inside any dictionary word, is flagged for a person; nothing is ever changed.

On the evaluation harness's clean People's Daily text a run of 6 gives about 0.9 flags per 10k characters (a
colloquial string of one-character words, 我倒想我真该去念; names, 员王露丹唱罢), while random characters put into a
clause are caught about one time in four: the detector finds noise, not sense. A garble made of real words in the
wrong order (page A1's 一辆驾驶室因体温异常…走上驶与车交谈) reads as words and is not found: it needs a language
model of the text, which no package here ships without the harness's own corpus; that flag stays a person's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from operator import add

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import Finding, body_blocks, register
from zhcorpus.records import RawArticle

DETECTOR = "garbled.passage@1"
# Consecutive character pairs that no dictionary word holds; 5 flags three times as much clean text, and the
# page's own names and officialese (院感科, 卫健委) with it.
RUN = 6
HAN_RUN = re.compile(rf"[\u4e00-\u9fff]{{{RUN + 1},}}")
# One byte a pair of neighbouring characters, 0 where no dictionary word holds the pair.
UNHELD = re.compile(rb"\x00{%d,}" % RUN)


@cache
def _held_pairs() -> frozenset[str]:
    """Every pair of neighbouring characters inside a dictionary word (built once, with the dictionary)."""
    return frozenset(word[i : i + 2] for word, _ in lexicon.words() for i in range(len(word) - 1))


@register(DETECTOR, "garbled", "a run of characters no dictionary word explains, flagged for a person")
def garbled(article: RawArticle) -> Iterator[Finding]:
    held = _held_pairs().__contains__
    for _, offset, block in body_blocks(article):
        # The pair test runs in C over the whole block (punctuation and digits make unheld pairs too); Python
        # only looks at the stretches of unheld pairs, for the Han characters in them.
        marks = bytes(map(held, map(add, block, block[1:])))
        for stretch in UNHELD.finditer(marks):
            for run in HAN_RUN.finditer(block, stretch.start(), stretch.end() + 1):
                start, end = run.span()
                yield Finding(
                    DETECTOR,
                    "garbled",
                    "text",
                    offset + start,
                    offset + end,
                    run.group(),
                    None,
                    0.5,
                    False,
                    f"{end - start} characters in a row of which no two neighbours occur together in any dictionary "
                    "word: check the print for a garbled passage",
                )
