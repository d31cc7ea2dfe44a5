"""A stray glyph printed between two Han characters (人民。币, 管丨理, 管l理, 管一理), told apart from a glyph the
writer put there.

A recogniser reads a speck, a rule or the edge of a stroke as a glyph of its own: a thin Latin letter, a vertical
stroke (丨, |), a dot (·, ., •), a tick (', `) or a punctuation mark. In print such a glyph splits a word it has
no business in. What a writer puts between two Han characters reads otherwise, and the detector keeps it:

- a Latin letter that is an abbreviation or part of a term (A股, B超, X光, K线, T恤, CT, AA制): capital letters
  other than the thin I and J, any letter the dictionary knows with a neighbour, letters amid other letters or
  digits (用i节点, 释放ip地址), two letters between two words; a lowercase letter alone in Han text is no writer's;
- a mark or a dot between two words (管理。部门, 欢乐、祥和) or beside a name (阿卜杜拉·阿齐兹, 郭靖，黄蓉): only a
  glyph that splits one word (人民|币, 管|理) is read as stray, since between two words nothing tells a stray mark
  from the writer's;
- 一, a real character: kept unless deleting it joins a frequent two-character word it splits (管一理) while it
  forms no word with either neighbour (一个, 统一, 一一, 看一看 stay).

Evidence is jieba's reading of the text on each side with and without the join (``lexicon.segment``). A compiled
loop finds the candidates over the body's code points: a glyph between two Han characters that a dictionary word
holds side by side, and Latin letters after a Han character (rare); Python looks only at those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import Finding, register, table
from zhcorpus.detect.codes import code_points
from zhcorpus.detect.compiled import compiled
from zhcorpus.records import RawArticle
from zhcorpus.text.han import HAN_FIRST, HAN_LAST

DETECTOR = "stray.glyph@1"
# Marks a speck, a rule or a stroke edge is read as: vertical strokes, dots, ticks.
STROKE_MARKS = "丨｜|·.•'`．丶・"
# Sentence and clause marks a speck is read as when it falls inside a word.
CLAUSE_MARKS = "。，、；：,;:"
# Capital letters as thin as a vertical stroke: the only capitals read as a stray mark rather than an abbreviation.
THIN_CAPITALS = set("IJ")
# A Latin letter with another Latin letter or a digit this near is part of mixed text (用i节点, 其中r和, 释放ip地址,
# 维生素d): web text and formulas name things with letters.
LATIN_NEIGHBOURHOOD = 10
_ASCII_ALNUM = re.compile("[A-Za-z0-9]")
# Dots that join the parts of a foreign name (卡尔·波普, 马可·波罗): one beside a name is the writer's.
NAME_DOTS = set("·•・")
# jieba's tags of names: persons (nr, nrt a transliterated one, nrfg), places (ns), other proper nouns (nz).
NAME_TAGS = ("nr", "nrt", "nrfg", "ns", "nz")
# A list mark splits a word only if the word is this long: single-character items (史、论, 隋、唐, 钱、粮) join
# into two-character words all the time.
LIST_MARK = "、"
LIST_SPLIT_WORD = 3
ONE = "一"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# A split word is looked for only in dictionary words at least this frequent: rarer ones join a clause's last
# character with the next clause's first (展|我) and cost a segmentation at a comma in four.
PAIR_WORD = 20
# Characters on each side of a candidate that jieba reads to judge the join: 4 finds what 6 found on the harness and
# the real pairs, at two thirds of the time.
WINDOW = 4
# How much better (log probability) the two sides read joined than apart for a clause mark or 一 to be read as
# splitting a word: jieba reads a word across many a clause end (下|令 in 协奏下，令听众), a stroke none.
MIN_JOIN = 4.0
# A word a clause mark splits must be at least this frequent: a clause mark stands between two characters a rarer
# word holds side by side at one comma in thirty.
CLAUSE_WORD = 200
# A two-character word 一 splits must be at least this frequent (管理 27191; 点一 is none).
ONE_SPLIT_WORD = 1000
# Confidence is the precision measured for findings like it on the harness (stray.glyph, seeds 0-2, 200 articles
# each) and the real OCR pairs (FASPell, Fudan) together; only strokes apply (BENCHMARKS.md, stray glyphs). A stroke,
# dot or tick splitting a word: 291 of 291 on the harness, 3 of 3 on real OCR, none on clean text. A name's dot
# splitting a word: 45 of 45 on the harness, none on real text, but a name jieba does not know would lose its dot.
# A Latin letter: 461 of 461 on the harness, 0 of 9 on real OCR (web text writes 维生素d, 用i节点 or it between Han
# characters). A clause mark: 127 of 137 (学而无学，术而无术, lyrics cut by commas, 五，四，三). A list mark: 7 of 9.
# 一: 13 of 17 (手一指, 七山一水).
STROKE_PRECISION = 0.99
NAME_DOT_PRECISION = 0.95
LETTER_PRECISION = 0.98
CLAUSE_PRECISION = 0.93
LIST_PRECISION = 0.78
ONE_PRECISION = 0.76


@table
def _split_pairs() -> npt.NDArray[np.uint64]:
    """The adjacent characters of dictionary words that are no two whole words side by side at that point (管理 at
    管|理, 人民币 at 民|币; not 欢乐祥和 at 乐|祥), as sorted keys (class << 42 | left << 21 | right): class 1 from
    words a stroke may split (PAIR_WORD or more frequent), class 2 from those a clause mark or 一 may split
    (CLAUSE_WORD or more). A glyph between any other two characters splits no such word."""
    frequencies: dict[int, int] = {}
    for word, freq in lexicon.words():
        if freq >= PAIR_WORD and len(word) >= 2:
            for i in range(1, len(word)):
                if not (_whole_word(word[:i]) and _whole_word(word[i:])):
                    key = ord(word[i - 1]) << 21 | ord(word[i])
                    frequencies[key] = max(freq, frequencies.get(key, 0))
    keys = [1 << 42 | key for key in frequencies]
    keys += [2 << 42 | key for key, freq in frequencies.items() if freq >= CLAUSE_WORD]
    return np.array(sorted(keys), dtype=np.uint64)


# Each code point: 0 no glyph, 1 a stroke, 2 a clause mark or 一, 3 a Latin letter (one lookup a character).
_GLYPH_CLASS = np.zeros(0x110000, dtype=np.uint8)
_GLYPH_CLASS[code_points(STROKE_MARKS)] = 1
_GLYPH_CLASS[code_points(CLAUSE_MARKS + ONE)] = 2
_GLYPH_CLASS[code_points(LETTERS)] = 3
# The longest piece of a split word on either side of a glyph that is looked up before jieba reads the window.
PIECE = 3


@compiled
def _candidates(
    codes: npt.NDArray[np.uint32], glyph_class: npt.NDArray[np.uint8], split_pairs: npt.NDArray[np.uint64]
) -> npt.NDArray[np.int64]:
    n = len(codes)
    spans = np.empty((n, 2), np.int64)
    kept = 0
    for i in range(1, n - 1):
        kind = glyph_class[codes[i]]
        # Glyphs are a few in a hundred characters, after a Han character fewer still.
        if kind == 0 or not HAN_FIRST <= codes[i - 1] <= HAN_LAST:
            continue
        if kind == 3:
            end = i + 2 if glyph_class[codes[i + 1]] == 3 else i + 1
            if end < n and HAN_FIRST <= codes[end] <= HAN_LAST:
                spans[kept, 0], spans[kept, 1] = i, end
                kept += 1
        elif HAN_FIRST <= codes[i + 1] <= HAN_LAST:
            key = np.uint64(kind) << np.uint64(42) | np.uint64(codes[i - 1]) << np.uint64(21) | np.uint64(codes[i + 1])
            at = np.searchsorted(split_pairs, key)
            if at < len(split_pairs) and split_pairs[at] == key:
                spans[kept, 0], spans[kept, 1] = i, i + 1
                kept += 1
    return spans[:kept]


def candidates(text: str) -> list[tuple[int, int]]:
    """Spans of one or two Latin letters between two Han characters, and of one-character glyphs between two that
    some dictionary word holds side by side, in text order."""
    return [(start, end) for start, end in _candidates(code_points(text), _GLYPH_CLASS, _split_pairs()).tolist()]


def _join_gain(block: str, start: int, end: int) -> float:
    """How much better the text on each side of [start, end) reads joined than as two separate pieces."""
    left = block[max(0, start - WINDOW) : start]
    right = block[end : end + WINDOW]
    return lexicon.segment(left + right).score - lexicon.segment(left).score - lexicon.segment(right).score


def _splits_word(block: str, start: int, end: int, shortest: int = 2, frequent: int = PAIR_WORD) -> bool:
    """Deleting [start, end) puts the characters on each side into one dictionary word that is no two words side
    by side: 人民|币 and 管|理 are split words, 欢乐|祥和, 团结|互助, 马可|波罗 and 比尔|盖茨 are two words a
    list mark or a name's dot may stand between."""
    if not _word_across(block, start, end, frequent):
        return False
    lo = max(0, start - WINDOW)
    joined = block[lo:start] + block[end : end + WINDOW]
    seam = start - lo
    at, word = lexicon.segment(joined).word_at(seam)
    if at >= seam or len(word) < shortest:
        return False
    head, tail = word[: seam - at], word[seam - at :]
    return not (_whole_word(head) and _whole_word(tail))


