"""Characters and short fragments printed twice (保护好好自己, 值班班, 不听从不听), told apart from reduplication.

Chinese repeats characters on purpose: 一名名, 一个个, 纷纷, 挨家挨户, 再接再厉, 值班值守, 研究研究. The detector uses
jieba's dictionary and tags, and the grammar of reduplication, never a list of one page's words:

- a copy that jieba can only read as a stray single character beside a word that already holds the same
  character (值班|班, 行为|为, 党总支|支|书记) is a doubling, unless it is the 一+X+X pattern (一名名, 一天天) with 一 a
  numeral of its own (not 第一个|个, 欢聚一堂|堂);
- a pair jieba reads as a reduplicated word that is no adverb (深深|层次, 统统|一) is a doubling when without the copy
  the character joins its neighbour into a word (深层次, 统一) and the window reads far better; a reduplicated adverb
  before its verb (紧紧握住) is the writer's;
- a reduplicated adverb (好好, 纷纷) must be followed by something it can modify; before a pronoun or a noun
  (保护好好自己) one copy belongs to the word before it;
- a fragment of two or more characters repeated after one other character (不听从不听) is a doubling when the
  copy breaks jieba's reading of words, or the fragment is no word while its copy stands as whole words or cuts
  across the words of the text read without it (地区的经济区的经); a word
  repeated whole (管理者在管理实践中) or around a connective (一个又一个) is the writer's;
- when both copies belong to dictionary words (值班|班长, 人民|民主) nothing is deleted unless the two become one word
  without the copy (南联|联盟, 印度尼西|西亚); if the second word is
  rare and a far more frequent word differs from it in its first character only (党总支|支行 beside 实行), the
  character may be misread rather than doubled, and that is a flag for a person.

A deletion is proposed only when jieba's model reads the window better without the copy.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import Finding, register, retire, table
from zhcorpus.detect.codes import code_points
from zhcorpus.detect.compiled import compiled
from zhcorpus.records import RawArticle
from zhcorpus.text.han import HAN_FIRST, HAN_LAST, is_han

DETECTOR = "doubled.char@4"
# @1 did not read 第一个个, 深深层次, 印度尼西西亚 or a repeated slice of words (区的经); the A1 corrections name it.
retire("doubled.char@1", DETECTOR)
# @2 deleted a doubled function word that real OCR makes by misreading a neighbour (旁边的 read as 旁的的).
retire("doubled.char@2", DETECTOR)
# @3 deleted the second copy of a reduplicated state word at a clause end (春意浓浓。, 浓浓 48 in the dictionary),
# and a doubled function word between whole words, which a misread neighbour makes as often (存在及及罪行).
# It also read a stretch printed twice in a row (生这起袭生这起袭) as a fragment printed again after one character and
# proposed a deletion that leaves a character doubled (生这起袭袭); repeat.span@1 deletes the whole copy.
retire("doubled.char@3", DETECTOR)
# Copies are looked for this far on: the next character (值班班), or 3 to 5 characters on across Han characters
# only, where the copy of a 2-4 character fragment after one other character would begin (不听从不听).
GAPS = (3, 4, 5)
# Lengths of a fragment printed again after the next character (不听从不听).
FRAGMENTS = (2, 3, 4)
# Numerals repeat on purpose (三三一医院, 一一对应): they are never a doubling.
NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
WINDOW = 6
# How much better (in log probability) the window must read without the copy for a deletion to be proposed.
MIN_GAIN = 2.5
# Characters that join two copies of a fragment on purpose (一个又一个, 研究了研究, 一天比一天).
CONNECTIVES = set("又了一再接比不没也来去到和与或对着的过是")
# Tags of words a reduplicated adverb can modify: verbs, adjectives, adverbs, prepositions, state words.
PREDICATE_TAGS = ("v", "a", "d", "p", "z", "c", "u", "f")
# Complements that follow a verb (保护好, 做完, 记住): doubled, they read as an adverb (好好) by mistake.
RESULTATIVES = set("好完到住成掉走光清全够")
# Particles that follow a word ending in the same character on purpose (脚踏实地地, 目的的, 受不了了); the aspect
# particles 着 and 过 and the complement marker 得 never do (有着着, 通过过, 获得得).
PARTICLES = set("的地了")
# Tags of function words (particles, prepositions, conjunctions, interjections) that never reduplicate.
FUNCTION_TAGS = ("u", "p", "c", "e", "y")
# Interjections and modal particles are repeated by writers (噢噢, 嘛嘛) and misread in runs (嘤嘤嘤 as 噢噢嘤).
INTERJECTION_TAGS = ("e", "y")
# A neighbour reading needs a dictionary word at least this frequent (旁边 3728, 鼓励 2370; 累得 is 3).
READING_WORD = 100
# Neighbour readings named in a proposal, the most frequent words first.
READINGS_SHOWN = 3
# Confidence is the precision measured for findings like it, on the synthetic harness (seeds 0-2) and the real
# OCR pairs together (BENCHMARKS.md, reliability table). A doubled function word between whole words: 9 right on
# the classic harness, but 21 harmed where a misread neighbour made the copy (存在及及罪行 for 存在及其罪行, the
# harness's doubled.misread family): a proposal.
FUNCTION_WORD_PRECISION = 0.3
# A doubled function word beside a neighbour a misread copy may belong to: 7 of 15 right (harness 7/7, real OCR
# pairs 0/8: 旁的的, 我的的励, 得得要命, 噢噢嘤), so it is a proposal that lists the readings.
AMBIGUOUS_PRECISION = 0.47
RARE_WORD = 300
MISREAD_RATIO = 50
# From this frequency a doubled character is a reduplicated word of its own (声声 115, 郁郁 127; 班班 is 3).
REDUPLICATION_WORD = 50
# A pair the dictionary tags as a state word, adjective or adverb is a writer's reduplication however rare
# (浓浓 z 48 in 春意浓浓。): only proposed.
REDUPLICATED_TAGS = ("z", "a", "d")
# A stray copy after a word must read much better deleted than kept: it may start the next word (暖流|流进).
MIN_GAIN_STRAY = 4.0
# Two words that become one without the copy must read far better so: a title after its office (外交部|部长,
# 去年|年底) is often shortened the same way (外交部长, gain 6 to 8.5), a doubling (南联|联盟) gains 13.
MIN_GAIN_MERGE = 9.0
# A repeated slice of words (区的经) must read this much better deleted (gain 13 to 20); a writer's 中国的外国的,
# 这个家那个家 gain 7 to 9.5.
MIN_GAIN_SLICE = 12.0
# A pair jieba reads as a reduplicated word (深深) must read this much better undoubled (深层次, gain 8) to be
# proposed; the writer's reduplications beside a word that holds the character (要点点入地, 微微风) gain 4 to 6.5.
MIN_GAIN_REDUPLICATION = 6.0


@dataclass(frozen=True)
class _Window:
    text: str
    offset: int  # of the window in the block


def _window(block: str, start: int, end: int) -> _Window:
    lo = max(0, start - WINDOW)
    hi = min(len(block), end + WINDOW)
    return _Window(block[lo:hi], lo)


def _gain(block: str, start: int, end: int) -> float:
    """How much better the window around [start, end) reads with that span deleted."""
    win = _window(block, start, end)
    a, b = start - win.offset, end - win.offset
    shorter = win.text[:a] + win.text[b:]
    return lexicon.segment(shorter).score - lexicon.segment(win.text).score


# Bounded like every memo a detector fills from the text it reads, so an archive build's memory stays flat.
@lru_cache(maxsize=1 << 14)
def _first_char_variants(word: str) -> int:
    """The frequency of the most frequent dictionary word that differs from ``word`` in its first character."""
    best = 0
    for candidate, freq in _words_ending_with(word[1:]):
        if candidate != word and len(candidate) == len(word):
            best = max(best, freq)
    return best


@table
def _suffix_index() -> dict[str, list[tuple[str, int]]]:
    index: dict[str, list[tuple[str, int]]] = {}
    for word, freq in lexicon.words():
        if 2 <= len(word) <= 3 and freq > 0:
            index.setdefault(word[1:], []).append((word, freq))
    return index


def _words_ending_with(tail: str) -> list[tuple[str, int]]:
    return _suffix_index().get(tail, [])


def _deletion(
    block: str, offset: int, start: int, end: int, confidence: float, reason: str, auto: bool = True
) -> Finding:
    return Finding(
        DETECTOR, "doubled_char", "text", offset + start, offset + end, block[start:end], "", confidence, auto, reason
    )


def _adjacent(block: str, offset: int, i: int) -> Iterator[Finding]:
    """Findings for block[i] == block[i + 1]."""
    char = block[i]
    win = _window(block, i, i + 2)
    seg = lexicon.segment(win.text)
    p = i - win.offset
    first_start, first = seg.word_at(p)
    second_start, second = seg.word_at(p + 1)
    if first_start == second_start:
        adverb = list(_doubled_adverb(block, offset, i, seg, first))
        yield from adverb
        if not adverb and first == char * 2:
            yield from _false_reduplication(block, offset, i)
        return
    if i >= 1 and block[i - 1] == "一" and seg.word_at(p - 1)[1].startswith("一"):
        # 一名名, 一天天: the numeral 一 + X + X is reduplication; an 一 inside a word before it (第一个|个,
        # 欢聚一堂|堂) is no such numeral.
        return
    if len(first) > 1 and len(second) > 1:
        merged = first + second[1:]
        if (lexicon.is_word(merged) or _spans_both(block, i)) and _gain(block, i + 1, i + 2) >= MIN_GAIN_MERGE:
            # 南联|联盟 -> 南联盟: without the copy the two words are one; a writer's 值班|班长 never merges so.
            yield _deletion(
                block,
                offset,
                i + 1,
                i + 2,
                0.85,
                f"{first}|{second} read as one word {merged} without the second {block[i]}",
                auto=False,
            )
            return
        yield from _misread(block, offset, i, first, second)
        return
    if len(first) > 1 or len(second) > 1:
        if char in PARTICLES:
            return  # 脚踏实地地: a word ending in 地 before the adverbial particle 地
        if len(second) == 1:
            # Safe without review only where nothing follows that the copy could belong to (值班班，) and the pair
            # is no common reduplicated word (爆竹声声。 beside 生活活。: a proposal); before text it may start a
            # word jieba does not know (班主任任老师, 反对对伊拉克): then it is a proposal too.
            closes = i + 2 >= len(block) or not is_han(block[i + 2])
            safe = (
                closes
                and lexicon.frequency(char * 2) < REDUPLICATION_WORD
                and not (lexicon.tag(char * 2) or "").startswith(REDUPLICATED_TAGS)
            )
            following = _next_word(seg, p + 1)
            if lexicon.is_word(char + following):
                return  # 暖流|流进: the second copy begins the next word
            if _gain(block, i + 1, i + 2) >= MIN_GAIN_STRAY:
                # The copy may be a misread character that completed the word (知名名， for 知名度，).
                longer = _longer_words(first)
                yield _deletion(
                    block,
                    offset,
                    i + 1,
                    i + 2,
                    0.95 if safe and not longer else 0.85,
                    f"a {char} stands alone after {first}, which already ends in {char}"
                    + (f"; or a misread last character of {'、'.join(longer)}: check the print" if longer else ""),
                    auto=safe and not longer,
                )
        elif _gain(block, i, i + 1) >= MIN_GAIN:
            # The first copy may end the words before it (多数人|人心惶惶, 研究馆|馆员): a person decides.
            yield _doubt(
                block,
                offset,
                i,
                i + 2,
                0.6,
                f"a {char} stands alone before {second}, which begins with "
                f"{char}: a doubled {char}, or the end of the words before it; check the print",
            )
        return
    # Both copies stand alone (的的, 年年, 萋萋): only a function word is safely a doubling, and never a classifier
    # (根根火把) or a pair common enough to be a reduplicated word of its own.
    if (lexicon.tag(char) or "").startswith("q") or lexicon.frequency(char * 2) >= REDUPLICATION_WORD:
        return
    if (lexicon.tag(char) or "").startswith(FUNCTION_TAGS) and _gain(block, i + 1, i + 2) >= MIN_GAIN:
        readings = _neighbour_readings(block, i)
        if readings or (lexicon.tag(char) or "").startswith(INTERJECTION_TAGS):
            yield _deletion(
                block,
                offset,
                i + 1,
                i + 2,
                AMBIGUOUS_PRECISION,
                f"{char}{char}: a copy of the function word {char} to delete, or a misread neighbour; "
                f"candidates: {block[max(0, i - 1) : i + 1]} (delete the copy)"
                + "".join(f", {r}" for r in readings)
                + ("" if readings else f", {char}{char} repeated by the writer")
                + "; check the print",
                auto=False,
            )
        else:
            yield _deletion(
                block,
                offset,
                i + 1,
                i + 2,
                FUNCTION_WORD_PRECISION,
                f"the function word {char} printed twice, or a neighbour misread as its copy; check the print",
                auto=False,
            )
    elif _gain(block, i + 1, i + 2) >= MIN_GAIN:
        yield _doubt(
            block,
            offset,
            i,
            i + 2,
            0.5,
            f"{char}{char} is no dictionary word: a doubled {char}, or a "
            "reduplication the dictionary lacks; check the print",
        )


@table
def _prefix_index() -> dict[str, list[tuple[str, int]]]:
    """First character -> the two-character dictionary words it begins, the most frequent first."""
    index: dict[str, list[tuple[str, int]]] = {}
    for word, freq in lexicon.words():
        if len(word) == 2 and freq >= READING_WORD:
            index.setdefault(word[0], []).append((word, freq))
    for found in index.values():
        found.sort(key=lambda wf: -wf[1])
    return index


@table
def _extensions() -> dict[str, list[tuple[str, int]]]:
    """A word -> the frequent words one character longer that begin with it (知名 -> 知名度), most frequent first."""
    index: dict[str, list[tuple[str, int]]] = {}
    for word, freq in lexicon.words():
        if len(word) >= 3 and freq >= READING_WORD:
            index.setdefault(word[:-1], []).append((word, freq))
    for found in index.values():
        found.sort(key=lambda wf: -wf[1])
    return index


def _longer_words(word: str) -> list[str]:
    return [w for w, _ in _extensions().get(word, [])[:READINGS_SHOWN]]


def _words_ending_in(char: str) -> list[str]:
    """The two-character dictionary words that end in ``char``, the most frequent first."""
    found = [(w, f) for w, f in _words_ending_with(char) if len(w) == 2 and f >= READING_WORD]
    return [w for w, _ in sorted(found, key=lambda wf: -wf[1])]


def _neighbour_readings(block: str, i: int) -> list[str]:
    """Readings of the pair block[i] == block[i + 1] in which one copy is a misread neighbour, each supported by
    a dictionary word: the first copy completing a lone character before it (旁的的 as 旁边的), or taking the
    second as its complement at a clause start (，得得要命 as 累得要命, any ?得); the second completing a lone
    character after it (我的的励 as 我的鼓励); an interjection pair misread from the one after it (噢噢嘤 as
    嘤嘤嘤). A neighbour inside a longer word (我们的的工作) leaves no such reading.
    """
    char = block[i]
    win = _window(block, i, i + 2)
    seg = lexicon.segment(win.text)
    p = i - win.offset
    readings: list[str] = []
    before = block[i - 1] if i >= 1 else ""
    if not (before and is_han(before)):
        readings += [f"{w[0]}{char}" for w in _words_ending_in(char)[:READINGS_SHOWN] if w[0] != char]
    elif len(seg.word_at(p - 1)[1]) == 1:
        readings += [f"{w}{char}" for w, _ in _prefix_index().get(before, [])[:READINGS_SHOWN] if w[1] != char]
    after = block[i + 2] if i + 2 < len(block) else ""
    if after and is_han(after) and (lexicon.tag(char) or "").startswith(INTERJECTION_TAGS):
        readings.append(after * 3)  # a run of one interjection misread in part (嘤嘤嘤 as 噢噢嘤)
    if after and is_han(after) and len(seg.word_at(p + 2)[1]) == 1:
        readings += [f"{char}{w}" for w in _words_ending_in(after)[:READINGS_SHOWN] if w[0] != char]
    return readings


def _without_copy(block: str, i: int) -> tuple[int, str]:
    """The word that block[i] falls in once its copy block[i + 1] is deleted (start offset in the block)."""
    shorter = block[: i + 1] + block[i + 2 :]
    win = _window(shorter, i, i + 1)
    start, word = lexicon.segment(win.text).word_at(i - win.offset)
    return win.offset + start, word


def _spans_both(block: str, i: int) -> bool:
    """Without the copy one word holds the characters on both sides of the pair (印度尼西|西亚 -> 印度尼西亚)."""
    start, word = _without_copy(block, i)
    return start < i and start + len(word) > i + 1


def _false_reduplication(block: str, offset: int, i: int) -> Iterator[Finding]:
    """深深层次, 统统一: jieba reads the pair as a reduplicated word (深深, 统统), but without the copy the character
    joins a neighbour into a word (深层次, 统一) and the window reads much better: a doubling to propose."""
    if lexicon.tag(block[i] * 2) == "d":
        return  # a reduplicated adverb (紧紧, 远远) before the verb it modifies (紧紧握住) is the writer's
    word = _without_copy(block, i)[1]
    if len(word) > 1 and _gain(block, i + 1, i + 2) >= MIN_GAIN_REDUPLICATION:
        yield _deletion(
            block,
            offset,
            i + 1,
            i + 2,
            0.8,
            f"{block[i] * 2} read as a reduplicated word, but without the copy {word} is a word",
            auto=False,
        )


def _doubt(block: str, offset: int, start: int, end: int, confidence: float, note: str) -> Finding:
    """A flag for a person: the detector cannot tell a doubling from the writer's repetition."""
    return Finding(
        DETECTOR, "doubtful_char", "text", offset + start, offset + end, block[start:end], None, confidence, False, note
    )


