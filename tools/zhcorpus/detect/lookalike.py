"""A character misread as one that looks like it, anywhere in a sentence (越来赴 -> 越来越, 慢头 -> 馒头).

Where to look: a Han character that stands in no dictionary word with either neighbour (no pair it makes with
them occurs inside any jieba word), one of whose look-alikes would make a pair of a common word with one of
them, that is common itself (COMMON_PRINTED) and makes a pair the character model never saw with a neighbour.
Real OCR errors break a word, so the misread character is left alone between its neighbours; correct text has
such characters too (a function word between words, a name), and the decision below tells them apart. These
tests are bit and count lookups in one compiled loop over the body; the decision runs on about 1 character in
125 of newspaper text.

What it could be: the character's glyph neighbours (``resources.glyphs``: similarity of rendered glyphs, most
alike first, NEIGHBOURS of them), kept only where the neighbour makes a pair of a common word with a neighbour.

Which reading wins: a noisy channel with three terms, each a log ratio of the reading with the look-alike to the
printed reading: jieba's unigram word model over WINDOW characters each side (does it read as words?), the
character trigram model of packaged text (``charmodel``: does it fit its context?), less a penalty that grows
with the look-alike's rank (a less alike character needs more evidence). A reading that scores THRESHOLD or more
is proposed, unless the character is inside a current division's name or jieba's tagger reads it into a
person's name. It is never applied: on real OCR the
reading is the truth for 6 findings in 10 (BENCHMARKS.md), far from the precision an automatic fix needs.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt
from jieba.posseg import prob_emit
from opencc import OpenCC

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import Finding, register, table
from zhcorpus.detect.charmodel import SHIFT, Tables, model, probability
from zhcorpus.detect.codes import code_points
from zhcorpus.detect.compiled import bit, compiled, count
from zhcorpus.detect.confusable import gazetteer
from zhcorpus.detect.garbled import pair_table
from zhcorpus.detect.wordtable import read_back, word_table
from zhcorpus.records import RawArticle
from zhcorpus.resources.glyphs import neighbours

DETECTOR = "lookalike.char@1"
# Glyph neighbours a character's readings are drawn from. Half of real OCR confusions are among the first 100
# by rendered similarity, 40% among the first 30; further down, a reading that wins is as often a false one.
NEIGHBOURS = 30
# A look-alike must make, with a neighbour, a pair that occurs inside a dictionary word this frequent: rarer
# words (names, terms) match almost any character.
PAIR_FREQUENCY = 10
# Characters read each side of the misread one by the word model, and by the character model.
WINDOW = 4
CONTEXT = 2
# Log-probability units the reading must win by, and the penalty a rank costs (per unit of log(rank + 1)).
THRESHOLD = 6.0
RANK_PENALTY = 1.0
# The precision measured for these proposals on the real OCR pairs (BENCHMARKS.md, reliability table): the
# reading was the truth for 440 of 711 on the FASPell set and 231 of 404 on the Fudan set.
CONFIDENCE = 0.6
# A printed character the model's text shows fewer times than this is read as printed: rare characters in
# correct text are names and terms (苏芩, 双颚), where a common look-alike always reads better.
COMMON_PRINTED = 20
# Log probability from which jieba's tagger may read a character as the first of a person's name (李 -3.3,
# 瞿 -8.3).
SURNAME = -9.0
# Characters of the longest division name looked for around a character (内蒙古自治区 has 6; township names up to 7).
LONGEST_NAME = 8
# Characters each side the tagger reads to decide a name (its Viterbi pass grows with the window).
NAME_CONTEXT = 2
# A pair seen this often or less in the model's text counts as never seen.
UNSEEN = 0
_CACHED_SITES = 1 << 14
# More than two float sums of the same terms in another order differ by (some 1e-13).
FLOAT_SLACK = 1e-9
_NEWLINE = ord("\n")


@dataclass(frozen=True)
class _Reach:
    """Pairs of character numbers (``garbled.pair_table`` numbering) as bits, width x width each."""

    strong: npt.NDArray[np.uint8]  # (a, b) occurs inside a dictionary word of PAIR_FREQUENCY or more
    left: npt.NDArray[np.uint8]  # (a, c): a look-alike of c makes a strong pair after a
    right: npt.NDArray[np.uint8]  # (c, b): a look-alike of c makes a strong pair before b
    # The look-alikes of the character numbered c, most alike first: their numbers and code points are
    # alike_numbers[alike_start[c]:alike_start[c + 1]] and the same slice of alike_codes.
    alike_start: npt.NDArray[np.int64]
    alike_numbers: npt.NDArray[np.int64]
    alike_codes: npt.NDArray[np.int64]


def _bits(width: int, index: npt.NDArray[np.int64]) -> npt.NDArray[np.uint8]:
    """The pairs ``index`` (first * width + second) as bits, bit k of byte k // 8 counted from the lowest."""
    marked = np.zeros(width * width, dtype=np.bool_)
    marked[index] = True  # a byte a pair for a moment (tens of MB), then packed eight to a byte
    return np.packbits(marked, bitorder="little")


