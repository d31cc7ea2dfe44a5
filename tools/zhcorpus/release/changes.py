"""What changed between two snapshots of the corpus, the version bump that needs, and how to read it."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zhcorpus.dataset.semver import Part
from zhcorpus.release.snapshot import Snapshot

# Row keys that change with every release and say nothing about content.
_VOLATILE = ("version",)
_CONTEXT = 8


@dataclass(frozen=True)
class FieldChange:
    article: str
    field: str
    before: Any
    after: Any


@dataclass
class Changes:
    old: str
    new: str
    configs_added: list[str] = field(default_factory=list)
    configs_removed: list[str] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)  # config.column
    columns_removed: list[str] = field(default_factory=list)  # config.column, also a changed type
    articles_added: list[str] = field(default_factory=list)
    articles_removed: list[str] = field(default_factory=list)
    paragraphs_removed: list[str] = field(default_factory=list)
    fields_changed: list[FieldChange] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)  # one line a new or re-decided correction
    flags: list[str] = field(default_factory=list)
    mentions_added: int = 0
    mentions_removed: int = 0
    mentions_changed: int = 0
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # config -> (rows before, rows after)

    @property
    def needed(self) -> Part | None:
        """The smallest bump these changes allow."""
        if self.configs_removed or self.columns_removed or self.articles_removed or self.paragraphs_removed:
            return "major"
        if self.configs_added or self.columns_added:
            return "minor"
        if (
            self.articles_added
            or self.fields_changed
            or self.corrections
            or self.flags
            or self.mentions_added
            or self.mentions_removed
            or self.mentions_changed
        ):
            return "patch"
        return None


def _by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(r.get("id")): r for r in rows}


def _stable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _VOLATILE}


def _records(old: Snapshot, new: Snapshot, name: str) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    return _by_id(old.sources.get(name, [])), _by_id(new.sources.get(name, []))


def _decisions(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]], describe: Callable[[dict[str, Any]], str]
) -> list[str]:
    """One line a record that is new, removed, or whose status changed (proposed -> accepted, open -> resolved)."""
    lines = []
    for rid, record in sorted(new.items()):
        prior = old.get(rid)
        if prior is None or prior.get("status") != record.get("status"):
            status = record.get("status") if prior is None else f"{prior.get('status')} -> {record.get('status')}"
            lines.append(f"{rid} ({status}): {describe(record)}")
    return lines + [f"{rid} (removed)" for rid in sorted(set(old) - set(new))]


def compare(old: Snapshot, new: Snapshot) -> Changes:
    ch = Changes(old.label, new.label)
    ch.configs_added = sorted(set(new.columns) - set(old.columns))
    ch.configs_removed = sorted(set(old.columns) - set(new.columns))
    for config in sorted(set(old.columns) & set(new.columns)):
        was, now = old.columns[config], new.columns[config]
        ch.columns_added += [f"{config}.{c}" for c in now if c not in was]
        ch.columns_removed += [f"{config}.{c}" for c in was if c not in now or now[c] != was[c]]
    for config in sorted(set(old.rows) | set(new.rows)):
        ch.counts[config] = (len(old.rows.get(config, [])), len(new.rows.get(config, [])))
    a_old, a_new = _by_id(old.rows.get("articles", [])), _by_id(new.rows.get("articles", []))
    ch.articles_added = sorted(set(a_new) - set(a_old))
    ch.articles_removed = sorted(set(a_old) - set(a_new))
    for aid in sorted(set(a_old) & set(a_new)):
        before, after = _stable(a_old[aid]), _stable(a_new[aid])
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                ch.fields_changed.append(FieldChange(aid, key, before.get(key), after.get(key)))
        kept = {p["id"] for p in after.get("paragraphs") or []}
        ch.paragraphs_removed += [p["id"] for p in before.get("paragraphs") or [] if p["id"] not in kept]
    ch.corrections = _decisions(
        *_records(old, new, "corrections.jsonl"),
        lambda c: f"{c.get('before')!r} -> {c.get('after')!r}, {c.get('method')}",
    )
    ch.flags = _decisions(*_records(old, new, "flags.jsonl"), lambda f: f"{f.get('kind')}: {f.get('text')!r}")
    e_old, e_new = _by_id(old.rows.get("entities", [])), _by_id(new.rows.get("entities", []))
    ch.mentions_added = len(set(e_new) - set(e_old))
    ch.mentions_removed = len(set(e_old) - set(e_new))
    ch.mentions_changed = sum(_stable(e_old[i]) != _stable(e_new[i]) for i in set(e_old) & set(e_new))
    return ch


def inline_diff(before: str, after: str) -> str:
    """Each changed stretch in its context: ``…context[-old-]{+new+}context…``."""
    pieces = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left = before[max(0, i1 - _CONTEXT) : i1]
        right = before[i2 : i2 + _CONTEXT]
        removed = f"[-{before[i1:i2]}-]" if i2 > i1 else ""
        added = f"{{+{after[j1:j2]}+}}" if j2 > j1 else ""
        pieces.append(f"…{left}{removed}{added}{right}…".replace("\n", "⏎"))
    return "  ".join(pieces)


def render(ch: Changes, heading: str) -> str:
    """Markdown a person reads in a terminal or in CHANGELOG.md."""
    lines = [heading, ""]
    needed = ch.needed
    lines.append(f"Changes from {ch.old} to {ch.new}; they need at least a {needed or 'no'} version bump.")
    lines.append("")
    for title, items in (
        ("Configs added", ch.configs_added),
        ("Configs removed", ch.configs_removed),
        ("Columns added", ch.columns_added),
        ("Columns removed or retyped", ch.columns_removed),
        ("Articles added", ch.articles_added),
        ("Articles removed", ch.articles_removed),
        ("Paragraph ids removed", ch.paragraphs_removed),
        ("Corrections", ch.corrections),
        ("Flags", ch.flags),
    ):
        if items:
            lines += [f"### {title}", "", *(f"- {item}" for item in items), ""]
    if ch.fields_changed:
        lines += ["### Articles changed", ""]
        for fc in ch.fields_changed:
            if isinstance(fc.before, str) and isinstance(fc.after, str):
                lines.append(f"- {fc.article} `{fc.field}`: {inline_diff(fc.before, fc.after)}")
            else:
                lines.append(f"- {fc.article} `{fc.field}` changed")
        lines.append("")
    if ch.mentions_added or ch.mentions_removed or ch.mentions_changed:
        lines += [
            "### Mentions",
            "",
            f"- {ch.mentions_added} added, {ch.mentions_removed} removed, {ch.mentions_changed} changed",
            "",
        ]
    lines += ["### Rows", ""]
    lines += [f"- {config}: {a} -> {b}" for config, (a, b) in sorted(ch.counts.items())]
    return "\n".join(lines) + "\n"
