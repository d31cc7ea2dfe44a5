"""A detector's screen names every article of a batch the detector finds something in, so that ``findings_of``
finds over a batch exactly what each detector finds on each article alone.

The screens read the batch's fields joined by line breaks (``detect.batch``); what is tested is that nothing
found on one article alone is lost or moved to another article there: at an article's ends, in an empty article,
in a field other than the body, after a run of white space and closers.
"""

from __future__ import annotations

import dataclasses
import re
from typing import get_args

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhcorpus.detect import REGISTRY, findings_of
from zhcorpus.detect.batch import Batch, Joined
from zhcorpus.records import ARTICLE_TEXT_FIELDS, ParagraphKind, RawArticle

SCREENED = sorted(d.id for d in REGISTRY.values() if d.screen is not None)

# Pieces that make each screened detector find something, and pieces that come close: invisible and private-use
# characters, sentence ends with closers and white space after them, a sentence said twice, rare characters no
# word pairs, stretches printed twice, address marks and place spellings.
_PIECES = [
    "株洲市",
    "疫情防控",
    "值班班",
    "保护好好自己",
    "。",
    "，",
    "！”",
    "”",
    "」 ",
    "\u3000",
    " ",
    "\u200b",
    "\ue000",
    "\x85",
    "\ufeff",
    "全市上下齐心协力。全市上下齐心协力。",
    "亍鬯毖爨彘犟夔",
    "生这起袭生这起袭",
    "研究研究",
    "www.zhuzou.gov.cn",
    "http://hunan.gov",
    "zhuzhou@163.com",
    "a",
    "“",
    "‘",
    "’",
    "『",
    "》",
    "）",
    "https://hunan.12388.gov.cn/zhuizhoushi/",
]


@st.composite
def _article(draw: st.DrawFn, index: int) -> RawArticle:
    blocks = draw(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), min_size=0, max_size=4))
    article = RawArticle.of_body(f"a{index}", blocks or [""])
    short = st.one_of(st.none(), st.lists(st.sampled_from(_PIECES), max_size=3).map("".join))
    fields = {**article.fields, **{field: draw(short) for field in ARTICLE_TEXT_FIELDS if field != "text"}}
    kinds = draw(st.lists(st.sampled_from(get_args(ParagraphKind)), min_size=len(article.body_kinds)))
    return dataclasses.replace(article, fields=fields, body_kinds=kinds[: len(article.body_kinds)])


@st.composite
def _batches(draw: st.DrawFn) -> list[RawArticle]:
    count = draw(st.integers(0, 5))
    return [draw(_article(index)) for index in range(count)]


def _found_alone(detector_id: str, articles: list[RawArticle]) -> set[int]:
    return {k for k, article in enumerate(articles) if any(True for _ in REGISTRY[detector_id].run(article))}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles=_batches())
def test_a_screen_names_every_article_its_detector_finds_something_in(articles: list[RawArticle]) -> None:
    batch = Batch(articles)
    for detector_id in SCREENED:
        screen = REGISTRY[detector_id].screen
        assert screen is not None
        named = set(screen(batch))
        assert _found_alone(detector_id, articles) <= named, detector_id
        assert named <= set(range(len(articles))), detector_id
    assert findings_of(articles) == [[f for d in REGISTRY.values() for f in d.run(a)] for a in articles]


# An article each screened detector finds something in, put third in a batch after two that hold nothing for it:
# the screen names it by where its text lies in the joined text.
_FOUND_IN = {
    "charpolicy.invisible@1": ["疫情\u200b防控"],
    "charpolicy.private_use@1": ["疫情\ue000防控"],
    "dup.paragraph@1": ["全市上下齐心协力。", "全市上下齐心协力。"],
    "dup.sentence@1": ["全市上下齐心协力。全市上下齐心协力。"],
    "garbled.passage@1": ["亍鬯毖爨彘犟夔"],
    "ingest.column_break@1": ["全市上下齐心", "协力抗击疫情。"],
    "quotes.unbalanced@1": ["他说：“全市上下齐心协力。"],
    "repeat.span@1": ["在这起袭击中，生这起袭生这起袭击。"],
    "token.suspicious@1": ["株洲市疫情防控举报网址：www.zhuzou.gov.cn。"],
}


def test_every_screened_detector_has_an_example() -> None:
    assert sorted(_FOUND_IN) == SCREENED


