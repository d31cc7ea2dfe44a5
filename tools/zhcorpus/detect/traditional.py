"""Traditional characters in simplified text, found with OpenCC's phrase-aware tables (t2s).

A flag, not a fix: a name may keep a traditional form on purpose, and only the printed page can say.

OpenCC runs only where its output can differ from the text (see ``zhcorpus.detect.t2s``), so simplified text
costs one regular-expression scan.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.detect import t2s
from zhcorpus.detect.base import Finding, register
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle

DETECTOR = "script.traditional@1"


@register(DETECTOR, "script", "traditional characters in simplified text (OpenCC t2s)")
def traditional(article: RawArticle) -> Iterator[Finding]:
    for field in ARTICLE_TEXT_FIELDS:
        text = article.fields.get(field)
        if not text:
            continue
        for start, end, simplified in t2s.changes(text):
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
                f"traditional {text[start:end]} (simplified {simplified}) in simplified text",
            )