@table
def _reach() -> _Reach:
    pairs = pair_table()
    width = pairs.width
    strong_pairs = {
        word[i : i + 2] for word, freq in lexicon.words() if freq >= PAIR_FREQUENCY for i in range(len(word) - 1)
    }
    codes = code_points("".join(strong_pairs)).reshape(-1, 2)
    numbered = pairs.number[codes].astype(np.int64)
    numbered = numbered[(numbered > 1).all(axis=1)]  # both characters are ones some word pairs
    # Look-alike edges c -> c' (c' among c's neighbours), as numbers, for every character some word pairs, in the
    # order of their numbers.
    sources: list[int] = []
    targets: list[int] = []
    alike_codes: list[int] = []
    alike_start = np.zeros(width + 1, dtype=np.int64)
    paired = np.flatnonzero(pairs.number > 1)
    for number_of_char in paired[np.argsort(pairs.number[paired])]:
        alike = [ord(c) for c, _ in neighbours(chr(int(number_of_char)))[:NEIGHBOURS]]
        own = int(pairs.number[number_of_char])
        sources.extend([own] * len(alike))
        targets.extend(int(n) for n in pairs.number[alike])
        alike_codes.extend(alike)
        alike_start[own + 1 :] = len(targets)
    edges_from = np.array(sources, dtype=np.int64)
    edges_to = np.array(targets, dtype=np.int64)
    # (a, c) is reachable when some edge c -> c' has (a, c') strong: join the strong pairs on their second
    # character with the edges on their target; (c, b) the same on the first character.
    order = np.argsort(edges_to, kind="stable")
    by_target, from_sorted = edges_to[order], edges_from[order]
    left = _join(numbered[:, 0], numbered[:, 1], by_target, from_sorted, width, first_is_fixed=True)
    right = _join(numbered[:, 1], numbered[:, 0], by_target, from_sorted, width, first_is_fixed=False)
    strong = _bits(width, numbered[:, 0] * width + numbered[:, 1])
    return _Reach(strong, left, right, alike_start, edges_to, np.array(alike_codes, dtype=np.int64))


def _join(
    fixed: npt.NDArray[np.int64],
    alike: npt.NDArray[np.int64],
    by_target: npt.NDArray[np.int64],
    from_sorted: npt.NDArray[np.int64],
    width: int,
    first_is_fixed: bool,
) -> npt.NDArray[np.uint8]:
    lo = np.searchsorted(by_target, alike, side="left")
    hi = np.searchsorted(by_target, alike, side="right")
    counts = hi - lo
    pair_of_edge = np.repeat(np.arange(len(fixed)), counts)
    starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
    edge = starts + np.arange(int(counts.sum()))
    printed = from_sorted[edge]
    other = fixed[pair_of_edge]
    index = other * width + printed if first_is_fixed else printed * width + other
    return _bits(width, index)


