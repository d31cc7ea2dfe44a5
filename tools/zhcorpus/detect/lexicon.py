"""jieba's packaged dictionary (349k words with frequencies and part-of-speech tags) as a small language model.

Loaded once, quietly, from the wheel: nothing is downloaded. Scores are log probabilities of the best
segmentation under jieba's unigram model; they compare readings of the same short window, never texts of
different lengths on their own.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg
import rjieba

from zhcorpus.detect.base import table
from zhcorpus.detect.tagger import tagger


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
def prefix_dictionary() -> tuple[dict[str, int], float]:
    """jieba's prefix dictionary (words with their frequencies, prefixes with 0) and log of the total: what the
    Python pass reads, and ``detect.wordtable`` reads into compiled code."""
    tokenizer = _tokenizer()
    return tokenizer.FREQ, math.log(tokenizer.total)


def cutter_total() -> int:
    """The total count jieba-rs ranks readings by: the sum of the counts loaded into it, a little less than
    jieba's own total, which counts the lines its dictionary repeats."""
    return _compiled().total


def _read_words_python(text: str) -> Segmentation:
    """jieba's best unigram reading (its get_DAG and calc in one pass, same result and ties)."""
    freq, logtotal = prefix_dictionary()
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


# Where jieba-rs reads otherwise than jieba's calc over the whole text: it joins ASCII letters and digits that
# stand alone into one token, and it cuts only inside runs of Han, ASCII and +#&._%- (its RE_HAN_DEFAULT), so a
# dictionary word holding another character (γ射线) is never found.
_BLOCK = re.compile(
    r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0002A6DF\U0002A700-\U0002EBEF\U0002F800-\U0002FA1F"
    r"a-zA-Z0-9+#&._%\-]"
)


@dataclass(frozen=True)
class _Compiled:
    cutter: rjieba.Jieba
    elsewhere: re.Pattern[str]  # a piece of text with one of these is read by the Python pass
    alone: re.Pattern[str]  # a character of no dictionary word: every reading has a word boundary each side of it
    total: int  # of the counts loaded, which jieba-rs ranks readings by


@table
def _compiled() -> _Compiled:
    """jieba's own dictionary loaded into jieba-rs (rjieba): the same words and frequencies, so the same reading
    (tests/test_lexicon.py holds the two paths equal), cut in compiled code."""
    # An empty cutter (no dictionary of its own); rjieba's stub leaves this static method unannotated.
    cutter: rjieba.Jieba = rjieba.Jieba.empty()  # type: ignore[no-untyped-call]
    in_words: set[str] = set()
    total = 0
    for word, count in _tokenizer().FREQ.items():
        if count:
            cutter.add_word(word, int(count), None)
            in_words.update(word)
            total += int(count)
    outside = sorted(c for c in in_words if not _BLOCK.match(c))
    return _Compiled(
        cutter,
        re.compile("[A-Za-z0-9" + "".join(map(re.escape, outside)) + "]"),
        re.compile("([^" + "".join(map(re.escape, sorted(in_words))) + "])"),
        total,
    )


def _cut(compiled: _Compiled, text: str) -> list[str]:
    """jieba-rs's words; a token it keeps together that is no word (a line break pair) is its characters."""
    freq = prefix_dictionary()[0]
    words: list[str] = []
    for token in compiled.cutter.cut(text, False):
        if freq.get(token):
            words.append(token)
        else:
            words.extend(token)
    return words


def read_words(text: str) -> Segmentation:
    """jieba's best unigram reading of ``text`` (no HMM): its words and their log probability.

    jieba-rs cuts, except a piece between characters of no word (punctuation, white space) that holds something
    it reads otherwise, which the Python pass reads. The score is summed here from the last word to the first, as
    jieba's calc sums it, so that it is the same float for the same words. Where two readings come within a hair
    of each other the other may be kept (tests/test_lexicon.py: jieba-rs's total, and a text read in pieces)."""
    compiled = _compiled()
    words = _words(compiled, text, whole=compiled.elsewhere.search(text) is None)
    freq, logtotal = prefix_dictionary()
    score = 0.0
    for word in reversed(words):
        count = freq.get(word)
        score = (math.log(count) - logtotal if count else -logtotal) + score
    return Segmentation(score, tuple(words))


def read_lines(text: str, wanted: Callable[[str], bool]) -> Iterator[str]:
    """The words ``read_words(text)`` reads on the lines ``wanted`` keeps, in order, reading only those lines.

    No word holds a line break, and both of read_words' paths read a line alone as they read it in the text: the
    whole text goes to jieba-rs, which cuts no block across a line break, or it is read in pieces between
    characters of no word, a line break among them; which path is the whole text's (does it hold a character
    jieba-rs reads otherwise?), as in read_words."""
    compiled = _compiled()
    whole = compiled.elsewhere.search(text) is None
    for line in text.split("\n"):
        if wanted(line):
            yield from _words(compiled, line, whole)


def _words(compiled: _Compiled, text: str, whole: bool) -> list[str]:
    """The words of the text, cut whole by jieba-rs, or in pieces between characters of no word, each piece by
    jieba-rs unless it holds something jieba-rs reads otherwise (then by the Python pass)."""
    if whole:
        return _cut(compiled, text)
    words: list[str] = []
    for piece in compiled.alone.split(text):
        if compiled.elsewhere.search(piece):
            words += _read_words_python(piece).words
        elif piece:
            words += _cut(compiled, piece)
    return words


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
    """jieba's segmentation with part-of-speech tags (``nr`` a person, ``ns`` a place, ``nt`` an organisation),
    its model of unknown words compiled (``detect.tagger``)."""
    return [(pair.word, pair.flag) for pair in tagger().cut(text, HMM=True)]
