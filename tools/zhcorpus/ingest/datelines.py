"""Datelines (电头) such as 株洲日报讯 1月30日: kept as printed and normalised to an ISO event date."""

from __future__ import annotations

import re
from datetime import date

_DATELINE = re.compile(
    r"^(?P<source>(?:本报|[\u4e00-\u9fff]{2,10})讯)"
    r"(?:\s*[（(][^）)，。]{0,24}[）)])?"
    r"(?:\s*(?P<date>(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日))?"
)


def find_dateline(paragraph: str) -> str | None:
    """The dateline at the start of an article's first paragraph, as printed, or None."""
    found = _DATELINE.match(paragraph)
    return found.group().rstrip() if found else None


def event_date(dateline: str | None, issue_date: str) -> str | None:
    """The ISO date a dateline names; the year is the issue's, or the year before for a December story in January."""
    if dateline is None:
        return None
    found = _DATELINE.match(dateline)
    if not found or not found["date"]:
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
