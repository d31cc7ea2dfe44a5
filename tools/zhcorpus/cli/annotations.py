"""GitHub workflow annotations: a problem as an `::error`, a decision as a `::notice`, on its file and line.

Kept apart from the corpus validate so that `archive validate --format github` imports no corpus check.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from zhcorpus.errors import Problem

if TYPE_CHECKING:
    from zhcorpus.checks.decisions import Decision
    from zhcorpus.io.gitbase import GitBase


def _escape_data(text: str) -> str:
    # GitHub's workflow-command encoding: a message may not hold a raw line break, and % starts an escape.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repo_path(shown: str, base: GitBase | None) -> str:
    """A problem's path relative to the repository root (how GitHub names files), as shown if outside."""
    return (base.rel(Path(shown)) if base is not None else None) or shown


def notice_line(decision: Decision, base: GitBase | None) -> str:
    """A decision as a notice on its line: not an error (decisions are what a contribution is for), but a
    maintainer must see each one."""
    props = f"file={_escape_property(repo_path(decision.path, base))},line={decision.line},title=contrib.decision"
    return f"::notice {props}::{_escape_data(decision.describe())}"


def github_line(problem: Problem, base: GitBase | None) -> str:
    where = problem.location
    props = [f"file={_escape_property(repo_path(where.path, base))}"]
    if where.line is not None:
        props.append(f"line={where.line}")
    props.append(f"title={_escape_property(problem.check)}")
    message = problem.message
    if where.detail():
        message += f" ({where.detail()})"
    if problem.hint:
        message += f"; {problem.hint}"
    return f"::error {','.join(props)}::{_escape_data(message)}"
