"""A stretch of two or more characters printed twice in a row (…，甲乙丙。甲乙丙。, 口罩口罩), told apart from a
writer's repetition.

Writers repeat on purpose: a verb or adjective reduplicated (研究研究, 碧蓝碧蓝), 一 + classifier said again
(一件一件, 一味药一味药), V着V着 (读着读着), a short exclamation (谢谢！谢谢！), a clause said again (有了市场，
有了市场，便有了…), a list whose items share characters (东南、中南、西南、西北), a compound after a word it holds
(天主教主教团), anything quoted. OCR prints a stretch again wherever its boundaries fall. Each repeat is read at
the alignment that explains it best (each copy ending with a clause mark, else each a run of whole words) and
decided by the shape of the copy, jieba's tags and its reading of the window, rules measured on the harness, the
clean People's Daily text and the real OCR pairs (BENCHMARKS.md, issue 15):

- deleted: a copy of four or more Han characters that ends one sentence and is the whole next one (…，甲乙丙。
  甲乙丙。), or that holds a sentence end inside it (安全。下一步安全。下一步): clean text has none;
- proposed: a clause (…，甲乙丙丁，甲乙丙丁，); a noun printed twice as whole words (口罩口罩; nouns are
  reduplicated too: 大片大片, 意思意思); a phrase of three or more characters printed twice as whole words when the
  window reads better without the copy; a copy across the words around it when the window reads far better so;
- left alone: what is certainly a writer's (above), three copies or more, and what the other detectors find: a
  whole sentence printed twice (dup.sentence@1), a character or a fragment printed again after one other
  character (doubled.char@4).
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zhcorpus.detect import duplicates, lexicon
from zhcorpus.detect.base import Finding, body_blocks, register
from zhcorpus.detect.batch import Batch
from zhcorpus.detect.codes import code_points
from zhcorpus.detect.compiled import GOLDEN, compiled
from zhcorpus.detect.doubled import MIN_GAIN, MIN_GAIN_SLICE, _gain
from zhcorpus.records import RawArticle
from zhcorpus.text.han import is_han

DETECTOR = "repeat.span@1"
# The longest copy looked for: a clause or a short sentence (a longer sentence printed twice whole is
# dup.sentence@1's).
MAX_PERIOD = 80
# Copies up to this long are found by comparing the text with itself shifted, longer ones by hashing.
SHORT = 4
# A text shorter than this holds no copy worth reading (two copies of the shortest, 2 characters).
SHORTEST_TEXT = 4
# Candidates packed as position * _STRIDE + period.
_STRIDE = MAX_PERIOD + 1
_NEWLINE = ord("\n")
SENTENCE_ENDS = set(duplicates.SENTENCE_ENDS)
CLAUSE_ENDS = set("，、；：,;:") | SENTENCE_ENDS
OPENERS = "“‘「『"
CLOSERS = "”’」』"
# A copy needs this many Han characters to be read as a clause printed twice rather than an exclamation a writer
# repeats (谢谢！谢谢！, 好，好，).
MIN_CLAUSE_HAN = 4
# A copy across a list mark needs this many Han characters: items that share words repeat slices of up to six
# (南、西 in 东南、中南、西南、西北; 委员、国务; 劳动模范、全国 in 省劳动模范、全国劳动模范、全国优秀…).
LIST_MIN_HAN = 7
# Tags of the words whose ABAB is read as a copy: nouns other than personal names, time and place words. A writer
# reduplicates verbs (and verbal nouns: 活动活动, 研究研究), adjectives, state words (碧蓝碧蓝), pronouns (如何如何,
# 那么那么) and words the dictionary lacks (乌泱乌泱); jieba tags 谢谢 and 老远 as names.
NOUN_TAGS = ("n", "ns", "nt", "nz", "ng", "t", "s")
# jieba's tag of a rare word is often wrong (太多 ns 3, 墨黑 ns 32): a noun from this frequency (口罩 136).
NOUN_WORD = 100
# Endings of a stretch a writer repeats on purpose (读着读着, 走了走了, 来啊来啊).
REPEATED_ENDINGS = set("着了啊呀吧呢过")
# Confidence is the precision measured for findings like it, on the harness (seeds 0-2), the real OCR pairs and the
# clean People's Daily text (BENCHMARKS.md, repeats): a copy ending one sentence as the whole next one, or holding a
# sentence end, 17 of 17 right, none on real or clean text (held below 1 for so few); a clause 6 of 7 (anadiplosis
# on clean text); whole words 36 of 51 (real OCR's truth prints encyclopedia titles twice: 0 of 15); a slice
# across words 88 of 96; a short copy 1 of 2.
CLAUSE_PRECISION = 0.97
REPEATED_CLAUSE_PRECISION = 0.8
WORD_PRECISION = 0.7
SLICE_PRECISION = 0.9
SHORT_PRECISION = 0.5


@dataclass(frozen=True)
class Run:
    """text[start:end] repeats itself with ``period``: at least two copies of text[start:start + period]."""

    start: int
    end: int
    period: int


@compiled
def _runs(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.int64]:
    """(start, end, period) of each run, one row each, in the order of the (position, period) they were found at."""
    n = len(codes)
    # A candidate as one number, position * STRIDE + period, so that sorting them sorts by position, then period.
    candidates = []
    for period in range(2, min(SHORT, n // 2) + 1):
        for at in range(n - 2 * period + 1):
            k = 0
            while k < period and codes[at + k] == codes[at + k + period]:
                k += 1
            if k == period:
                candidates.append(at * _STRIDE + period)
    if n > SHORT + 1:
        # Each run of SHORT + 1 characters hashed (kept to the bits a position leaves in 64), and paired with the
        # last run before it of the same hash, through an open-addressing table of the hashes seen.
        size = n - SHORT
        bits = np.uint64(0)
        while size >> bits:
            bits += np.uint64(1)
        slots = 1
        while slots < 2 * size:
            slots *= 2
        mask = np.uint64(slots - 1)
        seen_hash = np.zeros(slots, np.uint64)
        last = np.full(slots, -1, np.int64)
        prime = np.uint64(1_000_003)
        for i in range(size):
            first = np.uint64(codes[i]) << np.uint64(21) | np.uint64(codes[i + 1])
            third = np.uint64(codes[i + 2]) << np.uint64(21) | np.uint64(codes[i + 3])
            hashed = (((first * prime + third) * prime + np.uint64(codes[i + 4])) << bits) >> bits
            slot = (hashed * np.uint64(GOLDEN)) >> np.uint64(32) & mask
            while last[slot] >= 0 and seen_hash[slot] != hashed:
                slot = (slot + np.uint64(1)) & mask
            if last[slot] >= 0 and SHORT < i - last[slot] <= MAX_PERIOD:
                candidates.append(last[slot] * _STRIDE + (i - last[slot]))
            seen_hash[slot] = hashed
            last[slot] = i
    ordered = np.sort(np.array(candidates, dtype=np.int64))
    found = np.empty((len(ordered), 3), np.int64)
    kept = 0
    seen = set()
    for candidate in ordered:
        at, period = candidate // _STRIDE, candidate % _STRIDE
        lo = at
        while lo > 0 and codes[lo - 1] == codes[lo - 1 + period] and codes[lo - 1] != _NEWLINE:
            lo -= 1
        if lo * _STRIDE + period in seen:
            continue
        seen.add(lo * _STRIDE + period)
        hi = at
        while hi + period < n and codes[hi] == codes[hi + period] and codes[hi] != _NEWLINE:
            hi += 1
        if hi - lo >= period:
            found[kept, 0], found[kept, 1], found[kept, 2] = lo, hi + period, period
            kept += 1
    return found[:kept]


@compiled
def _articles_with_runs(codes: npt.NDArray[np.uint32], starts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The articles (``batch.Joined``: codes of each from starts[k] to the separator before starts[k + 1]) where
    ``runs`` finds something, each read alone by the same loop: its hashes of SHORT + 1 characters are kept to
    the bits its own length leaves, so a pass over the joined text could pair other runs."""
    found = np.empty(len(starts), np.int64)
    kept = 0
    for k in range(len(starts) - 1):
        start, end = starts[k], starts[k + 1] - 1
        if end - start >= SHORTEST_TEXT and len(_runs(codes[start:end])):
            found[kept] = k
            kept += 1
    return found[:kept]


