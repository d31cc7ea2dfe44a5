"""Replay of accepted corrections: released text = raw text with each correction's span replaced.

Corrections are spans in the raw value of a field, never in text another correction produced, so the result
does not depend on the order they are listed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from zhcorpus.records import Correction, RawArticle


@dataclass(frozen=True)
class Segment:
    raw_start: int
    raw_end: int
    new_start: int
    new_end: int
    changed: bool


@dataclass(frozen=True)
class OffsetMap:
    """How positions in the raw text correspond to positions in the released text."""

    segments: tuple[Segment, ...]
    raw_length: int
    new_length: int

    def segment_at(self, position: int) -> Segment:
        for seg in self.segments:
            if seg.new_start <= position < seg.new_end:
                return seg
        raise ValueError(f"position {position} outside released text of length {self.new_length}")

    def to_raw(self, position: int) -> int:
        """The raw position a released position comes from (for text a correction wrote, the start of the raw
        span it replaced)."""
        if position == self.new_length:
            return self.raw_length
        seg = self.segment_at(position)
        return seg.raw_start + (0 if seg.changed else position - seg.new_start)

    def to_new(self, position: int) -> int | None:
        """Where a raw character stands in the released text; None for one a correction replaced."""
        for seg in self.segments:
            if seg.raw_start <= position < seg.raw_end:
                return None if seg.changed else seg.new_start + position - seg.raw_start
        return None

    def move_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the raw span [start, end) stands in the released text, or None when a correction rewrites
        text across one of its ends (the span no longer has a place of its own).

        A correction wholly inside the span changes the span's text, not its ends; text inserted exactly at an
        end is left outside the span.
        """
        new_start = new_end = None
        for seg in self.segments:
            if seg.raw_start <= start < seg.raw_end and new_start is None:
                if seg.changed and start > seg.raw_start:
                    return None
                new_start = seg.new_start + (0 if seg.changed else start - seg.raw_start)
            if seg.raw_start < end <= seg.raw_end:
                if seg.changed and end < seg.raw_end:
                    return None
                new_end = seg.new_end if seg.changed else seg.new_start + end - seg.raw_start
        if start == self.raw_length:
            new_start = self.new_length
        if end == 0:
            new_end = 0
        if new_start is None or new_end is None:
            return None
        return new_start, max(new_start, new_end)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """The raw span a released span comes from, or None when an end falls inside text a correction wrote."""
        raw_start = self.to_raw(start)
        if end == start:
            # An insertion point is one raw point; beside a deleted span, reading its end from the character
            # before it would give the deletion's start, a span that ends before it begins.
            raw_end = raw_start
        elif end == 0:
            raw_end = 0
        else:
            seg = self.segment_at(end - 1)
            raw_end = seg.raw_end if seg.changed else seg.raw_start + end - seg.new_start
        return (raw_start, raw_end) if self.move_span(raw_start, raw_end) == (start, end) else None


def overlapping(corrections: Sequence[Correction]) -> list[tuple[Correction, Correction]]:
    """Pairs of corrections whose spans overlap, or that insert at the same point (their order would be a guess)."""
    ordered = sorted(corrections, key=lambda c: (c.start, c.end, c.id))
    pairs = []
    for a, b in pairwise(ordered):
        same_insert_point = a.start == a.end == b.start == b.end
        if b.start < a.end or same_insert_point:
            pairs.append((a, b))
    return pairs


def replay(raw: str, corrections: Sequence[Correction]) -> tuple[str, OffsetMap]:
    """Apply corrections (already checked: in range, ``before`` matching, not overlapping) to ``raw``."""
    pieces: list[str] = []
    segments: list[Segment] = []
    raw_pos = new_pos = 0
    for c in sorted(corrections, key=lambda c: (c.start, c.end, c.id)):
        if c.start > raw_pos:
            length = c.start - raw_pos
            segments.append(Segment(raw_pos, c.start, new_pos, new_pos + length, changed=False))
            pieces.append(raw[raw_pos : c.start])
            new_pos += length
        segments.append(Segment(c.start, c.end, new_pos, new_pos + len(c.after), changed=True))
        pieces.append(c.after)
        new_pos += len(c.after)
        raw_pos = c.end
    if raw_pos < len(raw):
        segments.append(Segment(raw_pos, len(raw), new_pos, new_pos + len(raw) - raw_pos, changed=False))
        pieces.append(raw[raw_pos:])
        new_pos += len(raw) - raw_pos
    return "".join(pieces), OffsetMap(tuple(segments), len(raw), new_pos)


def in_force(corrections: Sequence[Correction]) -> list[Correction]:
    """The accepted corrections the released text holds. One that a decided (accepted or rejected) correction
    replaces is not: a merged decision is never edited, a new decision is a new record naming the one it replaces."""
    retired = {c.replaces for c in corrections if c.replaces is not None and c.status != "proposed"}
    return [c for c in corrections if c.status == "accepted" and c.id not in retired]


def replay_fields(article: RawArticle, corrections: Sequence[Correction]) -> dict[str, tuple[str, OffsetMap]]:
    """Each printed field of an article with its corrections in force replayed, and the map back to print."""
    accepted = in_force(corrections)
    return {
        name: replay(value, [c for c in accepted if c.field == name])
        for name, value in article.fields.items()
        if value is not None
    }
