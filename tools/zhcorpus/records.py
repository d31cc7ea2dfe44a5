"""Typed records of the corpus and their ids.

Field order here is the column order of the built data and must equal the property order of the schema in
``schema/`` (a test holds them together); the schema stays the single source of truth for types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any, Literal

PAGE_ID = re.compile(r"^(?P<paper>[a-z][a-z0-9]{1,15})-(?P<date>[0-9]{8})-(?P<page>[A-Z]?[0-9]{1,2})$")
ARTICLE_ID = re.compile(r"^(?P<page_id>[a-z][a-z0-9]{1,15}-[0-9]{8}-[A-Z]?[0-9]{1,2})-(?P<n>[0-9]{2})$")
CORRECTION_ID = re.compile(r"^(?P<record>.+)-c(?P<n>[0-9]{3})$")
FLAG_ID = re.compile(r"^(?P<record>.+)-f(?P<n>[0-9]{3})$")
ANNOTATION_ID = re.compile(r"^(?P<record>.+)-e(?P<n>[0-9]{3,4})$")


@cache
def _field_names(kind: Any) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def as_row(record: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` without its deep copy (about 4% of an archive build's time): a record holds only
    strings, numbers, None, lists and dicts of those and other records, none of which a row shares mutably. A tuple
    would be kept as it is, records in it too, where asdict made rows of them: no record has one."""
    return {name: _plain(getattr(record, name)) for name in _field_names(record.__class__)}


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return as_row(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


Genre = Literal["news", "commentary", "feature", "brief", "notice"]
Role = Literal["reporter", "correspondent", "author", "intern", "photographer"]
ParagraphKind = Literal["paragraph", "section_head"]
Status = Literal["proposed", "accepted", "rejected"]
FlagStatus = Literal["open", "resolved"]
Label = Literal["PER", "TITLE", "ORG", "LOC", "DATE"]
PlaceLevel = Literal["province", "prefecture", "county", "township", "village", "zone", "site"]
EntityField = Literal["paragraphs", "column", "kicker", "headline", "subtitle", "byline"]

# Fields of an article whose printed text a correction or a flag may point into.
ARTICLE_TEXT_FIELDS = ("column", "kicker", "headline", "subtitle", "byline", "text")
# The most characters a correction's before or after may hold (schema/correction.json's maxLength): a correction
# fixes a character, a clause or a duplicated paragraph, not an article, and one of 40,000 characters made
# `validate` seven times slower.
MAX_CORRECTION_CHARS = 2000


def page_id(paper: str, iso_date: str, page: str) -> str:
    return f"{paper}-{iso_date.replace('-', '')}-{page}"


def article_id(page: str, n: int) -> str:
    return f"{page}-{n:02d}"


def paragraph_id(article: str, block: int, split: int = 0) -> str:
    """Paragraph ids follow the printed block a paragraph starts in, so they survive merges of later blocks."""
    suffix = "" if split == 0 else "bcdefghijklmnopqrstuvwxyz"[split - 1]
    return f"{article}-p{block:03d}{suffix}"


@dataclass(frozen=True)
class MastheadLine:
    line: int
    field: str
    text: str


@dataclass(frozen=True)
class Dropped:
    """Raw text that is in no article field, and why (a continuation marker kept as metadata, ...)."""

    line: int
    text: str
    reason: str
    article_id: str | None


@dataclass(frozen=True)
class LineRange:
    first: int
    last: int


@dataclass
class Page:
    """One printed page with its masthead: a row of the ``issues`` config."""

    id: str
    newspaper: str
    newspaper_en: str | None
    publisher: str | None
    cn_number: str | None
    date: str
    weekday: str | None
    lunar_date: str | None
    issue_number: int | None
    page: str
    page_count: int | None
    weather: str | None
    temperature: str | None
    temperature_min_c: int | None
    temperature_max_c: int | None
    raw_file: str
    raw_sha256: str
    article_ids: list[str]
    masthead: list[MastheadLine]
    dropped: list[Dropped]
    version: str

    def to_row(self) -> dict[str, Any]:
        return as_row(self)


@dataclass(frozen=True)
class Author:
    name: str
    role: Role


@dataclass(frozen=True)
class Paragraph:
    id: str
    kind: ParagraphKind
    text: str


@dataclass(frozen=True)
class FlagRef:
    """A flag as carried on its article row, its span moved into the released text of its field.

    ``start``/``end``/``text`` are null for a resolved flag whose text a correction has since replaced.
    """

    id: str
    kind: str
    status: FlagStatus
    field: str
    start: int | None
    end: int | None
    text: str | None
    note: str


@dataclass
class Article:
    """One article as released: a row of the ``articles`` config."""

    id: str
    newspaper: str
    date: str
    page: str
    issue_number: int | None
    kicker: str | None
    headline: str
    subtitle: str | None
    column: str | None
    genre: Genre
    authors: list[Author]
    byline: str | None
    dateline: str | None
    event_date: str | None
    paragraphs: list[Paragraph]
    text: str
    text_raw: str
    continued_on: str | None
    continued_from: str | None
    raw_lines: LineRange
    flags: list[FlagRef]
    version: str

    def to_row(self) -> dict[str, Any]:
        return as_row(self)


@dataclass(frozen=True)
class Correction:
    """A change to printed text: ``raw[start:end] == before`` becomes ``after`` in the released text."""

    id: str
    record: str
    field: str
    start: int
    end: int
    before: str
    after: str
    kind: str
    method: str
    confidence: float
    status: Status
    reason: str
    evidence: str | None = None
    replaces: str | None = None  # an earlier correction this decision takes the place of

    def to_row(self) -> dict[str, Any]:
        return as_row(self)

    def to_source(self) -> dict[str, Any]:
        """The record as a source line: `replaces` only where it names one, so a new record's diff shows what a
        person wrote (a released row has every column)."""
        row = as_row(self)
        if row["replaces"] is None:
            del row["replaces"]
        return row


@dataclass(frozen=True)
class Flag:
    """A fault that needs a person; the tool keeps it open on its article and never invents text."""

    id: str
    record: str
    field: str
    start: int
    end: int
    text: str
    kind: str
    method: str
    status: FlagStatus
    note: str

    def to_row(self) -> dict[str, Any]:
        return as_row(self)


@dataclass
class RawArticle:
    """An article as printed, before corrections: the evidence its released row is computed from."""

    id: str
    genre: Genre
    fields: dict[str, str | None]
    body_kinds: list[ParagraphKind]
    continued_on: str | None
    continued_from: str | None
    lines: LineRange
    # Where each printed line of each field stands in the raw page: field -> [(line, column), ...], one entry a
    # line of the field's value (split on line breaks), so findings can be mapped back onto the page.
    sources: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def of_body(cls, id: str, blocks: list[str], headline: str | None = None, first_line: int = 1) -> RawArticle:
        """A news article of these paragraphs, one a block, printed from ``first_line`` on (a generated or
        measured text, not one assembled from a page)."""
        return cls(
            id=id,
            genre="news",
            fields={
                "column": None,
                "kicker": None,
                "headline": headline,
                "subtitle": None,
                "byline": None,
                "text": "\n".join(blocks),
            },
            body_kinds=["paragraph"] * len(blocks),
            continued_on=None,
            continued_from=None,
            lines=LineRange(first_line, first_line + len(blocks) - 1),
        )


@dataclass(frozen=True)
class Normalized:
    """What a mention refers to: PER ``name``; LOC ``name``, ``code``, ``level``; DATE ``date``; others null."""

    name: str | None = None
    code: str | None = None
    level: PlaceLevel | None = None
    date: str | None = None


@dataclass(frozen=True)
class Annotation:
    """A mention as stored in the sources: its span is in the printed text, like a correction's, so accepting a
    correction moves it; ``text`` is what the span reads after the accepted corrections."""

    id: str
    record: str
    field: str
    start: int
    end: int
    text: str
    label: Label
    normalized: Normalized
    roles: list[str]
    method: str
    status: Status

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Annotation:
        return cls(**{**value, "normalized": Normalized(**value["normalized"]), "roles": list(value["roles"])})

    def to_row(self) -> dict[str, Any]:
        return as_row(self)


@dataclass(frozen=True)
class RoleRef:
    id: str
    text: str


@dataclass(frozen=True)
class Entity:
    """A mention in the released text: a row of the ``entities`` config."""

    id: str
    article_id: str
    paragraph_id: str | None
    field: EntityField
    start: int
    end: int
    text: str
    label: Label
    normalized: Normalized
    roles: list[RoleRef]
    source: Literal["gold", "auto"]
    method: str
    version: str

    def to_row(self) -> dict[str, Any]:
        return as_row(self)
