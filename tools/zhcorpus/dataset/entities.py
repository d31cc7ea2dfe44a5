"""Annotations (spans in the printed text) -> rows of the ``entities`` config (spans in the released paragraphs).

A mention is stored where it stands in the printed text, so an accepted correction moves every mention after it
without anyone editing the annotations. A mention whose own text a correction changes is checked again: it must
still read as its ``text``, or it is reported with the correction that changed it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from zhcorpus.checkids import ENTITIES_ALIGN, ENTITIES_LINKS, ENTITIES_VALUES
from zhcorpus.corrections.replay import OffsetMap, in_force, replay_fields
from zhcorpus.detect.confusable import GAZETTEER_LEVELS
from zhcorpus.errors import Problem
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.records import Annotation, Article, Correction, Entity, EntityField, RawArticle, RoleRef


@dataclass(frozen=True)
class Placed:
    """A mention moved into the released text: its field's text and the span there."""

    annotation: Annotation
    row: JsonLine
    start: int
    end: int


def _touching(corrections: Sequence[Correction], a: Annotation) -> list[Correction]:
    return [c for c in corrections if c.field == a.field and c.start <= a.end and a.start <= c.end]


def _place(
    row: JsonLine,
    a: Annotation,
    raw: RawArticle,
    released: dict[str, tuple[str, OffsetMap]],
    accepted: list[Correction],
) -> Placed | Problem:
    value = raw.fields.get(a.field)
    if value is None or a.field not in released:
        return Problem(
            ENTITIES_ALIGN, row.location("field"), f"article {a.record} has no {a.field}", "point at a printed field"
        )
    if not 0 <= a.start < a.end <= len(value):
        return Problem(
            ENTITIES_ALIGN,
            row.location("end"),
            f"span {a.start}-{a.end} is outside {a.field} (length {len(value)})",
            "offsets are code points in the printed (raw) value of the field",
        )
    text, offsets = released[a.field]
    touched = _touching(accepted, a)
    names = ", ".join(c.id for c in touched)
    moved = offsets.move_span(a.start, a.end)
    if moved is None or moved[0] == moved[1]:
        deleted = any(c.after == "" and c.start <= a.start and a.end <= c.end for c in touched)
        what = "deletes" if deleted else "rewrites across an end of"
        return Problem(
            ENTITIES_ALIGN,
            row.location("start"),
            f"correction {names} {what} mention {a.id} ({a.text!r})",
            "annotate the text that is kept (the other copy of a duplicate), or delete this mention"
            if deleted
            else "re-anchor the mention on the corrected text, or delete it",
        )
    new_start, new_end = moved
    reads = text[new_start:new_end]
    if reads != a.text:
        by = f" after correction {names}" if touched else ""
        return Problem(
            ENTITIES_ALIGN,
            row.location("text"),
            f"mention {a.id} reads {reads!r}{by}, not {a.text!r}",
            f"if it still names the same {a.label}, set text to {reads!r} (and its normalized value); otherwise "
            "delete the mention"
            if touched
            else "offsets are code points in the printed text; re-locate the span",
        )
    if "\n" in reads:
        return Problem(
            ENTITIES_ALIGN,
            row.location("end"),
            f"mention {a.id} runs over a line break of {a.field}",
            "a mention lies inside one paragraph or one line: split it",
        )
    return Placed(a, row, new_start, new_end)


def _date_problem(value: str) -> str | None:
    for part in value.split("/"):
        pieces = part.split("-")
        try:
            dt.date(int(pieces[0]), int(pieces[1]) if len(pieces) > 1 else 1, int(pieces[2]) if len(pieces) > 2 else 1)
        except ValueError as exc:
            return f"{part!r} is not a date: {exc}"
    return None


def value_problems(row: JsonLine, a: Annotation, divisions: Callable[[str], tuple[str, int] | None]) -> list[Problem]:
    """The normalized value fits the label: a gold mention says what it refers to; a code is a real division."""
    n = a.normalized
    problems = []

    def bad(field: str, message: str, hint: str) -> None:
        problems.append(
            Problem(ENTITIES_VALUES, row.location(f"normalized.{field}"), f"{a.label} {a.id}: {message}", hint)
        )

    allowed = {"PER": {"name"}, "LOC": {"name", "code", "level"}, "DATE": {"date"}}.get(a.label, set())
    for key in ("name", "code", "level", "date"):
        if getattr(n, key) is not None and key not in allowed:
            bad(key, f"has a {key}", f"a {a.label} mention has no normalized {key}: set it to null")
    gold = a.status == "accepted"
    if a.label == "PER" and n.name is None and gold:
        bad("name", "has no name", "give the person's full name")
    if a.label == "LOC" and gold and (n.name is None or n.level is None):
        bad("name", "needs its official name and level", "see ANNOTATION.md (株洲 -> 株洲市, prefecture)")
    if a.label == "LOC" and n.code is not None:
        found = divisions(n.code)
        if found is None:
            bad("code", f"code {n.code} is not in the gazetteer", "use a code of the MCA table, or null")
        elif found[0] != n.name or GAZETTEER_LEVELS[found[1]] != n.level:
            bad(
                "code",
                f"code {n.code} is {found[0]} ({GAZETTEER_LEVELS[found[1]]}), not {n.name} ({n.level})",
                "make name, code and level agree with the gazetteer",
            )
    if a.label == "DATE":
        if n.date is None:
            if gold:
                bad("date", "has no date", "give the ISO date, the year from the issue's date")
        elif (why := _date_problem(n.date)) is not None:
            bad("date", why, "use an ISO 8601 date (2020-01-30) or interval (2020-01-25/2021-02-11)")
    return problems


