"""`zhcorpus bench --articles N`: the scale figures, progress on stderr, one JSON object as the last line."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from zhcorpus.archive.bench import BenchOptions, bench, say
from zhcorpus.cli.options import positive_int


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "bench", help="measure validate, fix and build over a generated archive against their peers and limits"
    )
    p.add_argument(
        "--articles", type=positive_int, required=True, help="N: articles of the archive (the build also runs 10 N)"
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the generated archives (default: %(default)s)")
    p.add_argument("--scale", type=positive_int, default=10, help="the larger build is this many times N (default 10)")
    p.add_argument("--workdir", type=Path, help="where the run's folder of archives and builds goes (default: TMPDIR)")
    p.add_argument("--keep", action="store_true", help="keep the run's folder")
    p.add_argument(
        "--naive-rows",
        type=positive_int,
        help="run the naive jsonschema loop on this many rows and scale its time to N (default: all rows)",
    )
    p.add_argument(
        "--fix-mb",
        type=float,
        default=20.0,
        help="MB of article text the detectors are timed on (default: %(default)s)",
    )
    p.add_argument(
        "--short-lines",
        type=positive_int,
        default=40_000,
        help="lines of the page of one-character lines ingest is timed on, and of a quarter of it (default 40000)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
    # A folder of its own, even inside --workdir: removing it never touches anything else.
    workdir = Path(tempfile.mkdtemp(prefix="zhcorpus-bench-", dir=args.workdir))
    try:
        options = BenchOptions(args.articles, args.seed, args.scale, args.naive_rows, args.fix_mb, args.short_lines)
        figures = bench(options, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.keep:
        say(f"archives and builds kept in {workdir}")
    print(json.dumps(figures, sort_keys=True))
    return 0
