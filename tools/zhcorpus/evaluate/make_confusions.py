"""Regenerate ``realconfusions.tsv``, the harness's table of real character confusions, from a pairs file.

    python -m zhcorpus.evaluate.make_confusions ../shared/realocr/fudan_ctr_document_mismatches.tsv [OUT]

(OUT defaults to the shipped table.)

Every pair whose OCR line and correct line have the same length is aligned position by position, when that
alignment is a best one: the positions that differ are no more than the edit distance of the two lines. A line
whose recogniser lost a character at one end and invented one at the other (.巡洋舰…帝国 for 巡洋舰…帝国海) is the
same length but shifted (14 positions differ, edit distance 2): position by position would count each of its
characters as confused with its neighbour, so it is left out. Each aligned position where both are Han characters
and differ is one confusion (correct character -> the character the recogniser printed).

The table is for the synthetic harness only (``inject._lookalike_real``): the detectors must never read it, since
it is built from the real pairs they are measured on. Only the MIT-licensed Fudan set may be used (see
``realconfusions.NOTICE.md``); the FASPell set is GPL-3.0 and nothing derived from it may be committed.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from zhcorpus.errors import ZhcorpusError
from zhcorpus.evaluate.distance import edit_distance
from zhcorpus.evaluate.pairs import Pair, read_pairs
from zhcorpus.io.atomic import atomic_write
from zhcorpus.text.han import is_han

TABLE = Path(__file__).with_name("realconfusions.tsv")
HEADER = "correct\tocr\tcount"


def confusions(pairs: Iterable[Pair]) -> Counter[tuple[str, str]]:
    """(correct, ocr) -> how often a same-length pair prints the correct Han character as the other Han one."""
    counts: Counter[tuple[str, str]] = Counter()
    for pair in pairs:
        if len(pair.ocr) != len(pair.correct):
            continue  # an insertion or a loss shifts everything after it: position by position means nothing
        differ = [(right, printed) for right, printed in zip(pair.correct, pair.ocr, strict=True) if right != printed]
        if len(differ) > edit_distance(pair.correct, pair.ocr):
            continue  # a shifted line: its characters line up better with their neighbours
        counts.update((right, printed) for right, printed in differ if is_han(right) and is_han(printed))
    return counts


def table_text(counts: Counter[tuple[str, str]]) -> str:
    """The table: a header, then one confusion a line, by correct character, then most frequent first."""
    rows = sorted(counts.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    return "\n".join([HEADER, *(f"{right}\t{printed}\t{n}" for (right, printed), n in rows)]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in (1, 2):
        print("usage: python -m zhcorpus.evaluate.make_confusions PAIRS_FILE [OUT]", file=sys.stderr)
        return 2
    out = Path(args[1]) if len(args) == 2 else TABLE
    try:
        pairs = read_pairs(Path(args[0]))
        atomic_write(out, table_text(confusions(pairs.pairs)).encode("utf-8"))
    except ZhcorpusError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{out}: written from {pairs.path} ({len(pairs.pairs)} pairs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
