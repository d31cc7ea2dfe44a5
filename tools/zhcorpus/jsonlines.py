"""JSON Lines in and out, diff-friendly: UTF-8, Chinese written as itself, one record a line, located errors."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhcorpus.errors import Location, ZhcorpusError, display_path

# A source line longer than this is not a hand-edited record; refusing it keeps a runaway paste out of review.
MAX_LINE_CHARS = 200_000


@dataclass(frozen=True)
class JsonLine:
    """One parsed line of a JSONL file with where it came from."""

    path: str
    line: int
    value: dict[str, Any]

    def location(self, field: str | None = None) -> Location:
        record = self.value.get("id") if isinstance(self.value.get("id"), str) else None
        return Location(self.path, self.line, record, field)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_jsonl(data: bytes, path: Path) -> list[JsonLine]:
    """Parse JSONL bytes; every syntax problem is an error naming the file and line."""
    shown = display_path(path)
    if data.startswith(b"\xef\xbb\xbf"):
        raise ZhcorpusError(
            "jsonl.bom",
            Location(shown, 1),
            "file starts with a byte order mark",
            "save it as UTF-8 without BOM",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ZhcorpusError(
            "jsonl.encoding", Location(shown, line), "not valid UTF-8", "save the file as UTF-8"
        ) from exc
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        raise ZhcorpusError("jsonl.line-ends", Location(shown, line), "CRLF line ends", "convert line ends to LF")
    records: list[JsonLine] = []
    for number, content in enumerate(text.split("\n"), start=1):
        if not content.strip():
            continue
        if len(content) > MAX_LINE_CHARS:
            raise ZhcorpusError(
                "jsonl.line-too-long",
                Location(shown, number),
                f"line is {len(content)} characters long (limit {MAX_LINE_CHARS})",
                "one record a line; split or shorten it",
            )
        try:
            value = json.loads(content, parse_constant=_reject_constant)
        except (json.JSONDecodeError, ValueError) as exc:
            raise ZhcorpusError(
                "jsonl.syntax",
                Location(shown, number),
                f"invalid JSON: {exc}",
                "each line must be one complete JSON object (no trailing comma)",
            ) from exc
        if not isinstance(value, dict):
            raise ZhcorpusError(
                "jsonl.not-object",
                Location(shown, number),
                f"expected a JSON object, found {type(value).__name__}",
            )
        records.append(JsonLine(shown, number, value))
    return records


def read_jsonl(path: Path) -> list[JsonLine]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ZhcorpusError("jsonl.unreadable", Location(display_path(path)), f"cannot read: {exc.strerror}") from exc
    return parse_jsonl(data, path)


def dumps(value: Mapping[str, Any]) -> str:
    """One record as a line: Chinese as itself, key order kept (it follows the schema)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def encode_jsonl(values: Iterable[Mapping[str, Any]]) -> bytes:
    return "".join(dumps(v) + "\n" for v in values).encode("utf-8")
