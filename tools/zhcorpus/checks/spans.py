"""Correction and flag spans in range, equal to the text they quote, and corrections not overlapping."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.annotate import REGISTRY as ANNOTATORS
from zhcorpus.checkids import CORRECTIONS_METHOD, CORRECTIONS_OVERLAP, CORRECTIONS_REPLACES, OFFSETS_RANGE
from zhcorpus.checks.base import Context, register
from zhcorpus.corrections.validate import method_problems, overlap_problems, replaces_problems, span_problems
from zhcorpus.detect import known_ids
from zhcorpus.errors import Problem


@register(
    OFFSETS_RANGE,
    "each correction and flag names a real record and field; its span is in range and equal to the text it quotes",
)
def spans_in_range(ctx: Context) -> Iterator[Problem]:
    for page in ctx.pages():
        yield from span_problems([*page.sources.corrections, *page.sources.flags], page.articles)


@register(CORRECTIONS_OVERLAP, "accepted corrections of one field do not overlap")
def no_overlap(ctx: Context) -> Iterator[Problem]:
    for page_sources in ctx.sources.pages:
        yield from overlap_problems(page_sources.corrections)


@register(CORRECTIONS_REPLACES, "a correction's `replaces` names an earlier correction of its own article")
def replaces_known(ctx: Context) -> Iterator[Problem]:
    for page_sources in ctx.sources.pages:
        yield from replaces_problems(page_sources.corrections)


@register(
    CORRECTIONS_METHOD,
    "each correction, flag and mention names its method: human, or a registered detector or annotator id",
)
def known_methods(ctx: Context) -> Iterator[Problem]:
    for page_sources in ctx.sources.pages:
        yield from method_problems(page_sources.records(), known_ids())
        yield from method_problems(page_sources.annotations, ANNOTATORS)
