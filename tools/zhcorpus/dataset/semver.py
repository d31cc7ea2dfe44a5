"""Semantic versions of the corpus and the bump each kind of change needs.

A new correction, flag or mention is a patch; a new field or config a minor; a removed or renamed field or
config, or an id that no longer exists, a major.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Part = Literal["major", "minor", "patch"]
PARTS: tuple[Part, ...] = ("major", "minor", "patch")
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version:
        found = _SEMVER.match(text)
        if found is None:
            raise ValueError(f"{text!r} is not a version (MAJOR.MINOR.PATCH)")
        return cls(int(found[1]), int(found[2]), int(found[3]))

    def bump(self, part: Part) -> Version:
        if part == "major":
            return Version(self.major + 1, 0, 0)
        if part == "minor":
            return Version(self.major, self.minor + 1, 0)
        return Version(self.major, self.minor, self.patch + 1)

    def raised_from(self, older: Version) -> Part:
        """Which part this version raises over an older one."""
        if self.major != older.major:
            return "major"
        return "minor" if self.minor != older.minor else "patch"

    @property
    def tag(self) -> str:
        return f"v{self}"

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def at_least(part: Part, needed: Part | None) -> bool:
    """A bump of ``part`` is enough for changes that need ``needed``."""
    return needed is None or PARTS.index(part) <= PARTS.index(needed)
