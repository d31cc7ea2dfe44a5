"""`zhcorpus publish --repo-id OWNER/NAME [--dry-run]`: the checked release as one tagged commit on the Hub."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.release.publish import publish


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "publish", help="push the release to a Hugging Face dataset repository and tag it vX.Y.Z"
    )
    add_corpus_option(p)
    p.add_argument("--repo-id", required=True, metavar="OWNER/NAME", help="the dataset repository on the Hub")
    p.add_argument("--dry-run", action="store_true", help="check and print the commit plan; no network")
    p.add_argument("--endpoint", default=None, help="the Hub's URL (default: huggingface_hub's, or HF_ENDPOINT)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # The token is never an option: command lines end up in shell history and process lists.
    result = publish(corpus_paths(args), args.repo_id, None, endpoint=args.endpoint, dry_run=args.dry_run)
    if args.dry_run:
        for entry in result.plan:
            print(f"{entry.path}  {entry.sha256}  {entry.size}")
        total = sum(e.size for e in result.plan)
        print(
            f"dry run: would commit {len(result.plan)} file(s), {total} bytes, to datasets/{result.repo_id} "
            f"on main and tag it {result.tag}; nothing sent",
            file=sys.stderr,
        )
    elif result.pushed:
        print(f"published {result.tag} to datasets/{result.repo_id}: commit {result.commit}", file=sys.stderr)
    else:
        print(
            f"{result.tag} already on datasets/{result.repo_id} with exactly this content "
            f"(commit {result.commit}): nothing to do",
            file=sys.stderr,
        )
    return 0
