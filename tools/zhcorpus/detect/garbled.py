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

from collections.abc import Iterator, Set
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import Finding, register, table
from zhcorpus.detect.batch import Batch
from zhcorpus.detect.codes import code_points, han_mask
from zhcorpus.detect.compiled import bit, compiled
from zhcorpus.records import RawArticle
from zhcorpus.text.han import HAN_FIRST, HAN_LAST

DETECTOR = "garbled.passage@1"
# Consecutive character pairs that no dictionary word holds; 5 flags three times as much clean text, and the
# page's own names and officialese (院感科, 卫健委) with it.
RUN = 6
# Character numbers: 0 any character that is not Han (a pair with it never counts), 1 a Han character that no
# word pairs with another Han character, then one number each for the ~7k that some word does.
_OTHER, _LONE = 0, 1


@dataclass(frozen=True)
class PairTable:
    """Every pair of Han characters as one bit, set where no dictionary word holds the pair: 6 MB of bits and a
    2 MB map of code points (the same pairs as a set of two-character strings took some 25 MB) that a compiled
    loop tests a whole text against."""

    number: npt.NDArray[np.uint16]  # code point -> character number
    width: int  # character numbers in all
    unheld: npt.NDArray[np.uint8]  # bit (first * width + second) of the pair of character numbers


def _bits_clear(bits: npt.NDArray[np.uint8], index: npt.NDArray[np.int64]) -> None:
    np.bitwise_and.at(bits, index >> 3, ~np.left_shift(1, index & 7).astype(np.uint8))


@table
def pair_table() -> PairTable:
    """The unheld-pair bits, built once from the dictionary."""
    held = {word[i : i + 2] for word, _ in lexicon.words() for i in range(len(word) - 1)}
    codes = code_points("".join(held)).reshape(-1, 2)
    codes = codes[han_mask(codes).all(axis=1)]
    chars, seen = np.unique(codes, return_counts=True)
    # The characters that pair most often first: the pairs of common characters, which most text is made of,
    # then lie in a corner of each bit table small enough to stay in the processor's cache.
    chars = chars[np.argsort(-seen, kind="stable")]
    number = np.full(0x110000, _OTHER, dtype=np.uint16)
    number[HAN_FIRST : HAN_LAST + 1] = _LONE
    number[chars] = np.arange(_LONE + 1, _LONE + 1 + len(chars), dtype=np.uint16)
    width = _LONE + 1 + len(chars)
    unheld = np.full((width * width + 7) // 8, 0xFF, dtype=np.uint8)
    pairs = number[codes].astype(np.int64)
    _bits_clear(unheld, pairs[:, 0] * width + pairs[:, 1])
    every = np.arange(width, dtype=np.int64)
    _bits_clear(unheld, every * width + _OTHER)
    _bits_clear(unheld, _OTHER * width + every)
    return PairTable(number, width, unheld)


@compiled
def _unheld_runs(
    codes: npt.NDArray[np.uint32], number: npt.NDArray[np.uint16], width: int, unheld: npt.NDArray[np.uint8]
) -> npt.NDArray[np.int64]:
    """(start, end) of every longest stretch of characters whose RUN or more neighbouring pairs are all unheld."""
    n = len(codes)
    runs = np.empty((n // (RUN + 1) + 1, 2), np.int64)
    kept = 0
    start = 0  # of the stretch of unheld pairs the loop is in
    for k in range(n):
        # Pair k is (k, k + 1); past the last character there is none, which ends a stretch.
        held = k + 1 >= n or not bit(unheld, np.int64(number[codes[k]]) * width + np.int64(number[codes[k + 1]]))
        if held:
            if k - start >= RUN:
                runs[kept, 0], runs[kept, 1] = start, k + 1
                kept += 1
            start = k + 1
    return runs[:kept]


def holding_unheld_runs(batch: Batch) -> Set[int]:
    """The articles of a batch with a run, by one compiled pass over their bodies: the line breaks that join them
    end a run as a body's end does."""
    bodies, pairs = batch.bodies, pair_table()
    return bodies.articles_at(_unheld_runs(bodies.codes, pairs.number, pairs.width, pairs.unheld)[:, 0])


@register(
    DETECTOR,
    "garbled",
    "a run of characters no dictionary word explains, flagged for a person",
    screen=holding_unheld_runs,
)
def garbled(article: RawArticle) -> Iterator[Finding]:
    text = article.fields["text"] or ""
    if len(text) <= RUN:
        return
    # The line breaks between blocks are no Han characters, so a run never crosses one and its offsets in the
    # whole body are those of the block plus the block's offset.
    pairs = pair_table()
    for start, end in _unheld_runs(code_points(text), pairs.number, pairs.width, pairs.unheld).tolist():
        yield Finding(
            DETECTOR,
            "garbled",
            "text",
            start,
            end,
            text[start:end],
            None,
            0.5,
            False,
            f"{end - start} characters in a row of which no two neighbours occur together in any dictionary "
            "word: check the print for a garbled passage",
        )
