"""Suspicious Latin tokens: a web address or e-mail whose words misspell the pinyin of a place the article names.

Example: a URL path zhuizhoushi in an article of 株洲日报 (株洲市 is zhuzhoushi). Flagged, never changed: the
address as printed may be the real one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pypinyin import Style, lazy_pinyin

from zhcorpus.detect import lexicon
from zhcorpus.detect.base import Finding, register
from zhcorpus.editdistance import levenshtein
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle

DETECTOR = "token.suspicious@1"
_ADDRESS = re.compile(r"(?:https?://|www\.)[\w./\-]+|[\w.\-]+@[\w\-]+\.[\w.\-]+", re.ASCII)
# What every address holds, one of them at least: most text has none, and three substring searches settle that
# faster than the regex can.
_ADDRESS_MARKS = ("://", "www.", "@")
_WORD = re.compile(r"[a-z]{4,}")
_PLACE_SUFFIXES = ("", "shi", "qu", "xian", "sheng", "zhen")


def _places(article: RawArticle) -> dict[str, str]:
    """Pinyin (with common suffixes) of every place name jieba tags in the article -> the name."""
    names: dict[str, str] = {}
    for field in ARTICLE_TEXT_FIELDS:
        for word in lexicon.read_words(article.fields.get(field) or "").words:
            if lexicon.tag(word) == "ns" and len(word) >= 2:
                spelled = "".join(lazy_pinyin(word, style=Style.NORMAL))
                for suffix in _PLACE_SUFFIXES:
                    names.setdefault(spelled + suffix, word)
    return names


@register(DETECTOR, "token", "a web or e-mail address whose words are one letter from a place name's pinyin")
def suspicious_tokens(article: RawArticle) -> Iterator[Finding]:
    places: dict[str, str] | None = None
    for field in ARTICLE_TEXT_FIELDS:
        text = article.fields.get(field) or ""
        if not any(mark in text for mark in _ADDRESS_MARKS):
            continue
        for address in _ADDRESS.finditer(text):
            places = _places(article) if places is None else places
            for word in _WORD.finditer(address.group().lower()):
                token = word.group()
                if token in places:
                    continue
                near = sorted((levenshtein(token, p), p) for p in places if abs(len(p) - len(token)) <= 1)
                if near and near[0][0] == 1:
                    spelled = near[0][1]
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
