"""stray.glyph@1: a stray letter, stroke, dot or mark printed between two Han characters is proposed for deletion;
what a writer puts there (an abbreviation, a name's dot, a list mark, 一 in its words, a sentence end) stays."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from test_detect import article, fixed, run
from zhcorpus.ingest.assemble import assemble_articles
from zhcorpus.sources import CorpusPaths, load_sources

DETECTOR = "stray.glyph@1"
# Strokes, dots and ticks that split a word are applied (their measured precision reaches 0.99); the rest proposed.
APPLIED = ("丨", "|", "'", "`", ".")


@pytest.mark.parametrize(
    ("faulty", "glyph", "at"),
    [
        ("各级管丨理部门要给予支持。", "丨", 3),
        ("各级管|理部门要给予支持。", "|", 3),
        ("各级管l理部门要给予支持。", "l", 3),
        ("各级管I理部门要给予支持。", "I", 3),
        ("各级管ri理部门要给予支持。", "ri", 3),
        ("各级管一理部门要给予支持。", "一", 3),
        ("各级管'理部门要给予支持。", "'", 3),
        ("各级管`理部门要给予支持。", "`", 3),
        ("各级管.理部门要给予支持。", ".", 3),
        ("各级管·理部门要给予支持。", "·", 3),
        ("人民。币汇率保持稳定。", "。", 2),
        ("他们在人民大会，堂开会。", "，", 7),
        ("中华人；民共和国成立五十周年。", "；", 3),
        ("他说：明天去管：理部门。", "：", 7),
    ],
)
def test_a_stray_glyph_inside_a_word_is_proposed_for_deletion(faulty: str, glyph: str, at: int) -> None:
    (finding,) = run(DETECTOR, article(faulty))
    assert (finding.start, finding.end, finding.before, finding.after) == (at, at + len(glyph), glyph, "")
    assert finding.kind == "deletion" and finding.applies == (glyph in APPLIED)
    assert fixed(article(faulty), [finding], proposals=True) == faulty[:at] + faulty[at + len(glyph) :]


@pytest.mark.parametrize(
    "legit",
    [
        "5G网络覆盖全市，PM2.5浓度下降。",
        "今年A股市场回暖，B超和X光检查免费。",
        "他穿着T恤去医院做CT检查，看K线图。",
        "沙特国王阿卜杜拉·阿齐兹会见来宾。",
        "哲学家卡尔·波普的学生获马可·波罗奖。",
        "一个统一的市场，一一对应，大家看一看。",
        "战国、汉、隋、唐、宋等时期，史、论、批评。",
        "苹果、香蕉、梨都涨价了。",
        "今天下雨。明天晴。",
        "他说：明天再来。",
        "团结、互助的关系，欢乐、祥和的春节。",
    ],
)
def test_what_a_writer_puts_between_two_han_characters_stays(legit: str) -> None:
    assert run(DETECTOR, article(legit)) == []


def test_page_a1_has_no_stray_glyph() -> None:
    for page_sources in load_sources(CorpusPaths(CORPUS)).pages:
        for art in assemble_articles(page_sources.raw, page_sources.layout, page_sources.page_id).articles:
            assert run(DETECTOR, art) == []


# Clean sentences of the tests' own text, and glyphs a speck, a rule or a stroke edge is read as.
SENTENCES = (
    "各级管理部门要给予支持。",
    "中华人民共和国成立五十周年。",
    "农民收入继续增长，经济发展势头良好。",
    "市委副书记王洪斌参加会议。",
)
GLYPHS = ("丨", "|", "l", "i", "'", "`", ".", "．", "。", "，", "；", "：")


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(SENTENCES), st.sampled_from(GLYPHS), st.data())
def test_deleting_a_found_stray_glyph_gives_back_the_sentence(sentence: str, glyph: str, data: st.DataObject) -> None:
    spots = [i for i in range(1, len(sentence)) if _han(sentence[i - 1]) and _han(sentence[i])]
    at = data.draw(st.sampled_from(spots))
    faulty = sentence[:at] + glyph + sentence[at:]
    found = [f for f in run(DETECTOR, article(faulty)) if f.start <= at < f.end]
    for finding in found:
        assert (finding.start, finding.end, finding.after) == (at, at + len(glyph), "")
        assert fixed(article(faulty), [finding], proposals=True) == sentence


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
