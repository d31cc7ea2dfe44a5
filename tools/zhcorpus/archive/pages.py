"""One raw page of an archive -> its released articles, with every detector's findings as records.

This is `zhcorpus ingest` and `zhcorpus fix` together, for pages nobody has reviewed: the heuristics propose the
layout, every detector runs on each printed article, the automatic-safe fixes become accepted corrections (the
most confident wins a contested span), the other changes proposed corrections and the rest open flags. The
released articles carry the fixes and the flags, exactly as the corpus's build releases its page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from zhcorpus.dataset.article import release_article
from zhcorpus.dataset.page import page_problems
from zhcorpus.detect import REGISTRY, Finding
from zhcorpus.detect.base import without_touching
from zhcorpus.errors import Location, ZhcorpusError, raise_all
from zhcorpus.ingest.assemble import assemble
from zhcorpus.ingest.page import page_id_for, proposed_rows
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.records import PAGE_ID, Article, Correction, Flag, RawArticle, Status
from zhcorpus.sources import PageSources
from zhcorpus.text.rawtext import RawPage, decode_raw


@dataclass(frozen=True)
class PageRecords:
    page_id: str
    articles: list[Article]
    corrections: list[Correction]
    flags: list[Flag]


def chosen_findings(article: RawArticle) -> list[Finding]:
    """Every detector's findings on one article, without two on touching spans: the most confident is kept."""
    return without_touching([finding for detector in REGISTRY.values() for finding in detector.run(article)])


def _records(article: RawArticle) -> tuple[list[Correction], list[Flag]]:
    corrections: list[Correction] = []
    flags: list[Flag] = []
    for finding in chosen_findings(article):
        if finding.is_flag:
            flags.append(finding.flag(article.id, f"{article.id}-f{len(flags) + 1:03d}"))
        else:
            status: Status = "accepted" if finding.applies else "proposed"
            corrections.append(finding.correction(article.id, f"{article.id}-c{len(corrections) + 1:03d}", status))
    return corrections, flags


def page_records(page_id: str, text: str, version: str) -> PageRecords:
    """Records of one page; a page the heuristics cannot read raises a located error naming the page."""
    name = PAGE_ID.match(page_id)
    raw_file = f"raw/{page_id}.txt"
    if name is None:
        raise ZhcorpusError(
            "archive.page-id", Location(raw_file), f"{page_id!r} is not a page id", "name pages paper-yyyymmdd-page"
        )
    data = text.encode("utf-8")
    raw = RawPage(Path(raw_file), decode_raw(data, Path(raw_file)), hashlib.sha256(data).hexdigest(), len(data))
    layout = proposed_rows(raw)
    read = page_id_for(raw, layout, name["paper"])
    if read != page_id:
        raise ZhcorpusError(
            "archive.page-id",
            Location(raw_file, 1),
            f"the masthead reads as page {read}",
            "the page id of the row and the page's masthead must agree",
        )
    page, printed = assemble(raw, layout, page_id, raw_file, version)
    by_id = {a.id: a for a in printed}
    corrections: list[Correction] = []
    flags: list[Flag] = []
    articles: list[Article] = []
    for article in printed:
        own_corrections, raised = _records(article)
        corrections += own_corrections
        flags += raised
        located = [(JsonLine(raw_file, 0, {}), c) for c in own_corrections]
        flagged = [(JsonLine(raw_file, 0, {}), f) for f in raised]
        raise_all(page_problems(PageSources(page_id, raw, layout, located, flagged), {article.id: by_id[article.id]}))
        articles.append(
            release_article(article, page, own_corrections, raised, version, lambda rid: Location(raw_file, record=rid))
        )
    return PageRecords(page_id, articles, corrections, flags)
