"""Levenshtein distance over code points, and the character error rate built on it.

Full dynamic programming on whole articles would be slow in Python, and the texts compared here differ in a few
places only. So the common prefix and suffix are set aside, difflib lines the rest up on its long matching runs,
and each stretch between two runs is measured exactly. That is the exact distance whenever the differences lie
apart from one another (as the harness's faults do), and never less than it otherwise.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from zhcorpus.text.editdistance import levenshtein

# Up to this many cells, a stretch is measured by full dynamic programming without lining it up first.
_FULL_DP_CELLS = 40_000


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two texts that mostly agree (see the module docstring)."""
    lo = 0
    while lo < min(len(a), len(b)) and a[lo] == b[lo]:
        lo += 1
    hi = 0
    while hi < min(len(a), len(b)) - lo and a[len(a) - 1 - hi] == b[len(b) - 1 - hi]:
        hi += 1
    a, b = a[lo : len(a) - hi], b[lo : len(b) - hi]
    if len(a) * len(b) <= _FULL_DP_CELLS:
        return levenshtein(a, b)
    total = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            total += levenshtein(a[i1:i2], b[j1:j2])
    return total


def cer(pairs: list[tuple[str, str]]) -> float:
    """Character error rate of (text, reference) pairs: total edit distance over total reference length."""
    length = sum(len(reference) for _, reference in pairs)
    return sum(edit_distance(text, reference) for text, reference in pairs) / length if length else 0.0
