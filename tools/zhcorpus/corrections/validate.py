"""Checks of correction and flag records against the printed text they point into."""

from __future__ import annotations

from collections.abc import Iterable

from zhcorpus.checkids import (
    CORRECTIONS_METHOD,
    CORRECTIONS_OVERLAP,
    CORRECTIONS_REPLACES,
    IDS_FORMAT,
    IDS_UNIQUE,
    OFFSETS_RANGE,
)
from zhcorpus.corrections.replay import in_force, overlapping
from zhcorpus.errors import Problem
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.records import ANNOTATION_ID, CORRECTION_ID, FLAG_ID, Annotation, Correction, Flag, RawArticle

Record = Correction | Flag | Annotation
_ID_SHAPES = {
    Correction: (CORRECTION_ID, "c001 (a correction)"),
    Flag: (FLAG_ID, "f001 (a flag)"),
    Annotation: (ANNOTATION_ID, "e001 (a mention)"),
}


def span_problems(
    items: Iterable[tuple[JsonLine, Correction | Flag]], articles: dict[str, RawArticle]
) -> list[Problem]:
    """Target record and field exist, the span lies inside the field, and the quoted text equals the span."""
    problems = []
    for row, item in items:
        article = articles.get(item.record)
        if article is None:
            problems.append(
                Problem(
                    OFFSETS_RANGE,
                    row.location("record"),
                    f"unknown record {item.record}",
                    "name an article id of this page",
                )
            )
            continue
        value = article.fields.get(item.field)
        if value is None:
            problems.append(
                Problem(
                    OFFSETS_RANGE,
                    row.location("field"),
                    f"article {item.record} has no {item.field}",
                    "point at a printed field",
                )
            )
            continue
        if not 0 <= item.start <= item.end <= len(value):
            problems.append(
                Problem(
                    OFFSETS_RANGE,
                    row.location("end"),
                    f"span {item.start}-{item.end} is outside {item.field} (length {len(value)})",
                    "offsets are code points in the printed (raw) value of the field",
                )
            )
            continue
        quoted = item.before if isinstance(item, Correction) else item.text
        if value[item.start : item.end] != quoted:
            name = "before" if isinstance(item, Correction) else "text"
            problems.append(
                Problem(
                    OFFSETS_RANGE,
                    row.location(name),
                    f"{name} {quoted!r} does not match the text at {item.start}-{item.end}: "
                    f"{value[item.start : item.end]!r}",
                    "re-locate the span in the raw text (the printed text never changes)",
                )
            )
    return problems


def id_prefix_problems(items: Iterable[tuple[JsonLine, Record]]) -> list[Problem]:
    """A correction, flag or mention id starts with the id of the record it points into."""
    problems = []
    for row, item in items:
        id_pattern, kind = _ID_SHAPES[type(item)]
        found = id_pattern.match(item.id)
        if found is None or found["record"] != item.record:
            problems.append(
                Problem(
                    IDS_FORMAT,
                    row.location("id"),
                    f"id {item.id} does not start with its record id {item.record}",
                    f"name it {item.record}-{kind}, the next free number",
                )
            )
    return problems


def method_problems(items: Iterable[tuple[JsonLine, Record]], known: Iterable[str]) -> list[Problem]:
    """A record's method is `human` or the id of a registered detector or annotator (a retired version stays
    registered)."""
    registered = set(known)
    return [
        Problem(
            CORRECTIONS_METHOD,
            row.location("method"),
            f"unknown method {item.method}",
            f"use human, or one of: {', '.join(sorted(registered))}",
        )
        for row, item in items
        if item.method != "human" and item.method not in registered
    ]


def duplicate_ids(items: Iterable[tuple[JsonLine, Record]]) -> list[Problem]:
    """Correction, flag and mention ids are unique: a review command names a record by its id."""
    seen: dict[str, JsonLine] = {}
    problems = []
    for row, item in items:
        if item.id in seen:
            first = seen[item.id]
            problems.append(
                Problem(
                    IDS_UNIQUE,
                    row.location("id"),
                    f"id {item.id} already used at {first.path}:{first.line}",
                    "give this record the next free number",
                )
            )
        else:
            seen[item.id] = row
    return problems


def overlap_problems(corrections: list[tuple[JsonLine, Correction]]) -> list[Problem]:
    """Accepted corrections of one field must not overlap: replay would depend on their order."""
    rows = {c.id: row for row, c in corrections}
    groups: dict[tuple[str, str], list[Correction]] = {}
    for c in in_force([c for _, c in corrections]):
        groups.setdefault((c.record, c.field), []).append(c)
    problems = []
    for group in groups.values():
        for a, b in overlapping(group):
            problems.append(
                Problem(
                    CORRECTIONS_OVERLAP,
                    rows[b.id].location("start"),
                    f"correction {b.id} ({b.start}-{b.end}) overlaps {a.id} ({a.start}-{a.end})",
                    "merge them into one correction, or reject one",
                )
            )
    return problems


def replaces_problems(corrections: list[tuple[JsonLine, Correction]]) -> list[Problem]:
    """A correction replaces an earlier correction of its own article: one that does not exist, or of another
    article, would leave the decision it means to change in force."""
    by_id = {c.id: c for _, c in corrections}
    problems = []
    for row, c in corrections:
        if c.replaces is None:
            continue
        old = by_id.get(c.replaces)
        if old is None or old.record != c.record or old.id == c.id:
            problems.append(
                Problem(
                    CORRECTIONS_REPLACES,
                    row.location("replaces"),
                    f"correction {c.id} replaces {c.replaces}, which is "
                    + ("itself" if c.replaces == c.id else "no correction of " + c.record),
                    "name the id of the earlier correction of the same article that this one takes the place of",
                )
            )
    return problems
