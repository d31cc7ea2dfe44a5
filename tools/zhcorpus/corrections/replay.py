"""Replay of accepted corrections: released text = raw text with each correction's span replaced.

Corrections are spans in the raw value of a field, never in text another correction produced, so the result
does not depend on the order they are listed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from zhcorpus.records import Correction


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
