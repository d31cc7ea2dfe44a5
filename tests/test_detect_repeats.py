"""repeat.span@1: a stretch printed twice in a row is found and, where the evidence allows, deleted; a writer's
repetition stays."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from test_detect import article, fixed, run
from zhcorpus.detect import REGISTRY
from zhcorpus.detect.base import without_touching
from zhcorpus.detect.repeats import MAX_PERIOD, runs
from zhcorpus.ingest.assemble import assemble_articles
from zhcorpus.sources import CorpusPaths, load_sources

DETECTOR = "repeat.span@1"
_HAN_RE = re.compile("[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("faulty", "clean"),
    [
        # The first copy ends a longer sentence, the second is the whole next one: dup.sentence@1 misses it.
        (
            "各级党组织要把防控工作落到实处，确保群众生命安全。确保群众生命安全。下一步继续排查。",
            "各级党组织要把防控工作落到实处，确保群众生命安全。下一步继续排查。",
        ),
        ("疫情发生后，他第一时间赶回岗位！第一时间赶回岗位！", "疫情发生后，他第一时间赶回岗位！"),
        # Two whole sentences printed again: dup.sentence@1 compares one sentence with the next only.
        ("会议开始。市长讲话。书记总结。市长讲话。书记总结。散会。", "会议开始。市长讲话。书记总结。散会。"),
        # A copy across a sentence end, whatever its boundaries.
        ("确保群众安全。下一步确保群众安全。下一步继续排查。", "确保群众安全。下一步继续排查。"),
    ],
)
def test_a_sentence_end_printed_again_as_the_next_sentence_is_deleted(faulty: str, clean: str) -> None:
    art = article(faulty)
    assert fixed(art, run(DETECTOR, art)) == clean


@pytest.mark.parametrize(
    ("faulty", "clean"),
    [
        ("市委书记市委书记毛腾飞到现场检查。", "市委书记毛腾飞到现场检查。"),  # a phrase as whole words
        ("他们戴着口罩口罩，在门诊值班。", "他们戴着口罩，在门诊值班。"),  # ABAB of a noun
        ("我们的工作很好，的工作很好", None),  # no repeat in a row: nothing
        ("这是一个问题，一个问题，我们要解决。", "这是一个问题，我们要解决。"),  # a clause ending in a comma
        ("这些病人在发热门诊诊门诊接受治疗。", None),  # a gap between the copies: doubled.char@4's
    ],
)
def test_a_stretch_a_writer_could_mean_is_proposed_with_its_correction(faulty: str, clean: str | None) -> None:
    art = article(faulty)
    findings = run(DETECTOR, art)
    assert [f for f in findings if f.applies] == []
    if clean is None:
        assert findings == []
    else:
        assert fixed(art, findings, proposals=True) == clean


@pytest.mark.parametrize(
    "legit",
    [
        "领导要研究研究这个问题。",  # a verb reduplicated ABAB
        "我们还要讨论讨论。",
        "找他去活动活动。",  # a verbal noun reduplicated
        "大家高高兴兴地回家。",  # AABB
        "日子一年比一年好。",
        "孩子一天天长大。",
        "干部挨家挨户走访。",  # ABAC
        "你看一看。",
        "要早发现，要早报告，要早隔离。",  # parallel clauses
        "他们高喊“加油！加油！”的口号。",  # quoted
        "群众说“武汉加油武汉加油”。",
        "事情要一件一件地去做，一口一口地品。",  # 一 + classifier said again
        "读着读着，他哭了。",
        "天空碧蓝碧蓝。",  # a state word reduplicated
        "中国天主教主教团名誉主席",  # a compound after a word it holds
        "笑声哈哈哈哈传来。",  # one stretch said over and over
        "嘴里不停地说：谢谢！谢谢！",  # a short exclamation
        "古往今来有太多太多的文学。",  # a word the dictionary tags as no noun
        "网址为2020年2020号",  # no Han character in the copy
    ],
)
def test_a_writers_repetition_stays(legit: str) -> None:
    assert run(DETECTOR, article(legit)) == []


@pytest.mark.parametrize(
    "legit",
    [
        "有了观众，便有了市场，有了市场，便有了剧团的戏。",  # anadiplosis: a clause said again on purpose
        "挥师渡江，向东南、中南、西南、西北大进军。",  # a list whose items share characters
    ],
)
def test_a_repetition_a_writer_may_have_meant_is_never_applied(legit: str) -> None:
    assert [f for f in run(DETECTOR, article(legit)) if f.applies] == []


def test_a_whole_sentence_printed_twice_is_left_to_dup_sentence() -> None:
    art = article("会议要求做好防控。确保群众生命安全。确保群众生命安全。")
    assert run(DETECTOR, art) == []
    assert [f.detector for f in run("dup.sentence@1", art)] == ["dup.sentence@1"]


def test_a_copy_never_crosses_a_block() -> None:
    art = article("要求做好防控工作", "防控工作落实到位。")
    assert run(DETECTOR, art) == []


def test_with_every_detector_the_repeat_is_deleted_once() -> None:
    """doubled.char@4 reads a fragment of the copy as printed after one other character (推进改|革|推进改); the
    repeat's own deletion wins the span, and the page comes out right."""
    faulty = "各地要全面推进改革。全面推进改革。"
    art = article("会议强调，" + faulty)
    found = without_touching([f for d in REGISTRY.values() for f in d.run(art)])
    assert fixed(art, found) == "会议强调，各地要全面推进改革。"


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(_HAN, min_size=1, max_size=12),
    stretch=st.text(_HAN | st.sampled_from("，。、；"), min_size=2, max_size=10),
    after=st.text(_HAN, min_size=0, max_size=12),
)
def test_deleting_the_second_copy_leaves_nothing_new_at_that_place(before: str, stretch: str, after: str) -> None:
    """Whatever copy of an inserted stretch the detector deletes gives back the text without it, and re-run on that
    text it finds nothing at the place unless the text repeats there by itself."""
    clean = before + stretch + after
    faulty = before + stretch + stretch + after
    at = len(before) + len(stretch)
    for finding in run(DETECTOR, article(faulty)):
        # A deletion of one copy's length on the inserted copy, at any alignment of the repeat.
        on_copy = finding.start <= at + len(stretch) and finding.end >= at
        if finding.after == "" and finding.end - finding.start == len(stretch) and on_copy:
            assert faulty[: finding.start] + faulty[finding.end :] == clean
    repeated_there = any(r.start <= at <= r.end for r in runs(clean))
    assert repeated_there or [f for f in run(DETECTOR, article(clean)) if f.start <= at <= f.end] == []


