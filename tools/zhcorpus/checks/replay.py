"""The released text is exactly raw + accepted corrections, and each row's parts agree with each other."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.build.pipeline import page_problems
from zhcorpus.checks.base import Context, register
from zhcorpus.corrections.replay import replay
from zhcorpus.errors import Location, Problem


@register(
    "corrections.replay@1",
    "replaying accepted corrections on the printed text gives the released text; paragraphs, text and dateline agree",
)
def replay_matches(ctx: Context) -> Iterator[Problem]:
    found = ctx.data_rows("articles", "jsonl")
    if isinstance(found, Problem):
        return
    shown, rows = found
    # Only pages whose sources are sound are replayed: for the others the cause is already reported elsewhere.
    sound = [
        page for page in ctx.pages() if not page.sources.problems and not page_problems(page.sources, page.articles)
    ]
    every_page_assembled = len(ctx.pages()) == len(ctx.assembled) == len(sound) and not ctx.sources.problems
    printed = {aid: (page, article) for page in sound for aid, article in page.articles.items()}
    for line, row in rows:
        aid = row.get("id")
        where = Location(shown, line, aid if isinstance(aid, str) else None)
        if aid not in printed:
            if not every_page_assembled:
                continue
            yield Problem(
                "corrections.replay@1", where, f"article {aid} is in no page's layout", "run `zhcorpus build`"
            )
            continue
        page, article = printed[aid]
        raw_text = article.fields["text"] or ""
        accepted = [
            c for _, c in page.sources.corrections if c.record == aid and c.field == "text" and c.status == "accepted"
        ]
        expected, _ = replay(raw_text, accepted)
        if row.get("text_raw") != raw_text:
            yield Problem(
                "corrections.replay@1",
                Location(shown, line, aid, "text_raw"),
                "text_raw differs from the printed text of the raw page",
                "run `zhcorpus build`",
            )
        if row.get("text") != expected:
            yield Problem(
                "corrections.replay@1",
                Location(shown, line, aid, "text"),
                "text differs from raw + accepted corrections",
                "released text changes only through correction records; run `zhcorpus build`",
            )
        paragraphs = row.get("paragraphs") or []
        joined = "\n".join(p.get("text", "") for p in paragraphs if isinstance(p, dict))
        if joined != row.get("text"):
            yield Problem(
                "corrections.replay@1",
                Location(shown, line, aid, "paragraphs"),
                "paragraphs joined by line breaks differ from text",
                "run `zhcorpus build`",
            )
        dateline = row.get("dateline")
        if isinstance(dateline, str) and not raw_text.startswith(dateline):
            yield Problem(
                "corrections.replay@1",
                Location(shown, line, aid, "dateline"),
                "dateline is not the start of the printed body",
                "run `zhcorpus build`",
            )
