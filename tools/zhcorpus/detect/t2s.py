"""Where OpenCC's t2s conversion changes a text, found without converting the whole text.

opencc-python-reimplemented converts each stretch between its separators by taking the longest (then leftmost)
key of its phrase table, converting what stands left and right of it the same way, and finally mapping each
character left over through its character table (the first value when a key has several). Two facts follow,
both read from the converter's own tables when they are first needed:

- A character that is in no key is never part of a match: it comes out as itself and no match crosses it. A
  stretch of key characters bounded by such characters (or separators, or the text's ends) therefore converts
  the same alone as inside the whole text, since the longest match of the whole lies in one stretch and is also
  the longest of that stretch.
- Output differs from input only at a character that some key changes (a trigger). A stretch without one comes
  out unchanged.

So the converter runs only on the stretches around triggers, which are rare in simplified text. Every key keeps
its length, so the output aligns with the input character for character; that is checked when the tables load.
Both classes also take every character beyond the BMP (see ``charclass``), which errs on the safe side: one more
trigger only converts a stretch that then shows no change, and one fewer barrier only converts a longer stretch,
which converts the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from opencc import OpenCC

from zhcorpus.detect.base import table
from zhcorpus.detect.charclass import char_class

# Distinct stretches around triggers repeat (么 in 什么, 沈 in a surname): converting each once is enough. The
# bound keeps memory flat over an archive.
_CACHED_STRETCHES = 1 << 14


@dataclass(frozen=True)
class _Tables:
    converter: OpenCC
    triggers: re.Pattern[str]  # a character some key changes
    barrier: re.Pattern[str]  # a character no conversion spans: in no key, or a separator
    keys: frozenset[str]


@table
def _tables() -> _Tables:
    converter = OpenCC("t2s")
    entries = [
        (key, value.split(" ")[0])
        for group in converter._dict_chain_data
        for _, _, table in group
        for key, value in table.items()
    ]
    lengths_differ = [key for key, value in entries if len(key) != len(value)]
    if lengths_differ:
        raise RuntimeError(f"OpenCC t2s changes the length of {lengths_differ[:5]}: its output no longer aligns")
    triggers = {k for key, value in entries for k, v in zip(key, value, strict=True) if k != v}
    keys = {c for key, _ in entries for c in key if not converter.split_chars_re.fullmatch(c)}
    return _Tables(
        converter, re.compile(char_class(triggers)), re.compile(char_class(keys, negated=True)), frozenset(keys)
    )


def changed_runs(text: str, simplified: str) -> tuple[tuple[int, int, str], ...]:
    """The maximal runs where ``simplified`` (the same length) differs from ``text``, with what they become."""
    runs = []
    start = None
    for i, (a, b) in enumerate(zip(text, simplified, strict=True)):
        if a != b and start is None:
            start = i
        elif a == b and start is not None:
            runs.append((start, i, simplified[start:i]))
            start = None
    if start is not None:
        runs.append((start, len(text), simplified[start:]))
    return tuple(runs)


@lru_cache(maxsize=_CACHED_STRETCHES)
def _stretch_changes(stretch: str) -> tuple[tuple[int, int, str], ...]:
    return changed_runs(stretch, _tables().converter.convert(stretch))


def changes(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, simplified) of each maximal run of characters that ``OpenCC("t2s").convert`` changes."""
    tables = _tables()
    position = 0
    while (trigger := tables.triggers.search(text, position)) is not None:
        start = trigger.start()
        while start > position and text[start - 1] in tables.keys:
            start -= 1
        barrier = tables.barrier.search(text, trigger.end())
        position = barrier.start() if barrier else len(text)
        for a, b, simplified in _stretch_changes(text[start:position]):
            yield start + a, start + b, simplified
