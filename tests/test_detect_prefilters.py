"""The shortcuts of token.suspicious@1, confusable.place@3 and quotes.unbalanced@1 skip work, never findings.

token.suspicious@1 reads an article only when an address word is one edit from the spelling of a place the
article holds, and then only the lines that hold such a place, and only those places; confusable.place@3 asks
whether the article names an area one area at a time; quotes.unbalanced@1 reads only the blocks that hold a
quotation mark. Each is held here to the plain definition it replaced.
"""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhcorpus.detect import REGISTRY, confusable, lexicon, quotes, tokens
from zhcorpus.detect.base import Finding, body_blocks
from zhcorpus.records import ARTICLE_TEXT_FIELDS, LineRange, RawArticle
from zhcorpus.text.editdistance import levenshtein, one_edit

# Places jieba tags, and the spellings of a few of them with which addresses are made.
_PLACES = ["株洲", "湖南", "长沙", "湘潭", "河南", "株洲市", "渌口", "北京", "惠州", "涿州"]
_SPELLINGS = ["zhuzhou", "hunan", "changsha", "xiangtan", "henan", "zhuzhoushi", "beijing", "huizhou", "gov"]
_FILLER = ["新闻", "疫情防控", "，", "。", "网址", "记者", "\n"]


@st.composite
def _edited(draw: st.DrawFn) -> str:
    """A spelling with one letter deleted, inserted or replaced, or left as it is."""
    word = draw(st.sampled_from(_SPELLINGS))
    at = draw(st.integers(0, len(word)))
    letter = draw(st.sampled_from("aeiouhzn"))
    edit = draw(st.sampled_from(["keep", "delete", "insert", "replace"]))
    if edit == "delete" and at < len(word):
        return word[:at] + word[at + 1 :]
    if edit == "insert":
        return word[:at] + letter + word[at:]
    if edit == "replace" and at < len(word):
        return word[:at] + letter + word[at + 1 :]
    return word


_tokens = st.one_of(_edited(), st.text("abcdehilnoszu", min_size=4, max_size=12))
_addresses = st.builds(
    lambda host, path: f"https://{host}.gov.cn/{path}/", _tokens, st.lists(_tokens, max_size=2).map("/".join)
)
_texts = st.lists(st.one_of(st.sampled_from(_PLACES + _FILLER), _addresses), max_size=12).map("".join)


def _article(text: str, headline: str) -> RawArticle:
    fields: dict[str, str | None] = {
        "column": None,
        "kicker": None,
        "headline": headline,
        "subtitle": None,
        "byline": None,
        "text": text,
    }
    return RawArticle(
        "zzrb-20200201-A1-01", "news", fields, ["paragraph"] * (text.count("\n") + 1), None, None, LineRange(1, 1)
    )


@settings(max_examples=200, deadline=None)
@given(st.text("abc", max_size=5))
def test_one_edit_is_every_string_at_distance_one(word: str) -> None:
    every = {"".join(chars) for n in range(max(0, len(word) - 1), len(word) + 2) for chars in product("abc", repeat=n)}
    assert one_edit(word, "abc") == {other for other in every if levenshtein(word, other) == 1}


@settings(max_examples=25, deadline=None)
@given(_tokens)
def test_one_edit_places_are_those_of_every_spelling_one_edit_away(token: str) -> None:
    spellings, _ = tokens._every_spelling()
    expected = {
        place
        for spelled, places in spellings.items()
        for suffix in tokens._PLACE_SUFFIXES
        if abs(len(spelled + suffix) - len(token)) <= 1 and levenshtein(token, spelled + suffix) == 1
        for place in places
    }
    assert tokens._one_edit_places(token) == expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_texts, st.sampled_from(["株洲日报", "标题", "湖南新闻"]))
def test_suspicious_tokens_find_what_segmenting_every_article_finds(
    monkeypatch: pytest.MonkeyPatch, text: str, headline: str
) -> None:
    article = _article(text, headline)
    detector = REGISTRY[tokens.DETECTOR]
    shortcut = list(detector.run(article))
    with monkeypatch.context() as patched:
        # The empty string is in every text: every address word then has the article segmented, as before, and
        # every place of it read (every line), not only those near the word.
        patched.setattr(tokens, "_one_edit_places", lambda token: frozenset({""}))
        patched.setattr(tokens, "_places", lambda article, wanted: _every_place(article))
        assert list(detector.run(article)) == shortcut


def _every_place(article: RawArticle) -> dict[str, str]:
    """Pinyin (with common suffixes) of every place name jieba reads in the article -> the name: what the
    detector's places were before it read only the lines and places near an address's word."""
    names: dict[str, str] = {}
    for field in ARTICLE_TEXT_FIELDS:
        for word in lexicon.read_words(article.fields.get(field) or "").words:
            if lexicon.tag(word) == "ns" and len(word) >= 2:
                for suffix in tokens._PLACE_SUFFIXES:
                    names.setdefault(tokens._pinyin(word) + suffix, word)
    return names


def test_the_shortcut_still_finds_the_misspelt_address_of_page_a1() -> None:
    article = _article("网络举报：https://hunan.12388.gov.cn/zhuizhoushi/ 同时欢迎来信。", "株洲日报")
    (finding,) = REGISTRY[tokens.DETECTOR].run(article)
    assert (finding.before, finding.field) == ("zhuizhoushi", "text")


def _named_before(text: str) -> set[str]:
    """The article's areas as confusable.place@3 gathered them before: every code whose short name it holds."""
    return {division.code for division in confusable.gazetteer().areas if confusable._short(division.name) in text}


_AREAS = confusable.gazetteer().areas
_area_names = st.sampled_from(_AREAS).flatmap(
    lambda d: st.sampled_from([d.name, confusable._short(d.name), confusable._short(d.name)[:-1]])
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_area_names, st.sampled_from(_FILLER)), max_size=8).map("".join))
def test_context_names_each_area_the_article_names_and_no_other(text: str) -> None:
    named = _named_before(text)
    asked = {d.code for d in _AREAS[::7]} | named | {"000000000000", ""}
    assert {code for code in asked if confusable._names_area(text, code)} == named & asked


def _quotes_block_by_block(article: RawArticle) -> list[Finding]:
    """quotes.unbalanced@1 as it was written first: every block read in turn."""
    found: list[Finding] = []
    carried: list[tuple[str, int, int, str]] = []
    for _, offset, block in body_blocks(article):
        stack: list[tuple[str, int, int, str]] = []
        reopened = bool(carried) and block.lstrip()[:1] == carried[-1][0]
        if carried and not reopened:
            found += [quotes._flag(o, t, i, f"{m} opened here is never closed") for m, o, i, t in carried]
        for i, char in enumerate(block):
            if char in quotes.PAIRS:
                stack.append((char, offset, i, block))
            elif char in quotes.CLOSERS:
                if stack and stack[-1][0] == quotes.CLOSERS[char]:
                    stack.pop()
                else:
                    note = (
                        f"{char} closes a quotation that was never opened: an opening "
                        "mark or the text before it may be missing"
                    )
                    found.append(quotes._flag(offset, block, i, note))
        carried = stack
    return found + [quotes._flag(o, t, i, f"{m} opened here is never closed") for m, o, i, t in carried]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", "‘", "’", "「", "」", "『", "』", "说", " ", "\n", "\n\n"]), max_size=40))
def test_unbalanced_quotes_find_what_reading_every_block_finds(pieces: list[str]) -> None:
    article = RawArticle.of_body("a", "".join(pieces).split("\n"), "株洲日报")
    assert list(quotes.unbalanced_quotes(article)) == _quotes_block_by_block(article)
