"""`zhcorpus synth --articles N -o OUT/`: a generated archive, article records and the raw pages printing them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from zhcorpus.cli.options import positive_int
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.synth import SynthOptions, write_archive


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "synth", help="generate an archive of N article records, their raw pages and the OCR faults printed in them"
    )
    p.add_argument("-o", "--output", type=Path, help="folder to write (must not exist)")
    # How the folder was named before every command took -o: still read, with a warning.
    p.add_argument("out", type=Path, nargs="?", help="deprecated: -o OUT")
    p.add_argument("--articles", type=positive_int, required=True, help="articles to generate")
    p.add_argument("--seed", type=int, default=0, help="seed: the same N and seed give the same bytes (default: 0)")
    p.add_argument("--pages-per-shard", type=positive_int, default=1000, help="pages a Parquet shard (default: 1000)")
    p.set_defaults(run=run)


def _output(args: argparse.Namespace) -> Path:
    where = Location("<command line>")
    if args.output is not None and args.out is not None:
        raise ZhcorpusError(
            "synth.output", where, f"two output folders: {args.out} and -o {args.output}", "give -o only"
        )
    if args.output is None and args.out is None:
        raise ZhcorpusError("synth.output", where, "no output folder", "name the folder to write with -o OUT")
    if args.out is not None:
        print(f"warning: the folder as a bare argument is deprecated; write -o {args.out}", file=sys.stderr)
        return Path(args.out)
    return Path(args.output)


def run(args: argparse.Namespace) -> int:
    out = _output(args)
    options = SynthOptions(args.articles, out, args.seed, args.pages_per_shard)
    # Progress only on a terminal: CI logs stay quiet.
    with tqdm(total=args.articles, unit="article", disable=not sys.stderr.isatty()) as bar:
        summary = write_archive(options, bar.update)
    print(
        f"{out}: {summary.articles} articles on {summary.pages} pages in {summary.shards} shards, "
        f"{summary.faults} faults injected"
    )
    return 0
