"""Proof that ingest loses nothing: every character of the raw page is in a field of a record or in the dropped list.

White space between printed blocks (line ends, blank lines, the gap between two parts of a heading line) is layout,
not text; every other character is counted, so a character that went missing or appeared twice is reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from zhcorpus.records import Page, RawArticle
from zhcorpus.text.rawtext import RawPage


def _chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


@dataclass(frozen=True)
class Unaccounted:
    """A raw line (or, with line None, an article) that the records do not account for, and how."""

    line: int | None
    message: str


def unaccounted(raw: RawPage, page: Page, articles: list[RawArticle]) -> list[Unaccounted]:
    """Why the records do not account for the raw page exactly; empty when nothing is lost or invented."""
    problems: list[Unaccounted] = []
    raw_lines = {ln.number: ln.text for ln in raw.nonblank_lines()}
    owner: dict[int, str] = {}

    def claim(line: int, who: str) -> None:
        if line in owner:
            problems.append(Unaccounted(line, f"line is claimed by {owner[line]} and by {who}"))
        owner[line] = who

    whole_lines = [("the masthead", m.line, m.text) for m in page.masthead]
    whole_lines += [("the dropped list", d.line, d.text) for d in page.dropped]
    for who, line, text in whole_lines:
        claim(line, who)
        if raw_lines.get(line) != text:
            problems.append(Unaccounted(line, f"{who} holds {text!r}, the raw line is {raw_lines.get(line)!r}"))
    for article in articles:
        printed: Counter[str] = Counter()
        for line in range(article.lines.first, article.lines.last + 1):
            if line in raw_lines and owner.get(line) != "the dropped list":
                claim(line, article.id)
                printed += _chars(raw_lines[line])
        held: Counter[str] = Counter()
        for value in article.fields.values():
            held += _chars(value or "")
        if printed != held:
            lost = "".join(sorted((printed - held).elements()))
            added = "".join(sorted((held - printed).elements()))
            problems.append(Unaccounted(None, f"{article.id}: lost {lost!r}, added {added!r}"))
    for line in sorted(set(raw_lines) - set(owner)):
        problems.append(Unaccounted(line, f"line is in no record: {raw_lines[line]!r}"))
    return problems
