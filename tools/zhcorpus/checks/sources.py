"""Sources readable and schema-valid; layout matching the raw page."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Problem, ZhcorpusError


@register("sources@1", "raw pages are clean UTF-8; every source file parses and matches its schema")
def sources_readable(ctx: Context) -> Iterator[Problem]:
    yield from ctx.sources.problems


@register("layout.raw@1", "each layout describes every non-blank raw line once, with its text, in a sound structure")
def layout_matches_raw(ctx: Context) -> Iterator[Problem]:
    for item in ctx.assembled:
        if isinstance(item, ZhcorpusError):
            yield Problem("layout.raw@1", item.location, item.message, item.hint)
