"""`zhcorpus synth --articles N OUT/`: a generated archive of article records and the raw pages they were printed on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from zhcorpus.cli.options import positive_int
from zhcorpus.synth import SynthOptions, write_archive


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "synth", help="generate an archive of N article records, their raw pages and the OCR faults printed in them"
    )
    p.add_argument("out", type=Path, help="folder to write (must not exist)")
    p.add_argument("--articles", type=positive_int, required=True, help="articles to generate")
    p.add_argument("--seed", type=int, default=0, help="seed: the same N and seed give the same bytes (default: 0)")
    p.add_argument("--pages-per-shard", type=positive_int, default=1000, help="pages a Parquet shard (default: 1000)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    options = SynthOptions(args.articles, args.out, args.seed, args.pages_per_shard)
    # Progress only on a terminal: CI logs stay quiet.
    with tqdm(total=args.articles, unit="article", disable=not sys.stderr.isatty()) as bar:
        summary = write_archive(options, bar.update)
    print(
        f"{args.out}: {summary.articles} articles on {summary.pages} pages in {summary.shards} shards, "
        f"{summary.faults} faults injected"
    )
    return 0
