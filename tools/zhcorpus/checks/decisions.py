"""What a contribution decides, and which decided records it rewrites: the source records at the base against now.

A decision is an accepted or rejected correction, a resolved flag, an accepted or rejected mention. Decisions are
what a maintainer reviews: each one a contribution makes (a status change, a record added already decided) is
listed (`validate --format github`: a notice each and a table in the job summary). A record decided at the base is
final: changing any of its fields under the same id is a rewrite, which `contrib.decided@1` refuses; a new decision
is a new record that names the one it replaces (a correction's `replaces`).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from zhcorpus.errors import ZhcorpusError
from zhcorpus.io.gitbase import GitBase
from zhcorpus.io.jsonlines import JsonLine, parse_jsonl
from zhcorpus.sources import ANNOTATIONS_FILE, CorpusPaths, page_ids
from zhcorpus.text.charpolicy import escaped

RecordType = Literal["correction", "flag", "mention"]
# The source files whose records carry a decision, and the statuses that are one.
RECORD_FILES: tuple[tuple[str, RecordType], ...] = (
    ("corrections.jsonl", "correction"),
    ("flags.jsonl", "flag"),
    (ANNOTATIONS_FILE, "mention"),
)
DECIDED: dict[RecordType, tuple[str, ...]] = {
    "correction": ("accepted", "rejected"),
    "flag": ("resolved",),
    "mention": ("accepted", "rejected"),
}


@dataclass(frozen=True)
class Decision:
    """One decision a contribution makes: a record whose status became decided, or one added already decided."""

    record: str
    type: RecordType
    path: str  # as shown
    line: int
    was: str | None  # the status at the base; None for a record the contribution adds
    status: str
    what: str  # the change or the text it is about, for the reviewer
    replaces: str | None = None  # the earlier record this decision takes the place of

    def how(self) -> str:
        how = f"{self.was} -> {self.status}" if self.was else f"added as {self.status}"
        return how + (f", replaces {self.replaces}" if self.replaces else "")

    def describe(self) -> str:
        return f"{self.type} {self.record}: {self.how()}: {self.what}"


@dataclass(frozen=True)
class Rewrite:
    """A record decided at the base whose fields the contribution changes, keeping its id."""

    record: str
    type: RecordType
    row: JsonLine  # the record now
    status: str  # its decided status at the base
    changed: tuple[tuple[str, Any, Any], ...]  # (field, value at the base, value now); ... where absent


@dataclass(frozen=True)
class Comparison:
    decisions: list[Decision]
    rewrites: list[Rewrite]


def parse_rows(data: bytes | None, path: Path) -> list[JsonLine] | None:
    """A source file's records, or None when it does not exist or does not parse (sources.syntax@1 reports that)."""
    if data is None:
        return None
    try:
        return parse_jsonl(data, path)
    except ZhcorpusError:
        return None


def by_id(rows: list[JsonLine]) -> dict[str, JsonLine]:
    """Records by id, the first of a repeated id (ids.unique@1 reports the others)."""
    out: dict[str, JsonLine] = {}
    for row in rows:
        if isinstance(row.value.get("id"), str):
            out.setdefault(row.value["id"], row)
    return out


def _what(kind: RecordType, value: dict[str, Any]) -> str:
    if kind == "correction":
        return f"{value.get('before')!r} -> {value.get('after')!r} ({value.get('reason')})"
    if kind == "flag":
        return f"{value.get('text')!r}: {value.get('note')}"
    return f"{value.get('label')} {value.get('text')!r}"


def _compare_file(base: GitBase, path: Path, shown: str, kind: RecordType) -> Iterator[Decision | Rewrite]:
    rel = base.rel(path)
    new = parse_rows(path.read_bytes(), path) if path.is_file() else None
    if new is None:
        return
    old = by_id((parse_rows(base.show(rel), path) if rel is not None else None) or [])
    decided = DECIDED[kind]
    for key, row in by_id(new).items():
        status = row.value.get("status")
        was = old.get(key)
        was_status = was.value.get("status") if was is not None else None
        if was is not None and was_status in decided:
            changed = tuple(
                (name, was.value.get(name, ...), row.value.get(name, ...))
                for name in dict.fromkeys([*was.value, *row.value])
                if was.value.get(name, ...) != row.value.get(name, ...)
            )
            if changed:
                yield Rewrite(key, kind, row, str(was_status), changed)
        elif status in decided:
            replaces = row.value.get("replaces")
            yield Decision(
                key,
                kind,
                shown,
                row.line,
                was_status,
                str(status),
                _what(kind, row.value),
                replaces if isinstance(replaces, str) else None,
            )


def compare(base: GitBase, paths: CorpusPaths) -> Comparison:
    """Every decision and every rewrite of a decided record in the corpus's source files, against ``base``."""
    decisions: list[Decision] = []
    rewrites: list[Rewrite] = []
    for pid in page_ids(paths):
        for name, kind in RECORD_FILES:
            path = paths.page_dir(pid) / name
            for found in _compare_file(base, path, paths.shown(path), kind):
                if isinstance(found, Decision):
                    decisions.append(found)
                else:
                    rewrites.append(found)
    return Comparison(decisions, rewrites)


def _cell(text: str) -> str:
    # A table cell is one line and | ends it; contributor text shows as text, never as HTML or an invisible control.
    return html.escape(escaped(text.replace("\n", "↵")), quote=False).replace("\\", "\\\\").replace("|", "\\|")


def summary_markdown(decisions: list[Decision], ref: str) -> str:
    """The decisions as a Markdown table, for the CI job summary."""
    head = f"### Decisions in this change (against `{_cell(ref)}`)\n\n"
    if not decisions:
        return head + "None: this change accepts, rejects or resolves nothing.\n\n"
    rows = [
        "| record | where | decision | what |",
        "| --- | --- | --- | --- |",
        *(
            f"| {d.type} `{d.record}` | `{_cell(d.path)}:{d.line}` | {_cell(d.how())} | {_cell(d.what)} |"
            for d in decisions
        ),
    ]
    return head + "\n".join(rows) + "\n\n"
