"""lookalike.char@1: a character misread as one that looks like it, anywhere in a sentence, proposed with its reading.

The faulty sentences are written here from look-alike pairs anyone can see (己/已, 末/未, 拨/拔, 慢/馒, 沦/论), not
read from the real OCR sets, which only measure.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_detect import article
from zhcorpus.detect import REGISTRY, lexicon, lookalike
from zhcorpus.detect.charmodel import SHIFT, model
from zhcorpus.detect.garbled import pair_table
from zhcorpus.detect.lookalike import (
    COMMON_PRINTED,
    CONFIDENCE,
    NEIGHBOURS,
    PAIR_FREQUENCY,
    UNSEEN,
    sites,
)
from zhcorpus.detect.wordtable import LONGEST
from zhcorpus.evaluate.clean import sample_articles
from zhcorpus.resources.glyphs import neighbours

DETECTOR = "lookalike.char@1"


def found(*blocks: str) -> list[tuple[int, str, str | None]]:
    return [(f.start, f.before, f.after) for f in REGISTRY[DETECTOR].run(article(*blocks))]


def test_misreads_anywhere_are_proposed_with_their_reading() -> None:
    assert found("他吃了一个慢头。") == [(5, "慢", "馒")]
    assert found("他己经走了。") == [(1, "己", "已")]
    assert found("我们的末来充满希望。") == [(3, "末", "未")]
    assert found("学校举行拨河比赛。") == [(4, "拨", "拔")]
    assert found("他们在会议上讨沦了这个问题。") == [(7, "沦", "论")]


def test_a_proposal_is_never_applied_and_says_why() -> None:
    (finding,) = REGISTRY[DETECTOR].run(article("他吃了一个慢头。"))
    assert (finding.auto, finding.confidence, finding.kind) == (False, CONFIDENCE, "substitution")
    assert not finding.applies_at(0.0)
    assert "慢 may be a misread 馒" in finding.reason and "glyphs alike" in finding.reason


def test_offsets_are_those_of_the_whole_body() -> None:
    assert found("今天天气很好。", "他吃了一个慢头。") == [(len("今天天气很好。\n") + 5, "慢", "馒")]


def test_correct_text_names_and_traditional_script_are_left_alone() -> None:
    for text in (
        "今天天气很好，我们去公园玩。",
        "他们在会议上讨论了这个问题。",
        "请大家遵守交通规则，坚持不懈地努力。",
        "性心理专家苏芩老师说。",  # a rare character in a name: a common look-alike always reads better
        "這個問題很重要。",  # traditional script is the traditional detector's
    ):
        assert found(text) == [], text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["他吃了一个慢头。", "他己经走了", "头也不回", "一个慢", "学校举行拨河比赛。", "馒"]),
        max_size=4,
    )
)
def test_an_article_reads_as_its_blocks_one_by_one(blocks: list[str]) -> None:
    """A window never reads across a block break: each block's findings are what it gets alone."""
    expected = []
    offset = 0
    for block in blocks:
        expected += [(start + offset, before, after) for start, before, after in found(block)]
        offset += len(block) + 1
    assert found(*blocks) == expected


@cache
def _reference_tables() -> tuple[set[str], set[str]]:
    held = {word[i : i + 2] for word, _ in lexicon.words() for i in range(len(word) - 1)}
    strong = {word[i : i + 2] for word, freq in lexicon.words() if freq >= PAIR_FREQUENCY for i in range(len(word) - 1)}
    return held, strong


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _reference_sites(text: str) -> list[int]:
    """``sites`` written out a character at a time with string sets, as its docstring says it reads."""
    held, strong = _reference_tables()
    counts = model()
    numbered = pair_table().number

    def pair_count(a: str, b: str) -> int:
        key = np.array([ord(a) << SHIFT | ord(b)], dtype=np.int64)
        return int(counts.pairs.count_of(key)[0])

    out = []
    for i, char in enumerate(text):
        if not _is_han(char) or numbered[ord(char)] <= 1:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before + char in held or char + after in held:
            continue
        alike = [c for c, _ in neighbours(char)[:NEIGHBOURS] if numbered[ord(c)] > 1]
        if not any(before + c in strong or c + after in strong for c in alike):
            continue
        if int(counts.chars.count_of(np.array([ord(char)], dtype=np.int64))[0]) < COMMON_PRINTED:
            continue
        left = pair_count(before, char) if before else 0
        right = pair_count(char, after) if after else 0
        if min(left, right) <= UNSEEN:
            out.append(i)
    return out


# With no character (code point 0), one beyond the BMP and rare ones, which the character model may never have seen.
_TEXT = st.text(alphabet=st.sampled_from("慢头馒己已经末未来拨拔河沦论讨他的了在是我们，。a1\n\x00𠀀鼷罍"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_the_compiled_sites_are_the_written_out_ones(text: str) -> None:
    assert [int(i) for i in sites(text)] == _reference_sites(text)


def test_each_character_s_look_alikes_are_its_glyph_neighbours_most_alike_first() -> None:
    # The reach's edges are laid out by character number (most paired first), not by code point.
    pairs, reach = pair_table(), lookalike._reach()
    for code in np.flatnonzero(pairs.number > 1).tolist():
        own = int(pairs.number[code])
        alike = reach.alike_codes[reach.alike_start[own] : reach.alike_start[own + 1]].tolist()
        assert alike == [ord(c) for c, _ in neighbours(chr(code))[:NEIGHBOURS]], chr(code)


def _misread(text: str, every: int) -> str:
    """Every ``every``-th Han character replaced by the glyph most like it: look-alikes everywhere, as a harsh
    recogniser prints them."""
    chars = list(text)
    for i in range(0, len(chars), every):
        alike = neighbours(chars[i])
        if alike:
            chars[i] = alike[0][0]
    return "".join(chars)


def test_dropping_look_alikes_unread_changes_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled first reading drops look-alikes that miss THRESHOLD by more than the margin; with no margin
    (every look-alike read by jieba-rs, as before the compiled reading) the findings are the same, on clean text
    and on text full of misreads."""
    articles = [a.raw() for a in sample_articles(60, 3)]
    articles += [
        a.raw([_misread(p.text, 7 + k % 5) for p in a.paragraphs]) for k, a in enumerate(sample_articles(120, 4))
    ]
    pruned = [list(REGISTRY[DETECTOR].run(a)) for a in articles]
    assert sum(map(len, pruned)) > 50
    monkeypatch.setattr(lookalike, "FLOAT_SLACK", math.inf)
    assert [list(REGISTRY[DETECTOR].run(a)) for a in articles] == pruned


def test_the_word_table_holds_every_window() -> None:
    assert 2 * lookalike.WINDOW + 1 <= LONGEST