@compiled
def _sites(
    codes: npt.NDArray[np.uint32],
    number: npt.NDArray[np.uint16],
    width: int,
    unheld: npt.NDArray[np.uint8],
    left: npt.NDArray[np.uint8],
    right: npt.NDArray[np.uint8],
    tables: Tables,
) -> npt.NDArray[np.int64]:
    chars, pairs = tables[0], tables[1]
    n = len(codes)
    found = np.empty(n, np.int64)
    kept = 0
    for i in range(n):
        c = np.int64(number[codes[i]])
        if c <= 1:
            continue
        before = np.int64(codes[i - 1]) if i > 0 else np.int64(0)
        after = np.int64(codes[i + 1]) if i + 1 < n else np.int64(0)
        a = np.int64(number[before])
        b = np.int64(number[after])
        # Held by a word with either neighbour (a pair with no Han character never is).
        if (a > 1 and not bit(unheld, a * width + c)) or (b > 1 and not bit(unheld, c * width + b)):
            continue
        if not (bit(left, a * width + c) or bit(right, c * width + b)):
            continue
        code = np.int64(codes[i])
        if count(chars, code) < COMMON_PRINTED:
            continue
        # A code point 0 (no character, at the text's ends) is in no pair the model saw.
        seen_before = count(pairs, before << SHIFT | code)
        seen_after = count(pairs, code << SHIFT | after)
        if min(seen_before, seen_after) <= UNSEEN:
            found[kept] = i
            kept += 1
    return found[:kept]


def sites(text: str) -> npt.NDArray[np.int64]:
    """Positions of Han characters in no dictionary word with their neighbours, one of whose look-alikes would
    make a strong pair with one of them.

    The printed character must also be common, and one of the pairs it makes with its neighbours never seen in
    the model's text: where both are seen, no look-alike read better in the real OCR pairs (7 of 457 right
    readings lost), and the test leaves a tenth of the positions above to read."""
    pairs, reach = pair_table(), _reach()
    return _sites(
        code_points(text),
        pairs.number,
        pairs.width,
        pairs.unheld,
        reach.left,
        reach.right,
        model().tables,
    )


@table
def _t2s() -> OpenCC:
    return OpenCC("t2s")


@cache
def _traditional(char: str) -> bool:
    """A character OpenCC converts is a script variant, the traditional detector's business, not a misread."""
    return bool(_t2s().convert(char) != char)


@compiled
def _context_score(tables: Tables, codes: npt.NDArray[np.int64], lo: int, hi: int, at: int, char: int) -> float:
    """Log probability of ``char`` read at ``at`` and of the CONTEXT characters after it, each given the two before
    it, the text read only from lo to hi (outside, a code point 0: no character, not scored)."""
    total = 0.0
    for k in range(at, at + CONTEXT + 1):
        if k >= hi:
            break
        history = np.int64(0) if k - 2 < lo else (char if k - 2 == at else codes[k - 2])
        previous = np.int64(0) if k - 1 < lo else (char if k - 1 == at else codes[k - 1])
        scored = char if k == at else codes[k]
        if scored != 0:
            total += math.log(probability(tables, history, previous, scored))
    return total


