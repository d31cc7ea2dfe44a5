"""JSON Lines in and out, diff-friendly: UTF-8, Chinese written as itself, one record a line, located errors."""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.text.rawtext import line_col

# A source line longer than this is not a hand-edited record; refusing it keeps a runaway paste out of review.
MAX_LINE_CHARS = 200_000
# Records nest about 5 deep; json.loads recurses once a level and dies with a RecursionError near 1,000.
MAX_DEPTH = 64
# A JSON string (skipped whole, so brackets inside it do not count) or a bracket.
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_SURROGATE = re.compile("[\ud800-\udfff]")
# Only an escape can put a surrogate in a parsed string: text without one needs no walk through the value.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# A JSON string or a run of characters outside strings that are no bracket: removed, they leave the brackets
# outside strings (and the quote of a string never closed, a step of 0).
_STRING_OR_OTHER = re.compile(r'"(?:[^"\\]|\\.)*"|[^\[\]{}"]+')
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1, '"': 0}


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


def _too_deep(text: str) -> int | None:
    """The offset of the first bracket nested deeper than ``MAX_DEPTH``, found without recursing."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None  # the common case: too few brackets to be too deep, wherever they are
    # The depth after each bracket outside strings, in C loops; the slower scan below only locates a deep one.
    brackets = _STRING_OR_OTHER.sub("", text)
    if max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) <= MAX_DEPTH:
        return None
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif bracket in "]}":
            depth -= 1
    return None


def _lone_surrogate(value: Any, path: str = "") -> tuple[str, str] | None:
    """The JSON path and text of the first string (or key) holding a lone surrogate: only a `\\udXXX` escape
    can make one, and no UTF-8 file or Parquet column can hold it."""
    if isinstance(value, str):
        return (path or "$", value) if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if _SURROGATE.search(key):
                return where, key
            found = _lone_surrogate(item, where)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _lone_surrogate(item, f"{path}[{index}]")
            if found:
                return found
    return None


def loads(text: str, where: Location) -> Any:
    """Parse one JSON document from user or pull-request input, strictly: no NaN or Infinity, at most
    ``MAX_DEPTH`` levels deep, no lone surrogate. ``where`` is the document's file and first line; errors add the
    line within it."""

    def at(offset: int) -> Location:
        return Location(where.path, (where.line or 1) + text.count("\n", 0, offset), where.record, where.field)

    deep = _too_deep(text)
    if deep is not None:
        raise ZhcorpusError(
            "jsonl.depth",
            at(deep),
            f"JSON nested more than {MAX_DEPTH} levels deep",
            "no record or file of the corpus nests this deep: remove the nesting",
        )
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_reject_constant)
    except _DuplicateKey as dup:
        # A diff shows the first value while a plain parse keeps the last: a pull request could hide a change.
        raise ZhcorpusError(
            "jsonl.duplicate-key",
            Location(at(0).path, at(_duplicate_position(text)).line, _record_id(text), _shown(dup.key)),
            f"key {_shown(dup.key)!r} appears twice in one object; only the last would be read",
            "write each key once",
        ) from None
    except json.JSONDecodeError as exc:
        raise ZhcorpusError(
            "jsonl.syntax",
            at(exc.pos),
            f"invalid JSON: {exc}",
            "write each record as one complete JSON object (no trailing comma)",
        ) from exc
    except ValueError as exc:  # NaN, Infinity, or an integer of thousands of digits
        raise ZhcorpusError("jsonl.syntax", at(0), f"invalid JSON: {exc}", "write plain JSON numbers") from exc
    lone = _lone_surrogate(value) if _SURROGATE_ESCAPE.search(text) else None
    if lone is not None:
        field, string = lone
        field = _shown(field)  # a key may hold the surrogate too
        escape = next(f"\\u{ord(c):04x}" for c in string if _SURROGATE.match(c))
        record = value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else None
        record = _shown(record) if record is not None else None
        found = re.search(re.escape(escape), text, re.IGNORECASE)
        line = at(found.start() if found else 0).line
        raise ZhcorpusError(
            "jsonl.surrogate",
            Location(where.path, line, record, field),
            f"a string holds the lone surrogate {escape} (half of a pair, not a character)",
            "write the character itself in UTF-8, or remove the escape",
        )
    return value


def read_json(path: Path, shown: str | None = None) -> Any:
    """A whole JSON file (a manifest, a description, settings) read strictly; every failure a located error."""
    where = shown if shown is not None else display_path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ZhcorpusError("jsonl.unreadable", Location(where), f"cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ZhcorpusError("jsonl.encoding", Location(where), "not valid UTF-8", "save the file as UTF-8") from exc
    return loads(text, Location(where, 1))


def _record_id(content: str) -> str | None:
    """The id of a line refused for a duplicate key, so that the error names the record: the first value, as a
    diff shows it, where the id itself is written twice."""
    value = json.loads(content, object_pairs_hook=lambda pairs: dict(reversed(pairs)))
    found = value.get("id") if isinstance(value, dict) else None
    return _shown(found) if isinstance(found, str) else None


def _shown(text: str) -> str:
    """A key or id fit to print: a lone surrogate (only a \\u escape makes one) as its escape, not a crash later."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


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
        line = line_col(text, text.index("\r"))[0]
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
        value = loads(content, Location(shown, number))
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