def _plain_repeats(text: str) -> list[tuple[int, int]]:
    """(start, period) of every stretch of 2 to MAX_PERIOD characters, one a Han character, printed twice in a row
    within a line: the plain definition the compiled scan replaces."""
    return [
        (i, p)
        for p in range(2, MAX_PERIOD + 1)
        for i in range(len(text) - 2 * p + 1)
        if text[i : i + p] == text[i + p : i + 2 * p]
        and "\n" not in text[i : i + p]
        and _HAN_RE.search(text[i : i + p])
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("甲乙丙，\nab"), max_size=40))
def test_the_scan_finds_every_repeat_the_plain_definition_finds(text: str) -> None:
    found = runs(text)
    for i, p in _plain_repeats(text):
        assert any(p % r.period == 0 and r.start <= i and i + 2 * p <= r.end for r in found), (i, p)


def test_page_a1_has_no_repeat_to_find() -> None:
    """The seed page's repetitions were reviewed and kept (一名名, 一个个, 纷纷; its duplicate attendance line is a
    paragraph, dup.paragraph@1's): the detector finds nothing there."""
    for page_sources in load_sources(CorpusPaths(CORPUS)).pages:
        for art in assemble_articles(page_sources.raw, page_sources.layout, page_sources.page_id).articles:
            assert run(DETECTOR, art) == []


@pytest.mark.parametrize(
    "faulty",
    [
        "就在核查即将结束之际，发生这起袭生这起袭击，特委会总部受损。",  # 生这起|袭|生这起 is part of the repeat
        "美国朋友欢聚在伍聚在伍顿高中礼堂。",  # 在伍|聚|在伍: the character between also precedes the fragment
    ],
)
def test_doubled_char_leaves_a_stretch_printed_twice_to_repeat_span(faulty: str) -> None:
    """doubled.char@3 read these as a fragment printed again after one character and proposed deleting it, which
    leaves a character doubled (生这起袭袭击); the whole copy is repeat.span@1's."""
    art = article(faulty)
    assert run("doubled.char@4", art) == []
    assert len(run(DETECTOR, art)) == 1
