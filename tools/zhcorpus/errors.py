"""Located errors: every problem says where it is and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and within it a line, a record and a field when known."""

    path: str
    line: int | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return where

    def detail(self) -> str:
        parts = []
        if self.record:
            parts.append(f"record {self.record}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One finding of a check, printed as ``path:line: [check-id] message``."""

    check: str
    location: Location
    message: str
    hint: str = ""

    def render(self) -> str:
        detail = self.location.detail()
        text = f"{self.location}: [{self.check}] {self.message}"
        if detail:
            text += f" ({detail})"
        if self.hint:
            text += f"; {self.hint}"
        return text

    def to_json(self) -> dict[str, object]:
        return {
            "check": self.check,
            "path": self.location.path,
            "line": self.location.line,
            "record": self.location.record,
            "field": self.location.field,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class ZhcorpusError(Exception):
    """An error that stops a command; carries its location and what the user should do."""

    code: str
    location: Location
    message: str
    hint: str = ""
    extra: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __reduce__(self) -> tuple[type[ZhcorpusError], tuple[str, Location, str, str, list[Problem]]]:
        # Pickle rebuilds an exception from its args, which hold the message alone: without this, an error raised in
        # a forked task (archive build and validate) could not be rebuilt in the parent that waits for its result.
        return type(self), (self.code, self.location, self.message, self.hint, self.extra)

    @classmethod
    def of(cls, problems: list[Problem]) -> ZhcorpusError:
        """The first of ``problems`` (there is one at least) with the others attached."""
        first = problems[0]
        return cls(first.check, first.location, first.message, first.hint, extra=problems[1:])

    def as_problem(self) -> Problem:
        return Problem(self.code, self.location, self.message, self.hint)

    def problems(self) -> list[Problem]:
        return [self.as_problem(), *self.extra]

    def __str__(self) -> str:
        return self.as_problem().render()


def raise_all(problems: list[Problem]) -> None:
    """Raise the first problem with the others attached, so a command reports every one of them."""
    if problems:
        raise ZhcorpusError.of(problems)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user should read it: relative to ``root`` (or the cwd) when it lies below."""
    base = root if root is not None else Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
