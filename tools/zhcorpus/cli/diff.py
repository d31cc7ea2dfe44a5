"""`zhcorpus diff A [B]`: what changed from version A to version B (git tags or commits; B: the working tree)."""

from __future__ import annotations

import argparse
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.io.git import GitRepo
from zhcorpus.release.changes import compare, render
from zhcorpus.release.snapshot import at_ref, working_tree


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("diff", help="what changed between two versions")
    add_corpus_option(p)
    p.add_argument("old", help="a version tag (v0.1.0) or any git commit")
    p.add_argument("new", nargs="?", help="another one (default: the working tree)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = corpus_paths(args)
    repo = GitRepo.around(paths.root)
    if repo is None:
        raise ZhcorpusError(
            "release.snapshot", Location(str(paths.root)), "not in a git repository", "run it in the repository"
        )
    old = at_ref(paths, repo, args.old)
    new = working_tree(paths) if args.new is None else at_ref(paths, repo, args.new)
    print(render(compare(old, new), f"# {old.label} ({old.version}) -> {new.label} ({new.version})"), end="")
    return 0
