"""Genres ingest reads from the page: an official notice by its closing formula."""

from __future__ import annotations

import hashlib
from pathlib import Path

from zhcorpus.dataset.ingest import ingest
from zhcorpus.text.rawtext import RawPage

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_a_notice_is_known_by_its_closing_formula_and_news_is_not() -> None:
    data = (FIXTURES / "notice_then_news.txt").read_bytes()
    raw = RawPage(Path("zzrb-20200201-A1.txt"), data.decode("utf-8"), hashlib.sha256(data).hexdigest(), len(data))
    notice, news = ingest(raw, None, None, [], None, "0.0.0", None).build.articles
    assert (notice.kicker, notice.headline, notice.genre) == (
        "株洲市人民政府",
        "关于春节期间道路交通管制的通告",
        "notice",
    )
    # The formula inside a sentence of a news report is no closing line.
    assert (news.headline, news.genre) == ("市委召开企业家座谈会", "news")
