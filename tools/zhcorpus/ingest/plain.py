"""Plain text read as articles of paragraphs, one a line: for text that has no masthead or heading to read.

A list of sentences, a caption file or one side of a set of OCR pairs has no article structure for the layout
heuristics to find. It is still text the detectors can check: each non-blank line becomes a paragraph of an
article without a heading, and every finding maps back to its line through the article's sources.
"""

from __future__ import annotations

from collections.abc import Sequence

from zhcorpus.ingest.heuristics import MAX_BLOCKS
from zhcorpus.records import LineRange, RawArticle, article_id
from zhcorpus.text.rawtext import RawLine


def plain_articles(
    lines: Sequence[RawLine], page_id: str, lines_per_article: int = MAX_BLOCKS, first_number: int = 1
) -> list[RawArticle]:
    """Each line (non-blank, of one page, in page order) a paragraph, ``lines_per_article`` lines an article,
    numbered from ``first_number``.

    One line an article keeps the lines apart (no detector compares one with the next, as the lines of a set of
    OCR pairs are unrelated); the default keeps a text together as far as paragraph ids can number it.
    """
    articles = []
    for number, first in enumerate(range(0, len(lines), lines_per_article), start=first_number):
        chunk = lines[first : first + lines_per_article]
        articles.append(_article(article_id(page_id, number), chunk))
    return articles


def _article(aid: str, lines: Sequence[RawLine]) -> RawArticle:
    fields: dict[str, str | None] = {name: None for name in ("column", "kicker", "headline", "subtitle", "byline")}
    fields["text"] = "\n".join(ln.text for ln in lines)
    return RawArticle(
        aid,
        "news",
        fields,
        ["paragraph"] * len(lines),
        None,
        None,
        LineRange(lines[0].number, lines[-1].number),
        {"text": [(ln.number, 0) for ln in lines]},
    )
