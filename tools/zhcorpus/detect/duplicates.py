"""Text printed twice by layout or OCR: a paragraph repeated right after itself, a sentence doubled in place.

Judged by position: only a repeat right after (or one block after) its first copy inside one article is a fault.
A sentence echoed later in the article, a column label equal to a headline, the same sentence in two articles:
all are printed on purpose and never reach this detector as a near repeat.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhcorpus.detect.base import Finding, body_blocks, register
from zhcorpus.records import RawArticle

# A repeated fragment shorter than this is more likely a legitimate short line (参加。) than a printing fault
# only when it stands alone; paragraphs are compared whole, so a short one repeated twice in a row still counts.
MIN_SENTENCE_CHARS = 6
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”’」』）)]*")


@register("dup.paragraph@1", "duplicate", "a paragraph printed again right after itself (or one block later)")
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


@register("dup.sentence@1", "duplicate", "a sentence printed twice in a row inside one paragraph")
def duplicate_sentences(article: RawArticle) -> Iterator[Finding]:
    for index, offset, block in body_blocks(article):
        previous: re.Match[str] | None = None
        for match in _SENTENCE.finditer(block):
            sentence = match.group().strip()
            if previous is not None and len(sentence) >= MIN_SENTENCE_CHARS and previous.group().strip() == sentence:
                yield Finding(
                    detector="dup.sentence@1",
                    kind="duplicate_sentence",
                    field="text",
                    start=offset + match.start(),
                    end=offset + match.end(),
                    before=match.group(),
                    after="",
                    confidence=0.97,
                    auto=True,
                    reason=f"sentence printed twice in a row in block {index + 1}: a layout or OCR duplicate",
                )
            previous = match
