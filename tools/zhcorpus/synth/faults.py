"""OCR faults put into generated paragraphs with the harness's own injectors (``evaluate.inject``).

At most one fault a paragraph and only in a paragraph printed as the corpus has it (the injectors read its
part-of-speech tags), so each gold edit is exact. Most paragraphs stay clean.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from zhcorpus.evaluate.clean import CleanParagraph
from zhcorpus.evaluate.inject import INJECTORS, KINDS

FAULT_RATE = 0.06  # share of paragraphs printed with a fault


@dataclass(frozen=True)
class Injected:
    """A paragraph printed with a fault: ``printed[start:start + len(before)] == before`` is ``after`` when clean.

    ``printed`` holds a line break where the fault cuts the paragraph into two printed blocks.
    """

    kind: str
    clean: str  # the clean paragraph (the address injector first adds a sentence with a correct address)
    printed: str
    start: int
    before: str
    after: str


def maybe_inject(p: CleanParagraph, rng: random.Random) -> Injected | None:
    """A fault of a random kind (another at random when that kind finds no place in the paragraph), mostly none."""
    if rng.random() >= FAULT_RATE:
        return None
    for kind in rng.sample(KINDS, len(KINDS)):
        injection = INJECTORS[kind](p, rng)
        if injection is not None:
            clean, edit = injection.clean, injection.edit
            printed = clean[: edit.start] + edit.new + clean[edit.end :]
            return Injected(kind, clean, printed, edit.start, edit.new, clean[edit.start : edit.end])
    return None
