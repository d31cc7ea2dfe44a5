"""A raw page outside the corpus: its proposed layout and its page id (`dataset.ingest` makes its records)."""

from __future__ import annotations

import re

from zhcorpus.checkids import LAYOUT_RAW
from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.ingest.heuristics import propose_layout
from zhcorpus.ingest.layout import LayoutLine
from zhcorpus.ingest.masthead import parse_masthead
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.records import MastheadLine, page_id
from zhcorpus.text.rawtext import RawPage

_PAPER_IN_NAME = re.compile(r"^(?P<paper>[a-z][a-z0-9]{1,15})-[0-9]{8}-[A-Z]?[0-9]{1,2}$")
PROPOSED = "<proposed layout>"


def proposed_rows(raw: RawPage) -> list[tuple[JsonLine, LayoutLine]]:
    proposed = propose_layout(raw)
    return [
        (JsonLine(PROPOSED, n, layout_line.to_json()), layout_line) for n, layout_line in enumerate(proposed, start=1)
    ]


def page_id_for(raw: RawPage, layout: list[tuple[JsonLine, LayoutLine]], paper: str | None) -> str:
    """The page's id from the paper's id (given or from the file name) and the date and page in its masthead."""
    if paper is None:
        found = _PAPER_IN_NAME.match(raw.path.stem)
        if not found:
            raise ZhcorpusError(
                "ingest.paper",
                Location(display_path(raw.path)),
                "cannot tell the paper's id from the file name",
                "pass --paper (e.g. --paper zzrb), or name the file paper-yyyymmdd-page.txt",
            )
        paper = found["paper"]
    head = parse_masthead(
        [
            MastheadLine(layout_line.line, layout_line.field or "", layout_line.text)
            for _, layout_line in layout
            if layout_line.role == "masthead"
        ]
    )
    if head.date is None or head.page is None:
        raise ZhcorpusError(
            LAYOUT_RAW,
            Location(display_path(raw.path)),
            "no date or page found in the masthead",
            "give a reviewed layout with --layout",
        )
    return page_id(paper, head.date, head.page)
