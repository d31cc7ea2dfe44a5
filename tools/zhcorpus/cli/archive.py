"""`zhcorpus archive build|validate ARCHIVE`: the corpus's build and checks over an archive of many pages.

Both stream the archive shard by shard on one or several local processes (``--procs``), or on a Dask cluster
(``--scheduler tcp://host:8786``; ``--scheduler local`` starts a LocalCluster of ``--procs`` workers here).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from zhcorpus.archive.engine import Engine
from zhcorpus.archive.paths import open_archive
from zhcorpus.cli.annotations import github_line
from zhcorpus.cli.options import add_format_option
from zhcorpus.errors import Problem, display_path


def _engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("archive", type=Path, help="the archive folder (holds archive.json)")
    p.add_argument(
        "--procs",
        type=int,
        default=1,
        help="processes on this machine, or Dask workers with local (default: %(default)s)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on Dask: a scheduler's address (tcp://host:8786), or `local` for a LocalCluster here",
    )


def add_parser(sub: Any) -> None:
    top: argparse.ArgumentParser = sub.add_parser("archive", help="build and validate an archive of many pages")
    verbs = top.add_subparsers(dest="verb", required=True)
    build = verbs.add_parser("build", help="raw pages -> articles, corrections and flags, automatic fixes applied")
    _engine_options(build)
    build.add_argument("-o", "--output", type=Path, help="the build folder (default: ARCHIVE/build)")
    build.add_argument(
        "--dataset-version", default="0.0.0", help="version written on every record (default: %(default)s)"
    )
    build.set_defaults(run=run_build)
    check = verbs.add_parser("validate", help="schema and cross-record checks of every part, streamed")
    _engine_options(check)
    add_format_option(
        check,
        {"text": "a line a problem", "json": "a JSON object a problem", "github": "workflow annotations"},
    )
    check.set_defaults(run=run_validate)


def _engine(args: argparse.Namespace) -> Engine:
    return Engine(args.procs, args.scheduler)


def run_build(args: argparse.Namespace) -> int:
    from zhcorpus.archive.build import build_archive  # the detectors and their tables: a validation needs neither

    archive = open_archive(args.archive)
    engine = _engine(args)
    summary = build_archive(archive, args.output or archive.paths.build_dir(), engine, args.dataset_version)
    for problem in (p for s in summary.shards for p in s.problems):
        print(problem.render())
    print(
        f"{display_path(summary.record)}: {summary.pages} pages, {summary.rows('articles')} articles, "
        f"{summary.rows('corrections')} corrections, {summary.rows('flags')} flags, {summary.rejected} page(s) "
        f"refused, {summary.seconds:.1f} s on {engine.describe()}",
        file=sys.stderr,
    )
    return 1 if summary.rejected else 0


def _shown(problem: Problem, form: str) -> str:
    if form == "json":
        return json.dumps(problem.to_json(), ensure_ascii=False)
    if form == "github":
        return github_line(problem, None)
    return problem.render()


def run_validate(args: argparse.Namespace) -> int:
    from zhcorpus.archive.validate import validate_archive

    archive = open_archive(args.archive)
    engine = _engine(args)
    report = validate_archive(archive, engine)
    for problem in report.problems():
        print(_shown(problem, args.format))
    print(f"{len(report.parts)} part(s), {report.rows} rows: {report.total} problem(s)", file=sys.stderr)
    return 1 if report.total else 0
