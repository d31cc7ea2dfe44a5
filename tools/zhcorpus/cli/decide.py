"""`zhcorpus accept|reject ID [--reason …]` and `zhcorpus resolve FLAG_ID --reason …`: one review decision a command."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.corrections.store import update_record
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.records import ANNOTATION_ID, ARTICLE_ID, CORRECTION_ID, FLAG_ID
from zhcorpus.sources import ANNOTATIONS_FILE
from zhcorpus.text.charpolicy import WRITTEN, refuse


def add_parser(sub: Any) -> None:
    for name, helptext in (
        ("accept", "accept a proposed correction or mention"),
        ("reject", "reject a correction or mention"),
        ("resolve", "resolve an open flag"),
    ):
        p: argparse.ArgumentParser = sub.add_parser(name, help=helptext)
        add_corpus_option(p)
        p.add_argument("id", help="the record's id, as `zhcorpus review` shows it")
        why = p.add_mutually_exclusive_group(required=name == "resolve")
        why.add_argument("--reason", dest="note", metavar="TEXT", help="why (appended to the record)")
        if name == "resolve":
            why.add_argument("--note", dest="note", metavar="TEXT", action=_OldSpelling, help=argparse.SUPPRESS)
        p.set_defaults(run=run, decision=name)


class _OldSpelling(argparse.Action):
    """`resolve --note`, as it was spelt before every decision took `--reason`: it still works, and says so."""

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option: str | None = None
    ) -> None:
        print(f"warning: {option} is deprecated; write --reason", file=sys.stderr)
        setattr(namespace, self.dest, values)


def _target(decision: str, record_id: str) -> tuple[str, str] | None:
    """The page and the source file a decision on this id changes."""
    kinds = (
        [(FLAG_ID, "flags.jsonl")]
        if decision == "resolve"
        else [
            (CORRECTION_ID, "corrections.jsonl"),
            (ANNOTATION_ID, ANNOTATIONS_FILE),
        ]
    )
    for pattern, name in kinds:
        found = pattern.match(record_id)
        page = ARTICLE_ID.match(found["record"]) if found else None
        if page is not None:
            return page["page_id"], name
    return None


def run(args: argparse.Namespace) -> int:
    target = _target(args.decision, args.id)
    if target is None:
        kind = "flag" if args.decision == "resolve" else "correction or mention"
        raise ZhcorpusError(
            "review.id",
            Location("<command line>"),
            f"{args.id} is not a {kind} id",
            "ids look like zzrb-20200201-A1-05-c002 (corrections), -e001 (mentions) or -f001 (flags)",
        )
    paths = corpus_paths(args)
    page_id, name = target
    path = paths.page_dir(page_id) / name
    if args.decision == "resolve":
        changes: dict[str, Any] = {"status": "resolved"}
    else:
        changes = {"status": "accepted" if args.decision == "accept" else "rejected"}
    if args.note and name == ANNOTATIONS_FILE:
        raise ZhcorpusError(
            "review.id",
            Location("<command line>"),
            "a mention has no reason field",
            "accept or reject it without --reason",
        )
    if args.note:
        field = "note" if args.decision == "resolve" else "reason"
        where = Location("<command line>", record=args.id, field=field)
        refuse(args.note, WRITTEN, "review.note", where, "--reason", "write it as plain text on one line")
        current = update_record(path, args.id, {})[field]
        changes[field] = f"{current} Review: {args.note}"
    updated = update_record(path, args.id, changes)
    print(f"{args.id}: {updated['status']}; run `zhcorpus build` to release it", file=sys.stderr)
    return 0
