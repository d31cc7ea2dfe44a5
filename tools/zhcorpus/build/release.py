"""A printed article + its accepted corrections and flags -> the released article row."""

from __future__ import annotations

from zhcorpus.corrections.replay import OffsetMap, replay
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
    RawArticle,
    paragraph_id,
)


def _paragraphs(article: RawArticle, text: str, offsets: OffsetMap, where: Location) -> list[Paragraph]:
    raw_text = article.fields["text"] or ""
    paragraphs = []
    seen: dict[int, int] = {}
    position = 0
    for piece in text.split("\n"):
        raw_position = offsets.to_raw(position)
        block = raw_text.count("\n", 0, raw_position) + 1
        if not piece.strip():
            raise ZhcorpusError(
                "corrections.replay@1",
                where,
                f"corrections leave an empty paragraph in {article.id} (printed block {block})",
                "a correction that deletes a paragraph must delete its line break too",
            )
        split = seen.get(block, -1) + 1
        seen[block] = split
        paragraphs.append(Paragraph(paragraph_id(article.id, block, split), article.body_kinds[block - 1], piece))
        position += len(piece) + 1
    return paragraphs


def release_article(
    article: RawArticle, page: Page, corrections: list[Correction], flags: list[Flag], version: str, where: Location
) -> Article:
    """The released row: raw fields with accepted corrections replayed, paragraphs derived, metadata parsed."""
    released: dict[str, str | None] = {}
    text_offsets: OffsetMap | None = None
    for name in ARTICLE_TEXT_FIELDS:
        raw_value = article.fields.get(name)
        mine = [c for c in corrections if c.field == name and c.status == "accepted"]
        if raw_value is None:
            released[name] = None
            continue
        value, offsets = replay(raw_value, mine)
        if name == "text":
            text_offsets = offsets
        if not value.strip() and name in ("headline", "text"):
            raise ZhcorpusError(
                "corrections.replay@1",
                where,
                f"corrections empty the {name} of {article.id}",
                "a correction may not delete a whole headline or body",
            )
        released[name] = value
    text = released["text"] or ""
    if text_offsets is None:
        raise ZhcorpusError("corrections.replay@1", where, f"{article.id} has no body text")
    byline = released["byline"]
    authors: list[Author] = []
    for line in (byline or "").split("\n"):
        authors.extend(parse_byline(line))
    raw_text = article.fields["text"] or ""
    dateline = find_dateline(raw_text.split("\n", 1)[0])
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
        dateline=dateline,
        event_date=event_date(dateline, page.date),
        paragraphs=_paragraphs(article, text, text_offsets, where),
        text=text,
        text_raw=raw_text,
        continued_on=article.continued_on,
        continued_from=article.continued_from,
        raw_lines=article.lines,
        flags=[FlagRef(f.id, f.kind, f.status, f.field, f.note) for f in flags],
        version=version,
    )
