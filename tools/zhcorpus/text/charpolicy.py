"""The one character policy: which characters released text never holds, and where the first one stands.

Every place that reads or writes text asks this module: the JSON Schemas' string patterns (generated from it, a
test holds them equal), raw-page reading, `zhcorpus correct`, the decide commands, and the detector that turns such
a character of a raw page into a deletion or a flag. None of these characters can be seen on a printed page, and
some change how the text around them is shown (a bidi override reverses it), so in released text each one is
either an OCR or transport artefact or an attack on a reader.

Two tiers. Private-use characters probably stand for a glyph the OCR font lacked: removing one could change a
reading, so a raw page's private-use character is flagged for a person and may stay in released text under that
open flag; text a person or a tool writes (a correction's ``after``, a reason, a note) never holds one. Every
other character of the policy is removed from released text, always.

The ranges are written out (not computed from ``unicodedata`` at import) so that the schema patterns do not depend
on the Unicode version of the Python that runs: a test checks that every control, format, private-use and
separator character the running Python knows is covered.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from zhcorpus.errors import Location, ZhcorpusError

# (first, last, what it is): the characters of the policy other than \t and \n, in code point order.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0000, 0x0008, "control"),
    (0x000B, 0x001F, "control"),
    (0x007F, 0x009F, "control"),  # DEL and the C1 controls (U+0085 NEXT LINE among them)
    (0x00AD, 0x00AD, "format character"),  # soft hyphen
    (0x034F, 0x034F, "invisible character"),  # combining grapheme joiner
    (0x0600, 0x0605, "format character"),
    (0x061C, 0x061C, "bidi control"),  # arabic letter mark
    (0x06DD, 0x06DD, "format character"),
    (0x070F, 0x070F, "format character"),
    (0x0890, 0x0891, "format character"),
    (0x08E2, 0x08E2, "format character"),
    (0x115F, 0x1160, "invisible character"),  # hangul fillers
    (0x17B4, 0x17B5, "invisible character"),
    (0x180B, 0x180D, "variation selector"),  # mongolian free variation selectors
    (0x180E, 0x180E, "format character"),
    (0x180F, 0x180F, "variation selector"),
    (0x200B, 0x200D, "format character"),  # zero width space, non-joiner, joiner (no emoji in a newspaper page)
    (0x200E, 0x200F, "bidi control"),
    (0x2028, 0x2029, "line separator"),
    (0x202A, 0x202E, "bidi control"),
    (0x2060, 0x2065, "format character"),  # word joiner, invisible operators
    (0x2066, 0x2069, "bidi control"),
    (0x206A, 0x206F, "format character"),
    (0x3164, 0x3164, "invisible character"),  # hangul filler
    (0xD800, 0xDFFF, "surrogate"),
    (0xE000, 0xF8FF, "private use"),
    (0xFDD0, 0xFDEF, "noncharacter"),
    (0xFE00, 0xFE0F, "variation selector"),
    (0xFEFF, 0xFEFF, "format character"),  # byte order mark, zero width no-break space
    (0xFFA0, 0xFFA0, "invisible character"),  # halfwidth hangul filler
    (0xFFF0, 0xFFF8, "invisible character"),
    (0xFFF9, 0xFFFB, "format character"),  # interlinear annotation
    (0xFFFE, 0xFFFF, "noncharacter"),
    (0x110BD, 0x110BD, "format character"),
    (0x110CD, 0x110CD, "format character"),
    (0x13430, 0x1343F, "format character"),
    (0x1BCA0, 0x1BCA3, "format character"),
    (0x1D173, 0x1D17A, "format character"),
    *((plane << 16 | 0xFFFE, plane << 16 | 0xFFFF, "noncharacter") for plane in range(1, 14)),
    (0xE0000, 0xE00FF, "format character"),  # tags
    (0xE0100, 0xE01EF, "variation selector"),
    (0xE01F0, 0xE0FFF, "invisible character"),
    (0xEFFFE, 0xEFFFF, "noncharacter"),
    (0xF0000, 0xFFFFD, "private use"),
    (0xFFFFE, 0xFFFFF, "noncharacter"),
    (0x100000, 0x10FFFD, "private use"),
    (0x10FFFE, 0x10FFFF, "noncharacter"),
)
PRIVATE_USE = "private use"
_LINE_BREAKS = "\t\n"


@dataclass(frozen=True)
class Policy:
    """Which characters one kind of text refuses: the whole policy, less the line breaks it allows, less private
    use where an open flag may keep one."""

    name: str
    allows: str  # of "\t\n"
    private_use: bool  # True: private-use characters pass (released text, under an open flag)

    def ranges(self) -> list[tuple[int, int]]:
        """The refused code points as (first, last), with \\t and \\n refused unless allowed."""
        out = [(cp, cp) for cp in map(ord, _LINE_BREAKS) if chr(cp) not in self.allows]
        out += [(a, b) for a, b, what in _RANGES if not (self.private_use and what == PRIVATE_USE)]
        merged: list[tuple[int, int]] = []
        for first, last in sorted(out):
            if merged and merged[-1][1] + 1 == first:
                merged[-1] = (merged[-1][0], last)
            else:
                merged.append((first, last))
        return merged

    @property
    def schema_pattern(self) -> str:
        """The JSON Schema ``pattern`` (ECMA-262): BMP characters as ``\\uXXXX`` escapes, others as themselves
        (neither ECMA-262 without the u flag nor Python's ``re`` has one escape for them).

        Lone surrogates are left out of it: UTF-8 text cannot hold one, and jsonschema-rs refuses a pattern that
        names them. This project refuses them before any schema (``NOT_TEXT``, and a JSON ``\\udXXX`` escape is an
        error when read), its validator checks a policy pattern with the policy itself, surrogates included, and
        the archive's RE2 checks use ``byte_pattern``."""
        return _negated(_without_surrogates(self.ranges()))

    @property
    def byte_pattern(self) -> str:
        """``schema_pattern`` with the lone surrogates kept: for RE2 over Arrow strings, whose bytes are never
        checked as UTF-8 when Parquet is read, so an encoded surrogate (ED A0 80) can be there."""
        return _negated(self.ranges())

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self)