@compiled
def _contenders(
    codes: npt.NDArray[np.int64],
    positions: npt.NDArray[np.int64],
    number: npt.NDArray[np.uint16],
    width: int,
    strong: npt.NDArray[np.uint8],
    alike_start: npt.NDArray[np.int64],
    alike_numbers: npt.NDArray[np.int64],
    alike_codes: npt.NDArray[np.int64],
    words: npt.NDArray[np.int64],
    logtotal: float,
    tables: Tables,
    margin: float,
) -> npt.NDArray[np.int64]:
    """(position, window start and end, rank, look-alike) of each look-alike that could win at a site: one that
    makes a strong pair with a neighbour and, read in the window, could read better as words and score THRESHOLD.

    Its word model's gain here is the compiled reading's (``wordtable``), which is jieba's calc; the detector's
    own reading (``lexicon.segment``) may lie off it by ``WordTable.read_words_error`` a window, so a look-alike is
    dropped only where it misses by more than ``margin`` (twice that, and some), and the scores that decide are
    read afterwards, by the same means as ever: what is dropped could not have been found."""
    found = np.empty((len(positions) * NEIGHBOURS, 5), np.int64)
    kept = 0
    window = np.empty(2 * WINDOW + 1, np.int64)
    printed = np.zeros(2 * WINDOW + 2, np.float64)  # the printed window's scores read back (wordtable.read_back)
    read = np.zeros(2 * WINDOW + 2, np.float64)
    for i in positions:
        # Blocks are joined by line breaks, which are no Han characters: a site never reads across one, and its
        # window is cut at the block's ends.
        lo = i
        while lo > max(0, i - WINDOW) and codes[lo - 1] != _NEWLINE:
            lo -= 1
        hi = i + 1
        while hi < min(len(codes), i + WINDOW + 1) and codes[hi] != _NEWLINE:
            hi += 1
        size, at = hi - lo, i - lo
        window[:size] = codes[lo:hi]
        printed[size] = 0.0
        read_back(words, logtotal, window[:size], printed, size - 1)
        printed_context = np.nan  # read once a look-alike reads better as words
        own = number[codes[i]]
        before = np.int64(number[codes[i - 1]]) if at > 0 else np.int64(-1)
        after = np.int64(number[codes[i + 1]]) if i + 1 < hi else np.int64(-1)
        for edge in range(alike_start[own], alike_start[own + 1]):
            alike = alike_numbers[edge]
            if not (before >= 0 and bit(strong, before * width + alike)) and not (
                after >= 0 and bit(strong, alike * width + after)
            ):
                continue
            # The window with the look-alike reads as the printed one after it: only the scores up to it change.
            window[at] = alike_codes[edge]
            read[: size + 1] = printed[: size + 1]
            read_back(words, logtotal, window[:size], read, at)
            window[at] = codes[i]
            gain = read[0] - printed[0]
            if gain <= -margin:
                continue  # no reading: it reads no better as words
            rank = edge - alike_start[own]
            if np.isnan(printed_context):
                printed_context = _context_score(tables, codes, lo, hi, i, codes[i])
            context = _context_score(tables, codes, lo, hi, i, alike_codes[edge]) - printed_context
            if gain + context - RANK_PENALTY * math.log(rank + 1) < THRESHOLD - margin:
                continue
            found[kept, 0], found[kept, 1], found[kept, 2] = i, lo, hi
            found[kept, 3], found[kept, 4] = rank, alike_codes[edge]
            kept += 1
    return found[:kept]


