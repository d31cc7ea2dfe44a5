"""OCR faults put into generated paragraphs with the harness's own injectors and loop (``evaluate.inject``).

At most one fault a paragraph and only in a paragraph printed as the corpus has it (the injectors read its
part-of-speech tags), so each gold edit is exact. Most paragraphs stay clean.
"""

from __future__ import annotations

import random

from zhcorpus.evaluate.clean import CleanParagraph
from zhcorpus.evaluate.inject import CLASSIC_KINDS, ParagraphFault, first_fault

FAULT_RATE = 0.06  # share of paragraphs printed with a fault


def maybe_inject(p: CleanParagraph, rng: random.Random) -> ParagraphFault | None:
    """A fault of a random kind (another at random when that kind finds no place in the paragraph), mostly none."""
    if rng.random() >= FAULT_RATE:
        return None
    return first_fault(p, rng.sample(CLASSIC_KINDS, len(CLASSIC_KINDS)), rng)
