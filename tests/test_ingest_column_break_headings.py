"""A paragraph cut by a column break stays in its article, however much its first half looks like a heading."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from zhcorpus.dataset.ingest import ingest
from zhcorpus.ingest.heuristics import cut_mid_clause, ends_paragraph, opens_unclosed_quote, propose_layout
from zhcorpus.text.rawtext import RawPage

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read_page(name: str) -> RawPage:
    data = (FIXTURES / name).read_bytes()
    return RawPage(Path("zzrb-20200201-A1.txt"), data.decode("utf-8"), hashlib.sha256(data).hexdigest(), len(data))


@pytest.mark.parametrize(
    ("fixture", "paragraphs"),
    [
        # A quotation opened after a column break, closed in the next block beside the word 记者: neither half is
        # a heading or a byline.
        (
            "quote_after_column_break.txt",
            [
                ("paragraph", "株洲日报讯 1月30日，市委召开企业家座谈会，听取企业发展意见。"),
                ("paragraph", "“企业管理者的精神追求将直接关系到企业的发展！”他向记者坦言。"),
                ("paragraph", "会上，大家围绕稳定生产各抒己见。"),
            ],
        ),
        # A section head, then a paragraph cut inside a word (成 / 功): two short lines, yet no new article.
        (
            "section_head_then_column_break.txt",
            [
                ("paragraph", "株洲日报讯 1月30日，市委召开企业家座谈会，听取企业发展意见。"),
                ("section_head", "稳定生产"),
                ("paragraph", "瞬间艺术的成功来源于多年生活和知识的积累。"),
                ("paragraph", "会上，大家围绕稳定生产各抒己见。"),
            ],
        ),
    ],
)
def test_paragraph_cut_by_a_column_break_stays_in_its_article(fixture: str, paragraphs: list[tuple[str, str]]) -> None:
    raw = read_page(fixture)
    (article,) = ingest(raw, None, None, [], None, "0.0.0", None).build.articles
    assert article.headline == "市委召开企业家座谈会"
    assert [(a.name, a.role) for a in article.authors] == [("王小明", "reporter")]
    assert [(p.kind, p.text) for p in article.paragraphs] == paragraphs
    roles = {layout_line.text: layout_line.role for layout_line in propose_layout(raw)}
    cut = [line for line in raw.text.splitlines() if line.startswith(("“企业", "瞬间"))]
    assert [roles[line] for line in cut] == ["paragraph"]


def test_a_heading_quotes_whole() -> None:
    assert opens_unclosed_quote("“企业管理者的精神追求将直接关系到企")
    assert not opens_unclosed_quote("战“疫”的堡垒 防控的屏障")
    assert not opens_unclosed_quote("经济发展和党建工作同步进行台州股份制企业有了三千『党代表』")


def test_a_cut_needs_text_on_both_sides() -> None:
    assert cut_mid_clause("瞬间艺术的成", "功来源于多年生活")
    assert not cut_mid_clause("一", "")
    assert not cut_mid_clause("", "功来源于")


def test_a_paragraph_closed_by_a_credit_is_no_cut() -> None:
    # The article above ends 。（王小明）: a finished paragraph, so the two-line heading below opens an article.
    raw = read_page("credit_then_headline.txt")
    first, second = ingest(raw, None, None, [], None, "0.0.0", None).build.articles
    assert first.paragraphs[-1].text == "会上，大家围绕稳定生产各抒己见。（王小明）"
    (paragraph,) = second.paragraphs
    assert paragraph.text.startswith("近日，从市发改委获悉")


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("会上，大家各抒己见。（记者 张三）", True),
        ("（完）", True),
        ("会上，大家各抒己见。", True),
        ("成立了防控指挥部（简称指挥部）", False),
        ("瞬间艺术的成", False),
    ],
)
def test_ends_paragraph(text: str, ends: bool) -> None:
    assert ends_paragraph(text) is ends


def test_a_line_ending_in_a_word_of_its_own_is_no_word_cut_in_two() -> None:
    # 告别 reads across the break, but 通告 ends the heading as a word of its own.
    assert not cut_mid_clause("关于规范城区户外广告设置的通告", "别看今天天气好")
