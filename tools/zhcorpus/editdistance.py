"""Levenshtein distance over code points: detectors compare spellings with it, the evaluation measures CER."""

from __future__ import annotations


def levenshtein(a: str, b: str) -> int:
    """Exact edit distance (insertions, deletions, substitutions of code points)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