def _next_word(seg: lexicon.Segmentation, position: int) -> str:
    """The word after the one covering ``position`` ("" at the end)."""
    start, word = seg.word_at(position)
    end = start + len(word)
    return seg.word_at(end)[1] if end < sum(len(w) for w in seg.words) else ""


def _doubled_adverb(block: str, offset: int, i: int, seg: lexicon.Segmentation, word: str) -> Iterator[Finding]:
    """保护好好自己: a verb's complement (好) doubled into the adverb 好好 before something it cannot modify."""
    char = block[i]
    if word != char * 2 or lexicon.tag(word) != "d" or char not in RESULTATIVES:
        return
    index = seg.words.index(word)
    before = seg.words[index - 1] if index > 0 else ""
    after = seg.words[index + 1] if index + 1 < len(seg.words) else ""
    modifiable = bool(after) and (lexicon.tag(after) or "x").startswith(PREDICATE_TAGS)
    if (lexicon.tag(before) or "").startswith("v") and not modifiable and _gain(block, i + 1, i + 2) >= MIN_GAIN:
        yield _deletion(
            block,
            offset,
            i + 1,
            i + 2,
            0.9,
            f"{before}{char} (a verb and its complement) then {char} again before {after or 'the end'}, "
            f"which the adverb {word} cannot modify",
        )


