"""Pages of short lines (issue 14, defect 6): ingest reads them in work linear in their lines, accounts for every
character, and refuses, located, a file with more lines than a page holds.

No test here is timed: the work is counted as the Python lines ingest executes (``sys.settrace``), which grows
four times with four times the lines when ingest is linear and sixteen times when it is quadratic.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conftest import run_cli
from zhcorpus.archive.bench import short_line_page
from zhcorpus.archive.pages import chosen_findings
from zhcorpus.dataset.ingest import ingest
from zhcorpus.dataset.page import PageBuild
from zhcorpus.detect.base import KeptSpans
from zhcorpus.ingest.accounting import unaccounted
from zhcorpus.ingest.heuristics import MAX_PAGE_LINES
from zhcorpus.records import RawArticle
from zhcorpus.text.rawtext import RawPage

HEAD = "株洲日报\n2020年2月1日 星期六\nA1\n"


def executed_lines(fn: Callable[[], object]) -> int:
    """How many lines of zhcorpus's own code ``fn`` executes."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        count += event == "line"
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        return local if str(frame.f_globals.get("__name__", "")).startswith("zhcorpus.") else None

    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def read(raw: RawPage) -> PageBuild:
    return ingest(raw, None, None, [], "zzrb", "0.0.0", None).build


def test_work_of_ingest_grows_linearly_with_a_run_of_short_lines() -> None:
    small, large = short_line_page(1_000), short_line_page(4_000)
    read(small)  # what ingest loads on first use is not counted below
    growth = executed_lines(lambda: read(large)) / executed_lines(lambda: read(small))
    assert 3.5 < growth < 4.5, growth


def article_raw_page(lines: int) -> RawPage:
    """An article whose body is ``lines`` one-character lines, each a printed block a column break cut."""
    text = HEAD + "市委召开常委会议\n记者 张三\n" + "".join(chr(0x4E00 + i % 3000) + "\n" for i in range(lines))
    return RawPage(Path("zzrb-20200201-A1.txt"), text, "", len(text.encode()))


def test_work_of_ingest_grows_linearly_with_an_article_of_short_lines() -> None:
    read(article_raw_page(50))
    growth = executed_lines(lambda: read(article_raw_page(800))) / executed_lines(lambda: read(article_raw_page(200)))
    assert 3.5 < growth < 4.5, growth


def test_work_of_choosing_an_archive_articles_findings_grows_linearly() -> None:
    """An archive page runs every detector too: one finding a column break, each kept unless it touches another."""

    def article(lines: int) -> RawArticle:
        return read(article_raw_page(lines)).raw_articles[0]

    chosen_findings(article(50))
    small, large = article(200), article(800)
    growth = executed_lines(lambda: chosen_findings(large)) / executed_lines(lambda: chosen_findings(small))
    assert 3.5 < growth < 4.5, growth


SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)).map(lambda s: (s[0], s[0] + s[1])), max_size=40)


@given(SPANS)
def test_kept_spans_touch_as_each_pair_does(spans: list[tuple[int, int]]) -> None:
    """Keeping spans in order, each unless it touches one kept: the same as asking every kept span in turn."""

    def touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return (a[0] < b[1] and b[0] < a[1]) or a[0] == b[0]

    pairwise: list[tuple[int, int]] = []
    searched = KeptSpans()
    for span in spans:
        assert searched.touches(*span) == any(touch(span, kept) for kept in pairwise)
        if not searched.touches(*span):
            pairwise.append(span)
            searched.add(*span)


def test_a_page_of_short_lines_loses_no_character() -> None:
    """No article: every line is dropped, with its reason. One article: its lines are its body, merged."""
    alone = read(short_line_page(5_000))
    assert alone.articles == []
    assert len(alone.page.dropped) == 5_000
    assert {d.reason for d in alone.page.dropped} == {"text before the first article heading"}
    assert unaccounted(alone.sources.raw, alone.page, alone.raw_articles) == []

    chars = "".join(chr(0x4E00 + i % 3000) for i in range(900))
    text = HEAD + "市委召开常委会议\n记者 张三\n" + "".join(ch + "\n" for ch in chars)
    built = read(RawPage(Path("zzrb-20200201-A1.txt"), text, "", len(text.encode())))
    assert [a.headline for a in built.articles] == ["市委召开常委会议"]
    assert [p.text for p in built.articles[0].paragraphs] == [chars]  # 899 column breaks merged
    assert len(built.sources.corrections) == 899
    assert unaccounted(built.sources.raw, built.page, built.raw_articles) == []


def test_ingest_refuses_a_file_with_more_lines_than_a_page_holds(tmp_path: Path) -> None:
    lines = MAX_PAGE_LINES + 1
    (tmp_path / "page.txt").write_text(HEAD + "字\n" * lines, encoding="utf-8")

    ran = run_cli("ingest", "page.txt", "--paper", "zzrb", "-o", "out", cwd=tmp_path)

    assert ran.returncode == 2, ran.stderr
    first_refused = MAX_PAGE_LINES + 1  # the masthead's lines count as printed lines too
    assert ran.stderr.startswith(f"error: page.txt:{first_refused}: [ingest.page-size] {lines + 3:,} printed lines")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]
