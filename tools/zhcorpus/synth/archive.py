"""The archive: pages generated and written one shard at a time (memory flat in the number of articles), into a
temporary sibling folder renamed to OUT when complete.

Layout (a contract other code reads): ``archive.json``; ``raw/part-NNNNN.parquet`` (page_id, text: the raw page
as printed, with its faults); ``gold/articles/part-NNNNN.parquet`` (the clean article records, the ``articles``
config's Arrow schema, in id order); ``gold/faults/part-NNNNN.parquet`` (each injected fault where it stands in the
raw page). Shard k of each folder covers the same pages, pages in page id order.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from importlib.metadata import version as package_version
from pathlib import Path
from typing import get_type_hints

import pyarrow as pa

from zhcorpus.dataset.writers import SYNTH_PARQUET, PartWriter
from zhcorpus.evaluate.inject import ParagraphFault
from zhcorpus.io.atomic import new_folder
from zhcorpus.records import page_id
from zhcorpus.synth.article import Draft, plan_article
from zhcorpus.synth.columns import articles_table
from zhcorpus.synth.faults import maybe_inject
from zhcorpus.synth.page import FaultRow, PageOutput, PageSpec, render_page
from zhcorpus.synth.papers import FIRST_DAY, PAPERS
from zhcorpus.synth.text import text_source

FORMAT = "zhcorpus-archive"
FORMAT_VERSION = 1
# Articles a page: a front page of a few, inside pages from one long feature to a dozen briefs.
PER_PAGE = (1, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 8, 9, 10, 12)
BATCH_PAGES = 64  # pages a row group: bounded memory, and the same row groups on every machine
RAW_SCHEMA = pa.schema([("page_id", pa.string()), ("text", pa.string())])
# FaultRow's fields by their resolved annotations, not by the strings postponed annotations leave in fields():
# a field of a type without a column type here is an error, never quietly a column of strings.
_COLUMN_TYPES = {int: pa.int64(), str: pa.string()}
FAULT_SCHEMA = pa.schema([(name, _COLUMN_TYPES[kind]) for name, kind in get_type_hints(FaultRow).items()])


@dataclass(frozen=True)
class SynthOptions:
    articles: int
    out: Path
    seed: int = 0
    pages_per_shard: int = 1000


@dataclass(frozen=True)
class Summary:
    articles: int
    pages: int
    shards: int
    faults: int


@dataclass(frozen=True)
class PagePlan:
    spec: PageSpec
    drafts: list[Draft]
    faults: list[list[ParagraphFault | None]]  # one entry a body block of each draft

    def render(self, with_faults: bool = True) -> PageOutput:
        clean: list[list[ParagraphFault | None]] = [[None] * len(d.body) for d in self.drafts]
        return render_page(self.spec, self.drafts, self.faults if with_faults else clean)


def plan_pages(articles: int, seed: int) -> Iterator[PagePlan]:
    """Pages in page id order holding ``articles`` articles in all, shared out between the papers."""
    src = text_source()
    rng = random.Random(f"zhcorpus-synth:{seed}")  # noqa: S311 - a reproducible archive, not a secret
    for index, paper in enumerate(PAPERS):
        quota = articles * (index + 1) // len(PAPERS) - articles * index // len(PAPERS)
        day, issue = FIRST_DAY, paper.first_issue
        while quota > 0:
            iso = day.isoformat()
            for number, page in enumerate(paper.pages):
                count = min(quota, rng.choice(PER_PAGE))
                if count == 0:
                    break
                masthead = paper.masthead(day, issue, page, rng)
                spec = PageSpec(page_id(paper.id, iso, page), paper.name, iso, page, issue, masthead)
                later = paper.pages[number + 1 :]
                drafts = [plan_article(src, paper, rng, day, later) for _ in range(count)]
                faults = [[None if b.source is None else maybe_inject(b.source, rng) for b in d.body] for d in drafts]
                yield PagePlan(spec, drafts, faults)
                quota -= count
            day += timedelta(days=1)
            issue += 1


class _Shard:
    """The three files of one shard, written a batch of pages at a time."""

    def __init__(self, root: Path, number: int) -> None:
        name = f"part-{number:05d}.parquet"
        self.raw = PartWriter(root / "raw" / name, RAW_SCHEMA, SYNTH_PARQUET)
        self.articles = PartWriter(root / "gold" / "articles" / name, articles_table([]).schema, SYNTH_PARQUET)
        self.faults = PartWriter(root / "gold" / "faults" / name, FAULT_SCHEMA, SYNTH_PARQUET)
        self.pages: list[PageOutput] = []

    def add(self, page: PageOutput) -> None:
        self.pages.append(page)
        if len(self.pages) == BATCH_PAGES:
            self.flush()

    def flush(self) -> None:
        if not self.pages:
            return
        raw = {"page_id": [p.id for p in self.pages], "text": [p.text for p in self.pages]}
        self.raw.write(pa.table(raw, schema=RAW_SCHEMA))
        self.articles.write(articles_table([a for p in self.pages for a in p.articles]))
        faults = [f for p in self.pages for f in p.faults]
        columns = {name: [getattr(f, name) for f in faults] for name in FAULT_SCHEMA.names}
        self.faults.write(pa.table(columns, schema=FAULT_SCHEMA))
        self.pages = []

    def close(self) -> None:
        self.flush()
        for writer in (self.raw, self.articles, self.faults):
            writer.close()


def write_archive(options: SynthOptions, on_page: Callable[[int], None] = lambda _: None) -> Summary:
    """Generate and write the archive; ``on_page`` hears the number of articles of each page written."""
    with new_folder(options.out, "synth") as staging:
        pages = shards = faults = 0
        shard: _Shard | None = None
        for plan in plan_pages(options.articles, options.seed):
            if shard is None:
                shard = _Shard(staging, shards)
                shards += 1
            page = plan.render()
            shard.add(page)
            pages += 1
            faults += len(page.faults)
            on_page(len(page.articles))
            if pages % options.pages_per_shard == 0:
                shard.close()
                shard = None
        if shard is not None:
            shard.close()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "generator": f"zhcorpus synth {package_version('zhcorpus')}",
            "seed": options.seed,
            "articles": options.articles,
            "pages": pages,
            "shards": shards,
        }
        (staging / "archive.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return Summary(options.articles, pages, shards, faults)
