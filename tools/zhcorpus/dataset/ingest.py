"""Ingest of one raw page outside the corpus: propose (or take) a layout, assemble, merge column breaks, release."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhcorpus.dataset.page import PageBuild, build_page
from zhcorpus.detect import charpolicy
from zhcorpus.detect.base import without_touching
from zhcorpus.detect.column_breaks import column_breaks
from zhcorpus.errors import display_path
from zhcorpus.ingest.layout import LayoutLine, layout_from_json
from zhcorpus.ingest.page import PROPOSED, page_id_for, proposed_rows
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.records import FLAG_ID, Correction, Flag, RawArticle
from zhcorpus.sources import PageSources
from zhcorpus.text.rawtext import RawPage


@dataclass
class IngestResult:
    layout: list[LayoutLine]
    build: PageBuild


def _own_findings(article: RawArticle, flags: list[Flag]) -> tuple[list[Correction], list[Flag]]:
    """Ingest's own records of one article: its column-break merges and the character policy's deletions, accepted,
    and the policy's flags, numbered after the flags the article already has."""
    # A block of invisible characters goes with a line break a column-break merge may also want: one of them wins.
    found = without_touching(
        [*column_breaks(article), *charpolicy.invisible(article), *charpolicy.private_use(article)]
    )
    changes = [f for f in found if not f.is_flag]
    corrections = [f.correction(article.id, f"{article.id}-c{n:03d}", "accepted") for n, f in enumerate(changes, 1)]
    taken = [int(m["n"]) for f in flags if f.record == article.id and (m := FLAG_ID.match(f.id))]
    first = max(taken, default=0) + 1
    raised = [
        f.flag(article.id, f"{article.id}-f{n:03d}") for n, f in enumerate((f for f in found if f.is_flag), first)
    ]
    return corrections, raised


def ingest(
    raw: RawPage,
    layout_rows: list[JsonLine] | None,
    corrections: list[tuple[JsonLine, Correction]] | None,
    flags: list[tuple[JsonLine, Flag]],
    paper: str | None,
    version: str,
    layout_path: Path | None,
) -> IngestResult:
    """Records of one page; without a layout the heuristics propose one, without corrections ingest's own merges."""
    layout = layout_from_json(layout_rows) if layout_rows is not None else proposed_rows(raw)
    pid = page_id_for(raw, layout, paper)
    shown = display_path(layout_path) if layout_path else PROPOSED
    if corrections is None:
        first = build_page(PageSources(pid, raw, layout, [], flags), f"raw/{pid}.txt", shown, version)
        merges: list[Correction] = []
        raised: list[Flag] = []
        for a in first.raw_articles:
            own_merges, flagged = _own_findings(a, [f for _, f in flags])
            merges += own_merges
            raised += flagged
        corrections = [(JsonLine("<ingest>", n, c.to_row()), c) for n, c in enumerate(merges, start=1)]
        flags = [*flags, *((JsonLine("<ingest>", n, f.to_row()), f) for n, f in enumerate(raised, start=1))]
    result = build_page(PageSources(pid, raw, layout, corrections, flags), f"raw/{pid}.txt", shown, version)
    return IngestResult([layout_line for _, layout_line in layout], result)
