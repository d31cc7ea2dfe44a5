"""Sources readable and schema-valid; layout matching the raw page."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import LAYOUT_RAW, RAW_TEXT, SOURCES_FILES, SOURCES_SCHEMA, SOURCES_SYNTAX
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Problem, ZhcorpusError


def _loading(ctx: Context, check_id: str) -> Iterator[Problem]:
    yield from (p for p in ctx.sources.problems if p.check == check_id)


@register(RAW_TEXT, "every raw page is clean UTF-8 text: no BOM, LF line ends, no control characters")
def raw_text(ctx: Context) -> Iterator[Problem]:
    yield from _loading(ctx, RAW_TEXT)


@register(SOURCES_FILES, "every page has its raw file and its source files, and every raw file its sources")
def source_files(ctx: Context) -> Iterator[Problem]:
    yield from _loading(ctx, SOURCES_FILES)


@register(SOURCES_SYNTAX, "every source file parses: UTF-8 JSON, one object a line")
def source_syntax(ctx: Context) -> Iterator[Problem]:
    yield from _loading(ctx, SOURCES_SYNTAX)


@register(SOURCES_SCHEMA, "every source record matches its schema")
def source_schema(ctx: Context) -> Iterator[Problem]:
    yield from _loading(ctx, SOURCES_SCHEMA)


@register(LAYOUT_RAW, "each layout describes every non-blank raw line once, with its text, in a sound structure")
def layout_matches_raw(ctx: Context) -> Iterator[Problem]:
    for item in ctx.assembled:
        if isinstance(item, ZhcorpusError):
            yield Problem(LAYOUT_RAW, item.location, item.message, item.hint)
