"""Levenshtein distance over code points: detectors compare spellings with it, the evaluation measures CER; and
the strings one edit from a word, which a detector looks up instead of comparing a word with every spelling."""

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


def one_apart(a: str, b: str) -> bool:
    """``levenshtein(a, b) == 1``, read in one pass: past the common prefix, one substitution, insertion or
    deletion must leave the same rest."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) < len(b):
        a, b = b, a
    i = 0
    while i < len(b) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + (len(a) == len(b)) :]


def one_edit(word: str, alphabet: str) -> set[str]:
    """Every string at distance exactly 1 from ``word`` whose inserted or substituted character is in ``alphabet``."""
    edits = set()
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            edits.add(head + tail[1:])
        for char in alphabet:
            edits.add(head + char + tail)
            if tail:
                edits.add(head + char + tail[1:])
    edits.discard(word)
    return edits
