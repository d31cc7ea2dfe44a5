"""Reading a raw OCR page strictly: the bytes are evidence, so anything odd is refused with its location."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.text.charpolicy import NOT_TEXT


@dataclass(frozen=True)
class RawLine:
    number: int  # 1-based, as an editor shows it
    text: str


@dataclass(frozen=True)
class RawPage:
    path: Path
    text: str
    sha256: str
    size: int

    @property
    def lines(self) -> list[RawLine]:
        return [RawLine(i, t) for i, t in enumerate(self.text.split("\n"), start=1)]

    def nonblank_lines(self) -> list[RawLine]:
        return [ln for ln in self.lines if ln.text.strip()]


def line_col(text: str, index: int) -> tuple[int, int]:
    """Line and column of ``text[index]``, both 1-based as an editor shows them."""
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _looks_like_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def decode_raw(data: bytes, path: Path, encoding: str = "utf-8") -> str:
    """Decode and check raw bytes; raise a located error for a wrong encoding, a BOM, CRLF or control chars."""
    shown = display_path(path)
    if data.startswith(codecs.BOM_UTF8):
        raise ZhcorpusError(
            "raw.bom",
            Location(shown, 1),
            "file starts with a UTF-8 byte order mark (BOM)",
            "save it as UTF-8 without BOM (raw files are evidence: fix the copy you ingest, not the original)",
        )
    try:
        text = data.decode(encoding)
    except LookupError as exc:  # an unknown name, or a codec that is no text encoding (rot13, base64)
        raise ZhcorpusError(
            "raw.encoding",
            Location(shown),
            f"cannot read it as --encoding {encoding}: {exc}",
            "give a text encoding such as utf-8 or gb18030",
        ) from exc
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = "give the file's encoding with --encoding"
        if encoding.lower().replace("-", "") in {"utf8"} and _looks_like_gb18030(data):
            hint = "it decodes as GB18030: re-run with --encoding gb18030, or convert it to UTF-8"
        raise ZhcorpusError(
            "raw.encoding",
            Location(shown, line),
            f"not valid {encoding}: byte {exc.object[exc.start]:#04x} at byte offset {exc.start}",
            hint,
        ) from exc
    if "\r" in text:
        line, col = line_col(text, text.index("\r"))
        raise ZhcorpusError(
            "raw.line-ends",
            Location(shown, line),
            f"carriage return at column {col} (CRLF or CR line ends)",
            "convert line ends to LF (e.g. `dos2unix`)",
        )
    # Only what cannot stand in a text file is refused here; the other characters of the policy (bidi controls,
    # invisibles, private use, ...) are read, and the charpolicy detector removes or flags each one.
    bad = NOT_TEXT.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        raise ZhcorpusError(
            "raw.control-char",
            Location(shown, line),
            f"control character U+{ord(bad.group()):04X} at column {col}",
            "remove it from the copy being ingested; it cannot be printed text",
        )
    return text


def read_raw(path: Path, encoding: str = "utf-8") -> RawPage:
    """Read a raw page; errors name the file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ZhcorpusError(
            "raw.unreadable", Location(display_path(path)), f"cannot read raw page: {exc.strerror}"
        ) from exc
    text = decode_raw(data, path, encoding)
    return RawPage(path=path, text=text, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
