"""A private-use character stays in released text only under an open flag that asks a person to read it.

The character policy lets released text keep one (it probably stands for a glyph the OCR font lacked, and deleting
it could change the reading), but only while that question is open: once the flag is resolved, or where none
was raised, the character must have been corrected. Every other character of the policy is refused in released
text by the schemas and found by `faults.absent@1` (the charpolicy.invisible detector).
"""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import FAULTS_PRIVATE_USE
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.records import ARTICLE_TEXT_FIELDS
from zhcorpus.text.charpolicy import RAW, offences


@register(FAULTS_PRIVATE_USE, "a private-use character in released text stands under an open flag of its article")
def private_use_flagged(ctx: Context) -> Iterator[Problem]:
    if isinstance(ctx.build, ZhcorpusError):
        return  # what stops the build is reported by the check that found it
    shown = ctx.paths.shown(ctx.paths.jsonl("articles"))
    line = 0
    for page in ctx.build.pages:
        for article in page.articles:
            line += 1
            open_spans = [
                (f.field, f.start, f.end)
                for f in article.flags
                if f.status == "open" and f.start is not None and f.end is not None
            ]
            for name in ARTICLE_TEXT_FIELDS:
                for found in offences(getattr(article, name) or "", RAW):
                    if not found.private_use:
                        continue
                    if any(field == name and start <= found.index < end for field, start, end in open_spans):
                        continue
                    yield Problem(
                        FAULTS_PRIVATE_USE,
                        Location(shown, line, article.id, name),
                        f"{found.describe()} at character {found.index} of the released {name}, under no open flag",
                        "read the character on the printed page and correct it (`zhcorpus correct`), or keep its "
                        "charpolicy.private_use flag open",
                    )
