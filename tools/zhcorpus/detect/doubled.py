"""Characters and short fragments printed twice (保护好好自己, 值班班, 不听从不听), told apart from reduplication.

Chinese repeats characters on purpose: 一名名, 一个个, 纷纷, 挨家挨户, 再接再厉, 值班值守, 研究研究. The detector uses
jieba's dictionary and tags, and the grammar of reduplication, never a list of one page's words:

- a copy that jieba can only read as a stray single character beside a word that already holds the same
  character (值班|班, 行为|为, 党总支|支|书记) is a doubling, unless it is the 一+X+X pattern (一名名, 一天天);
- a reduplicated adverb (好好, 纷纷) must be followed by something it can modify; before a pronoun or a noun
  (保护好好自己) one copy belongs to the word before it;
- a fragment of two or more characters repeated after one or two others (不听从不听) is a doubling unless a
  connective stands between the copies (一个又一个, 研究了研究);
- when both copies belong to dictionary words (值班|班长, 人民|民主) nothing is deleted; if the second word is
  rare and a far more frequent word differs from it in its first character only (党总支|支行 beside 实行), the
  character may be misread rather than doubled, and that is a flag for a person.

A deletion is proposed only when jieba's model reads the window better without the copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import Finding, body_blocks, register
from zhcorpus.records import RawArticle

DETECTOR = "doubled.char@1"
HAN = re.compile(r"[\u4e00-\u9fff]")
# Numerals repeat on purpose (三三一医院, 一一对应): they are never a doubling.
NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
WINDOW = 6
# How much better (in log probability) the window must read without the copy for a deletion to be proposed.
MIN_GAIN = 2.5
# Characters that join two copies of a fragment on purpose (一个又一个, 研究了研究, 一天比一天).
CONNECTIVES = set("又了一再接比不没也来去到和与或对着的过是")
# Tags of words a reduplicated adverb can modify: verbs, adjectives, adverbs, prepositions, state words.
PREDICATE_TAGS = ("v", "a", "d", "p", "z", "c", "u", "f")
RARE_WORD = 1000
MISREAD_RATIO = 20


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


@cache
def _first_char_variants(word: str) -> int:
    """The frequency of the most frequent dictionary word that differs from ``word`` in its first character."""
    best = 0
    for candidate, freq in _words_ending_with(word[1:]):
        if candidate != word and len(candidate) == len(word):
            best = max(best, freq)
    return best


@cache
def _suffix_index() -> dict[str, list[tuple[str, int]]]:
    index: dict[str, list[tuple[str, int]]] = {}
    for word, freq in lexicon.words():
        if 2 <= len(word) <= 3 and freq > 0:
            index.setdefault(word[1:], []).append((word, freq))
    return index


def _words_ending_with(tail: str) -> list[tuple[str, int]]:
    return _suffix_index().get(tail, [])


def _deletion(block: str, offset: int, start: int, end: int, confidence: float, reason: str) -> Finding:
    return Finding(
        DETECTOR, "doubled_char", "text", offset + start, offset + end, block[start:end], "", confidence, True, reason
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
        if first == char * 2 and lexicon.tag(first) == "d":
            after = seg.words[seg.words.index(first) + 1] if first != seg.words[-1] else ""
            modifiable = bool(after) and (lexicon.tag(after) or "x").startswith(PREDICATE_TAGS)
            if not modifiable and _gain(block, i + 1, i + 2) >= MIN_GAIN:
                yield _deletion(
                    block,
                    offset,
                    i + 1,
                    i + 2,
                    0.9,
                    f"reduplicated adverb {first} before {after or 'the end of the sentence'}, which it "
                    f"cannot modify: one {char} belongs to the word before",
                )
        return
    one_plus_x = i >= 1 and block[i - 1] == "一"
    if len(second) == 1 and not one_plus_x:
        if _gain(block, i + 1, i + 2) >= MIN_GAIN:
            yield _deletion(
                block,
                offset,
                i + 1,
                i + 2,
                0.95,
                f"second {char} stands alone after {first}, which already ends in {char}",
            )
        return
    if len(first) == 1 and len(second) > 1 and not one_plus_x:
        if _gain(block, i, i + 1) >= MIN_GAIN:
            yield _deletion(
                block,
                offset,
                i,
                i + 1,
                0.95,
                f"first {char} stands alone before {second}, which already begins with {char}",
            )
        return
    if len(first) > 1 and len(second) > 1 and lexicon.frequency(second) < RARE_WORD:
        rival = _first_char_variants(second)
        if rival >= MISREAD_RATIO * max(1, lexicon.frequency(second)):
            yield Finding(
                DETECTOR,
                "doubtful_char",
                "text",
                offset + i + 1,
                offset + i + 1 + len(second),
                block[i + 1 : i + 1 + len(second)],
                None,
                0.5,
                False,
                f"{char} printed twice ({first}|{second}); {second} is rare where a far more frequent "
                "word differs from it in its first character: check the print for a misread character",
            )


def _gapped(block: str, offset: int) -> Iterator[Finding]:
    """A fragment of 2-4 characters printed again after 1-2 others: 不听从不听 -> 不听从."""
    for n in (4, 3, 2):
        for gap in (1, 2):
            for i in range(len(block) - 2 * n - gap + 1):
                fragment = block[i : i + n]
                between = block[i + n : i + n + gap]
                if block[i + n + gap : i + 2 * n + gap] != fragment:
                    continue
                span = block[i : i + 2 * n + gap]
                if not all(HAN.match(c) for c in span) or set(between) & CONNECTIVES:
                    continue
                if lexicon.is_word(span):
                    continue
                start, end = i + n + gap, i + 2 * n + gap
                if _gain(block, start, end) >= MIN_GAIN:
                    yield _deletion(
                        block,
                        offset,
                        start,
                        end,
                        0.9,
                        f"{fragment} printed again after {fragment}{between}: the second copy repeats "
                        "what was just printed",
                    )


@register(DETECTOR, "doubled", "characters or short fragments printed twice, apart from legitimate reduplication")
def doubled(article: RawArticle) -> Iterator[Finding]:
    for _, offset, block in body_blocks(article):
        seen: set[int] = set()
        for i in range(len(block) - 1):
            if block[i] == block[i + 1] and HAN.match(block[i]) and block[i] not in NUMERALS and i not in seen:
                if i + 2 < len(block) and block[i + 2] == block[i]:
                    seen.update((i, i + 1))  # three in a row (哈哈哈) is no OCR doubling
                    continue
                yield from _adjacent(block, offset, i)
        yield from _gapped(block, offset)
