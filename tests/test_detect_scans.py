"""The compiled scans of garbled.passage@1, doubled.char@4, stray.glyph@1 and dup.sentence@1 find exactly what
their plain definitions find.

Each scan runs over the whole body at once, in one compiled loop over code point tables; the definitions read it
character by character. Text mixes Han characters that dictionary words pair and rare ones
that they do not, line breaks, ASCII, and characters beyond the BMP or just outside the Han block.
"""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from zhcorpus.detect import REGISTRY, duplicates, garbled, lexicon, stray
from zhcorpus.detect.doubled import FRAGMENTS, candidates
from zhcorpus.records import LineRange, RawArticle

# doubled.char@4's candidates as the regex it used before numpy: a Han character printed again at once, or 3 to 5
# characters on with only Han characters between.
_CANDIDATE = re.compile(r"([\u4e00-\u9fff])(?=\1|[\u4e00-\u9fff]{1,3}?[\u4e00-\u9fff]\1)")
_COMMON = list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产")
_EDGES = ["\n", "\n", "a", "9", "，", "𠀀", "\U0001f600", "\u3400", "\u4dff", "\u4e00", "\u9fff", "\ua000"]

_ANY_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)  # mostly characters that no word pairs
pieces = st.one_of(
    st.sampled_from(_COMMON),
    _ANY_HAN,
    st.text(_ANY_HAN, min_size=5, max_size=9),  # a garble, or one a common character or a break cuts short
    st.sampled_from(_EDGES),
)
texts = st.lists(pieces, max_size=60).map("".join)
# Few distinct characters, so that repeats at every distance occur.
repeating = st.lists(st.sampled_from([*_COMMON[:6], "\n", "a", "𠀀"]), max_size=40).map("".join)


@cache
def _held() -> frozenset[str]:
    return frozenset(word[i : i + 2] for word, _ in lexicon.words() for i in range(len(word) - 1))


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def garbled_spans(text: str) -> list[tuple[int, int]]:
    """Every longest stretch of more than RUN Han characters whose neighbours no dictionary word holds together."""
    spans = []
    start = 0
    for i in range(1, len(text) + 1):
        pair = text[i - 1 : i + 1]
        if len(pair) == 2 and _is_han(pair[0]) and _is_han(pair[1]) and pair not in _held():
            continue
        if i - start > garbled.RUN:
            spans.append((start, i))
        start = i
    return spans


def _found(text: str) -> list[tuple[int, int]]:
    fields: dict[str, str | None] = {"text": text}
    art = RawArticle("zzrb-20200201-A1-01", "news", fields, ["paragraph"], None, None, LineRange(1, 1))
    return [(f.start, f.end) for f in REGISTRY[garbled.DETECTOR].run(art)]


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_garbled_scan_equals_the_pair_definition(text: str) -> None:
    assert _found(text) == garbled_spans(text)


def test_the_definitions_on_known_text() -> None:
    """The definitions themselves: test_detect's garble, the same garble on either side of a line break, and the
    places worth reading of a doubled character (值班班) and of a repeated fragment (不听从不听)."""
    assert garbled_spans("他说这块地皮咧嘎嗒嚓噗叽哩里乡镇企业") == [(5, 12)]
    assert garbled_spans("皮咧嘎嗒嚓噗叽\n皮咧嘎嗒嚓噗叽𠀀") == [(0, 7), (8, 15)]
    assert [m.start() for m in _CANDIDATE.finditer("值班班，不听从不听")] == [1, 4, 5]


@settings(max_examples=1000, deadline=None)
@given(st.one_of(texts, repeating))
def test_doubled_candidates_equal_the_regex(text: str) -> None:
    places = candidates(text)
    assert places.every == [m.start() for m in _CANDIDATE.finditer(text)]
    # Of those, where a fragment is printed again after the next character (不听从不听), and where the character
    # is printed again at once (值班班).
    assert places.fragments == [
        i
        for i in places.every
        if any(len(text) >= i + 2 * n + 1 and text[i + n + 1 : i + 2 * n + 1] == text[i : i + n] for n in FRAGMENTS)
    ]
    assert places.doubled == [i for i in places.every if text[i] == text[i + 1 : i + 2]]


@cache
def _split_pairs() -> frozenset[int]:
    return frozenset(stray._split_pairs().tolist())


def _stray_places(text: str) -> list[tuple[int, int]]:
    """stray.glyph@1's places by their definition: one or two Latin letters between two Han characters, and a
    stroke, clause mark or 一 between two Han characters that a dictionary word holds side by side."""
    split = _split_pairs()
    spans = []
    for i in range(1, len(text) - 1):
        kind = int(stray._GLYPH_CLASS[ord(text[i])])
        if kind == 0 or not _is_han(text[i - 1]):
            continue
        if kind == 3:
            end = i + 2 if text[i + 1] in stray.LETTERS else i + 1
            if end < len(text) and _is_han(text[end]):
                spans.append((i, end))
        elif _is_han(text[i + 1]) and (kind << 42 | ord(text[i - 1]) << 21 | ord(text[i + 1])) in split:
            spans.append((i, i + 1))
    return spans


_GLYPHS = st.sampled_from([*stray.STROKE_MARKS, *stray.CLAUSE_MARKS, stray.ONE, "a", "B", "z"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(pieces, _GLYPHS, _GLYPHS), max_size=60).map("".join))
def test_stray_candidates_equal_the_definition(text: str) -> None:
    assert stray.candidates(text) == _stray_places(text)


_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”’」』）)]*")


def _doubled_sentences(text: str) -> list[tuple[int, int]]:
    """dup.sentence@1's sentences by their definition: in each block, a sentence (the regex) that, stripped, is
    the one before it, of MIN_SENTENCE_CHARS or more."""
    spans = []
    offset = 0
    for block in text.split("\n"):
        previous = None
        for match in _SENTENCE.finditer(block):
            sentence = match.group().strip()
            if previous is not None and len(sentence) >= duplicates.MIN_SENTENCE_CHARS and previous == sentence:
                spans.append((offset + match.start(), offset + match.end()))
            previous = sentence
        offset += len(block) + 1
    return spans


_SENTENCE_PIECES = st.sampled_from(["好好学习天天", "向上", "。", "！", "?", "”", ")", " ", "\u3000", "\n", "a", "，"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_SENTENCE_PIECES, max_size=40).map("".join))
def test_doubled_sentences_equal_the_definition(text: str) -> None:
    found = [(f.start, f.end) for f in REGISTRY["dup.sentence@1"].run(RawArticle.of_body("a", text.split("\n"), "x"))]
    assert found == _doubled_sentences(text)
