"""Dates: a printed month and day (1月30日, 1月31日下午), a full date, and named days of the Chinese calendar
(除夕, 大年三十, 春节, 庚子鼠年), normalised to ISO with the year taken from the issue's date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from lunar_python import Lunar

from zhcorpus.annotate.base import ArticleText, Mention, register
from zhcorpus.records import Normalized

ANNOTATOR = "annotate.dates@1"
_PART_OF_DAY = "(?:凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|当晚|夜间|深夜|夜)?"
_DATE = re.compile(rf"(?:(?P<year>\d{{4}})年)?(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日{_PART_OF_DAY}")
# A lunar year by its stem-branch name, with or without its animal (庚子年, 庚子鼠年).
_GANZHI_YEAR = re.compile(r"(?P<ganzhi>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])[鼠牛虎兔龙蛇马羊猴鸡狗猪]?年")
_NEW_YEARS_EVE = re.compile(r"(?:除夕|大年三十)(?:夜|当晚|当天)?")
_SPRING_FESTIVAL = re.compile(r"(?:春节|大年初一)")
# A date more than this many days after the issue is read as last year's (an issue printed in January that
# names 12月28日 means the December before).
_FUTURE_LIMIT = 183


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _spring_festival(lunar_year: int) -> dt.date:
    solar = Lunar.fromYmd(lunar_year, 1, 1).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _lunar_year_of(day: dt.date) -> int:
    return day.year if day >= _spring_festival(day.year) else day.year - 1


def month_day(issue: dt.date, month: int, day: int, year: int | None = None) -> dt.date | None:
    """The date a printed month and day names, the year from the issue unless printed."""
    try:
        found = dt.date(year or issue.year, month, day)
    except ValueError:
        return None
    if year is None and (found - issue).days > _FUTURE_LIMIT:
        found = found.replace(year=found.year - 1)
    return found


@register(ANNOTATOR, ("DATE",), "calendar dates and named days of the Chinese calendar, normalised to ISO", priority=1)
def dates(article: ArticleText) -> Iterator[Mention]:
    issue = dt.date.fromisoformat(article.issue_date)
    lunar_year = _lunar_year_of(issue)
    for field, value in article.fields.items():
        for m in _DATE.finditer(value):
            found = month_day(issue, int(m["month"]), int(m["day"]), int(m["year"]) if m["year"] else None)
            if found is not None:
                yield Mention(ANNOTATOR, field, m.start(), m.end(), m.group(), "DATE", Normalized(date=_iso(found)))
        for m in _NEW_YEARS_EVE.finditer(value):
            eve = _spring_festival(lunar_year) - dt.timedelta(days=1)
            yield Mention(ANNOTATOR, field, m.start(), m.end(), m.group(), "DATE", Normalized(date=_iso(eve)))
        for m in _SPRING_FESTIVAL.finditer(value):
            day = _iso(_spring_festival(lunar_year))
            yield Mention(ANNOTATOR, field, m.start(), m.end(), m.group(), "DATE", Normalized(date=day))
        for m in _GANZHI_YEAR.finditer(value):
            year = next(
                (
                    y
                    for y in (lunar_year, lunar_year - 1, lunar_year + 1)
                    if Lunar.fromYmd(y, 1, 1).getYearInGanZhi() == m["ganzhi"]
                ),
                None,
            )
            if year is None:
                continue  # a stem-branch year more than a year from the issue: not this issue's time
            period = f"{_iso(_spring_festival(year))}/{_iso(_spring_festival(year + 1) - dt.timedelta(days=1))}"
            yield Mention(ANNOTATOR, field, m.start(), m.end(), m.group(), "DATE", Normalized(date=period))
