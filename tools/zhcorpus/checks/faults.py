"""Known fault patterns absent: no detector finds an automatic-safe fix in the released text.

A finding a reviewer has rejected (a rejected correction with the same method and text) is a decision, not a
fault; a proposed correction still waiting for review is reported, since its fault is still in the release.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import FAULTS_ABSENT
from zhcorpus.checks.base import Context, register
from zhcorpus.detect import findings_of
from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.records import ARTICLE_TEXT_FIELDS, Article, RawArticle


def released_as_printed(article: Article) -> RawArticle:
    """The released article in the shape detectors read, one released paragraph a block."""
    fields: dict[str, str | None] = {name: getattr(article, name) for name in ARTICLE_TEXT_FIELDS}
    return RawArticle(
        article.id,
        article.genre,
        fields,
        [p.kind for p in article.paragraphs],
        article.continued_on,
        article.continued_from,
        article.raw_lines,
    )


@register(FAULTS_ABSENT, "no detector finds an automatic-safe fix in the released text (known faults are corrected)")
def known_faults_absent(ctx: Context) -> Iterator[Problem]:
    if isinstance(ctx.build, ZhcorpusError):
        return  # what stops the build is reported by the check that found it
    shown = ctx.paths.shown(ctx.paths.jsonl("articles"))
    for page in ctx.build.pages:
        decided = {(c.record, c.method, c.before) for _, c in page.sources.corrections if c.status == "rejected"}
        found_in = findings_of([released_as_printed(article) for article in page.articles])
        for line, (article, found) in enumerate(zip(page.articles, found_in, strict=True), start=1):
            for finding in found:
                if not finding.applies or (article.id, finding.detector, finding.before) in decided:
                    continue
                yield Problem(
                    FAULTS_ABSENT,
                    Location(shown, line, article.id, finding.field),
                    f"{finding.detector} finds {finding.before!r} -> {finding.after!r} in the released "
                    f"text: {finding.reason}",
                    "run `zhcorpus propose` and accept or reject the proposal",
                )
