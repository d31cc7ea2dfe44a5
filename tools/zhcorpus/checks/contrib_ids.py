"""Ids are permanent: a contribution may not drop an id the base has, nor make it name another span.

Correction, flag and mention ids are compared in the source files (an id means its `record`, `field`, `start`
and `end`); article and paragraph ids in the built `jsonl/articles.jsonl`. Released rows, citations and
later corrections refer to these ids, so a record is withdrawn by its status (rejected, resolved) or, once
decided, replaced by a new correction that names it (`replaces`), never by deleting or renumbering it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhcorpus.checkids import CONTRIB_IDS
from zhcorpus.checks.base import Context, register
from zhcorpus.checks.decisions import by_id, parse_rows
from zhcorpus.errors import Location, Problem
from zhcorpus.io.gitbase import GitBase
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.sources import ANNOTATIONS_FILE, page_ids

SPAN_KEYS = ("record", "field", "start", "end")
HINT = (
    "ids are permanent: keep the record with its id and span; to withdraw a proposed one set its status "
    "(rejected, or resolved for a flag), replace a decided correction by a new record with `replaces`, and give a "
    "new record a new id"
)


def _span(value: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(value.get(k) for k in SPAN_KEYS)


def _source_problems(base: GitBase, path: Path, shown: str) -> Iterator[Problem]:
    rel = base.rel(path)
    old = parse_rows(base.show(rel), path) if rel is not None else None
    new = parse_rows(path.read_bytes(), path) if path.is_file() else []
    if not old or new is None:
        return
    now = by_id(new)
    by_span = {_span(r.value): r for r in new}
    last = max((r.line for r in new), default=1)
    for key, was in by_id(old).items():
        row = now.get(key)
        span = "{}/{} {}-{}".format(*_span(was.value))
        if row is None:
            # Renumbered: the same span under another id is the line to fix; otherwise where the record stood.
            moved = by_span.get(_span(was.value))
            if moved is not None:
                yield Problem(
                    CONTRIB_IDS,
                    moved.location("id"),
                    f"id {key} ({span}) at {base.ref} is renamed {moved.value.get('id')}",
                    HINT,
                )
            else:
                yield Problem(
                    CONTRIB_IDS,
                    Location(shown, min(was.line, last), key, "id"),
                    f"id {key} ({span}, line {was.line} at {base.ref}) is gone",
                    HINT,
                )
        elif _span(row.value) != _span(was.value):
            yield Problem(
                CONTRIB_IDS,
                row.location("id"),
                "id {} named {} at {}, now {}/{} {}-{}".format(key, span, base.ref, *_span(row.value)),
                HINT,
            )


def _article_ids(rows: list[JsonLine]) -> dict[str, int]:
    """Article and paragraph id -> line of its article."""
    out: dict[str, int] = {}
    for row in rows:
        paragraphs = row.value.get("paragraphs") or []
        for value in [row.value.get("id"), *(p.get("id") for p in paragraphs if isinstance(p, dict))]:
            if isinstance(value, str):
                out.setdefault(value, row.line)
    return out


def _built_problems(base: GitBase, path: Path, shown: str) -> Iterator[Problem]:
    rel = base.rel(path)
    old = parse_rows(base.show(rel), path) if rel is not None else None
    new = parse_rows(path.read_bytes(), path) if path.is_file() else None
    if not old or new is None:
        return
    now = _article_ids(new)
    last = max((r.line for r in new), default=1)
    for key, line in _article_ids(old).items():
        if key not in now:
            yield Problem(
                CONTRIB_IDS,
                Location(shown, min(line, last), key, "id"),
                f"article or paragraph id {key} (line {line} at {base.ref}) is gone",
                "released ids are permanent: fix the layout or correction that merged, split or renumbered it, "
                "then `zhcorpus build`",
            )


@register(
    CONTRIB_IDS, "no correction, flag, mention, article or paragraph id of the base is gone or names another span"
)
def ids_kept(ctx: Context) -> Iterator[Problem]:
    base = ctx.base
    if base is None:
        return
    for pid in page_ids(ctx.paths):
        for name in ("corrections.jsonl", "flags.jsonl", ANNOTATIONS_FILE):
            path = ctx.paths.page_dir(pid) / name
            yield from _source_problems(base, path, ctx.paths.shown(path))
    articles = ctx.paths.jsonl("articles")
    yield from _built_problems(base, articles, ctx.paths.shown(articles))
