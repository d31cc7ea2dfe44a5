"""`zhcorpus release [--bump {major,minor,patch}]`: cut a version: validate, rebuild, changelog, record, tag."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.dataset.semver import PARTS
from zhcorpus.release.cut import cut_release


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "release", help="release a version: validate, rebuild, write CHANGELOG.md and the record, commit, tag"
    )
    add_corpus_option(p)
    p.add_argument(
        "--bump",
        choices=PARTS,
        help="which part of the last released version to raise (without it: release the version in "
        "sources/dataset.json, which must be new)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    released = cut_release(corpus_paths(args), args.bump)
    what = "first release" if released.changes is None else f"changes: {released.changes.needed} level"
    print(f"released {released.version.tag} ({what}) as commit {released.commit[:12]}", file=sys.stderr)
    print("next: `git push --follow-tags`, then `zhcorpus publish --repo-id OWNER/NAME`", file=sys.stderr)
    return 0
