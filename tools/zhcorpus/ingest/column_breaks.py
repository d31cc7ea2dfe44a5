"""Column-break merges: a printed block that stops mid-sentence continues in the next block of the same article.

Ingest records each merge as a correction (the line break deleted), so a reviewer can reject one like any other.
"""

from __future__ import annotations

import re

from zhcorpus.records import Correction, RawArticle

METHOD = "ingest.column_break@1"
# Closing quotes and brackets do not end a sentence by themselves: look at what stands before them.
_CLOSERS = "”’」』）)》〉】"
_SENTENCE_END = "。！？…；：!?;:"
_HAN_OR_ALNUM = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def propose_merges(article: RawArticle, first_number: int = 1) -> list[Correction]:
    """One accepted correction for every paragraph block that runs on into the next paragraph block."""
    text = article.fields["text"] or ""
    blocks = text.split("\n")
    found: list[Correction] = []
    offset = 0
    for i, block in enumerate(blocks[:-1]):
        offset += len(block)
        joinable = article.body_kinds[i] == "paragraph" and article.body_kinds[i + 1] == "paragraph"
        if joinable and not ends_sentence(block):
            mid_word = bool(_HAN_OR_ALNUM.match(block.rstrip()[-1:]))
            found.append(
                Correction(
                    id=f"{article.id}-c{first_number + len(found):03d}",
                    record=article.id,
                    field="text",
                    start=offset,
                    end=offset + 1,
                    before="\n",
                    after="",
                    kind="column_break",
                    method=METHOD,
                    confidence=0.98 if mid_word else 0.95,
                    status="accepted",
                    reason=f"block ends mid-{'word' if mid_word else 'sentence'} ({block.rstrip()[-4:]}) and the "
                    f"next block continues it ({blocks[i + 1][:4]}): a column break, not a paragraph end",
                )
            )
        offset += 1
    return found
