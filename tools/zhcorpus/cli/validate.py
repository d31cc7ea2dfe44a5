"""`zhcorpus validate`: run every check; one line a problem (`path:line: [check-id] message`), exit 1 if any.

`--format github` prints the same problems as GitHub Actions workflow commands, so that CI shows each on its
line of the pull request; `--base REF` names what a contribution is compared with (the contrib.* checks), and
`--changed` keeps only the problems in files changed against it (a pre-commit hook's view).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from zhcorpus.checks import run_checks
from zhcorpus.checks.base import REGISTRY
from zhcorpus.checks.decisions import Decision, compare, summary_markdown
from zhcorpus.cli.annotations import github_line, notice_line, repo_path
from zhcorpus.cli.options import add_corpus_option, add_format_option, corpus_paths
from zhcorpus.io.gitbase import DEFAULT_BASES, GitBase, resolve_base
from zhcorpus.text.charpolicy import escaped

# Problems of these checks are about the contribution as a whole (a build not rerun, an edited raw page, a
# changed id) and sit in files the contribution may not have touched: `--changed` keeps them.
WHOLE_CHANGE = ("build.", "contrib.")


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("validate", help="run every integrity check of the corpus")
    add_corpus_option(p)
    add_format_option(
        p,
        {"text": "a line a problem", "json": "one report for machines", "github": "workflow annotations, job summary"},
    )
    p.add_argument("--check", action="append", choices=sorted(REGISTRY), help="run only this check (repeatable)")
    p.add_argument("--list", action="store_true", help="list the checks and exit")
    p.add_argument(
        "--base",
        metavar="REF",
        help=f"compare the contribution with this git ref (default: the first of {', '.join(DEFAULT_BASES)})",
    )
    p.add_argument("--changed", action="store_true", help="only report problems in files changed against the base")
    p.set_defaults(run=run)


def _write_summary(decisions: list[Decision], base: GitBase) -> None:
    """Append the decisions table to the job summary GitHub Actions shows (the file GITHUB_STEP_SUMMARY names)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as out:
            out.write(summary_markdown(decisions, base.ref))
    except OSError as exc:
        # The notices carry the same decisions; an unwritable summary must not hide the problems.
        print(f"warning: cannot append the decisions to {target}: {exc.strerror}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    if args.list:
        for check in REGISTRY.values():
            print(f"{check.id}\t{check.description}")
        return 0
    paths = corpus_paths(args)
    base = resolve_base(paths.root if paths.root.is_dir() else Path.cwd(), args.base)
    checks, problems = run_checks(paths, args.check, base)
    if args.changed and base is not None:
        changed = base.changed()
        problems = [
            p for p in problems if p.check.startswith(WHOLE_CHANGE) or repo_path(p.location.path, base) in changed
        ]
    decisions = compare(base, paths).decisions if base is not None else []
    if args.format == "json":
        report: dict[str, Any] = {
            "ok": not problems,
            "checks": [c.id for c in checks],
            "problems": [p.to_json() for p in problems],
            "decisions": [{"path": d.path, "line": d.line, "decision": d.describe()} for d in decisions],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(escaped(github_line(problem, base) if args.format == "github" else problem.render()))
        if args.format == "github" and base is not None:
            for decision in decisions:
                print(escaped(notice_line(decision, base)))
            _write_summary(decisions, base)
        print(f"{len(checks)} checks, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0
