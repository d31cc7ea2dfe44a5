"""JSON Lines in and out, diff-friendly: UTF-8, Chinese written as itself, one record a line, located errors."""

from __future__ import annotations

import json
import json.decoder
import json.scanner
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


class DuplicateKeyError(json.JSONDecodeError):
    """An object names a key twice. The parser would keep the last value silently, so a diff that shows the first
    one hides what is read; its position is the second one's value."""

    def __init__(self, key: str, doc: str, pos: int) -> None:
        super().__init__(f"duplicate key {key!r}", doc, pos)
        self.key = key


class _DuplicateKey(ValueError):
    def __init__(self, key: str, pos: int = 0) -> None:
        super().__init__(key)
        self.key = key
        self.pos = pos


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _duplicate_position(doc: str) -> int:
    """Where the value of the first key written twice stands. Only run once a duplicate is known: it parses again
    with the pure-Python scanner, which lets each object note where its values start (the C one says nothing)."""

    def parse_object(s_and_end: tuple[str, int], strict: bool, scan_once: Any, *rest: Any) -> Any:
        starts: list[int] = []

        def scan(text: str, index: int) -> Any:
            starts.append(index)
            return scan_once(text, index)

        def check(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            names = [key for key, _ in pairs]
            for index, key in enumerate(names):
                if key in names[:index]:
                    raise _DuplicateKey(key, starts[index])
            return dict(pairs)

        return json.decoder.JSONObject(s_and_end, strict, scan, None, check, *rest[2:])  # type: ignore[attr-defined]

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(doc)
    except _DuplicateKey as exc:
        return exc.pos
    return 0


def loads(doc: str) -> Any:
    """JSON text -> value, refusing a key written twice in one object (:class:`DuplicateKeyError`, a
    ``json.JSONDecodeError`` with the second key's line and column) and NaN/Infinity. Every JSON a user or a pull
    request hands in is read with this."""
    try:
        return json.loads(doc, object_pairs_hook=_unique_keys, parse_constant=_reject_constant)
    except _DuplicateKey as exc:
        raise DuplicateKeyError(exc.key, doc, _duplicate_position(doc)) from None


def _record_id(content: str) -> str | None:
    """The id of a line refused for a duplicate key, read the lenient way, so that the error names the record."""
    value = json.loads(content)
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


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
            value = loads(content)
        except DuplicateKeyError as exc:
            raise ZhcorpusError(
                "jsonl.duplicate-key",
                Location(shown, number, _record_id(content), exc.key),
                f"key {exc.key!r} appears twice in one object (column {exc.colno}); only the last would be read",
                "write each key once",
            ) from exc
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
