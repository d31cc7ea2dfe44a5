"""Ingest on generated pages it has never seen: structure recovered, nothing lost, whatever the text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagegen import GenPage, pages
from zhcorpus.dataset.ingest import ingest
from zhcorpus.ingest.accounting import unaccounted
from zhcorpus.text.rawtext import RawPage


def raw_page(name: str, text: str) -> RawPage:
    data = text.encode("utf-8")
    return RawPage(Path(f"{name}.txt"), text, hashlib.sha256(data).hexdigest(), len(data))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_generated_page_structure_is_recovered(page: GenPage) -> None:
    result = ingest(raw_page(page.page_id, page.text()), None, None, [], None, "0.0.0", None).build
    assert result.page.id == page.page_id
    assert result.page.issue_number == page.issue_number
    assert result.page.weekday == page.printed_weekday
    assert len(result.articles) == len(page.articles)
    for got, want in zip(result.articles, page.articles, strict=True):
        assert (got.kicker, got.headline) == (want.expected_kicker, want.expected_headline)
        assert got.subtitle == (None if want.subtitle is None else "——" + want.subtitle)
        assert [(a.name, a.role) for a in got.authors] == want.authors
        assert got.continued_on == want.continued_on
        assert got.genre == "news"
        assert got.dateline == want.dateline
        expected_date = None if want.dateline_date is None else "2020-{:02d}-{:02d}".format(*want.dateline_date)
        if want.dateline_date is not None and want.dateline_date[0] > 3:
            expected_date = "2019-{:02d}-{:02d}".format(*want.dateline_date)  # a later month is last year's
        assert got.event_date == expected_date
        # Column breaks are merged back: the released paragraphs are the generated ones.
        assert [p.text for p in got.paragraphs] == want.paragraphs
    assert unaccounted(result.sources.raw, result.page, result.raw_articles) == []


MASTHEAD = "株洲日报\n\nA1\n\n2020年2月\n\n1\n\n星期六\n\n"
# Arbitrary lines built from the pieces page conventions are made of, so the heuristics meet every odd mixture.
PIECES = st.sampled_from(
    [
        "株洲日报记者 ",
        "通讯员/",
        "——",
        "下转 A2 版①",
        "株洲日报讯 1月30日，",
        "，",
        "。",
        "“",
        "”",
        " ",
        "要闻",
        "市委",
        "强调",
        "王小明",
        "疫情防控",
        "第一线",
        "x",
        "1",
        "：",
        "评论",
        "综述",
    ]
)
lines = st.lists(PIECES, min_size=1, max_size=8).map("".join).filter(lambda s: bool(s.strip()))


@settings(max_examples=150, deadline=None)
@given(st.lists(lines, min_size=1, max_size=25))
def test_ingest_loses_no_character(body: list[str]) -> None:
    text = MASTHEAD + "\n".join(body) + "\n"
    result = ingest(raw_page("zzrb-20200201-A1", text), None, None, [], None, "0.0.0", None).build
    assert unaccounted(result.sources.raw, result.page, result.raw_articles) == []