def _negated(ranges: list[tuple[int, int]]) -> str:
    parts = [_escape(first) if first == last else f"{_escape(first)}-{_escape(last)}" for first, last in ranges]
    return "^[^" + "".join(parts) + "]*$"


def _without_surrogates(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for first, last in ranges:
        if first < 0xD800:
            out.append((first, min(last, 0xD7FF)))
        if last > 0xDFFF:
            out.append((max(first, 0xE000), last))
    return out


def _escape(cp: int) -> str:
    return f"\\u{cp:04x}" if cp <= 0xFFFF else chr(cp)


def _class(ranges: list[tuple[int, int]]) -> str:
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"


@cache
def _compiled(policy: Policy) -> re.Pattern[str]:
    """One pass of the regex engine (raw pages of an archive run to gigabytes), matching one refused character.

    Python's engine tests a class that holds a character beyond U+FFFF range by range, at every character (some
    40 MB/s here); a class of the BMP alone is one bitmap lookup (some 400 MB/s). So the BMP ranges are one class,
    and a character beyond the BMP, rare in Chinese text, is tested against the others only once it is met."""
    ranges = policy.ranges()
    bmp = [(a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF]
    astral = [(max(a, 0x10000), b) for a, b in ranges if b > 0xFFFF]
    if not astral:
        return re.compile(_class(bmp))
    return re.compile(f"{_class(bmp)}|[\U00010000-\U0010ffff](?<={_class(astral)})")


# Released text: one line (a paragraph, a headline, an author's name) or several (the body, the byline). A tab can
# stand in a printed line; a private-use character stays under the open flag that asks a person to read it.
RELEASED_LINE = Policy("released_line", "\t", True)
RELEASED_LINES = Policy("released_lines", "\t\n", True)
# What a person or a tool writes: a correction's new text (a line break splits a paragraph), and a reason or note.
REPLACEMENT = Policy("replacement", "\n", False)
WRITTEN = Policy("written", "", False)
# Everything of the policy but \t and \n: what a raw page may hold and the detector removes or flags.
RAW = Policy("raw", _LINE_BREAKS, False)
POLICIES = (RELEASED_LINE, RELEASED_LINES, REPLACEMENT, WRITTEN, RAW)
# What cannot be in a text file at all, so a raw page holding one is refused outright: NUL and the other C0
# controls but \t and \n (CR is refused by raw reading with its own message), DEL, and lone surrogates.
NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class Offence:
    """One character a policy refuses: where it stands and what it is."""

    index: int  # code points from the start of the text
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def what(self) -> str:
        return what_is(self.char)

    @property
    def private_use(self) -> bool:
        return self.what == PRIVATE_USE

    def describe(self) -> str:
        """``U+202E RIGHT-TO-LEFT OVERRIDE (bidi control)``."""
        name = unicodedata.name(self.char, "")
        return f"{self.code} {name} ({self.what})" if name else f"{self.code} ({self.what})"


def what_is(char: str) -> str:
    """What a character of the policy is (control, bidi control, private use, ...), or "" for any other."""
    cp = ord(char)
    if char in _LINE_BREAKS:
        return "control"
    for first, last, what in _RANGES:
        if first <= cp <= last:
            return what
    return ""


def first_offence(text: str, policy: Policy) -> Offence | None:
    """The first character of ``text`` the policy refuses, or None."""
    found = policy.regex.search(text)
    return None if found is None else Offence(found.start(), found.group())


def offences(text: str, policy: Policy) -> list[Offence]:
    """Every character of ``text`` the policy refuses, in order."""
    return [Offence(m.start(), m.group()) for m in policy.regex.finditer(text)]


def printable(text: str, policy: Policy) -> str:
    """``text`` with each character the policy refuses removed, a tab or line break made a space: for prose a tool
    writes that quotes printed text (a detector's reason), which may hold such characters."""
    return policy.regex.sub(lambda m: " " if m.group() in _LINE_BREAKS else "", text)


def escaped(text: str) -> str:
    """``text`` for a message a person reads (a terminal, a CI annotation, a summary table): each character the
    policy refuses written as its escape (``\\u202e``), so that the screen shows it instead of obeying it."""

    def escape(match: re.Match[str]) -> str:
        cp = ord(match.group())
        return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"

    return WRITTEN.regex.sub(escape, text)


def policy_of_pattern(pattern: str) -> Policy | None:
    """The policy a schema pattern was generated from, or None for any other pattern."""
    return _BY_PATTERN.get(pattern)


_BY_PATTERN = {p.schema_pattern: p for p in POLICIES}


def refuse(text: str, policy: Policy, code: str, where: Location, what: str, hint: str) -> None:
    """Raise a located error naming the first character of ``text`` the policy refuses, if there is one."""
    found = first_offence(text, policy)
    if found is not None:
        raise ZhcorpusError(code, where, f"{what} holds {found.describe()} at character {found.index}", hint)
