"""The released text is exactly raw + accepted corrections, and each row's parts agree with each other."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from zhcorpus.checkids import CORRECTIONS_REPLAY
from zhcorpus.checks.base import Context, register
from zhcorpus.corrections.replay import in_force, replay
from zhcorpus.dataset.manifest import read_manifest
from zhcorpus.dataset.page import page_problems
from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.records import ARTICLE_TEXT_FIELDS


def _stale_not_edited(ctx: Context) -> bool:
    """Whether jsonl/articles.jsonl is stale but untouched: it has the bytes the manifest recorded when it was
    built, and today's sources build other bytes (or cannot build). Replaying then only repeats what build.fresh
    (or the problem that stops the build) reports; a hand edit, which changes the bytes, is still replayed."""
    path = ctx.paths.jsonl("articles")
    try:
        data = path.read_bytes()
        recorded = read_manifest(ctx.paths.manifest, ctx.paths.shown(ctx.paths.manifest)).checksums()[
            ctx.paths.rel(path)
        ]
    except (OSError, ZhcorpusError, KeyError):
        return False  # no usable record of the build: replay decides
    if recorded != hashlib.sha256(data).hexdigest():
        return False
    return isinstance(ctx.build, ZhcorpusError) or ctx.build.files.get(ctx.paths.rel(path)) != data


def _paragraph_texts(row: dict[str, Any]) -> list[str] | None:
    paragraphs = row.get("paragraphs")
    if not isinstance(paragraphs, list):
        return None
    texts = [p["text"] for p in paragraphs if isinstance(p, dict) and isinstance(p.get("text"), str)]
    return texts if len(texts) == len(paragraphs) else None


@register(
    CORRECTIONS_REPLAY,
    "replaying accepted corrections on the printed text gives each released field; paragraphs, text and dateline agree",
)
def replay_matches(ctx: Context) -> Iterator[Problem]:
    found = ctx.data_rows("articles", "jsonl")
    if isinstance(found, Problem):
        return
    shown, rows = found
    if _stale_not_edited(ctx):
        return
    # Only pages whose sources are sound are replayed: for the others the cause is already reported elsewhere.
    sound = [p for p in ctx.pages() if not p.sources.problems and not page_problems(p.sources, p.articles)]
    every_page_sound = len(ctx.pages()) == len(ctx.assembled) == len(sound) and not ctx.sources.problems
    printed = {aid: (page, article) for page in sound for aid, article in page.articles.items()}
    for line, row in rows:
        aid = row.get("id")
        if not isinstance(aid, str) or aid not in printed:
            if every_page_sound:
                yield Problem(
                    CORRECTIONS_REPLAY,
                    Location(shown, line),
                    f"article {aid} is in no page's layout",
                    "run `zhcorpus build`",
                )
            continue
        page, article = printed[aid]
        accepted = in_force([c for _, c in page.sources.corrections if c.record == aid])
        for field in ARTICLE_TEXT_FIELDS:
            raw_value = article.fields.get(field)
            expected = None if raw_value is None else replay(raw_value, [c for c in accepted if c.field == field])[0]
            if row.get(field) != expected:
                yield Problem(
                    CORRECTIONS_REPLAY,
                    Location(shown, line, aid, field),
                    f"{field} differs from raw + accepted corrections",
                    "released text changes only through correction records; run `zhcorpus build`",
                )
        if row.get("text_raw") != article.fields["text"]:
            yield Problem(
                CORRECTIONS_REPLAY,
                Location(shown, line, aid, "text_raw"),
                "text_raw differs from the printed text of the raw page",
                "run `zhcorpus build`",
            )
        texts = _paragraph_texts(row)
        if texts is None or "\n".join(texts) != row.get("text"):
            yield Problem(
                CORRECTIONS_REPLAY,
                Location(shown, line, aid, "paragraphs"),
                "paragraphs joined by line breaks differ from text",
                "run `zhcorpus build`",
            )
        dateline = row.get("dateline")
        if dateline is not None and (
            not isinstance(dateline, str) or not (article.fields["text"] or "").startswith(dateline)
        ):
            yield Problem(
                CORRECTIONS_REPLAY,
                Location(shown, line, aid, "dateline"),
                "dateline is not the start of the printed body",
                "run `zhcorpus build`",
            )
