"""Nothing lost: the page and article records account for every character of the raw page."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import INGEST_LOSSLESS
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem
from zhcorpus.ingest.accounting import unaccounted


@register(INGEST_LOSSLESS, "every raw character is in a field of some record or in the page's dropped list")
def nothing_lost(ctx: Context) -> Iterator[Problem]:
    for page in ctx.pages():
        shown = ctx.paths.shown(page.sources.raw.path)
        for gap in unaccounted(page.sources.raw, page.page, list(page.articles.values())):
            yield Problem(
                INGEST_LOSSLESS,
                Location(shown, gap.line, page.page.id),
                gap.message,
                "fix the layout so every line has exactly one role",
            )
