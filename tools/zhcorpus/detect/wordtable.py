"""jieba's dictionary as a hash table a compiled loop reads, and the score of a short text's best reading.

``lexicon.read_words`` reads a text through jieba-rs and Python, some 10 microseconds a call. A detector that
scores thousands of windows of a few characters, each with several look-alikes put in, reads them here instead,
inside one compiled loop: the same dynamic programme as jieba's ``calc`` (``lexicon._read_words_python``) over
the same entries (words with their counts, and the prefixes jieba keeps with a count of 0), so the same score as
``calc`` to the last bit (tests/test_wordtable.py). ``lexicon.read_words`` may score a text otherwise, by a bound
the table states (``read_words_error``): jieba-rs ranks readings by the total of the counts loaded into it, which
is a little less than jieba's total (jieba's counts the lines its dictionary repeats), so where two readings of
different numbers of words come within that of each other it may keep the other; and where two readings tie,
reading in pieces adds the same terms in another order. The table holds the entries of up to LONGEST
characters: a text read here must be no longer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import table
from zhcorpus.detect.codes import code_points
from zhcorpus.detect.compiled import GOLDEN, compiled

# The longest text (and so the longest entry) read here: a look-alike's window, 4 characters each side of it.
LONGEST = 9
_LENGTH_SHIFT = 32  # a slot's last number: the entry's length above these bits, its count + 1 below
_COUNT_BITS = (1 << _LENGTH_SHIFT) - 1
# The table's first slots are the characters of the BMP, each alone, at its code point; the hashed slots follow.
_SINGLES = 0x10000


@dataclass(frozen=True)
class WordTable:
    """Each slot is four numbers, the entry's code points (three packed in each of the first three) and its length
    and count (0 for an empty slot), so that a probe reads one cache line. A character of the BMP alone has the
    slot at its code point; every other entry is hashed into the slots after those, open addressing with linear
    probing."""

    slots: npt.NDArray[np.int64]  # (slots, 4)
    logtotal: float
    # How far ``lexicon.read_words``'s score of a text of up to LONGEST characters may lie below ``best_score``'s:
    # a reading of k words scores k (log jieba-rs's total - log jieba's) apart in the two rankings, and two
    # readings of a text differ by fewer than LONGEST words; plus float slack.
    read_words_error: float


@compiled
def _home(codes: npt.NDArray[np.int64], start: int, end: int, size: int) -> tuple[int, int, int, int]:
    """The packed code points of codes[start:end] (LONGEST or fewer) and the slot its probe starts at."""
    k0, k1, k2 = np.int64(0), np.int64(0), np.int64(0)
    for k in range(start, end):
        if k - start < 3:
            k0 = k0 << 21 | codes[k]
        elif k - start < 6:
            k1 = k1 << 21 | codes[k]
        else:
            k2 = k2 << 21 | codes[k]
    mixed = np.uint64(end - start)
    mixed = (mixed ^ np.uint64(k0)) * np.uint64(GOLDEN)
    mixed = (mixed ^ np.uint64(k1)) * np.uint64(GOLDEN)
    mixed = (mixed ^ np.uint64(k2)) * np.uint64(GOLDEN)
    return int(k0), int(k1), int(k2), int(mixed >> np.uint64(40)) & (size - 1)


@compiled
def _fill(
    codes: npt.NDArray[np.int64], starts: npt.NDArray[np.int64], counts: npt.NDArray[np.int64], size: int
) -> npt.NDArray[np.int64]:
    slots = np.zeros((_SINGLES + size, 4), np.int64)
    for entry in range(len(counts)):
        start, end = starts[entry], starts[entry + 1]
        if end - start == 1 and codes[start] < _SINGLES:
            slot = codes[start]
        else:
            k0, k1, k2, slot = _home(codes, start, end, size)
            slot += _SINGLES
            while slots[slot, 3] != 0:
                slot = _SINGLES + ((slot - _SINGLES + 1) & (size - 1))
            slots[slot, 0], slots[slot, 1], slots[slot, 2] = k0, k1, k2
        slots[slot, 3] = (end - start) << _LENGTH_SHIFT | (counts[entry] + 1)
    return slots


@table
def word_table() -> WordTable:
    """Every entry of jieba's dictionary of up to LONGEST characters, the hashed ones in half again as many slots
    or more (some 500k entries in 1M slots, 34 MB with the BMP's characters)."""
    freq, logtotal = lexicon.prefix_dictionary()
    entries = [(entry, int(count or 0)) for entry, count in freq.items() if len(entry) <= LONGEST]
    starts = np.zeros(len(entries) + 1, dtype=np.int64)
    starts[1:] = np.cumsum([len(entry) for entry, _ in entries])
    slots = _fill(
        code_points("".join(entry for entry, _ in entries)).astype(np.int64),
        starts,
        np.array([count for _, count in entries], dtype=np.int64),
        1 << (3 * len(entries) // 2).bit_length(),
    )
    error = (LONGEST - 1) * abs(logtotal - math.log(lexicon.cutter_total())) + 1e-12
    return WordTable(slots, logtotal, error)


@compiled
def entry_count(slots: npt.NDArray[np.int64], codes: npt.NDArray[np.int64], start: int, end: int) -> int:
    """The count of the entry codes[start:end] (0 for a prefix of longer words only), -1 for no entry."""
    if end - start == 1 and codes[start] < _SINGLES:
        # A character alone: its own slot, the first SINGLES of the table (read at every character, and small
        # enough to stay in the processor's cache).
        return int(slots[codes[start], 3] & _COUNT_BITS) - 1
    k0, k1, k2, slot = _home(codes, start, end, len(slots) - _SINGLES)
    slot += _SINGLES
    length = np.int64(end - start)
    while slots[slot, 3] != 0:
        if (
            slots[slot, 3] >> _LENGTH_SHIFT == length
            and slots[slot, 0] == k0
            and slots[slot, 1] == k1
            and slots[slot, 2] == k2
        ):
            return int(slots[slot, 3] & _COUNT_BITS) - 1
        slot = _SINGLES + ((slot - _SINGLES + 1) & (len(slots) - _SINGLES - 1))
    return -1


@compiled
def read_back(
    slots: npt.NDArray[np.int64],
    logtotal: float,
    codes: npt.NDArray[np.int64],
    score: npt.NDArray[np.float64],
    last: int,
) -> None:
    """Fill score[k], the log probability of the best reading of codes[k:], for k from ``last`` down to 0, from the
    scores after it (score[len(codes)] is 0). This is jieba's calc: at each character the best of the entries that
    begin there, or the character alone if none does; a tie goes to the longer word; each sum is added as jieba
    adds it, so the score is its float. A text that differs from another only from ``last`` back reuses the
    other's scores after ``last``."""
    n = len(codes)
    for k in range(last, -1, -1):
        best = -logtotal + score[k + 1]
        seen = False
        for i in range(k + 1, n + 1):
            found = entry_count(slots, codes, k, i)
            if found < 0:
                break
            if found > 0:
                candidate = math.log(found) - logtotal + score[i]
                if not seen or candidate >= best:
                    best, seen = candidate, True
        score[k] = best


@compiled
def best_score(slots: npt.NDArray[np.int64], logtotal: float, codes: npt.NDArray[np.int64]) -> float:
    """The log probability of the best reading of ``codes`` (LONGEST or fewer)."""
    score = np.zeros(len(codes) + 1, np.float64)
    read_back(slots, logtotal, codes, score, len(codes) - 1)
    return float(score[0])
