"""What `zhcorpus review` shows: the pending corrections and flags of each article, in their printed text.

The terminal review and the HTML page both read this, so they always agree on what a reviewer has to decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhcorpus.ingest.assemble import assemble_articles
from zhcorpus.records import ARTICLE_TEXT_FIELDS, Correction, Flag, RawArticle
from zhcorpus.sources import Sources

PENDING_STATUSES = ("proposed", "open")


@dataclass(frozen=True)
class Item:
    """One record with the printed text of the field it points into (its offsets are offsets into ``value``)."""

    record: Correction | Flag
    value: str

    @property
    def pending(self) -> bool:
        return self.record.status in PENDING_STATUSES


@dataclass
class ArticleItems:
    page_id: str
    article: RawArticle
    items: list[Item] = field(default_factory=list)


def _position(item: Item) -> tuple[int, int, int, str]:
    """Reading order within an article: field as printed (column, kicker, headline, ...), then offset.

    The schemas allow only these fields, and only schema-checked records are loaded.
    """
    return ARTICLE_TEXT_FIELDS.index(item.record.field), item.record.start, item.record.end, item.record.id


def pending_by_article(sources: Sources, include_decided: bool) -> list[ArticleItems]:
    """Articles in page order with their pending records (every record when ``include_decided``) in reading order.

    A record whose article is not on its page is left out here: `zhcorpus validate` reports it with its line.
    """
    found: list[ArticleItems] = []
    for page_sources in sources.pages:
        articles = assemble_articles(page_sources.raw, page_sources.layout, page_sources.page_id).articles
        by_id = {a.id: ArticleItems(page_sources.page_id, a) for a in articles}
        for _, record in page_sources.records():
            if record.record not in by_id:
                continue
            item = Item(record, by_id[record.record].article.fields.get(record.field) or "")
            if item.pending or include_decided:
                by_id[record.record].items.append(item)
        for a in articles:
            if by_id[a.id].items:
                by_id[a.id].items.sort(key=_position)
                found.append(by_id[a.id])
    return found
