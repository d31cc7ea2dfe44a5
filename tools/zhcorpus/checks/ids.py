"""Ids unique and well formed."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import IDS_FORMAT, IDS_UNIQUE
from zhcorpus.checks.base import Context, register
from zhcorpus.corrections.validate import duplicate_ids, id_prefix_problems
from zhcorpus.errors import Location, Problem


@register(IDS_UNIQUE, "no id is used twice: corrections, flags, mentions, articles, paragraphs")
def unique_ids(ctx: Context) -> Iterator[Problem]:
    seen: dict[str, Location] = {}
    for page_sources in ctx.sources.pages:
        items = page_sources.items()
        yield from duplicate_ids(items)
        for row, item in items:
            seen.setdefault(item.id, row.location("id"))
    found = ctx.data_rows("articles", "jsonl")
    if isinstance(found, Problem):
        return
    shown, rows = found
    for line, article in rows:
        paragraphs = article.get("paragraphs") or []
        ids = [article.get("id")] + [p.get("id") for p in paragraphs if isinstance(p, dict)]
        for value in ids:
            if not isinstance(value, str):
                continue
            if value in seen:
                yield Problem(
                    IDS_UNIQUE,
                    Location(shown, line, value, "id"),
                    f"id {value} already used at {seen[value]}",
                    "run `zhcorpus build`",
                )
            else:
                seen[value] = Location(shown, line)


@register(IDS_FORMAT, "page folders are page ids; each correction, flag and mention id starts with its record's id")
def well_formed_ids(ctx: Context) -> Iterator[Problem]:
    yield from (p for p in ctx.sources.problems if p.check == IDS_FORMAT)
    for page_sources in ctx.sources.pages:
        yield from id_prefix_problems(page_sources.items())
