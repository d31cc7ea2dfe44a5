"""`zhcorpus fix RAW.txt -o FIXED.txt [--report FINDINGS.jsonl]`: safe fixes applied, every finding reported."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zhcorpus.cli.options import unit_interval
from zhcorpus.corrections.fixpage import apply_fixes, find_in_articles, read_articles
from zhcorpus.detect.base import AUTO_THRESHOLD
from zhcorpus.io.atomic import atomic_write, refuse_overwrite
from zhcorpus.io.jsonlines import encode_jsonl
from zhcorpus.text.rawtext import read_raw


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "fix", help="run every detector on a raw page; write it with the automatic-safe fixes applied"
    )
    p.add_argument("raw", type=Path, help="raw OCR page: UTF-8 text, one printed block a line")
    p.add_argument("-o", "--output", type=Path, required=True, help="the fixed page")
    p.add_argument("--report", type=Path, help="findings as JSON Lines (fixes and flags, applied or not)")
    p.add_argument("--paper", help="paper id for record ids in the report (default: from the file name)")
    p.add_argument("--encoding", default="utf-8", help="encoding of the raw page, e.g. gb18030 (default: %(default)s)")
    p.add_argument(
        "--min-confidence",
        type=unit_interval,
        default=AUTO_THRESHOLD,
        help="apply an automatic-safe fix only from this confidence, the precision measured for findings like it "
        f"(default: {AUTO_THRESHOLD}, which kept applied precision >= 0.99 on the harness and the real OCR pairs)",
    )
    p.add_argument("--force", action="store_true", help="replace an output or report that exists")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Checked before any work; the report may not be the output either, or one would overwrite the other.
    refuse_overwrite(args.output, [args.raw], "fix", args.force)
    if args.report is not None:
        refuse_overwrite(args.report, [args.raw, args.output], "fix", args.force, "report")
    raw = read_raw(args.raw, args.encoding)
    page = read_articles(raw, args.paper)
    if page.plain:
        # Said, so that a reader knows these findings come from the text alone and not from a page layout.
        print(
            f"{args.raw}: {page.plain} line(s) under no article heading read as plain text, each a paragraph",
            file=sys.stderr,
        )
    findings = find_in_articles(raw, page.articles, args.min_confidence)
    fixed = apply_fixes(raw.text, findings)
    # Both outputs are computed before either is written; each is replaced atomically.
    if args.report is not None:
        atomic_write(args.report, encode_jsonl([f.to_json() for f in findings]))
    atomic_write(args.output, fixed.encode("utf-8"))
    applied = sum(f.applied for f in findings)
    flags = sum(f.finding.is_flag for f in findings)
    print(
        f"{args.output}: {applied} fix(es) applied, {len(findings) - applied - flags} proposed, {flags} flag(s)",
        file=sys.stderr,
    )
    return 0
