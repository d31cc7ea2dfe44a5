"""`zhcorpus review`: each proposed correction and open flag in its context, the change highlighted."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.corrections import review_html
from zhcorpus.corrections.pending import pending_by_article
from zhcorpus.errors import display_path
from zhcorpus.io.atomic import atomic_write
from zhcorpus.records import Correction, Flag
from zhcorpus.sources import load_sources

CONTEXT = 14


@dataclass(frozen=True)
class Marks:
    """What opens and closes removed text, added text and a flagged span (which a flag leaves as printed)."""

    removed: tuple[str, str]
    added: tuple[str, str]
    flagged: tuple[str, str]


PLAIN = Marks(("[-", "-]"), ("{+", "+}"), ("[!", "!]"))
# Struck red, bold green, underlined yellow.
COLOUR = Marks(("\033[9;31m", "\033[0m"), ("\033[1;32m", "\033[0m"), ("\033[4;33m", "\033[0m"))


def show(item: Correction | Flag, value: str, color: bool) -> str:
    marks = COLOUR if color else PLAIN
    before = value[max(0, item.start - CONTEXT) : item.start].replace("\n", "⏎")
    after = value[item.end : item.end + CONTEXT].replace("\n", "⏎")
    span = value[item.start : item.end].replace("\n", "⏎")
    if isinstance(item, Correction):
        added = item.after.replace("\n", "⏎")
        middle = f"{marks.removed[0]}{span}{marks.removed[1]}{marks.added[0]}{added}{marks.added[1]}"
        head = f"{item.id}  {item.kind}  {item.method}  confidence {item.confidence}  {item.status}"
        note = item.reason
    else:
        middle = f"{marks.flagged[0]}{span}{marks.flagged[1]}"
        head = f"{item.id}  FLAG {item.kind}  {item.method}  {item.status}"
        note = item.note
    return f"{head}\n    …{before}{middle}{after}…  ({item.field})\n    {note}"


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("review", help="show proposed corrections and open flags in context")
    add_corpus_option(p)
    p.add_argument("--all", action="store_true", help="show accepted, rejected and resolved records too")
    p.add_argument(
        "--html", type=Path, metavar="OUT.html", help="write one self-contained review page here instead of printing"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sources = load_sources(corpus_paths(args))
    articles = pending_by_article(sources, include_decided=args.all)
    shown = sum(len(a.items) for a in articles)
    if args.html is not None:
        name = sources.settings.pretty_name if sources.settings else display_path(args.corpus)
        atomic_write(args.html, review_html.render(f"Review: {name}", articles))
        print(f"{shown} record(s) written to {display_path(args.html)}", file=sys.stderr)
        return 0
    color = sys.stdout.isatty()
    for a in articles:
        for item in a.items:
            print(show(item.record, item.value, color))
    print(
        f"{shown} record(s); decide with `zhcorpus accept ID`, `zhcorpus reject ID` or "
        "`zhcorpus resolve ID --reason …`",
        file=sys.stderr,
    )
    return 0
