"""The masthead block (报头): recognising its lines and reading the page's metadata from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from zhcorpus.records import MastheadLine

# The date may be printed whole on one line (2020年2月1日 星期六) or spread over several in any order (2020年2月 then
# 1, or 2月1日 then 2020年); each date line gives whichever of year, month and day it carries.
_DATE_LINE = re.compile(
    r"^(?=\d)(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?:(?P<day>\d{1,2})日?)?"
    r"\s*(?P<weekday>(?:星期|周)[一二三四五六日天])?$"
)

_TEMPERATURE = re.compile(r"(-?\d+)\s*℃?\s*[~～至\-－—/／]\s*(-?\d+)\s*℃")
# What a weather line says before its temperature (晴转多云 8~18℃) or after 天气 without a colon (天气 晴).
_SKY = r"[晴阴多少云转有小中大暴阵雷雨雪雾霾沙尘扬浮到间夹冰雹]+"
# A wind a weather line may end with (东南风2级, 北风3-4级, 微风).
_WIND = r"(?:\s+\S{0,4}风\S{0,6})?"
_LUNAR_DAY = r"闰?\S{1,2}月[初十廿二三][一二三四五六七八九十]"
_GANZHI_YEAR = r"[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年(?:\s*[（(]\S{1,3}[)）])?"

# Each masthead field and how its printed line looks; the first pattern that matches a line names its field. Each
# holds the line's whole shape, not a word it has: the first headline under the masthead may well speak of the
# weather (天气), a temperature (气温骤降至-5℃), a publisher (出版) or a year (庚子年春节), and is no masthead line.
# The shapes are those mastheads print: the publisher as its owner and role (中共湘潭市委机关报, 中国共产党株洲市委员会
# 机关报, 株洲日报社出版发行) or as a role and a colon (主办：株洲日报社); the weather with a colon or with the sky
# after 天气 (天气 晴); the temperature alone, after 气温 or after the sky (8℃/18℃, 晴转多云 8~18℃), or as its
# lowest and highest; the lunar date with or without 农历, its year of the cycle or its zodiac animal.
FIELD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("newspaper_en", re.compile(r"^[A-Z][A-Z .&'-]{2,}$")),
    ("cn_number", re.compile(r"CN\s*\d{2}\s*[—–\-－]\s*\d{4}")),
    (
        "publisher",
        re.compile(
            r"(?:委|委员会|宣传部|中央|报社|通讯社|政府|集团|出版社)(?:主管|主办|出版|机关报)(?:、?(?:主管|主办|出版|发行))*$"
            r"|^(?:主管|主办|出版|承办)(?:、?(?:主管|主办|出版|发行))*(?:单位)?\s*[：:]\s*\S"
        ),
    ),
    ("page", re.compile(r"^(?:[A-Z]\d{1,2}|第\s*\d{1,2}\s*版)$")),
    ("weather", re.compile(r"天气(?:预报)?(?:\s*[：:]|\s+(?=" + _SKY + "))")),
    (
        "temperature",
        re.compile(
            r"^(?:" + _SKY + r"\s*)?(?:\S{0,6}气温\s*[：:]?\s*)?" + _TEMPERATURE.pattern + _WIND + "$"
            r"|^最[低高]气温\s*[：:]?\s*-?\d+\s*℃\s*最[低高]气温\s*[：:]?\s*-?\d+\s*℃" + _WIND + "$"
        ),
    ),
    ("date", _DATE_LINE),
    ("weekday", re.compile(r"^(?:星期|周)[一二三四五六日天]$")),
    (
        "lunar_date",
        re.compile(r"^(?:农历\s*)?" + _GANZHI_YEAR + r"\s*" + _LUNAR_DAY + r"$|^农历\s*" + _LUNAR_DAY + "$"),
    ),
    ("issue_number", re.compile(r"^第\s*\d+\s*期$")),
    ("page_count", re.compile(r"^(?:今日|本期|今天)\s*\d+\s*版$")),
)
NEWSPAPER = re.compile(r"^\S{2,12}报$")

_WEEKDAYS = "一二三四五六日"


def masthead_field(text: str, is_first: bool) -> str | None:
    """The masthead field a printed line holds, or None if it is not a masthead line."""
    stripped = text.strip()
    if is_first and NEWSPAPER.match(stripped):
        return "newspaper"
    for name, pattern in FIELD_PATTERNS:
        if pattern.search(stripped):
            return name
    return None


@dataclass(frozen=True)
class Masthead:
    newspaper: str | None
    newspaper_en: str | None
    publisher: str | None
    cn_number: str | None
    date: str | None
    weekday: str | None
    lunar_date: str | None
    issue_number: int | None
    page: str | None
    page_count: int | None
    weather: str | None
    temperature: str | None
    temperature_min_c: int | None
    temperature_max_c: int | None


def _first(lines: list[MastheadLine], name: str) -> str | None:
    for ml in lines:
        if ml.field == name:
            return ml.text.strip()
    return None


def _after_colon(text: str | None) -> str | None:
    if text is None:
        return None
    for sep in ("：", ":"):
        if sep in text:
            return text.split(sep, 1)[1].strip() or None
    return text


def _digits(text: str | None) -> int | None:
    if text is None:
        return None
    found = re.search(r"\d+", text)
    return int(found.group()) if found else None


def _date_parts(lines: list[MastheadLine]) -> dict[str, str]:
    """Year, month, day and weekday from the date lines, each taken from the first line that carries it."""
    parts: dict[str, str] = {}
    for ml in lines:
        found = _DATE_LINE.match(ml.text.strip()) if ml.field == "date" else None
        if found:
            parts = {**{k: v for k, v in found.groupdict().items() if v is not None}, **parts}
    return parts


def _iso_date(parts: dict[str, str]) -> str | None:
    """The ISO date the parts name, or None when one is missing or the date does not exist (2月30日)."""
    try:
        return date(int(parts["year"]), int(parts["month"]), int(parts["day"])).isoformat()
    except (KeyError, ValueError):
        return None


def parse_masthead(lines: list[MastheadLine]) -> Masthead:
    """Read the page metadata from the masthead lines; the printed lines themselves stay on the page record."""
    date_parts = _date_parts(lines)
    cn = _first(lines, "cn_number")
    cn_match = re.search(r"CN\s*\d{2}\s*[—–\-－]\s*\d{4}", cn) if cn else None
    temperature = _after_colon(_first(lines, "temperature"))
    if temperature and temperature.startswith("气温"):
        temperature = temperature[2:].strip()
    bounds = _TEMPERATURE.search(temperature) if temperature else None
    page = _first(lines, "page")
    if page is not None and page.startswith("第"):
        page = str(_digits(page))
    return Masthead(
        newspaper=_first(lines, "newspaper"),
        newspaper_en=_first(lines, "newspaper_en"),
        publisher=_first(lines, "publisher"),
        cn_number=cn_match.group() if cn_match else None,
        date=_iso_date(date_parts),
        weekday=_first(lines, "weekday") or date_parts.get("weekday"),
        lunar_date=_first(lines, "lunar_date"),
        issue_number=_digits(_first(lines, "issue_number")),
        page=page,
        page_count=_digits(_first(lines, "page_count")),
        weather=_after_colon(_first(lines, "weather")),
        temperature=temperature,
        temperature_min_c=int(bounds[1]) if bounds else None,
        temperature_max_c=int(bounds[2]) if bounds else None,
    )


def weekday_of(iso_date: str) -> str:
    """The weekday a date falls on, as a masthead prints it (星期六)."""
    return "星期" + _WEEKDAYS[date.fromisoformat(iso_date).weekday()]
