"""Text printed twice by layout or OCR: a paragraph repeated right after itself, a sentence doubled in place.

Judged by position: only a repeat right after (or one block after) its first copy inside one article is a fault.
A sentence echoed later in the article, a column label equal to a headline, the same sentence in two articles:
all are printed on purpose and never reach this detector as a near repeat.
"""

from __future__ import annotations

from collections.abc import Iterator, Set

import numpy as np
import numpy.typing as npt

from zhcorpus.detect.base import Finding, body_blocks, register
from zhcorpus.detect.batch import Batch
from zhcorpus.detect.codes import SPACES, code_points
from zhcorpus.detect.compiled import compiled
from zhcorpus.records import RawArticle

# A repeated fragment shorter than this is more likely a legitimate short line (参加。) than a printing fault
# only when it stands alone; paragraphs are compared whole, so a short one repeated twice in a row still counts.
MIN_SENTENCE_CHARS = 6
# A sentence: up to and with a run of sentence ends, and the closing marks after it (the pattern
# [^。！？!?]*[。！？!?]+[”’」』）)]*, read in a compiled loop); text after a block's last sentence end is none.
SENTENCE_ENDS = "。！？!?"
SENTENCE_CLOSERS = "”’」』）)"
# 1 a sentence end, 2 a closing mark, 3 white space (str.isspace: what strip() removes), 4 a line break.
_CLASS = np.zeros(0x110000, dtype=np.uint8)
_CLASS[SPACES] = 3
_CLASS[code_points(SENTENCE_ENDS)] = 1
_CLASS[code_points(SENTENCE_CLOSERS)] = 2
_CLASS[ord("\n")] = 4


@compiled
def _core(codes: npt.NDArray[np.uint32], classes: npt.NDArray[np.uint8], start: int, end: int) -> tuple[int, int]:
    """codes[start:end] without the white space at either end."""
    while start < end and classes[codes[start]] == 3:
        start += 1
    while end > start and classes[codes[end - 1]] == 3:
        end -= 1
    return start, end


@compiled
def _same(codes: npt.NDArray[np.uint32], start: int, end: int, other_start: int, other_end: int) -> bool:
    """codes[start:end] is codes[other_start:other_end], character for character."""
    if end - start != other_end - other_start:
        return False
    for k in range(end - start):  # noqa: SIM110 - Numba compiles no generator expression
        if codes[start + k] != codes[other_start + k]:
            return False
    return True


@compiled
def _repeated_blocks(codes: npt.NDArray[np.uint32], classes: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64]:
    """Where each block begins whose text, stripped and not empty, is that of one of the two blocks before it."""
    n = len(codes)
    found = np.empty(n + 1, np.int64)
    kept = 0
    # The stripped texts of the block before and of the one before that, (start, end); end -1 for none.
    start1, end1, start2, end2 = 0, -1, 0, -1
    start = 0
    for i in range(n + 1):
        if i < n and classes[codes[i]] != 4:
            continue
        core_start, core_end = _core(codes, classes, start, i)
        if core_end > core_start and (
            (end1 >= 0 and _same(codes, core_start, core_end, start1, end1))
            or (end2 >= 0 and _same(codes, core_start, core_end, start2, end2))
        ):
            found[kept] = start
            kept += 1
        start2, end2, start1, end1 = start1, end1, core_start, core_end
        start = i + 1
    return found[:kept]


def holding_repeated_blocks(batch: Batch) -> Set[int]:
    """The articles of a batch with a block that repeats one of the two before it, by one compiled pass over their
    bodies (a block is also compared with the last two of the article before: that only names one more)."""
    bodies = batch.bodies
    return bodies.articles_at(_repeated_blocks(bodies.codes, _CLASS))


@register(
    "dup.paragraph@1",
    "duplicate",
    "a paragraph printed again right after itself (or one block later)",
    screen=holding_repeated_blocks,
)
def duplicate_paragraphs(article: RawArticle) -> Iterator[Finding]:
    blocks = list(body_blocks(article))
    removed: set[int] = set()
    for index, offset, block in blocks:
        text = block.strip()
        if not text or article.body_kinds[index] != "paragraph":
            continue
        for distance in (1, 2):
            earlier = index - distance
            if earlier < 0 or earlier in removed or blocks[earlier][2].strip() != text:
                continue
            previous_end = blocks[index - 1][1] + len(blocks[index - 1][2])
            removed.add(index)
            yield Finding(
                detector="dup.paragraph@1",
                kind="duplicate_paragraph",
                field="text",
                start=previous_end,
                end=offset + len(block),
                before=(article.fields["text"] or "")[previous_end : offset + len(block)],
                after="",
                confidence=0.99 if distance == 1 else 0.93,
                auto=True,
                reason=f"printed block {index + 1} repeats block {earlier + 1} word for word"
                f"{'' if distance == 1 else ' (one block between them)'}: a layout or OCR duplicate",
            )
            break


@compiled
def _doubled_sentences(codes: npt.NDArray[np.uint32], classes: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64]:
    """(start, end) of each sentence that, stripped, is the sentence before it in its block and MIN_SENTENCE_CHARS
    or more long."""
    n = len(codes)
    found = np.empty((n // MIN_SENTENCE_CHARS + 1, 2), np.int64)  # each is that long at least
    kept = 0
    at = 0
    previous_start, previous_end = -1, -1  # the core of the sentence before, in this block
    while at < n:
        end = at
        while end < n and classes[codes[end]] != 1 and classes[codes[end]] != 4:
            end += 1
        if end == n or classes[codes[end]] == 4:
            at, previous_start = end + 1, -1  # no sentence end before the block's end: the next block
            continue
        while end < n and classes[codes[end]] == 1:
            end += 1
        while end < n and classes[codes[end]] == 2:
            end += 1
        start, stop = _core(codes, classes, at, end)
        length = stop - start
        if (
            previous_start >= 0
            and length >= MIN_SENTENCE_CHARS
            and _same(codes, start, stop, previous_start, previous_end)
        ):
            found[kept, 0], found[kept, 1] = at, end
            kept += 1
        previous_start, previous_end = start, stop
        at = end
    return found[:kept]


def holding_doubled_sentences(batch: Batch) -> Set[int]:
    """The articles of a batch with a doubled sentence, by one compiled pass over their bodies: the line breaks
    that join them end a block, and a sentence, as a body's end does."""
    bodies = batch.bodies
    return bodies.articles_at(_doubled_sentences(bodies.codes, _CLASS)[:, 0])


@register(
    "dup.sentence@1",
    "duplicate",
    "a sentence printed twice in a row inside one paragraph",
    screen=holding_doubled_sentences,
)
def duplicate_sentences(article: RawArticle) -> Iterator[Finding]:
    text = article.fields["text"] or ""
    for start, end in _doubled_sentences(code_points(text), _CLASS).tolist():
        yield Finding(
            detector="dup.sentence@1",
            kind="duplicate_sentence",
            field="text",
            start=start,
            end=end,
            before=text[start:end],
            after="",
            confidence=0.97,
            auto=True,
            reason=f"sentence printed twice in a row in block {text.count(chr(10), 0, start) + 1}: a layout or OCR "
            "duplicate",
        )
