"""`zhcorpus ingest RAW.txt -o DIR`: a raw OCR page -> layout, page and article records, column-break corrections."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zhcorpus.checkids import SOURCES_SCHEMA
from zhcorpus.dataset.ingest import ingest
from zhcorpus.errors import display_path, raise_all
from zhcorpus.io.atomic import new_folder, refuse_existing
from zhcorpus.io.jsonlines import encode_jsonl, read_jsonl
from zhcorpus.records import Correction, Flag
from zhcorpus.schemas import iter_problems
from zhcorpus.text.rawtext import read_raw


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "ingest", help="turn a raw OCR page into records (proposing a layout unless one is given)"
    )
    p.add_argument("raw", type=Path, help="the raw page: UTF-8 text, one printed block a line")
    p.add_argument("-o", "--output", type=Path, required=True, help="folder to write (must not exist)")
    p.add_argument("--layout", type=Path, help="a reviewed layout file (default: propose one)")
    p.add_argument("--corrections", type=Path, help="correction records to replay (default: ingest's own merges)")
    p.add_argument("--flags", type=Path, help="flag records to carry")
    p.add_argument("--paper", help="paper id for record ids (default: from a file named paper-yyyymmdd-page.txt)")
    p.add_argument("--encoding", default="utf-8", help="encoding of the raw page, e.g. gb18030 (default: %(default)s)")
    p.add_argument("--dataset-version", default="0.0.0", help="version written on every record (default: %(default)s)")
    p.set_defaults(run=run)


def _checked(path: Path | None, schema: str) -> list[Any] | None:
    if path is None:
        return None
    rows = read_jsonl(path)
    raise_all([p for row in rows for p in iter_problems(schema, row.value, row.location(), SOURCES_SCHEMA)])
    return rows


def run(args: argparse.Namespace) -> int:
    out: Path = args.output
    refuse_existing(out, "ingest")  # before any work, not only at the rename
    raw = read_raw(args.raw, args.encoding)
    layout_rows = _checked(args.layout, "layout")
    correction_rows = _checked(args.corrections, "correction")
    flag_rows = _checked(args.flags, "flag") or []
    corrections = None if correction_rows is None else [(r, Correction(**r.value)) for r in correction_rows]
    flags = [(r, Flag(**r.value)) for r in flag_rows]
    result = ingest(raw, layout_rows, corrections, flags, args.paper, args.dataset_version, args.layout)
    build = result.build
    files = {
        "layout.jsonl": encode_jsonl([layout_line.to_json() for layout_line in result.layout]),
        "corrections.jsonl": encode_jsonl([c.to_source() for _, c in build.sources.corrections]),
        "flags.jsonl": encode_jsonl([f.to_row() for _, f in build.sources.flags]),
        "issues.jsonl": encode_jsonl([build.page.to_row()]),
        "articles.jsonl": encode_jsonl([a.to_row() for a in build.articles]),
    }
    with new_folder(out, "ingest") as staging:
        for name, data in files.items():
            (staging / name).write_bytes(data)
    print(
        f"{display_path(out)}: page {build.page.id}, {len(build.articles)} articles, "
        f"{len(build.sources.corrections)} corrections",
        file=sys.stderr,
    )
    return 0