def _misread(block: str, offset: int, i: int, first: str, second: str) -> Iterator[Finding]:
    """Both copies belong to words (值班|班长, 党总支|支行): a flag when the second word is rare and a common
    word differs from it in its first character only, so the character may be misread rather than doubled."""
    if lexicon.frequency(second) >= RARE_WORD:
        return
    if _first_char_variants(second) >= MISREAD_RATIO * max(1, lexicon.frequency(second)):
        yield _doubt(
            block,
            offset,
            i + 1,
            i + 1 + len(second),
            0.5,
            f"{block[i]} printed twice ({first}|{second}); {second} is rare where a far more frequent word "
            "differs from it in its first character: check the print for a misread character",
        )


def _joins_a_word(block: str, start: int, end: int) -> bool:
    """Deleting [start, end) brings together the two characters of a word (发表文【发表】告 -> 文告)."""
    return start >= 1 and end < len(block) and lexicon.is_word(block[start - 1] + block[end])


def _gapped(block: str, offset: int, starts: Sequence[int]) -> list[Finding]:
    """A fragment of 2-4 characters printed again after the next character: 不听从不听 -> 不听从.

    Writers repeat words and phrases (管理者在管理实践中, 一年比一年, 书记处书记) as whole words of jieba's reading;
    a copy that OCR prints again lands anywhere. So a repeat is read as a doubling when

    - without the second copy jieba reads one word across the place it stood (激励大和激励部分: 大部分), or
      deleting it brings two characters of a word together (发表文发表告: 文告), or
    - the second copy stands as whole words in the printed reading, unless the fragment is a word that the
      character between completes (书记处书记, 出版社出版) or whose repeat closes the clause (一级抓一级，).
      A longer stretch between the copies is parallel writing (又是兔子又是狼) and is not read.

    A word repeated around a connective (一年比一年, 两国和两国) is the writer's. Shorter pieces inside a repeated
    word are not read as doublings of their own, and of rival readings the longest fragment, then the one jieba reads
    best, is kept. Writers do repeat phrases, so a gapped repeat is proposed, never applied unseen.
    """
    candidates: list[tuple[int, float, Finding]] = []
    repeated_words: list[tuple[int, int, int]] = []  # (start, end, fragment length) of a word said again
    for n in sorted(FRAGMENTS, reverse=True):
        for i in starts:
            if i >= len(block) - 2 * n:
                break
            fragment, between = block[i : i + n], block[i + n]
            if block[i + n + 1 : i + 2 * n + 1] != fragment:
                continue
            if block[i + n + 1 : i + 2 * n + 2] == fragment + between or (i >= 1 and block[i - 1] == between):
                # The character between is printed again too, after the copy or before the fragment: a stretch
                # printed twice in a row (生这起袭生这起袭, 聚在伍聚在伍), repeat.span@1's.
                continue
            span = block[i : i + 2 * n + 1]
            if not all(map(is_han, span)) or lexicon.is_word(span):
                continue
            start, end = i + n + 1, i + 2 * n + 1
            shorter = block[:start] + block[end:]
            bounds = lexicon.word_boundaries(shorter, max(0, i - WINDOW), min(len(shorter), start + WINDOW))
            split = start not in bounds
            joins = _joins_a_word(block, start, end)
            word = lexicon.is_word(fragment)
            said_again = not (split or joins) and (
                lexicon.is_word(fragment + between) or end == len(block) or not is_han(block[end])
            )
            if word and (between in CONNECTIVES or said_again):
                repeated_words.append((i, end, n))
                continue
            # A fragment that is no word and cuts across the words of the text read without the copy (地区|的|经济
            # -> 区的经) is a slice no writer repeats, if the text reads far better without it (中国的外国的 does not).
            threshold = MIN_GAIN
            if not (split or joins):
                printed = lexicon.word_boundaries(block, max(0, i - WINDOW), min(len(block), end + WINDOW))
                if start not in printed or end not in printed:
                    if word or (i in bounds and i + n in bounds):
                        continue
                    threshold = MIN_GAIN_SLICE
            gain = _gain(block, start, end)
            if gain >= threshold:
                reason = f"{fragment} printed again after {fragment}{between}: the second copy repeats it"
                candidates.append((n, gain, _deletion(block, offset, start, end, 0.8, reason, auto=False)))
    candidates.sort(key=lambda c: (-c[0], -c[1]))
    return [
        f
        for n, _, f in candidates
        if not any(a <= f.start - offset and f.end - offset <= b and n < m for a, b, m in repeated_words)
    ]


