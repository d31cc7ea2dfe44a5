"""Mentions: placed in the released text and reading as they claim, linked soundly, with valid normalized values;
and each built row's span equal to its text in the released article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zhcorpus.build.entities import ALIGN, LINKS, VALUES, release_entities
from zhcorpus.build.pipeline import division, page_problems
from zhcorpus.build.release import release_article
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.jsonlines import JsonLine

OFFSETS = "entities.offsets@1"


def _source_problems(ctx: Context) -> list[Problem]:
    """Every problem of the mentions of pages whose corrections replay (others are reported elsewhere)."""
    problems: list[Problem] = []
    for page in ctx.pages():
        ps = page.sources
        if ps.problems or page_problems(ps, page.articles) or not ps.annotations:
            continue
        rows = {item.id: row for row, item in ps.records()}

        def locate(record_id: str, rows: dict[str, JsonLine] = rows) -> Location:
            return rows[record_id].location()

        for raw in page.articles.values():
            corrections = [c for _, c in ps.corrections if c.record == raw.id]
            flags = [f for _, f in ps.flags if f.record == raw.id]
            try:
                article = release_article(raw, page.page, corrections, flags, "0.0.0", locate)
            except ZhcorpusError:
                continue  # the replay check reports why
            mine = [(row, a) for row, a in ps.annotations if a.record == raw.id]
            problems.extend(release_entities(raw, article, mine, corrections, "0.0.0", division)[1])
    return problems


def _checked(ctx: Context, check: str) -> Iterator[Problem]:
    if "entities" not in ctx.cache:
        ctx.cache["entities"] = _source_problems(ctx)
    yield from (p for p in ctx.cache["entities"] if p.check == check)


@register(ALIGN, "each mention lies in one paragraph or line of the released text and reads as its text")
def aligned(ctx: Context) -> Iterator[Problem]:
    yield from _checked(ctx, ALIGN)


@register(LINKS, "mentions nest or are disjoint; a person's roles are TITLE mentions of the same article")
def linked(ctx: Context) -> Iterator[Problem]:
    yield from _checked(ctx, LINKS)


@register(VALUES, "normalized values fit the label: a division code is in the gazetteer, a date is ISO")
def valued(ctx: Context) -> Iterator[Problem]:
    yield from _checked(ctx, VALUES)


def _span_text(article: dict[str, Any], row: dict[str, Any]) -> str | None:
    if row.get("field") == "paragraphs":
        paragraph = next((p for p in article.get("paragraphs") or [] if p.get("id") == row.get("paragraph_id")), None)
        value = paragraph.get("text") if isinstance(paragraph, dict) else None
    else:
        value = article.get(row.get("field") or "")
    start, end = row.get("start"), row.get("end")
    if not isinstance(value, str) or not isinstance(start, int) or not isinstance(end, int):
        return None
    return value[start:end] if 0 <= start < end <= len(value) else None


@register(OFFSETS, "each built mention's span in its article's released paragraph or field equals its text")
def offsets_round_trip(ctx: Context) -> Iterator[Problem]:
    articles = ctx.data_rows("articles", "jsonl")
    if isinstance(articles, Problem):
        return
    by_id = {row.get("id"): row for _, row in articles[1]}
    for fmt in ("jsonl", "parquet"):
        found = ctx.data_rows("entities", fmt)
        if isinstance(found, Problem):
            continue
        shown, rows = found
        for line, row in rows:
            article = by_id.get(row.get("article_id"))
            record = row.get("id") if isinstance(row.get("id"), str) else None
            if article is None:
                yield Problem(
                    OFFSETS,
                    Location(shown, line, record, "article_id"),
                    f"no article {row.get('article_id')}",
                    "run `zhcorpus build`",
                )
                continue
            reads = _span_text(article, row)
            if reads != row.get("text"):
                yield Problem(
                    OFFSETS,
                    Location(shown, line, record, "start"),
                    f"span {row.get('start')}-{row.get('end')} reads {reads!r}, not {row.get('text')!r}",
                    "built data is never edited by hand: run `zhcorpus build`",
                )
