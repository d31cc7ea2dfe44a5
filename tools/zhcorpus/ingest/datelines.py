"""Datelines (电头) such as 株洲日报讯 1月30日: kept as printed and normalised to an ISO event date."""

from __future__ import annotations

import re
from datetime import date

from zhcorpus.text.han import HAN

# The news source a dateline names: a paper, agency, station or site (株洲日报, 新华社, 湖南电视台, 红网, 本报, 本刊).
# Requiring that ending is what tells 株洲日报讯 from ordinary words that contain 讯 (加强通讯, 视频通讯会, 资讯).
_SOURCE = f"[{HAN}]{{1,10}}?[报社台网刊]"
# The reporters a dateline may carry in brackets: 本报讯（记者 张三 通讯员 李四）.
_BYLINE = r"\s*[（(][^）)，。]{0,40}[）)]"
_DATE = r"(?P<date>(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日)"
# 本报讯 / 株洲日报讯 ..., then an optional bracketed byline and an optional date. The lookahead keeps a source name
# that runs on into an ordinary word (互联网讯息) from passing for a dateline.
_NEWS = re.compile(rf"^{_SOURCE}讯(?=[\s,，:：（(\d]|$)(?:{_BYLINE})?(?:\s*{_DATE})?")
# The agency form, source then place then date then 电: 新华社北京1月31日电（记者 张三）. The date is required and
# 电 must end the word, so 合作社1月31日电费 is not taken for a dateline.
_AGENCY = re.compile(rf"^{_SOURCE}[{HAN}]{{0,10}}?{_DATE}电(?=[\s（(，,:：]|记者|$)(?:{_BYLINE})?")


def _match(text: str) -> re.Match[str] | None:
    return _AGENCY.match(text) or _NEWS.match(text)


def find_dateline(paragraph: str) -> str | None:
    """The dateline at the start of an article's first paragraph, as printed, or None."""
    found = _match(paragraph)
    return found.group().rstrip() if found else None


def event_date(dateline: str | None, issue_date: str) -> str | None:
    """The ISO date a dateline names; the year is the issue's, or the year before for a December story in January."""
    found = _match(dateline) if dateline is not None else None
    if found is None or found["date"] is None:
        return None
    issue = date.fromisoformat(issue_date)
    month, day = int(found["month"]), int(found["day"])
    year = int(found["year"]) if found["year"] else issue.year
    if not found["year"] and month > issue.month:
        year -= 1
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
