"""Raw page + layout -> the page record and its articles as printed (before any correction)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from zhcorpus.checkids import LAYOUT_RAW
from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.ingest.continuation import parse_continuation
from zhcorpus.ingest.layout import LayoutLine, check_against_raw
from zhcorpus.ingest.masthead import parse_masthead
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.records import (
    PAGE_ID,
    Dropped,
    Genre,
    LineRange,
    MastheadLine,
    Page,
    ParagraphKind,
    RawArticle,
    article_id,
)
from zhcorpus.text.rawtext import RawPage

_PART_FIELDS = ("column", "kicker", "headline", "subtitle")


@dataclass
class _Draft:
    number: int
    genre: str
    # The printed lines of each heading part and of the byline, joined once the article is complete: joining
    # them line by line would copy a part printed over thousands of lines once a line.
    fields: dict[str, list[str]]
    body: list[str]
    kinds: list[ParagraphKind]
    sources: dict[str, list[tuple[int, int]]]
    lines: list[int]
    continued_on: str | None = None
    continued_from: str | None = None
    last_part: str | None = None


def _error(row: JsonLine, message: str, hint: str, field: str | None = None) -> ZhcorpusError:
    return ZhcorpusError(LAYOUT_RAW, Location(row.path, row.line, field=field), message, hint)


def _add_heading(draft: _Draft, row: JsonLine, layout_line: LayoutLine) -> None:
    """Heading parts fill their fields; a part printed over two lines continues on the next line."""
    cursor = 0
    for part in layout_line.parts:
        if draft.body:
            raise _error(
                row,
                f"heading part {part.role} after the body of article {draft.number} began",
                "start a new article (a new article number) or make the line a section_head",
                "parts",
            )
        printed = draft.fields[part.role]
        if not printed or (draft.last_part == part.role and part is layout_line.parts[0]):
            printed.append(part.text)
        else:
            raise _error(
                row,
                f"article {draft.number} has a second {part.role}",
                "a part appears once an article (or continues on the next heading line)",
                "parts",
            )
        draft.last_part = part.role
        column = layout_line.text.find(part.text, cursor)  # check_parts has made sure the parts spell the line in order
        cursor = column + len(part.text)
        draft.sources.setdefault(part.role, []).append((layout_line.line, column))


@dataclass
class Printed:
    """What a page prints, read through its layout: masthead lines, dropped text and articles."""

    masthead: list[MastheadLine]
    dropped: list[Dropped]
    articles: list[RawArticle]
    where: Location  # the layout's first line, for errors about the page as a whole


def assemble_articles(raw: RawPage, layout: list[tuple[JsonLine, LayoutLine]], page_id: str) -> Printed:
    """The printed articles of a page; every error names the layout line to fix."""
    raw_shown = display_path(raw.path)
    check_against_raw(raw, layout, raw_shown)
    masthead: list[MastheadLine] = []
    dropped: list[Dropped] = []
    drafts: list[_Draft] = []
    for row, layout_line in layout:
        if layout_line.role == "masthead":
            if drafts:
                raise _error(row, "masthead line after the first article", "give it an article role or drop it")
            masthead.append(MastheadLine(layout_line.line, layout_line.field or "", layout_line.text))
            continue
        if layout_line.role == "dropped":
            dropped.append(
                Dropped(
                    layout_line.line,
                    layout_line.text,
                    layout_line.reason or "",
                    None if not drafts else article_id(page_id, drafts[-1].number),
                )
            )
            continue
        number = layout_line.article
        if number is None:
            raise _error(row, f"a {layout_line.role} line needs an article number", 'add "article": N', "article")
        if not drafts or drafts[-1].number != number:
            expected = len(drafts) + 1
            if number != expected:
                raise _error(
                    row,
                    f"article {number} where article {expected} should start (articles are "
                    "numbered in reading order and are contiguous)",
                    "renumber the articles",
                    "article",
                )
            if layout_line.genre is None:
                raise _error(row, f"first line of article {number} has no genre", 'add "genre"', "genre")
            printed: dict[str, list[str]] = {name: [] for name in (*_PART_FIELDS, "byline")}
            drafts.append(_Draft(number, layout_line.genre, printed, [], [], {}, []))
        elif layout_line.genre is not None:
            raise _error(row, "genre is given on the first line of an article only", "remove it here", "genre")
        draft = drafts[-1]
        draft.lines.append(layout_line.line)
        if layout_line.role == "heading":
            _add_heading(draft, row, layout_line)
        elif layout_line.role == "byline":
            draft.fields["byline"].append(layout_line.text.strip())
            draft.sources.setdefault("byline", []).append(
                (layout_line.line, len(layout_line.text) - len(layout_line.text.lstrip()))
            )
        elif layout_line.role in ("paragraph", "section_head"):
            draft.body.append(layout_line.text)
            draft.kinds.append("section_head" if layout_line.role == "section_head" else "paragraph")
            draft.sources.setdefault("text", []).append((layout_line.line, 0))
        elif layout_line.role == "continuation":
            marker = parse_continuation(layout_line.text)
            if marker is None:
                raise _error(
                    row,
                    f"not a continuation marker: {layout_line.text.strip()!r}",
                    "use role paragraph, or dropped with a reason",
                    "role",
                )
            if marker.direction == "on":
                draft.continued_on = marker.page
            else:
                draft.continued_from = marker.page
            word = "continued_on" if marker.direction == "on" else "continued_from"
            dropped.append(
                Dropped(
                    layout_line.line,
                    layout_line.text,
                    f"continuation marker, kept as {word}={marker.page}",
                    article_id(page_id, number),
                )
            )
    first_line = layout[0][0] if layout else None
    where = Location(first_line.path, first_line.line) if first_line else Location(raw_shown)
    articles = []
    for d in drafts:
        aid = article_id(page_id, d.number)
        if not d.fields["headline"]:
            raise ZhcorpusError(
                LAYOUT_RAW,
                where,
                f"article {aid} has no headline",
                "give one heading part the role headline",
            )
        if not d.body:
            raise ZhcorpusError(
                LAYOUT_RAW,
                where,
                f"article {aid} has no body text",
                "mark its body lines as paragraph",
            )
        fields: dict[str, str | None] = {name: "\n".join(lines) if lines else None for name, lines in d.fields.items()}
        fields["text"] = "\n".join(d.body)
        articles.append(
            RawArticle(
                aid,
                cast(Genre, d.genre),  # the layout schema allows only the genres Genre names
                fields,
                d.kinds,
                d.continued_on,
                d.continued_from,
                LineRange(min(d.lines), max(d.lines)),
                d.sources,
            )
        )
    return Printed(masthead, dropped, articles, where)


def assemble(
    raw: RawPage, layout: list[tuple[JsonLine, LayoutLine]], page_id: str, raw_file: str, version: str
) -> tuple[Page, list[RawArticle]]:
    """The page record (its masthead read and checked against the page id) and its printed articles."""
    printed = assemble_articles(raw, layout, page_id)
    masthead, dropped, articles, where = printed.masthead, printed.dropped, printed.articles, printed.where
    head = parse_masthead(masthead)
    if head.date is None or head.newspaper is None or head.page is None:
        raise ZhcorpusError(
            LAYOUT_RAW,
            where,
            "masthead lacks the paper's name, the date or the page",
            "mark the masthead lines (field newspaper, date, page) in the layout",
        )
    found = PAGE_ID.match(page_id)
    if not found or found["date"] != head.date.replace("-", "") or found["page"] != head.page:
        raise ZhcorpusError(
            LAYOUT_RAW,
            where,
            f"page id {page_id} disagrees with the masthead ({head.date}, page {head.page})",
            "name the page after the date and page printed on it",
        )
    page = Page(
        id=page_id,
        newspaper=head.newspaper,
        newspaper_en=head.newspaper_en,
        publisher=head.publisher,
        cn_number=head.cn_number,
        date=head.date,
        weekday=head.weekday,
        lunar_date=head.lunar_date,
        issue_number=head.issue_number,
        page=head.page,
        page_count=head.page_count,
        weather=head.weather,
        temperature=head.temperature,
        temperature_min_c=head.temperature_min_c,
        temperature_max_c=head.temperature_max_c,
        raw_file=raw_file,
        raw_sha256=raw.sha256,
        article_ids=[a.id for a in articles],
        masthead=masthead,
        dropped=dropped,
        version=version,
    )
    return page, articles
