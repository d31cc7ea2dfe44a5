"""`zhcorpus correct`: a contributor's fix of the released text, written as `proposed` correction records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.dataset.contribute import load_corpus, plan_find, plan_from_edit, write_plan
from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.records import ARTICLE_TEXT_FIELDS


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "correct",
        help="propose a correction of the released text (for contributors)",
        description="Write proposed correction records: either name the text to change in one article "
        "(ARTICLE_ID --find … --replace …) or give a copy of corpus/jsonl/articles.jsonl with edited "
        "paragraphs[].text or heading fields (--from-edit FILE).",
    )
    add_corpus_option(p)
    p.add_argument("article", nargs="?", metavar="ARTICLE_ID", help="the article, e.g. zzrb-20200201-A1-08")
    p.add_argument("--find", help="the text to change, as the released article reads (unique in the field)")
    p.add_argument("--replace", help="what it should read")
    p.add_argument("--field", choices=ARTICLE_TEXT_FIELDS, default="text", help="the field (default: text, the body)")
    p.add_argument("--nth", type=int, help="which occurrence of --find (from 1) when it occurs more than once")
    p.add_argument("--from-edit", dest="from_edit", metavar="FILE", help="an edited copy of jsonl/articles.jsonl")
    p.add_argument("--reason", required=True, help="why the text is wrong (applied to every record written)")
    p.add_argument("--evidence", help="what it rests on, e.g. 'photo of the printed page'")
    p.set_defaults(run=run)


def _usage_error(message: str, hint: str) -> ZhcorpusError:
    return ZhcorpusError("correct.usage", Location("<command line>"), message, hint)


def run(args: argparse.Namespace) -> int:
    paths = corpus_paths(args)
    if args.from_edit is not None:
        if args.article or args.find is not None or args.replace is not None or args.nth is not None:
            raise _usage_error(
                "--from-edit takes no ARTICLE_ID, --find, --replace or --nth", "use one way or the other"
            )
        plan = plan_from_edit(load_corpus(paths), Path(args.from_edit), args.reason, args.evidence)
    else:
        if not args.article or args.find is None or args.replace is None:
            raise _usage_error(
                "give ARTICLE_ID --find TEXT --replace TEXT, or --from-edit FILE",
                "e.g. zhcorpus correct zzrb-20200201-A1-08 --find 不派一声苦 --replace 不叫一声苦 --reason …",
            )
        plan = plan_find(
            load_corpus(paths), args.article, args.field, args.find, args.replace, args.nth, args.reason, args.evidence
        )
    files = write_plan(paths, plan)
    for _, c in plan.corrections:
        where = plan.paragraphs.get(c.id, c.field)
        print(f"{c.id}\t{where}\t{c.start}-{c.end}\t{c.before!r} -> {c.after!r}\t{c.kind}")
    shown = ", ".join(display_path(f) for f in files)
    print(f"wrote {len(plan.corrections)} proposed correction(s) to {shown}", file=sys.stderr)
    print(
        "next: `zhcorpus build` and `zhcorpus validate` (it must pass), then commit and open a pull request "
        "(see CONTRIBUTING.md); a maintainer reviews it, runs `zhcorpus accept ID` and `zhcorpus build`",
        file=sys.stderr,
    )
    for correction_id, flags in plan.flags.items():
        for flag in flags:
            print(
                f"note: {correction_id} changes the text of open flag {flag.id} ({flag.note}); on accepting it the "
                f"maintainer resolves the flag: `zhcorpus resolve {flag.id} --reason …`",
                file=sys.stderr,
            )
    return 0
