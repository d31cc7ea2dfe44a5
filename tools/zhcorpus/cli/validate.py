"""`zhcorpus validate`: run every check; one line a problem (`path:line: [check-id] message`), exit 1 if any."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from zhcorpus.checks import run_checks
from zhcorpus.checks.base import REGISTRY
from zhcorpus.cli.options import add_corpus_option, corpus_paths


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("validate", help="run every integrity check of the corpus")
    add_corpus_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--check", action="append", choices=sorted(REGISTRY), help="run only this check (repeatable)")
    p.add_argument("--list", action="store_true", help="list the checks and exit")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        for check in REGISTRY.values():
            print(f"{check.id}\t{check.description}")
        return 0
    checks, problems = run_checks(corpus_paths(args), args.check)
    if args.format == "json":
        report: dict[str, Any] = {
            "ok": not problems,
            "checks": [c.id for c in checks],
            "problems": [p.to_json() for p in problems],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem.render())
        print(f"{len(checks)} checks, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0
