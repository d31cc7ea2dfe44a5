"""`zhcorpus eval`: inject OCR-like faults into clean text, run the detectors, print precision, recall and CER.

The harness measures; it never fails on its targets (exit 0), it says which are met.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from zhcorpus.cli.options import positive_int
from zhcorpus.evaluate import FAMILIES, EvalOptions, run_eval
from zhcorpus.evaluate.harness import DEFAULT_ARTICLES
from zhcorpus.evaluate.report import render


def _families(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FAMILIES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(FAMILIES)} (comma-separated)")
    return chosen


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "eval", help="measure the detectors on faults injected into clean newspaper text"
    )
    p.add_argument(
        "--articles", type=positive_int, default=DEFAULT_ARTICLES, help="articles to sample (default: %(default)s)"
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the sample and of the faults (default: 0)")
    p.add_argument(
        "--families",
        type=_families,
        default=FAMILIES,
        help=f"comma-separated fault families to inject and detectors to run (default: all of {','.join(FAMILIES)})",
    )
    p.add_argument("--examples", type=int, default=3, help="misses and false alarms shown per family (default: 3)")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report = run_eval(EvalOptions(args.articles, args.seed, tuple(args.families), max(0, args.examples)))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render(report))
    return 0
