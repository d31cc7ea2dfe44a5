"""Every detector over a raw page; automatic-safe fixes applied to the page text with its layout otherwise kept.

Findings are made on articles (as ingest reads the page) and mapped back onto the page's lines and columns, so a
fix of a page nobody has reviewed never needs a layout file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhcorpus.detect import Finding, findings_of
from zhcorpus.detect.base import AUTO_THRESHOLD
from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.ingest.assemble import assemble_articles
from zhcorpus.ingest.heuristics import BEFORE_FIRST_HEADING, NO_BODY, propose_layout
from zhcorpus.ingest.page import page_id_for
from zhcorpus.ingest.plain import plain_articles
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.records import RawArticle
from zhcorpus.text.rawtext import RawLine, RawPage, line_col


@dataclass(frozen=True)
class PageFinding:
    record: str
    finding: Finding
    start: int  # code points in the raw page
    end: int
    line: int
    column: int
    applied: bool

    def to_json(self) -> dict[str, Any]:
        f = self.finding
        return {
            "kind": f.kind,
            "before": f.before,
            "after": f.after,
            "confidence": f.confidence,
            "applied": self.applied,
            "detector": f.detector,
            "record": self.record,
            "field": f.field,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "reason": f.reason,
        }


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, char in enumerate(text):
        if char == "\n":
            starts.append(i + 1)
    return starts


def _to_page(article: RawArticle, field: str, position: int, starts: list[int]) -> tuple[int, int, int]:
    """(page offset, line, column) of a position in an article field."""
    value = article.fields[field] or ""
    row, col = line_col(value, position)
    segment, column = row - 1, col - 1  # both 0-based here
    line, line_column = article.sources[field][segment]
    return starts[line - 1] + line_column + column, line, line_column + column + 1


@dataclass(frozen=True)
class PageArticles:
    """The articles a page is read as; ``plain`` lines of them are in no article of the page's layout."""

    articles: list[RawArticle]
    plain: int


def read_articles(raw: RawPage, paper: str | None) -> PageArticles:
    """The page's articles as ingest reads them, and the lines it reads as no article's text (before the first
    heading, or headings with no body below them) as plain text, one paragraph a line, so that every line is checked.

    A page with nothing to read at all (no printed line) is a located error: reporting no findings for it would
    say it was checked.
    """
    if not raw.nonblank_lines():
        raise ZhcorpusError(
            "fix.no-text",
            Location(display_path(raw.path)),
            "the page has no printed line: there is nothing to check",
            "give the OCR text of a page, one printed block a line",
        )
    layout = [
        (JsonLine("<proposed layout>", n, layout_line.to_json()), layout_line)
        for n, layout_line in enumerate(propose_layout(raw), 1)
    ]
    try:
        pid = page_id_for(raw, layout, paper)
    except ZhcorpusError:
        pid = f"{paper or 'page'}-00000000-0"  # a page without a readable masthead is still checked
    printed = assemble_articles(raw, layout, pid)
    unread = [RawLine(d.line, d.text) for d in printed.dropped if d.reason in (BEFORE_FIRST_HEADING, NO_BODY)]
    plain = plain_articles(unread, pid, first_number=len(printed.articles) + 1)
    return PageArticles([*printed.articles, *plain], len(unread))


def find_in_articles(
    raw: RawPage, articles: list[RawArticle], min_confidence: float = AUTO_THRESHOLD
) -> list[PageFinding]:
    """Every finding of every detector on articles of the page, in page order, those safe to apply at
    ``min_confidence`` marked applied (overlaps resolved)."""
    starts = _line_starts(raw.text)
    mapped: list[tuple[RawArticle, Finding, int, int, int, int]] = []
    for article, own in zip(articles, findings_of(articles), strict=True):
        for finding in own:
            start, line, column = _to_page(article, finding.field, finding.start, starts)
            end, _, _ = _to_page(article, finding.field, finding.end, starts)
            mapped.append((article, finding, start, end, line, column))
    taken: list[tuple[int, int]] = []
    applied: set[int] = set()
    # The most confident fix wins a contested span; the others are reported, not applied.
    for index in sorted(range(len(mapped)), key=lambda i: (-mapped[i][1].confidence, mapped[i][2])):
        _, finding, start, end, _, _ = mapped[index]
        if finding.applies_at(min_confidence) and not any(
            (start < b and a < end) or start == end == a for a, b in taken
        ):
            taken.append((start, end))
            applied.add(index)
    found = [PageFinding(a.id, f, s, e, ln, col, i in applied) for i, (a, f, s, e, ln, col) in enumerate(mapped)]
    return sorted(found, key=lambda pf: (pf.start, pf.end, pf.finding.detector))


def apply_fixes(text: str, findings: list[PageFinding]) -> str:
    pieces = []
    position = 0
    for pf in sorted((f for f in findings if f.applied), key=lambda f: f.start):
        pieces.append(text[position : pf.start])
        pieces.append(pf.finding.after or "")
        position = pf.end
    pieces.append(text[position:])
    return "".join(pieces)