@pytest.mark.parametrize("detector_id", sorted(_FOUND_IN))
def test_a_screen_names_the_article_it_finds_something_in_among_others(detector_id: str) -> None:
    plain = RawArticle.of_body("plain", ["全市上下。"], "新闻")
    empty = RawArticle.of_body("empty", [""])
    found = RawArticle.of_body("found", _FOUND_IN[detector_id], "株洲日报")
    articles = [plain, empty, found, plain]
    detector = REGISTRY[detector_id]
    assert detector.screen is not None
    assert _found_alone(detector_id, articles) == {2}
    assert set(detector.screen(Batch(articles))) == {2}
    assert findings_of(articles, [detector]) == [[], [], list(detector.run(found)), []]


# Bodies at the edges of what the screens read: blocks that end in closers or white space only, a body that is a
# repeat of four characters alone, an address whose mark an earlier article of the batch holds too.
_EDGES = [
    ["”", "继续。"],
    ["协力。 ”", "继续。"],
    ["协力\u3000", "继续。"],
    ["。”\u3000", "继续。"],
    ["", "继续"],
    [" ", "继续。"],
    ["研究研究"],
    ["疫情疫情"],
    ["网址：www.hunan.gov.cn。", "株洲市疫情防控举报网址：www.zhuzou.gov.cn。"],
    ["联系：a@b.cn。"],
    ["株洲市疫情防控举报邮箱：zhuzou@163.com。"],
    ["“他说，", "“接着说。”"],
    ["他说。”"],
    ["同一段。", " 同一段。\u3000"],
    ["另一段。", "别的。", "另一段。"],
    ["“他说，", "接着说。"],
    ["他说：“好’。"],
    ["株洲市举报：https://hunan.12388.gov.cn/zhuizhoushi/ 欢迎。"],
    ["全市上下齐心》", "继续。"],
]


def test_screens_name_every_article_found_at_the_edges() -> None:
    articles = [RawArticle.of_body(f"e{k}", blocks, "株洲日报") for k, blocks in enumerate(_EDGES)]
    batch = Batch(articles)
    for detector_id in SCREENED:
        screen = REGISTRY[detector_id].screen
        assert screen is not None
        assert _found_alone(detector_id, articles) <= set(screen(batch)), detector_id
    found = {d: _found_alone(d, articles) for d in SCREENED}
    # Each edge is one some screened detector finds something in, or close to one.
    assert found["ingest.column_break@1"] == {0, 1, 2, 11, 15, 18}
    assert 7 in found["repeat.span@1"]
    assert found["token.suspicious@1"] == {8, 10, 17}
    assert found["quotes.unbalanced@1"] == {0, 1, 3, 12, 15, 16}
    assert found["dup.paragraph@1"] == {13, 14}


def test_screens_read_every_printed_field() -> None:
    plain = RawArticle.of_body("plain", ["全市上下。"], "新闻")
    marked = RawArticle.of_body("marked", ["全市上下。"], "新闻")
    marked = dataclasses.replace(
        marked, fields={**marked.fields, "byline": "记者\u200b张三", "kicker": "\ue000", "column": "zhuzou@163.com"}
    )
    articles = [plain, marked, plain]
    for detector_id in ("charpolicy.invisible@1", "charpolicy.private_use@1"):
        screen = REGISTRY[detector_id].screen
        assert screen is not None
        assert _found_alone(detector_id, articles) == {1} == set(screen(Batch(articles)))
    screen = REGISTRY["token.suspicious@1"].screen
    assert screen is not None
    assert set(screen(Batch(articles))) == {1}


def test_a_screen_naming_no_article_of_the_batch_is_refused() -> None:
    wrong = dataclasses.replace(REGISTRY["garbled.passage@1"], screen=lambda batch: {len(batch.articles)})
    with pytest.raises(ValueError, match=re.escape("the screen of garbled.passage@1 named article 1 of a batch of 1")):
        findings_of([RawArticle.of_body("only", ["全市上下。"])], [wrong])


def test_joined_pieces_know_which_article_a_position_is_in() -> None:
    joined = Joined(["ab", "", "c"])
    assert joined.text == "ab\n\nc"
    assert joined.starts.tolist() == [0, 3, 4, 6]
    # A separator counts with the piece before it; the empty piece owns only its separator.
    assert [joined.articles_at([p]) for p in range(5)] == [{0}, {0}, {0}, {1}, {2}]
    assert joined.articles_at(np.array([], dtype=np.int64)) == set()
    assert Joined([]).starts.tolist() == [0]


def test_fields_are_joined_article_by_article() -> None:
    first = RawArticle.of_body("first", ["正文"], "标题")
    second = RawArticle.of_body("second", ["第二篇"])
    fields = Batch([first, second]).fields
    second_at = fields.text.index("第二篇")
    assert fields.articles_at([fields.text.index("标题"), fields.text.index("正文")]) == {0}
    assert fields.articles_at([second_at]) == {1}
    assert fields.starts[1] <= second_at < fields.starts[2]