def _word_across(block: str, start: int, end: int, frequent: int) -> bool:
    """Some frequent dictionary word is printed across [start, end), with up to PIECE characters on each side, and
    is no two whole words side by side there: a few lookups that spare jieba's reading at most glyphs."""
    for a in range(1, min(PIECE, start) + 1):
        head = block[start - a : start]
        for b in range(1, min(PIECE, len(block) - end) + 1):
            tail = block[end : end + b]
            if lexicon.frequency(head + tail) >= frequent and not (_whole_word(head) and _whole_word(tail)):
                return True
    return False


def _whole_word(text: str) -> bool:
    return len(text) >= 2 and lexicon.is_word(text)


def _letters(block: str, start: int, end: int) -> tuple[float, bool, str] | None:
    run = block[start:end]
    left, right = block[start - 1], block[end]
    if run.isupper() and not (len(run) == 1 and run in THIN_CAPITALS):
        return None  # an abbreviation (CT, A股, X光, AA制)
    if any(lexicon.is_word(w) for w in (run, left + run, run + right, run.upper() + right, left + run.upper())):
        return None  # a term the dictionary knows (T恤, B超)
    near = block[max(0, start - LATIN_NEIGHBOURHOOD) : start] + block[end : end + LATIN_NEIGHBOURHOOD]
    if _ASCII_ALNUM.search(near):
        return None  # mixed text: a variable, a model, a web abbreviation
    if len(run) > 1 and not _splits_word(block, start, end):
        return None  # two letters between two words name something (ip, fb, ok)
    return (
        LETTER_PRECISION,
        False,
        f"Latin {run} alone between {left} and {right}: a speck or a stroke read as a letter",
    )


