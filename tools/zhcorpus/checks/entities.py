"""Mentions: placed in the released text and reading as they claim, linked soundly, with valid normalized values;
and each built row's span equal to its text in the released article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zhcorpus.checkids import ENTITIES_ALIGN, ENTITIES_LINKS, ENTITIES_OFFSETS, ENTITIES_VALUES
from zhcorpus.checks.base import Context, register
from zhcorpus.dataset.page import build_page, page_problems
from zhcorpus.errors import Location, Problem, ZhcorpusError


def _source_problems(ctx: Context) -> list[Problem]:
    """Every problem of the mentions, as the build finds them, on pages whose corrections replay (the others'
    causes are reported by the corrections checks)."""
    problems: list[Problem] = []
    for page in ctx.pages():
        page_sources = page.sources
        if page_sources.problems or page_problems(page_sources, page.articles) or not page_sources.annotations:
            continue
        try:
            build_page(page_sources, ctx.paths.rel(ctx.paths.raw(page_sources.page_id)), page_sources.page_id, "0.0.0")
        except ZhcorpusError as exc:
            problems.extend(p for p in exc.problems() if p.check.startswith("entities."))
    return problems


def _checked(ctx: Context, check: str) -> Iterator[Problem]:
    if ctx.entity_problems is None:
        ctx.entity_problems = _source_problems(ctx)
    yield from (p for p in ctx.entity_problems if p.check == check)


@register(ENTITIES_ALIGN, "each mention lies in one paragraph or line of the released text and reads as its text")
def aligned(ctx: Context) -> Iterator[Problem]:
    yield from _checked(ctx, ENTITIES_ALIGN)


@register(ENTITIES_LINKS, "mentions nest or are disjoint; a person's roles are TITLE mentions of the same article")
def linked(ctx: Context) -> Iterator[Problem]:
    yield from _checked(ctx, ENTITIES_LINKS)


@register(ENTITIES_VALUES, "normalized values fit the label: a division code is in the gazetteer, a date is ISO")
def valued(ctx: Context) -> Iterator[Problem]:
    yield from _checked(ctx, ENTITIES_VALUES)


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


@register(ENTITIES_OFFSETS, "each built mention's span in its article's released paragraph or field equals its text")
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
                    ENTITIES_OFFSETS,
                    Location(shown, line, record, "article_id"),
                    f"no article {row.get('article_id')}",
                    "run `zhcorpus build`",
                )
                continue
            reads = _span_text(article, row)
            if reads != row.get("text"):
                yield Problem(
                    ENTITIES_OFFSETS,
                    Location(shown, line, record, "start"),
                    f"span {row.get('start')}-{row.get('end')} reads {reads!r}, not {row.get('text')!r}",
                    "built data is never edited by hand: run `zhcorpus build`",
                )
