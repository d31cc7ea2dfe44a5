"""One raw page of an archive -> its released articles, with every detector's findings as records.

This is `zhcorpus ingest` and `zhcorpus fix` together, for pages nobody has reviewed: the heuristics propose the
layout (``printed_page``), every detector runs on each printed article (``findings_of``, over a batch of pages at
once), the automatic-safe fixes become accepted corrections (the most confident wins a contested span), the other
changes proposed corrections and the rest open flags (``records_of``). The released articles carry the fixes and
the flags, exactly as the corpus's build releases its page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from zhcorpus.dataset.article import release_article
from zhcorpus.dataset.page import page_problems
from zhcorpus.detect import Finding
from zhcorpus.detect.base import findings_of, without_touching
from zhcorpus.errors import Location, ZhcorpusError, raise_all
from zhcorpus.ingest.assemble import assemble
from zhcorpus.ingest.layout import LayoutLine
from zhcorpus.ingest.page import page_id_for, proposed_rows
from zhcorpus.io.jsonlines import JsonLine
from zhcorpus.records import PAGE_ID, Article, Correction, Flag, Page, RawArticle, Status
from zhcorpus.sources import PageSources
from zhcorpus.text.rawtext import RawPage, decode_raw


@dataclass(frozen=True)
class PageRecords:
    page_id: str
    articles: list[Article]
    corrections: list[Correction]
    flags: list[Flag]


def chosen_findings(article: RawArticle) -> list[Finding]:
    """Every detector's findings on one article, without two on touching spans: the most confident is kept (the
    build reads a batch of articles at once: ``findings_of``, ``records_of``)."""
    return without_touching(findings_of([article])[0])


def _records(article: RawArticle, found: list[Finding]) -> tuple[list[Correction], list[Flag]]:
    corrections: list[Correction] = []
    flags: list[Flag] = []
    for finding in without_touching(found):
        if finding.is_flag:
            flags.append(finding.flag(article.id, f"{article.id}-f{len(flags) + 1:03d}"))
        else:
            status: Status = "accepted" if finding.applies else "proposed"
            corrections.append(finding.correction(article.id, f"{article.id}-c{len(corrections) + 1:03d}", status))
    return corrections, flags


@dataclass(frozen=True)
class PrintedPage:
    """A page read and laid out, its articles as printed: what the detectors read."""

    page_id: str
    raw_file: str
    raw: RawPage
    layout: list[tuple[JsonLine, LayoutLine]]
    page: Page
    articles: list[RawArticle]


def printed_page(page_id: str, text: str, version: str) -> PrintedPage:
    """The page laid out by the heuristics and its printed articles; a page they cannot read raises a located
    error naming the page."""
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
    page, articles = assemble(raw, layout, page_id, raw_file, version)
    return PrintedPage(page_id, raw_file, raw, layout, page, articles)


def page_records(page_id: str, text: str, version: str) -> PageRecords:
    """Records of one page read alone; a page the heuristics cannot read raises a located error naming the page
    (the build reads a batch of pages at once: ``build.build_shard``)."""
    printed = printed_page(page_id, text, version)
    return records_of(printed, findings_of(printed.articles), version)


def records_of(printed: PrintedPage, found: list[list[Finding]], version: str) -> PageRecords:
    """Records of a printed page from its articles' findings (``findings_of``, an article's list each); a page
    whose records break a rule of the page raises a located error naming it."""
    raw_file = printed.raw_file
    by_id = {a.id: a for a in printed.articles}
    corrections: list[Correction] = []
    flags: list[Flag] = []
    articles: list[Article] = []
    for article, own in zip(printed.articles, found, strict=True):
        own_corrections, raised = _records(article, own)
        corrections += own_corrections
        flags += raised
        located = [(JsonLine(raw_file, 0, {}), c) for c in own_corrections]
        flagged = [(JsonLine(raw_file, 0, {}), f) for f in raised]
        sources = PageSources(printed.page_id, printed.raw, printed.layout, located, flagged)
        raise_all(page_problems(sources, {article.id: by_id[article.id]}))
        articles.append(
            release_article(
                article, printed.page, own_corrections, raised, version, lambda rid: Location(raw_file, record=rid)
            )
        )
    return PageRecords(printed.page_id, articles, corrections, flags)