@compiled
def _candidates(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.int64]:
    """(position, 1 if a fragment from it is printed again after the next character, 1 if its character is printed
    again at once) of each place worth reading, in text order."""
    n = len(codes)
    found = np.empty((n, 3), np.int64)
    kept = 0
    for i in range(n):
        if not HAN_FIRST <= codes[i] <= HAN_LAST:
            continue
        hit = i + 1 < n and codes[i] == codes[i + 1]
        if not hit and i + 1 < n:
            between = HAN_FIRST <= codes[i + 1] <= HAN_LAST  # every character before the copy is Han
            for gap in GAPS:
                if i + gap >= n:
                    break
                between = between and HAN_FIRST <= codes[i + gap - 1] <= HAN_LAST
                if not between:
                    break
                if codes[i] == codes[i + gap]:
                    hit = True
                    break
        if not hit:
            continue
        gapped = 0
        for size in FRAGMENTS:
            if i + 2 * size + 1 <= n:
                k = 0
                while k < size and codes[i + k] == codes[i + size + 1 + k]:
                    k += 1
                if k == size:
                    gapped = 1
        found[kept, 0], found[kept, 1], found[kept, 2] = i, gapped, i + 1 < n and codes[i] == codes[i + 1]
        kept += 1
    return found[:kept]


