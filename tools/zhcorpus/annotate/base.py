"""Annotators: one kind of mention a module, registered under a stable versioned id, proposing mentions.

An annotator reads an article as released (its corrected fields) and proposes mentions there; `zhcorpus annotate`
anchors them in the printed text and writes them as `proposed` records for a person to review.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from zhcorpus.records import Label, Normalized

# The normalized value of a mention that names no person, place or date (frozen, so one instance is shared).
UNNORMALIZED = Normalized()


@dataclass(frozen=True)
class ArticleText:
    """What an annotator reads: the released value of each field of one article, and the issue's date."""

    id: str
    fields: dict[str, str]  # field name (``text`` for the body) -> released value
    issue_date: str  # ISO; the year of a printed month and day


@dataclass(frozen=True)
class Mention:
    """A proposed mention: a span of a field's released text. ``roles`` are the spans of its TITLE mentions."""

    annotator: str
    field: str
    start: int
    end: int
    text: str
    label: Label
    normalized: Normalized = UNNORMALIZED
    roles: tuple[tuple[int, int], ...] = ()


AnnotateFn = Callable[[ArticleText], Iterator[Mention]]


@dataclass(frozen=True)
class Annotator:
    id: str
    labels: tuple[Label, ...]
    description: str
    run: AnnotateFn
    # Which annotator's mention wins when two proposals cross: the lower number, the more precise rules.
    priority: int


REGISTRY: dict[str, Annotator] = {}


def register(
    annotator_id: str, labels: tuple[Label, ...], description: str, *, priority: int
) -> Callable[[AnnotateFn], AnnotateFn]:
    """Register an annotator as ``name@version``; a change in what it proposes gets a new version. ``priority``
    decides whose mention wins when two proposals cross (lower first); no two annotators share one."""

    def add(fn: AnnotateFn) -> AnnotateFn:
        if annotator_id in REGISTRY:
            raise ValueError(f"annotator id {annotator_id} registered twice")
        taken = [a.id for a in REGISTRY.values() if a.priority == priority]
        if taken:
            raise ValueError(f"annotator {annotator_id} has priority {priority}, as {taken[0]} has: give it another")
        REGISTRY[annotator_id] = Annotator(annotator_id, labels, description, fn, priority)
        return fn

    return add
