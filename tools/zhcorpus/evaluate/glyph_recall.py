"""How often a real OCR misread is among the glyph table's look-alikes, against the decomposition rule.

``python -m zhcorpus.evaluate.glyph_recall PAIRS.tsv ... [--table glyphs.tsv]``. A substitution is a position of
a pair whose OCR and correct lines have the same length, where the two differ and both characters are CJK
ideographs. Per file: the share of substitutions whose true character is among the OCR character's top 5 and
top 12 glyph neighbours, the share the decomposition rule (``confusable.similar``) calls similar, the union of
the top 12 and that rule, and how many characters the rule calls similar to an OCR character (the mean over a
sample of them): a rule that names hundreds finds more and ranks none.

It measures, it does not learn: it only reads the table and the pairs (and lives here, not beside the table in
``resources``, because it needs the detectors' rule and the pairs reader of the layers above).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from zhcorpus.detect.confusable import similar
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.evaluate.pairs import PairSet, parse_pairs
from zhcorpus.resources.glyphs import Neighbours, load_table, parse_table

TOPS = (5, 12)
# OCR characters whose decomposition neighbourhood is counted against the whole table (each costs a pass over it).
SIZE_SAMPLE = 200


@dataclass(frozen=True)
class GlyphRecall:
    path: str
    substitutions: int
    top: dict[int, float]  # K -> share with the truth among the top K
    decomposition: float
    union: float  # top 12 or the decomposition rule
    decomposition_size: float


def _ideograph(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def substitutions(pairs: PairSet) -> list[tuple[str, str]]:
    """(OCR character, true character) at each differing position of the same-length pairs."""
    found: list[tuple[str, str]] = []
    for pair in pairs.pairs:
        if len(pair.ocr) == len(pair.correct):
            found.extend(
                (o, c)
                for o, c in zip(pair.ocr, pair.correct, strict=True)
                if o != c and _ideograph(o) and _ideograph(c)
            )
    return found


def measure(pairs: PairSet, table: dict[str, Neighbours] | None = None) -> GlyphRecall:
    """The figures for one pairs file, with the shipped table or the one given."""

    known = load_table() if table is None else table

    def near(char: str, k: int) -> set[str]:
        return {other for other, _ in known.get(char, ())[:k]}

    found = substitutions(pairs)
    if not found:
        raise ZhcorpusError(
            "glyphs.measure", Location(pairs.path), "no substitution between ideographs", "give real OCR pairs"
        )
    total = len(found)
    top = {k: sum(truth in near(ocr, k) for ocr, truth in found) / total for k in TOPS}
    rule = [similar(ocr, truth) for ocr, truth in found]
    widest = max(TOPS)
    union = sum(r or truth in near(ocr, widest) for r, (ocr, truth) in zip(rule, found, strict=True)) / total
    sample = sorted({ocr for ocr, _ in found})
    sample = sample[:: max(1, len(sample) // SIZE_SAMPLE)][:SIZE_SAMPLE]
    size = sum(sum(similar(ocr, other) for other in known) for ocr in sample) / len(sample)
    return GlyphRecall(pairs.path, total, top, sum(rule) / total, union, size)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhcorpus.evaluate.glyph_recall", description=__doc__)
    parser.add_argument("pairs", type=Path, nargs="+", help="pairs files (the formats of zhcorpus eval --pairs)")
    parser.add_argument("--table", type=Path, help="a glyph table to measure instead of the shipped one")
    args = parser.parse_args(argv)
    try:
        table = parse_table(args.table.read_text(encoding="utf-8"), str(args.table)) if args.table else None
        for path in args.pairs:
            result = measure(parse_pairs(path.read_text(encoding="utf-8"), str(path)), table)
            tops = " ".join(f"top{k} {share:.3f}" for k, share in result.top.items())
            print(
                f"{path.name}: {result.substitutions} substitutions; glyphs {tops}; decomposition "
                f"{result.decomposition:.3f} (names {result.decomposition_size:.0f} characters on average); "
                f"union {result.union:.3f}"
            )
    except ZhcorpusError as exc:
        print(exc.as_problem().render(), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
