"""`zhcorpus build`: write the configs as Parquet and JSONL, the card header and the manifest, atomically."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.dataset.pipeline import compute_build, write_build


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("build", help="build the corpus from raw + layout + corrections")
    add_corpus_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = corpus_paths(args)
    result = compute_build(paths)
    changed = write_build(paths, result)
    rows = len(result.articles)
    print(
        f"built {rows} articles on {len(result.pages)} page(s); "
        f"{len(changed)} file(s) changed{': ' + ', '.join(changed) if changed else ''}",
        file=sys.stderr,
    )
    return 0
