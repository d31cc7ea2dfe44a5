"""Ids unique and well formed."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem


@register("ids.unique@1", "no id is used twice: corrections, flags, articles, paragraphs")
def unique_ids(ctx: Context) -> Iterator[Problem]:
    seen: dict[str, Location] = {}
    for ps in ctx.sources.pages:
        for row, item in [*ps.corrections, *ps.flags]:
            here = row.location("id")
            if item.id in seen:
                yield Problem("ids.unique@1", here, f"id {item.id} already used at {seen[item.id]}",
                              "give this record the next free number")
            else:
                seen[item.id] = here
    found = ctx.data_rows("articles", "jsonl")
    if isinstance(found, Problem):
        return
    shown, rows = found
    for line, row in rows:
        ids = [row.get("id")] + [p.get("id") for p in row.get("paragraphs") or [] if isinstance(p, dict)]
        for value in ids:
            if not isinstance(value, str):
                continue
            if value in seen:
                yield Problem("ids.unique@1", Location(shown, line, value, "id"),
                              f"id {value} already used at {seen[value]}", "run `zhcorpus build`")
            else:
                seen[value] = Location(shown, line)
