"""Source files write every character as itself: no `\\u` escape of a non-ASCII character.

Sources are reviewed as diffs in pull requests; `\\u6e0c` in a diff hides which character changed (the tools
write sources with `ensure_ascii=False`, so an escape comes from another editor or script). ASCII escapes are
left alone: JSON needs them for control characters, and they hide no Chinese text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from zhcorpus.checkids import SOURCES_ESCAPES
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem
from zhcorpus.sources import ANNOTATIONS_FILE, SOURCE_FILES, page_ids

# An escape is a backslash preceded by an even number of backslashes (`\\u` is a backslash and a letter u).
ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u([0-9a-fA-F]{4})")


def _files(ctx: Context) -> Iterator[Path]:
    yield ctx.paths.settings
    for pid in page_ids(ctx.paths):
        for name in (*SOURCE_FILES, ANNOTATIONS_FILE):
            yield ctx.paths.page_dir(pid) / name


@register(SOURCES_ESCAPES, "source files write non-ASCII characters as themselves, not as \\u escapes")
def no_escapes(ctx: Context) -> Iterator[Problem]:
    for path in _files(ctx):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # a missing or undecodable file is reported by sources.files@1 / sources.syntax@1
        for number, line in enumerate(text.split("\n"), start=1):
            codes = [m.group(1) for m in ESCAPE.finditer(line) if int(m.group(1), 16) >= 0x80]
            if codes:
                first = codes[0]
                shown = chr(int(first, 16)) if not 0xD800 <= int(first, 16) < 0xE000 else "a surrogate"
                yield Problem(
                    SOURCES_ESCAPES,
                    Location(ctx.paths.shown(path), number),
                    f"{len(codes)} \\u escape(s) of non-ASCII characters, first \\u{first} ({shown})",
                    "write the characters themselves in UTF-8 (json.dumps(..., ensure_ascii=False))",
                )
