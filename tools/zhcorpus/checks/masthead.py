"""The masthead agrees with itself: the printed weekday is the date's weekday."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import MASTHEAD_WEEKDAY
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem
from zhcorpus.ingest.masthead import weekday_of


@register(MASTHEAD_WEEKDAY, "the weekday printed in the masthead is the weekday of the printed date")
def weekday_matches(ctx: Context) -> Iterator[Problem]:
    for page in ctx.pages():
        printed = page.page.weekday
        if printed is None:
            continue
        expected = weekday_of(page.page.date)
        if printed != expected and printed.replace("天", "日") != expected:
            line = next((m.line for m in page.page.masthead if m.field == "weekday"), None)
            yield Problem(
                MASTHEAD_WEEKDAY,
                Location(ctx.paths.shown(page.sources.raw.path), line, page.page.id),
                f"masthead says {printed} but {page.page.date} is a {expected}",
                "check the masthead lines of the layout (date, weekday)",
            )
