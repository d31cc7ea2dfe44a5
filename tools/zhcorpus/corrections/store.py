"""Changing correction and flag source files: append new records, or change one record's status in place.

Every other line of the file stays byte for byte as it was, so a pull request shows exactly the change; every
write replaces the file atomically.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.io.atomic import atomic_write
from zhcorpus.io.jsonlines import dumps, read_jsonl


def append_records(path: Path, records: list[Mapping[str, Any]]) -> None:
    if not records:
        return
    data = path.read_bytes() if path.exists() else b""
    if data and not data.endswith(b"\n"):
        data += b"\n"
    atomic_write(path, data + "".join(dumps(r) + "\n" for r in records).encode("utf-8"))


def update_record(path: Path, record_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Apply ``changes`` to the record with ``record_id``; returns the record as it now is."""
    rows = read_jsonl(path)
    matches = [r for r in rows if r.value.get("id") == record_id]
    if len(matches) != 1:
        problem = "no record" if not matches else f"{len(matches)} records"
        raise ZhcorpusError(
            "review.id",
            Location(display_path(path)),
            f"{problem} with id {record_id}",
            "give the id as `zhcorpus review` shows it",
        )
    lines = path.read_text(encoding="utf-8").split("\n")
    updated = {**matches[0].value, **changes}
    lines[matches[0].line - 1] = dumps(updated)
    atomic_write(path, "\n".join(lines).encode("utf-8"))
    return updated
