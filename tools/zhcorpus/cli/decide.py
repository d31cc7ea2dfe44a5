"""`zhcorpus accept|reject ID [--reason …]` and `zhcorpus resolve FLAG_ID --note …`: one review decision a command."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.corrections.store import update_record
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.records import ARTICLE_ID, CORRECTION_ID, FLAG_ID


def add_parser(sub: Any) -> None:
    for name, helptext in (
        ("accept", "accept a proposed correction"),
        ("reject", "reject a correction"),
        ("resolve", "resolve an open flag"),
    ):
        p: argparse.ArgumentParser = sub.add_parser(name, help=helptext)
        add_corpus_option(p)
        p.add_argument("id", help="the record's id, as `zhcorpus review` shows it")
        p.add_argument(
            "--reason" if name != "resolve" else "--note",
            dest="note",
            required=name == "resolve",
            help="why (appended to the record)",
        )
        p.set_defaults(run=run, decision=name)


def run(args: argparse.Namespace) -> int:
    pattern = FLAG_ID if args.decision == "resolve" else CORRECTION_ID
    found = pattern.match(args.id)
    page = ARTICLE_ID.match(found["record"]) if found else None
    if found is None or page is None:
        kind = "flag" if args.decision == "resolve" else "correction"
        raise ZhcorpusError(
            "review.id",
            Location("<command line>"),
            f"{args.id} is not a {kind} id",
            "ids look like zzrb-20200201-A1-05-c002 (corrections) or -f001 (flags)",
        )
    paths = corpus_paths(args)
    name = "flags.jsonl" if args.decision == "resolve" else "corrections.jsonl"
    path = paths.page_dir(page["page_id"]) / name
    if args.decision == "resolve":
        changes: dict[str, Any] = {"status": "resolved"}
    else:
        changes = {"status": "accepted" if args.decision == "accept" else "rejected"}
    if args.note:
        field = "note" if args.decision == "resolve" else "reason"
        current = update_record(path, args.id, {})[field]
        changes[field] = f"{current} Review: {args.note}"
    updated = update_record(path, args.id, changes)
    print(f"{args.id}: {updated['status']}; run `zhcorpus build` to release it", file=sys.stderr)
    return 0