def _beside_name(block: str, start: int, end: int) -> bool:
    """A word jieba's dictionary tags as a name ends just before [start, end) or begins just after it."""
    left = lexicon.segment(block[max(0, start - WINDOW) : start]).words
    right = lexicon.segment(block[end : end + WINDOW]).words
    return (bool(left) and lexicon.tag(left[-1]) in NAME_TAGS) or (bool(right) and lexicon.tag(right[0]) in NAME_TAGS)


def _stroke(block: str, start: int, end: int) -> tuple[float, bool, str] | None:
    mark = block[start:end]
    if not _splits_word(block, start, end):
        return None  # between two words (阿卜杜拉·阿齐兹)
    if mark in NAME_DOTS and _beside_name(block, start, end):
        return None  # the dot of a foreign name (卡尔·波普, 马可·波罗奖)
    left, right = block[start - 1], block[end]
    if mark in NAME_DOTS:
        return NAME_DOT_PRECISION, False, f"{mark} splits the word across {left}{right}, beside no name jieba knows"
    return STROKE_PRECISION, True, f"{mark} splits the word across {left}{right}: a speck or a rule read as a mark"


def _clause(block: str, start: int, end: int) -> tuple[float, bool, str] | None:
    mark = block[start:end]
    shortest = LIST_SPLIT_WORD if mark == LIST_MARK else 2
    if not _splits_word(block, start, end, shortest, CLAUSE_WORD) or _join_gain(block, start, end) < MIN_JOIN:
        return None  # a sentence or clause ends there
    if _beside_name(block, start, end):
        return None  # a list of names (郭靖，黄蓉)
    left, right = block[start - 1], block[end]
    confidence = LIST_PRECISION if mark == LIST_MARK else CLAUSE_PRECISION
    return confidence, False, f"{mark} inside what reads as one word across {left}{right}: a speck read as a mark"


def _one(block: str, start: int, end: int) -> tuple[float, bool, str] | None:
    left, right = block[start - 1], block[end]
    if left == right or lexicon.frequency(left + right) < ONE_SPLIT_WORD:
        return None  # 看一看, or no word to join
    if lexicon.is_word(left + "一") or lexicon.is_word("一" + right):
        return None  # 统一, 一个: 一 belongs to a word
    if not _splits_word(block, start, end) or _join_gain(block, start, end) < MIN_JOIN:
        return None
    return (
        ONE_PRECISION,
        False,
        f"一 splits the word {left}{right} and forms none with either neighbour: a stroke read as 一",
    )


def _decide(block: str, start: int, end: int) -> tuple[float, bool, str] | None:
    glyph = block[start:end]
    if glyph == "一":
        return _one(block, start, end)
    if glyph in CLAUSE_MARKS:
        return _clause(block, start, end)
    if glyph in STROKE_MARKS:
        return _stroke(block, start, end)
    return _letters(block, start, end)


@register(DETECTOR, "stray.glyph", "a stray letter, stroke, dot or mark printed between two Han characters")
def stray_glyphs(article: RawArticle) -> Iterator[Finding]:
    text = article.fields["text"] or ""
    for start, end in candidates(text):
        # The line the glyph stands in: its neighbours are Han characters, so it crosses no line break.
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        block = text[lo : hi if hi >= 0 else len(text)]
        decided = _decide(block, start - lo, end - lo)
        if decided is not None:
            confidence, auto, reason = decided
            yield Finding(DETECTOR, "deletion", "text", start, end, text[start:end], "", confidence, auto, reason)