def _link_problems(placed: list[Placed], by_id: dict[str, Annotation]) -> list[Problem]:
    problems = []
    for p in placed:
        a = p.annotation
        if a.roles and a.label != "PER":
            problems.append(
                Problem(
                    ENTITIES_LINKS,
                    p.row.location("roles"),
                    f"{a.label} {a.id} has roles",
                    "only a PER mention has roles",
                )
            )
        for role in a.roles:
            title = by_id.get(role)
            if title is None or title.record != a.record or title.label != "TITLE" or title.status == "rejected":
                problems.append(
                    Problem(
                        ENTITIES_LINKS,
                        p.row.location("roles"),
                        f"role {role} of {a.id} is not a TITLE mention of {a.record}",
                        "name the id of a TITLE mention of the same article",
                    )
                )
    # Mentions nest or are disjoint; crossing spans would make the layer ambiguous.
    ordered = sorted(placed, key=lambda p: (p.annotation.field, p.start, -p.end))
    for i, p in enumerate(ordered):
        for q in ordered[i + 1 :]:
            if q.annotation.field != p.annotation.field or q.start >= p.end:
                break
            if q.end > p.end:
                problems.append(
                    Problem(
                        ENTITIES_LINKS,
                        q.row.location("start"),
                        f"mention {q.annotation.id} ({q.annotation.text}) crosses {p.annotation.id} "
                        f"({p.annotation.text})",
                        "mentions nest or are disjoint: fix one of the spans",
                    )
                )
    return problems


def _entity(p: Placed, article: Article, by_id: dict[str, Annotation], version: str) -> Entity:
    a = p.annotation
    field: EntityField = "paragraphs" if a.field == "text" else a.field  # type: ignore[assignment]
    paragraph_id, start, end = None, p.start, p.end
    if a.field == "text":
        index = article.text.count("\n", 0, p.start)
        paragraph_start = 0 if index == 0 else article.text.rindex("\n", 0, p.start) + 1
        paragraph_id, start, end = article.paragraphs[index].id, p.start - paragraph_start, p.end - paragraph_start
    roles = [RoleRef(r, by_id[r].text) for r in a.roles if r in by_id]
    source: Literal["gold", "auto"] = "gold" if a.status == "accepted" else "auto"
    return Entity(
        a.id, a.record, paragraph_id, field, start, end, a.text, a.label, a.normalized, roles, source, a.method, version
    )


def release_entities(
    raw: RawArticle,
    article: Article,
    annotations: list[tuple[JsonLine, Annotation]],
    corrections: list[Correction],
    version: str,
    divisions: Callable[[str], tuple[str, int] | None],
) -> tuple[list[Entity], list[Problem]]:
    """The article's mentions in its released text, and every problem that keeps one from being released."""
    accepted = in_force(corrections)
    released = replay_fields(raw, accepted)
    live = [(row, a) for row, a in annotations if a.status != "rejected"]
    by_id = {a.id: a for _, a in live}
    placed: list[Placed] = []
    problems: list[Problem] = []
    for row, a in live:
        problems.extend(value_problems(row, a, divisions))
        found = _place(row, a, raw, released, accepted)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            placed.append(found)
    problems.extend(_link_problems(placed, by_id))
    placed.sort(key=lambda p: (_FIELD_ORDER.index(p.annotation.field), p.start, -p.end, p.annotation.id))
    return [_entity(p, article, by_id, version) for p in placed], problems


# Rows follow the article as read: the labels above the headline first, then the byline and the body.
_FIELD_ORDER = ("column", "kicker", "headline", "subtitle", "byline", "text")


def unknown_record_problems(annotations: list[tuple[JsonLine, Annotation]], known: set[str]) -> list[Problem]:
    return [
        Problem(ENTITIES_ALIGN, row.location("record"), f"unknown record {a.record}", "name an article id of this page")
        for row, a in annotations
        if a.record not in known
    ]
