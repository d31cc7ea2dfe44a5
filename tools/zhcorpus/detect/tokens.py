"""Suspicious Latin tokens: a web address or e-mail whose words misspell the pinyin of a place the article names.

Example: a URL path zhuizhoushi in an article of 株洲日报 (株洲市 is zhuzhoushi). Flagged, never changed: the
address as printed may be the real one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import Finding, register, table
from zhcorpus.detect.batch import Batch
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle
from zhcorpus.text.editdistance import one_apart, one_edit

DETECTOR = "token.suspicious@1"
_ADDRESS = re.compile(r"(?:https?://|www\.)[\w./\-]+|[\w.\-]+@[\w\-]+\.[\w.\-]+", re.ASCII)
# What every address holds, one of them at least: most text has none, and three substring searches settle that
# faster than the regex can.
_ADDRESS_MARKS = ("://", "www.", "@")
_WORD = re.compile(r"[a-z]{4,}")
_PLACE_SUFFIXES = ("", "shi", "qu", "xian", "sheng", "zhen")
# The suffixes by their last letter: an edit of an address word is tried only with those it may end in.
_SUFFIXES_BY_LAST = {
    last: tuple(s for s in _PLACE_SUFFIXES if s.endswith(last)) for last in {s[-1:] for s in _PLACE_SUFFIXES if s}
}


@lru_cache(maxsize=1 << 14)
def _pinyin(word: str) -> str:
    return "".join(lazy_pinyin(word, style=Style.NORMAL))


def _places(article: RawArticle, wanted: frozenset[str]) -> dict[str, str]:
    """Pinyin (with common suffixes) of every place name of ``wanted`` that jieba reads in the article -> the name.

    Only the lines that hold one of them are read (jieba reads no word across a line break, so a line reads the
    same alone as in its field: ``lexicon.read_lines``)."""
    names: dict[str, str] = {}
    for field in ARTICLE_TEXT_FIELDS:
        text = article.fields.get(field) or ""
        for word in lexicon.read_lines(text, lambda line: any(place in line for place in wanted)):
            if word in wanted:
                spelled = _pinyin(word)
                for suffix in _PLACE_SUFFIXES:
                    names.setdefault(spelled + suffix, word)
    return names


@table
def _every_spelling() -> tuple[dict[str, tuple[str, ...]], str]:
    """Pinyin of every place jieba's dictionary tags, whichever article names it -> the places; and every letter
    of a spelling, the suffixes an address may add included."""
    spelled: dict[str, list[str]] = {}
    for word in lexicon.words_tagged("ns"):
        if len(word) >= 2:
            spelled.setdefault(_pinyin(word), []).append(word)
    letters = "".join(sorted(set("".join(spelled)) | set("".join(_PLACE_SUFFIXES))))
    return {spelling: tuple(words) for spelling, words in spelled.items()}, letters


@lru_cache(maxsize=1 << 12)
def _one_edit_places(token: str) -> frozenset[str]:
    """Every place of the dictionary whose spelling (with a suffix or none) is one edit from the token.

    An article's places are some of these, so when the article holds none of them the token is near no place of
    the article, and the article need not be segmented to know it (that is most of this detector's time).
    """
    letters = _every_spelling()[1]
    return frozenset(place for edit in one_edit(token, letters) for place in _spelled(edit))


def _spelled(word: str) -> list[str]:
    """Every place of the dictionary whose spelling, with a suffix or none, is the word (asked of every edit of an
    address word, some 600 each: only the suffixes that end in the word's last letter are tried)."""
    spellings = _every_spelling()[0]
    found = list(spellings.get(word, ()))
    for suffix in _SUFFIXES_BY_LAST.get(word[-1:], ()):
        if word.endswith(suffix):
            found += spellings.get(word[: len(word) - len(suffix)], ())
    return found


def holding_marks(batch: Batch) -> Set[int]:
    """The articles of a batch with an address mark in a printed field, each mark looked for over them all (no
    mark holds the line break that joins them)."""
    fields = batch.fields
    found: list[int] = []
    for mark in _ADDRESS_MARKS:
        at = fields.text.find(mark)
        while at >= 0:
            found.append(at)
            at = fields.text.find(mark, at + 1)
    return fields.articles_at(found)


@register(
    DETECTOR,
    "token",
    "a web or e-mail address whose words are one letter from a place name's pinyin",
    screen=holding_marks,
)
def suspicious_tokens(article: RawArticle) -> Iterator[Finding]:
    every_field: str | None = None
    for field in ARTICLE_TEXT_FIELDS:
        text = article.fields.get(field) or ""
        if not any(mark in text for mark in _ADDRESS_MARKS):
            continue
        for address in _ADDRESS.finditer(text):
            for word in _WORD.finditer(address.group().lower()):
                token = word.group()
                if every_field is None:
                    every_field = "\n".join(article.fields.get(name) or "" for name in ARTICLE_TEXT_FIELDS)
                near_places = _one_edit_places(token)
                if not any(place in every_field for place in near_places):
                    continue
                # Only places spelled as the token or one edit from it decide: the article's other places, which
                # jieba would read too, are never looked at.
                places = _places(article, near_places.union(_spelled(token)))
                if token in places:
                    continue
                near = [p for p in places if one_apart(token, p)]
                if near:
                    spelled = min(near)
                    start = address.start() + word.start()
                    yield Finding(
                        DETECTOR,
                        "suspicious_token",
                        field,
                        start,
                        start + len(token),
                        text[start : start + len(token)],
                        None,
                        0.6,
                        False,
                        f"{token} is one letter from {spelled} ({places[spelled]}): a misprint of the "
                        "address, or the address as it really is; check it",
                    )
