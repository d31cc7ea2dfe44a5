"""`zhcorpus eval`: inject OCR-like faults into clean text, run the detectors, print precision, recall and CER;
`zhcorpus eval --pairs FILE`: run them on real OCR lines paired with their correct text instead.

Both measure; they never fail on their targets (exit 0), they say which are met. Only bad input exits non-zero.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from zhcorpus.cli.options import positive_int, unit_interval
from zhcorpus.detect.base import AUTO_THRESHOLD
from zhcorpus.evaluate import FAMILIES, EvalOptions, run_eval
from zhcorpus.evaluate.harness import DEFAULT_ARTICLES
from zhcorpus.evaluate.pairs import evaluate_pairs, read_pairs
from zhcorpus.evaluate.report import render, render_pairs


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
    p.add_argument(
        "--pairs",
        type=Path,
        help="measure on real OCR pairs instead: a file of ocr<TAB>correct, n_errors<TAB>ocr<TAB>correct or "
        "model<TAB>idx<TAB>ocr<TAB>correct lines (told by the column count)",
    )
    p.add_argument("--limit", type=positive_int, help="with --pairs: the first N pairs only")
    p.add_argument(
        "--min-confidence",
        type=unit_interval,
        default=AUTO_THRESHOLD,
        help="with --pairs: apply fixes from this confidence, as `fix --min-confidence` does (default: %(default)s)",
    )
    p.add_argument(
        "--examples",
        type=int,
        default=3,
        help="misses and false alarms shown per family; with --pairs, harmed lines shown (default: 3)",
    )
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.pairs is not None:
        pairs = evaluate_pairs(read_pairs(args.pairs), args.limit, max(0, args.examples), args.min_confidence)
        print(json.dumps(pairs.to_json(), ensure_ascii=False, indent=2) if args.json else render_pairs(pairs))
        return 0
    report = run_eval(EvalOptions(args.articles, args.seed, tuple(args.families), max(0, args.examples)))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render(report))
    return 0
