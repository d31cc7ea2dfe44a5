"""`zhcorpus propose`: run every detector over the corpus; new findings become proposed corrections and open flags."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.corrections.propose import propose_page
from zhcorpus.corrections.store import append_records
from zhcorpus.errors import raise_all
from zhcorpus.ingest.assemble import assemble_articles
from zhcorpus.sources import load_sources


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("propose", help="write detector findings as proposed corrections")
    add_corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = corpus_paths(args)
    sources = load_sources(paths)
    raise_all(sources.problems)
    plans = []
    for page_sources in sources.pages:
        articles = assemble_articles(page_sources.raw, page_sources.layout, page_sources.page_id).articles
        plans.append((page_sources, propose_page(page_sources, articles)))
    for page_sources, proposals in plans:
        page_dir = paths.page_dir(page_sources.page_id)
        append_records(page_dir / "corrections.jsonl", [c.to_source() for c in proposals.corrections])
        append_records(page_dir / "flags.jsonl", [f.to_row() for f in proposals.flags])
        corrections, flags = len(proposals.corrections), len(proposals.flags)
        print(f"{page_sources.page_id}: {corrections} correction(s) proposed, {flags} flag(s) opened", file=sys.stderr)
    print(
        "next: `zhcorpus review`, then `zhcorpus accept ID` or `zhcorpus reject ID`, then `zhcorpus build`",
        file=sys.stderr,
    )
    return 0
