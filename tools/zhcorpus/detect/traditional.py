"""Traditional characters in simplified text, found with OpenCC's phrase-aware tables (t2s).

A flag, not a fix: a name may keep a traditional form on purpose, and only the printed page can say.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from opencc import OpenCC

from zhcorpus.detect.base import Finding, register
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle

DETECTOR = "script.traditional@1"


@cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def _runs(text: str, simplified: str) -> Iterator[tuple[int, int]]:
    start = None
    for i, (a, b) in enumerate(zip(text, simplified, strict=True)):
        if a != b and start is None:
            start = i
        elif a == b and start is not None:
            yield start, i
            start = None
    if start is not None:
        yield start, len(text)


@register(DETECTOR, "script", "traditional characters in simplified text (OpenCC t2s)")
def traditional(article: RawArticle) -> Iterator[Finding]:
    for field in ARTICLE_TEXT_FIELDS:
        text = article.fields.get(field)
        if not text:
            continue
        simplified = _t2s().convert(text)
        if len(simplified) != len(text):
            continue  # OpenCC changed the length: no reliable alignment, and t2s does so only for rare phrases
        for start, end in _runs(text, simplified):
            yield Finding(
                DETECTOR,
                "traditional_char",
                field,
                start,
                end,
                text[start:end],
                None,
                0.7,
                False,
                f"traditional {text[start:end]} (simplified {simplified[start:end]}) in simplified text",
            )
