"""`zhcorpus annotate`: run every annotator over the released text; new mentions become proposed records."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zhcorpus.annotate.propose import propose_mentions, released
from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.corrections.store import append_records
from zhcorpus.dataset.page import build_page
from zhcorpus.errors import raise_all
from zhcorpus.sources import ANNOTATIONS_FILE, load_sources


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "annotate", help="propose people, titles, organisations, places and dates as mentions for review"
    )
    add_corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = corpus_paths(args)
    sources = load_sources(paths)
    raise_all(sources.problems)
    plans = []
    for page_sources in sources.pages:
        # The page must build as it is (its mentions placed): proposals are made on its released text.
        built = build_page(page_sources, paths.rel(paths.raw(page_sources.page_id)), page_sources.page_id, "0.0.0")
        proposals = []
        for raw in built.raw_articles:
            corrections = [c for _, c in page_sources.corrections if c.record == raw.id]
            existing = [a for _, a in page_sources.annotations if a.record == raw.id]
            proposals.extend(propose_mentions(released(raw, corrections), existing, built.page.date))
        plans.append((page_sources, proposals))
    for page_sources, proposals in plans:
        append_records(paths.page_dir(page_sources.page_id) / ANNOTATIONS_FILE, [a.to_row() for a in proposals])
        print(f"{page_sources.page_id}: {len(proposals)} mention(s) proposed", file=sys.stderr)
    print(
        "next: review them in sources/<page>/entities.jsonl (fix spans, labels, normalized values), then "
        "`zhcorpus accept ID` or `zhcorpus reject ID`, then `zhcorpus build`",
        file=sys.stderr,
    )
    return 0
