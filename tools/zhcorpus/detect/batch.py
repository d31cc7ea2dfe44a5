"""Articles the detectors read together: a batch's fields joined into one text, so that a detector's screen tests
every article in one pass (one regex, one compiled call) and its decisions run only on the articles it names.

A call a detector and an article costs a few microseconds before anything is read (a compiled loop's arguments,
the article's code points, a generator), some 20 ms a MB for fourteen detectors on this project's machine; most
articles hold nothing most detectors find (BENCHMARKS.md, issue 16's sixth step).

Articles are joined by a line break: no Han character, in no dictionary word and no pair of one, a sentence's
and a block's end. So a screen's per-character test stops at it as at a text's end, and nothing it finds spans
two articles' fields. Two screens read the joins otherwise: the column-break screen finds them as block ends like
any other and passes them over, and the repeats' screen reads each article's slice alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np
import numpy.typing as npt

from zhcorpus.detect.codes import code_points
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle

SEPARATOR = "\n"


class Joined:
    """One text of a batch: each article's pieces joined by SEPARATOR, and where each article's first begins."""

    def __init__(self, pieces: Sequence[str], per_article: int = 1) -> None:
        self.text = SEPARATOR.join(pieces)
        # starts[k] is where article k's first piece begins; the last entry, one past the text's end, closes the
        # last article.
        piece_starts = np.zeros(len(pieces) + 1, dtype=np.int64)
        np.cumsum([len(piece) + len(SEPARATOR) for piece in pieces], out=piece_starts[1:])
        self.starts = piece_starts[::per_article]

    @cached_property
    def codes(self) -> npt.NDArray[np.uint32]:
        return code_points(self.text)

    def articles_at(self, positions: Sequence[int] | npt.NDArray[np.int64]) -> set[int]:
        """The articles whose pieces hold these positions of the text (a separator counts with the piece before)."""
        found = np.searchsorted(self.starts, np.asarray(positions, dtype=np.int64), side="right") - 1
        return set(found.tolist())


class Batch:
    """Articles read together, with the texts joined once for every detector that screens them."""

    def __init__(self, articles: Sequence[RawArticle]) -> None:
        self.articles = articles

    @cached_property
    def bodies(self) -> Joined:
        """Each article's body."""
        return Joined([article.fields["text"] or "" for article in self.articles])

    @cached_property
    def fields(self) -> Joined:
        """Each article's printed fields (ARTICLE_TEXT_FIELDS), one after another, joined by SEPARATOR too."""
        pieces = [a.fields.get(field) or "" for a in self.articles for field in ARTICLE_TEXT_FIELDS]
        return Joined(pieces, len(ARTICLE_TEXT_FIELDS))
