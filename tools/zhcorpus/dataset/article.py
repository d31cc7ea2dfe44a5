"""A printed article + its accepted corrections and flags -> the released article row."""

from __future__ import annotations

from collections.abc import Callable

from zhcorpus.checkids import CORRECTIONS_REPLAY, OFFSETS_RANGE
from zhcorpus.corrections.replay import OffsetMap, in_force, replay
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.ingest.bylines import parse_byline
from zhcorpus.ingest.datelines import event_date, find_dateline
from zhcorpus.records import (
    ARTICLE_TEXT_FIELDS,
    Article,
    Author,
    Correction,
    Flag,
    FlagRef,
    Page,
    Paragraph,
    ParagraphKind,
    RawArticle,
    paragraph_id,
)

# Where a correction or flag record stands in its source file, for errors about it.
Locate = Callable[[str], Location]


def _blame(corrections: list[Correction], start: int, end: int) -> Correction | None:
    """The first accepted correction whose raw span touches [start, end]."""
    return next((c for c in corrections if c.start <= end and start <= c.end), None)


def _printed_break(raw_text: str, text: str, offsets: OffsetMap, position: int) -> int | None:
    """The raw position of the printed line break a released one stands for, or None for an added one.

    Inside text a correction wrote, its n-th line break stands for the n-th printed break of the span it replaced.
    """
    seg = offsets.segment_at(position)
    if not seg.changed:
        return seg.raw_start + position - seg.new_start
    nth = text.count("\n", seg.new_start, position)
    printed = [i for i in range(seg.raw_start, seg.raw_end) if raw_text[i] == "\n"]
    return printed[nth] if nth < len(printed) else None


def _paragraphs(
    article: RawArticle, text: str, offsets: OffsetMap, corrections: list[Correction], locate: Locate
) -> list[Paragraph]:
    """Paragraphs of the released text, each id naming the printed block the paragraph starts in.

    A paragraph after a printed line break starts the block after that break, also when a correction rewrote the
    text around the break; a line break a correction added splits the block before it (p003, p003b). So no
    released id ever changes meaning.
    """
    raw_text = article.fields["text"] or ""
    paragraphs = []
    block, split, position = 1, 0, 0
    for index, piece in enumerate(text.split("\n")):
        if index > 0:
            printed_break = _printed_break(raw_text, text, offsets, position - 1)
            if printed_break is None:
                split += 1
            else:
                block, split = raw_text.count("\n", 0, printed_break) + 2, 0
        raw_start = offsets.to_raw(position)
        raw_end = offsets.to_raw(position + len(piece))
        if not piece.strip():
            culprit = _blame(corrections, raw_start, raw_end)
            raise ZhcorpusError(
                CORRECTIONS_REPLAY,
                locate(culprit.id) if culprit else Location(article.id),
                f"corrections leave an empty paragraph in {article.id} (printed block {block})",
                "a correction that deletes a paragraph must delete one of its line breaks too",
            )
        last_block = raw_text.count("\n", 0, max(raw_start, raw_end - 1)) + 1
        kinds = set(article.body_kinds[block - 1 : last_block])
        kind: ParagraphKind = "section_head" if kinds == {"section_head"} else "paragraph"
        paragraphs.append(Paragraph(paragraph_id(article.id, block, split), kind, piece))
        position += len(piece) + 1
    return paragraphs


def _changes(correction: Correction, flag: Flag) -> bool:
    """The correction replaces some of the flagged text, or inserts inside it."""
    if correction.start == correction.end:
        return flag.start < correction.start < flag.end
    return correction.start < flag.end and flag.start < correction.end


def _flag_ref(flag: Flag, value: str, offsets: OffsetMap, corrections: list[Correction], locate: Locate) -> FlagRef:
    """A flag with its span moved into the released text; an open flag over corrected text is an error."""
    touched = [c for c in corrections if c.field == flag.field and _changes(c, flag)]
    if touched:
        if flag.status == "open":
            raise ZhcorpusError(
                OFFSETS_RANGE,
                locate(flag.id),
                f"open flag {flag.id} points at text that correction {touched[0].id} changes",
                f"resolve the flag (`zhcorpus resolve {flag.id} --reason …`) or reject the correction",
            )
        return FlagRef(flag.id, flag.kind, flag.status, flag.field, None, None, None, flag.note)
    start = offsets.to_new(flag.start) if flag.end > flag.start else offsets.to_new(flag.start - 1)
    last = offsets.to_new(flag.end - 1) if flag.end > flag.start else start
    if start is None or last is None:
        return FlagRef(flag.id, flag.kind, flag.status, flag.field, None, None, None, flag.note)
    new_start, new_end = (start, last + 1) if flag.end > flag.start else (start + 1, start + 1)
    return FlagRef(flag.id, flag.kind, flag.status, flag.field, new_start, new_end, value[new_start:new_end], flag.note)


def release_article(
    article: RawArticle, page: Page, corrections: list[Correction], flags: list[Flag], version: str, locate: Locate
) -> Article:
    """The released row: raw fields with accepted corrections replayed, paragraphs derived, metadata parsed."""
    accepted = in_force(corrections)
    released: dict[str, str | None] = {}
    offsets: dict[str, OffsetMap] = {}
    for name in ARTICLE_TEXT_FIELDS:
        raw_value = article.fields.get(name)
        field_corrections = [c for c in accepted if c.field == name]
        if raw_value is None:
            released[name] = None
            continue
        value, offsets[name] = replay(raw_value, field_corrections)
        if not value.strip() and name in ("headline", "text"):
            raise ZhcorpusError(
                CORRECTIONS_REPLAY,
                locate(field_corrections[0].id),
                f"corrections empty the {name} of {article.id}",
                "a correction may not delete a whole headline or body",
            )
        released[name] = value
    text = released["text"] or ""
    byline = released["byline"]
    authors: list[Author] = []
    for line in (byline or "").split("\n"):
        authors.extend(parse_byline(line))
    raw_text = article.fields["text"] or ""
    text_corrections = [c for c in accepted if c.field == "text"]
    return Article(
        id=article.id,
        newspaper=page.newspaper,
        date=page.date,
        page=page.page,
        issue_number=page.issue_number,
        kicker=released["kicker"],
        headline=released["headline"] or "",
        subtitle=released["subtitle"],
        column=released["column"],
        genre=article.genre,
        authors=authors,
        byline=byline,
        # The dateline as printed; its date as corrected (a misread digit fixed by a correction counts).
        dateline=find_dateline(raw_text.split("\n", 1)[0]),
        event_date=event_date(find_dateline(text.split("\n", 1)[0]), page.date),
        paragraphs=_paragraphs(article, text, offsets["text"], text_corrections, locate),
        text=text,
        text_raw=raw_text,
        continued_on=article.continued_on,
        continued_from=article.continued_from,
        raw_lines=article.lines,
        flags=[_flag_ref(f, released[f.field] or "", offsets[f.field], accepted, locate) for f in flags],
        version=version,
    )
