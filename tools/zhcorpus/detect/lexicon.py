"""jieba's packaged dictionary (349k words with frequencies and part-of-speech tags) as a small language model.

Loaded once, quietly, from the wheel: nothing is downloaded. Scores are log probabilities of the best
segmentation under jieba's unigram model; they compare readings of the same short window, never texts of
different lengths on their own.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg

from zhcorpus.detect.base import table


@dataclass(frozen=True)
class Segmentation:
    score: float
    words: tuple[str, ...]

    def word_at(self, position: int) -> tuple[int, str]:
        """The word covering a character position, with the word's start offset."""
        start = 0
        for word in self.words:
            if start <= position < start + len(word):
                return start, word
            start += len(word)
        raise ValueError(f"position {position} is outside the text")


@table
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    tokenizer.check_initialized()
    return tokenizer


@table
def _tags() -> dict[str, str]:
    jieba.setLogLevel(logging.WARNING)
    tagger = jieba.posseg.dt
    tagger.tokenizer.check_initialized()
    tags: dict[str, str] = tagger.word_tag_tab
    return tags


def frequency(word: str) -> int:
    return int(_tokenizer().FREQ.get(word, 0) or 0)


def words() -> Iterator[tuple[str, int]]:
    """Every dictionary word with its frequency (prefixes jieba stores with frequency 0 are left out)."""
    for word, freq in _tokenizer().FREQ.items():
        if freq:
            yield word, int(freq)


def is_word(word: str) -> bool:
    return frequency(word) > 0


def tag(word: str) -> str | None:
    """jieba's part-of-speech tag (v verb, n noun, q classifier, d adverb, r pronoun, ...) or None."""
    return _tags().get(word)


def words_tagged(flag: str) -> Iterator[str]:
    """Every word the dictionary tags ``flag`` (ns a place, nr a person)."""
    return (word for word, tag in _tags().items() if tag == flag)


@table
def _model() -> tuple[dict[str, int], float]:
    """jieba's prefix dictionary (words with their frequencies, prefixes with 0) and log of the total."""
    tokenizer = _tokenizer()
    return tokenizer.FREQ, math.log(tokenizer.total)


def read_words(text: str) -> Segmentation:
    """jieba's best unigram reading (its get_DAG and calc in one pass, same result and ties, ~2x faster)."""
    freq, logtotal = _model()
    n = len(text)
    score = [0.0] * (n + 1)
    end = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        best, best_end = -logtotal + score[k + 1], k + 1  # a character no word starts with stands alone
        seen = False
        i = k + 1
        frag = text[k]
        while frag in freq:
            count = freq[frag]
            if count:
                candidate = math.log(count) - logtotal + score[i]
                if not seen or candidate >= best:  # on a tie jieba keeps the longer word
                    best, best_end, seen = candidate, i, True
            if i >= n:
                break
            i += 1
            frag = text[k:i]
        score[k], end[k] = best, best_end
    words = []
    i = 0
    while i < n:
        words.append(text[i : end[i]])
        i = end[i]
    return Segmentation(score[0], tuple(words))


# Detectors read the same short window more than once (with and without a copy, for several rules); the reuse
# is within an article, so a small bound loses little speed, while 65,536 entries held some 400 MB by the time
# they filled. A whole field never repeats: read it with ``read_words``, which keeps nothing.
segment = lru_cache(maxsize=1 << 12)(read_words)


def word_boundaries(text: str, lo: int, hi: int) -> set[int]:
    """Where jieba's reading of text[lo:hi] puts word boundaries, as offsets in ``text``."""
    bounds = {lo}
    for word in segment(text[lo:hi]).words:
        lo += len(word)
        bounds.add(lo)
    return bounds


def tagged(text: str) -> list[tuple[str, str]]:
    """jieba's segmentation with part-of-speech tags (``nr`` a person, ``ns`` a place, ``nt`` an organisation)."""
    _tags()
    return [(pair.word, pair.flag) for pair in jieba.posseg.dt.cut(text, HMM=True)]