def holding_repeats(batch: Batch) -> Set[int]:
    """The articles of a batch with a run, in one compiled call."""
    bodies = batch.bodies
    return set(_articles_with_runs(bodies.codes, bodies.starts).tolist())


def runs(text: str) -> list[Run]:
    """Every stretch of 2 to MAX_PERIOD characters printed twice in a row within one line (and a few more: the
    caller reads each). A compiled loop finds where one may begin and reads each from there: a copy of 2 to SHORT
    characters by comparing the text with itself shifted by each such length; a longer copy by the runs of
    SHORT + 1 characters (hashed) that the text prints again within MAX_PERIOD, since every longer copy holds one
    whose next appearance is in the other copy."""
    codes = code_points(text)
    if codes.size < SHORTEST_TEXT:
        return []
    return [Run(int(start), int(end), int(period)) for start, end, period in _runs(codes)]


def _han(text: str) -> int:
    return sum(1 for c in text if is_han(c))


def _smallest_period(text: str) -> int:
    for p in range(1, len(text)):
        if len(text) % p == 0 and text[:p] * (len(text) // p) == text:
            return p
    return len(text)


def _quoted(block: str, at: int) -> bool:
    """``at`` lies inside a quotation opened earlier in the block."""
    before = block[:at]
    return sum(before.count(c) for c in OPENERS) > sum(before.count(c) for c in CLOSERS)


def _finding(block: str, offset: int, start: int, end: int, confidence: float, auto: bool, reason: str) -> Finding:
    return Finding(
        DETECTOR, "deletion", "text", offset + start, offset + end, block[start:end], "", confidence, auto, reason
    )


def _clause(block: str, offset: int, run: Run) -> Iterator[Finding] | None:
    """The repeat read as a clause printed twice, if some alignment makes each copy end with a clause mark."""
    period = run.period
    shifts = range(run.end - run.start - 2 * period + 1)
    aligned = [k for k in shifts if block[run.start + k + period - 1] in CLAUSE_ENDS]
    if not aligned:
        return None
    k = max(aligned, key=lambda s: block[run.start + s + period - 1] in SENTENCE_ENDS)
    first, second = run.start + k, run.start + k + period
    copy = block[first:second]
    ends_sentence = copy[-1] in SENTENCE_ENDS
    after_sentence = first == 0 or block[first - 1] in SENTENCE_ENDS | set(CLOSERS)
    after_mark = after_sentence or block[first - 1] in CLAUSE_ENDS | set(OPENERS)
    delete = (second, second + period)
    sentences = sum(
        1 for a, b in zip(copy, copy[1:] + "x", strict=True) if a in SENTENCE_ENDS and b not in SENTENCE_ENDS
    )
    if ends_sentence and after_sentence and sentences == 1 and len(copy.strip()) >= duplicates.MIN_SENTENCE_CHARS:
        return iter(())  # a whole sentence printed twice: dup.sentence@1 finds it
    if copy[-1] == "、" and not after_mark:
        return iter(())  # a list item ending like the one before it (名誉副主席、副主席、): a writer's
    if _han(copy) < MIN_CLAUSE_HAN:
        if after_mark:
            return iter(())  # a short clause said twice (谢谢！谢谢！, 好，好，) is a writer's
        reason = f"{copy} printed twice after the words before it, or a short clause said twice; check the print"
        return iter([_finding(block, offset, *delete, SHORT_PRECISION, False, reason)])
    if ends_sentence and (not after_sentence or sentences > 1):
        # Two sentences or more printed again (甲。乙。甲。乙。) are no writer's either; dup.sentence@1 compares
        # one sentence with the next and misses them.
        reason = f"{copy} ends one sentence and is printed again as the whole next one"
        return iter([_finding(block, offset, *delete, CLAUSE_PRECISION, True, reason)])
    # A clause said again on purpose: 有了观众，便有了市场，有了市场，便有了… (anadiplosis), 多么……，多么……
    reason = f"the clause {copy} printed twice in a row, or a writer's repeated clause; check the print"
    return iter([_finding(block, offset, *delete, REPEATED_CLAUSE_PRECISION, False, reason)])


def _decide(block: str, offset: int, run: Run) -> Iterator[Finding]:
    period = run.period
    copy = block[run.start : run.start + period]
    if run.end - run.start >= 3 * period or _smallest_period(copy) < period or _han(copy) < 2:
        return  # three copies or more (一遍一遍一遍), or a shorter repeat said over and over: a writer's
    if _quoted(block, run.start) or any(c in copy for c in OPENERS + CLOSERS):
        return
    clause = _clause(block, offset, run)
    if clause is not None:
        yield from clause
        return
    lo, hi = max(0, run.start - 6), min(len(block), run.end + 6)
    bounds = lexicon.word_boundaries(block, lo, hi)
    shifts = range(run.end - run.start - 2 * period + 1)
    # The second copy a run of whole words, after a word boundary: the first may end a longer word (中国银行银行),
    # but a copy that begins a longer word (天主教主教团) is no whole word.
    whole = [k for k in shifts if {run.start + k + period, run.start + k + 2 * period} <= bounds]
    k = whole[0] if whole else 0
    first, second = run.start + k, run.start + k + period
    copy = block[first:second]
    if copy[0] == "一" or copy[-1] in REPEATED_ENDINGS or lexicon.is_word(copy * 2):
        return  # 一件一件, 读着读着, 说说笑笑: a writer's
    has_mark = not all(map(is_han, copy))
    if whole and not has_mark:
        if period == 2 and (lexicon.tag(copy) not in NOUN_TAGS or lexicon.frequency(copy) < NOUN_WORD):
            return  # 研究研究, 碧蓝碧蓝, 太多太多, 乌泱乌泱: a reduplicated verb, adjective or word of the writer's own
        if _gain(block, second, second + period) >= MIN_GAIN:
            yield _finding(
                block,
                offset,
                second,
                second + period,
                WORD_PRECISION,
                False,
                f"{copy} printed twice as whole words; a writer may repeat it too: check the print",
            )
        return
    if "、" in copy and _han(copy) < LIST_MIN_HAN:
        return  # a list whose items share characters (东南、中南、西南、西北): a writer's
    if _han(copy) >= MIN_CLAUSE_HAN and any(c in SENTENCE_ENDS for c in copy):
        # Across a sentence end (安全。下一步安全。下一步): no writer repeats the end of one sentence with the start
        # of the next.
        yield _finding(
            block,
            offset,
            second,
            second + period,
            CLAUSE_PRECISION,
            True,
            f"{copy} printed twice in a row across a sentence end",
        )
        return
    if _gain(block, second, second + period) >= MIN_GAIN_SLICE:
        yield _finding(
            block,
            offset,
            second,
            second + period,
            SLICE_PRECISION,
            False,
            f"{copy} printed twice across the words around it, and the text reads far better without the copy",
        )


@register(
    DETECTOR,
    "repeat",
    "a stretch of two or more characters printed twice in a row, apart from a writer's",
    screen=holding_repeats,
)
def repeated_spans(article: RawArticle) -> Iterator[Finding]:
    text = article.fields["text"] or ""
    found = runs(text)
    if not found:
        return
    found.sort(key=lambda r: (r.start, r.period))
    at = 0
    for _, offset, block in body_blocks(article):
        # A run never crosses a line break, so each block's runs are those that start in it.
        while at < len(found) and found[at].start < offset + len(block):
            run = found[at]
            yield from _decide(block, offset, Run(run.start - offset, run.end - offset, run.period))
            at += 1
