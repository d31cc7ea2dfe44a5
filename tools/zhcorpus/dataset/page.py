"""One page: assembled from raw + layout, its corrections, flags and mentions checked, its articles released.

The corpus's build does this for each of its pages, ``zhcorpus ingest`` for the page it reads and an archive build
(without mentions) for every page of an archive; only the corpus's build writes files, so none of its imports
(the card, ``datasets``) are here.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhcorpus.corrections.validate import (
    duplicate_ids,
    id_prefix_problems,
    method_problems,
    overlap_problems,
    replaces_problems,
    span_problems,
)
from zhcorpus.dataset.article import release_article
from zhcorpus.dataset.entities import release_entities, unknown_record_problems
from zhcorpus.detect import known_ids
from zhcorpus.detect.confusable import gazetteer
from zhcorpus.errors import Location, Problem, raise_all
from zhcorpus.ingest.assemble import assemble
from zhcorpus.records import Article, Entity, Page, RawArticle
from zhcorpus.sources import PageSources


@dataclass
class PageBuild:
    sources: PageSources
    page: Page
    raw_articles: list[RawArticle]
    articles: list[Article]
    entities: list[Entity]


def _annotators() -> list[str]:
    """The ids of the registered annotators: the methods a mention may name. Imported on use, as only a page with
    mentions needs them: an archive build's pages have none, and its commands stay without the annotators."""
    from zhcorpus.annotate import REGISTRY

    return list(REGISTRY)


def page_problems(page_sources: PageSources, articles: dict[str, RawArticle]) -> list[Problem]:
    """What stops a page's corrections and flags from being replayed: bad ids or methods, bad spans, overlaps;
    and what stops its mentions from being placed: bad ids or methods, unknown articles."""
    items = page_sources.items()
    return (
        duplicate_ids(items)
        + id_prefix_problems(items)
        + method_problems(page_sources.records(), known_ids())
        + (method_problems(page_sources.annotations, _annotators()) if page_sources.annotations else [])
        + unknown_record_problems(page_sources.annotations, set(articles))
        + span_problems(page_sources.corrections, articles)
        + span_problems(page_sources.flags, articles)
        + overlap_problems(page_sources.corrections)
        + replaces_problems(page_sources.corrections)
    )


def build_page(page_sources: PageSources, raw_file: str, layout_file: str, version: str) -> PageBuild:
    """One page: assemble from raw + layout, check corrections and flags against it, release its articles."""
    page, raw_articles = assemble(page_sources.raw, page_sources.layout, page_sources.page_id, raw_file, version)
    by_id = {a.id: a for a in raw_articles}
    raise_all(page_problems(page_sources, by_id))
    rows = {item.id: row for row, item in page_sources.records()}

    def locate(record_id: str) -> Location:
        return rows[record_id].location() if record_id in rows else Location(layout_file, record=record_id)

    articles, entities, problems = [], [], []
    for raw_article in raw_articles:
        article_corrections = [c for _, c in page_sources.corrections if c.record == raw_article.id]
        flags = [f for _, f in page_sources.flags if f.record == raw_article.id]
        article = release_article(raw_article, page, article_corrections, flags, version, locate)
        articles.append(article)
        annotations = [(row, a) for row, a in page_sources.annotations if a.record == raw_article.id]
        found, wrong = release_entities(raw_article, article, annotations, article_corrections, version, division)
        entities.extend(found)
        problems.extend(wrong)
    raise_all(problems)
    return PageBuild(page_sources, page, raw_articles, articles, entities)


def division(code: str) -> tuple[str, int] | None:
    """Name and level (1 province ... 4 township) of a division code in the gazetteer."""
    found = gazetteer().by_code.get(code)
    return None if found is None else (found.name, found.level)