class Places(NamedTuple):
    every: list[int]  # a Han character printed again at once, or GAPS on with only Han characters between
    fragments: list[int]  # of those, where a fragment of FRAGMENTS characters is printed again after the next one
    doubled: list[int]  # of those, where the character is printed again at once


def candidates(text: str) -> Places:
    """Every place worth reading, found by a compiled loop over the whole text so that Python looks at those
    alone: ``_gapped`` can find something only at ``fragments``, ``_adjacent`` only at ``doubled``."""
    # A few rows an article: lists beat numpy's masks, whose calls cost more than the rows.
    rows = _candidates(code_points(text)).tolist()
    return Places([r[0] for r in rows], [r[0] for r in rows if r[1]], [r[0] for r in rows if r[2]])


@register(DETECTOR, "doubled", "characters or short fragments printed twice, apart from legitimate reduplication")
def doubled(article: RawArticle) -> Iterator[Finding]:
    text = article.fields["text"] or ""
    places = candidates(text)
    worth = sorted({*places.fragments, *places.doubled})
    at = 0
    while at < len(worth):
        # A copy never crosses a line break (no Han character), so each block's places are its own: the blocks
        # read are those that hold one.
        offset = text.rfind("\n", 0, worth[at]) + 1
        block_end = text.find("\n", worth[at])
        block_end = len(text) if block_end < 0 else block_end
        block = text[offset:block_end]
        at = bisect_left(worth, block_end, at)
        # Each finding with the stretch it explains: a doubled character's is the pair, so a pair ending a
        # gapped copy (资产的质资产的的) is read with the copy, not as a 的 printed twice.
        found = [((f.start, f.end), f) for f in _gapped(block, offset, _within(places.fragments, offset, block_end))]
        for i in _within(places.doubled, offset, block_end):
            if block[i] in NUMERALS:
                continue
            if block[i + 2 : i + 3] == block[i] or block[i - 1 : i] == block[i]:
                continue  # three in a row (哈哈哈) is no OCR doubling
            if block[i + 2 : i + 3] == block[i + 3 : i + 4] != "" or (i >= 2 and block[i - 2] == block[i - 1]):
                continue  # AABB is reduplication (蹒蹒跚跚, 里里外外)
            found.extend(((offset + i, offset + i + 2), f) for f in _adjacent(block, offset, i))
        taken: list[tuple[int, int]] = []
        for (start, end), finding in found:
            if any(start < b and a < end for a, b in taken):
                continue  # a rival reading of a stretch already explained
            taken.append((start, end))
            yield finding


def _within(places: list[int], start: int, end: int) -> list[int]:
    """The places from ``start`` to ``end``, counted from ``start``."""
    first = bisect_left(places, start)
    return [i - start for i in places[first : bisect_left(places, end, first)]]
