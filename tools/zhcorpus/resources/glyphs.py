"""Characters that look alike, from rendered glyphs: ``neighbours("越")`` -> (("赵", 0.87), ..., ("赴", 0.80), ...).

The table ``glyphs.tsv`` ships with the package; ``make_glyphs`` regenerates it from the fonts (its docstring says
how it is computed and how well it covers real OCR misreads). It is a second source of look-alikes beside the
decomposition rule (``detect.confusable.similar``), independent of it.

Symmetric in this sense: a score is the same both ways, and when b is among a's neighbours with score s, then a is
among b's neighbours or b's list is full (K entries) of neighbours scoring at least s (each list is cut at K).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from zhcorpus.errors import Location, ZhcorpusError

Neighbours = tuple[tuple[str, float], ...]
TABLE = "glyphs.tsv"


def _bad(shown: str, line: int, message: str) -> ZhcorpusError:
    return ZhcorpusError(
        "glyphs.table",
        Location(shown, line),
        message,
        "regenerate the table: python -m zhcorpus.resources.make_glyphs --output " + shown,
    )


def _entry(cell: str, shown: str, line: int) -> tuple[str, float]:
    char, colon, score = cell.partition(":")
    try:
        value = float(score)
    except ValueError:
        value = -1.0
    if len(char) != 1 or not colon or not 0.0 <= value <= 1.0:
        raise _bad(shown, line, f"neighbour {cell!r} is not 'character:score' with a score from 0 to 1")
    return char, value


def parse_table(text: str, shown: str) -> dict[str, Neighbours]:
    """Character -> its neighbours, most similar first; every malformed line located."""
    table: dict[str, Neighbours] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            continue
        char, tab, rest = line.partition("\t")
        if len(char) != 1 or not tab:
            raise _bad(shown, number, f"line {line[:20]!r} does not begin with one character and a tab")
        if char in table:
            raise _bad(shown, number, f"character {char} has a second line")
        near = tuple(_entry(cell, shown, number) for cell in rest.split(" ") if cell)
        if any(other == char for other, _ in near):
            raise _bad(shown, number, f"character {char} is listed as its own neighbour")
        table[char] = near
    return table


@cache
def load_table() -> dict[str, Neighbours]:
    """The shipped table, read once."""
    resource = files("zhcorpus.resources").joinpath(TABLE)
    return parse_table(resource.read_text(encoding="utf-8"), f"zhcorpus/resources/{TABLE}")


def neighbours(char: str) -> Neighbours:
    """The characters that look most like ``char``, most similar first with their scores (0-1); () for a
    character the table lacks."""
    return load_table().get(char, ())
