"""The layout file: one record a printed line saying what the line is. Heuristics propose it; a person reviews it.

Ingest reproduces the corpus from raw + layout exactly, so every segmentation decision a person made is data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from zhcorpus.checkids import LAYOUT_RAW
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.text.rawtext import RawPage

LineRole = Literal["masthead", "heading", "byline", "paragraph", "section_head", "continuation", "dropped"]
PartRole = Literal["column", "kicker", "headline", "subtitle"]


@dataclass(frozen=True)
class HeadingPart:
    role: PartRole
    text: str


@dataclass(frozen=True)
class LayoutLine:
    line: int
    text: str
    role: LineRole
    article: int | None = None
    genre: str | None = None
    field: str | None = None
    parts: tuple[HeadingPart, ...] = ()
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        value: dict[str, Any] = {"line": self.line, "role": self.role}
        if self.article is not None:
            value["article"] = self.article
        if self.genre is not None:
            value["genre"] = self.genre
        if self.field is not None:
            value["field"] = self.field
        if self.parts:
            value["parts"] = [{"role": p.role, "text": p.text} for p in self.parts]
        if self.reason is not None:
            value["reason"] = self.reason
        value["text"] = self.text
        return value


def layout_from_json(rows: list[JsonLine]) -> list[tuple[JsonLine, LayoutLine]]:
    """Typed layout lines from schema-checked JSON lines (the schema has already vouched for keys and types)."""
    typed = []
    for row in rows:
        v = row.value
        typed.append(
            (
                row,
                LayoutLine(
                    line=v["line"],
                    text=v["text"],
                    role=v["role"],
                    article=v.get("article"),
                    genre=v.get("genre"),
                    field=v.get("field"),
                    parts=tuple(HeadingPart(p["role"], p["text"]) for p in v.get("parts", [])),
                    reason=v.get("reason"),
                ),
            )
        )
    return typed


def check_parts(entry: LayoutLine) -> str | None:
    """Why a heading line's parts do not spell the line (parts in order, separated by white space only), or None."""
    rest = entry.text
    for part in entry.parts:
        if not part.text or part.text != part.text.strip():
            return f"part {part.role!r} is empty or has white space at its ends"
        position = rest.find(part.text)
        if position < 0 or rest[:position].strip():
            return f"part {part.role!r} ({part.text}) is not the next text of the line"
        rest = rest[position + len(part.text) :]
    if rest.strip():
        return f"text after the last part is in no part: {rest.strip()!r}"
    return None


def check_against_raw(raw: RawPage, layout: list[tuple[JsonLine, LayoutLine]], raw_shown: str) -> None:
    """The layout must describe every non-blank raw line once, in order, with its exact text."""
    expected = raw.nonblank_lines()
    by_line = {layout_line.line: (row, layout_line) for row, layout_line in layout}
    numbers = {r.number for r in expected}
    for row, layout_line in layout:
        if layout_line.line not in numbers:
            raise ZhcorpusError(
                LAYOUT_RAW,
                Location(row.path, row.line, field="line"),
                f"layout names line {layout_line.line}, which is blank or not in {raw_shown}",
                "regenerate the layout with `zhcorpus ingest` and re-apply your edits",
            )
    previous = 0
    for row, layout_line in layout:
        if layout_line.line <= previous:
            raise ZhcorpusError(
                LAYOUT_RAW,
                Location(row.path, row.line, field="line"),
                f"line {layout_line.line} is out of order or repeated (after line {previous})",
                "keep one layout record a raw line, in raw order",
            )
        previous = layout_line.line
    for raw_line in expected:
        if raw_line.number not in by_line:
            raise ZhcorpusError(
                LAYOUT_RAW,
                Location(raw_shown, raw_line.number),
                "raw line has no layout record",
                "add a layout record for it (role dropped with a reason if it is no text)",
            )
        row, layout_line = by_line[raw_line.number]
        if layout_line.text != raw_line.text:
            raise ZhcorpusError(
                LAYOUT_RAW,
                Location(row.path, row.line, field="text"),
                f"text differs from {raw_shown}:{raw_line.number}",
                "layout text must equal the raw line; corrections go in corrections.jsonl",
            )
        if layout_line.role == "heading":
            problem = check_parts(layout_line)
            if problem:
                raise ZhcorpusError(
                    LAYOUT_RAW,
                    Location(row.path, row.line, field="parts"),
                    problem,
                    "split the heading line into parts that, in order, make up the line",
                )