@compiled
def _best_readings(
    tables: Tables,
    codes: npt.NDArray[np.int64],
    windows: npt.NDArray[np.int64],
    readings: npt.NDArray[np.int64],
    words: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """For each site (a row of ``windows``: position, window start and end, its first reading and the one after
    its last), the reading that scores best (the first on a tie), its score and the character model's gain.

    A reading (a row of ``readings``: the look-alike's code point and rank) scores the word model's gain (``words``)
    plus the character model's, less the rank's penalty."""
    sites = len(windows)
    best = np.empty(sites, np.int64)
    best_score = np.empty(sites, np.float64)
    best_context = np.empty(sites, np.float64)
    for s in range(sites):
        at, lo, hi, first, last = windows[s, 0], windows[s, 1], windows[s, 2], windows[s, 3], windows[s, 4]
        printed = _context_score(tables, codes, lo, hi, at, codes[at])
        for r in range(first, last):
            context = _context_score(tables, codes, lo, hi, at, readings[r, 0]) - printed
            score = words[r] + context - RANK_PENALTY * math.log(readings[r, 1] + 1)
            if r == first or score > best_score[s]:
                best[s], best_score[s], best_context[s] = r, score, context
    return best, best_score, best_context


@table
def _name_beginnings() -> frozenset[str]:
    """Every beginning of a current division's name (the names themselves included)."""
    return frozenset(name[:k] for name in gazetteer().by_name for k in range(1, len(name) + 1))


def _in_place(window: str, at: int) -> bool:
    """The character is inside the name of a current division (石峰区井龙街道): names are the place detector's,
    which knows the gazetteer. From each start, the window is read on only while it begins some name."""
    names, beginnings = gazetteer().by_name, _name_beginnings()
    for start in range(max(0, at - LONGEST_NAME + 1), at + 1):
        for end in range(start + 1, min(len(window), start + LONGEST_NAME) + 1):
            piece = window[start:end]
            if piece not in beginnings:
                break
            if end > at and end - start >= 2 and piece in names:
                return True
    return False


@table
def _surname_scores() -> dict[str, float]:
    """How likely each character begins a person's name: jieba's tagger's own emission table (log P)."""
    scores: dict[str, float] = prob_emit.P[("B", "nr")]
    return scores


@lru_cache(maxsize=_CACHED_SITES)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """The tagger's reading of a few characters, kept: a name recurs in an article and across a paper's pages."""
    return tuple(lexicon.tagged(text))


def _in_name(window: str, at: int) -> bool:
    """jieba's tagger (with its model of unknown words) reads the character as part of a person's name.

    The tagger's Viterbi pass costs milliseconds, so it runs only where one of the two characters before could
    begin a name at all."""
    surnames = _surname_scores()
    if all(surnames.get(c, -math.inf) < SURNAME for c in window[max(0, at - 2) : at]):
        return False
    start = max(0, at - NAME_CONTEXT)
    for word, tag in _tagged(window[start : at + NAME_CONTEXT + 1]):
        if start <= at < start + len(word):
            return tag.startswith("nr")
        start += len(word)
    return False


@register(DETECTOR, "lookalike", "a character that reads better as one that looks like it, proposed")
def lookalike(article: RawArticle) -> Iterator[Finding]:
    text = article.fields["text"] or ""
    positions = sites(text)
    if not len(positions):
        return
    pairs, reach, words_table = pair_table(), _reach(), word_table()
    codes = code_points(text).astype(np.int64)
    contenders = _contenders(
        codes,
        positions,
        pairs.number,
        pairs.width,
        reach.strong,
        reach.alike_start,
        reach.alike_numbers,
        reach.alike_codes,
        words_table.slots,
        words_table.logtotal,
        model().tables,
        2 * words_table.read_words_error + FLOAT_SLACK,
    ).tolist()
    windows: list[tuple[int, int, int, int, int]] = []  # position, window start and end, its readings' range
    readings: list[tuple[int, int]] = []  # look-alike's code point, rank
    words: list[float] = []
    at = 0
    while at < len(contenders):
        i, lo, hi = contenders[at][:3]
        stop = at
        while stop < len(contenders) and contenders[stop][0] == i:
            stop += 1
        first = len(readings)
        window = text[lo:hi]
        if not _traditional(text[i]):
            printed = lexicon.segment(window).score
            for _, _, _, rank, alike in contenders[at:stop]:
                if _traditional(chr(alike)):
                    continue
                gain = lexicon.segment(window[: i - lo] + chr(alike) + window[i - lo + 1 :]).score - printed
                if gain > 0:
                    readings.append((alike, rank))
                    words.append(gain)
        if len(readings) > first:
            windows.append((i, lo, hi, first, len(readings)))
        at = stop
    if not windows:
        return
    best, scores, contexts = _best_readings(
        model().tables,
        codes,
        np.array(windows, dtype=np.int64),
        np.array(readings, dtype=np.int64),
        np.array(words, dtype=np.float64),
    )
    for (i, lo, hi, _, _), r, score, context in zip(
        windows, best.tolist(), scores.tolist(), contexts.tolist(), strict=True
    ):
        window = text[lo:hi]
        if score < THRESHOLD or _in_place(window, i - lo) or _in_name(window, i - lo):
            continue
        rank = readings[r][1]
        similarity = neighbours(text[i])[rank][1]
        yield Finding(
            DETECTOR,
            "substitution",
            "text",
            i,
            i + 1,
            text[i],
            chr(readings[r][0]),
            CONFIDENCE,
            False,
            f"{text[i]} may be a misread {chr(readings[r][0])} (glyphs alike {similarity:.2f}, "
            f"{rank + 1}. most alike): with it the passage reads as words "
            f"(+{words[r]:.1f}) and fits its context ({context:+.1f}); check the print",
        )
