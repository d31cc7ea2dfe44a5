"""Propose a layout for a page never seen before: which line is masthead, heading, byline, body or marker.

The proposal is only a starting point: it is written as a layout file for a person to review, and the corpus is
built from the reviewed file, never from these guesses directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from zhcorpus.detect.column_breaks import ends_sentence
from zhcorpus.detect.lexicon import read_words, tag
from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.ingest.bylines import names_only, starts_with_role
from zhcorpus.ingest.continuation import parse_continuation
from zhcorpus.ingest.datelines import find_dateline
from zhcorpus.ingest.layout import HeadingPart, LayoutLine, PartRole
from zhcorpus.ingest.masthead import masthead_field
from zhcorpus.text.rawtext import RawLine, RawPage

Kind = Literal["continuation", "subtitle", "byline", "dateline", "heading", "body"]

# Headings carry no sentence punctuation and are short; body text nearly always has a comma or full stop.
HEADING_MAX_CHARS = 50
_SENTENCE_PUNCT = re.compile(r"[，。；！？,;!?]")
_SUBTITLE = re.compile(r"^(?:——|──|—{2,}|-{2,})")
# The first segment of a heading line reads as a kicker (引题) when it is a reporting clause.
_KICKER_END = re.compile(r"(?:[：:]|强调|表示|指出|要求|通知|工作|会议|时说|提出|部署|召开|出台|发布|举行)$")
_COMMENTARY = re.compile(r"(评论|评|社论|言论|论坛|随笔|观察)")
_ORDER: tuple[PartRole, ...] = ("column", "kicker", "headline", "subtitle")
_RANK = {role: rank for rank, role in enumerate(_ORDER)}
_FEATURE = re.compile(r"(综述|特写|纪实|侧记|调查|通讯|记事|见闻|故事)")
# The closing line of an official notice (通告, 公告): the issuer's formula, a paragraph of its own.
_NOTICE_END = re.compile(r"^特此(?:通告|公告|通知|公示|告知|函告)[。！!]?$")
# Quotation marks a heading prints whole: opening mark, closing mark.
_QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))
# Characters read on each side of a break when asking whether a word runs across it.
_WORD_WINDOW = 4
# Particles that attach to the word before them and so never open a sentence (的, 了, 着 and the plural 们).
_NO_OPENING = frozenset("的了着们")
# More printed lines than a page can hold: a broadsheet in the smallest type has room for some 50,000 characters,
# and a line holds one at least. Such a file is several pages or OCR noise; guessing its layout would only make
# a long wait end in a layout nobody reviews.
MAX_PAGE_LINES = 50_000
# What the ids can number: articles of a page (…-A1-99) and printed blocks of an article (…-p999).
MAX_ARTICLES = 99
MAX_BLOCKS = 999
# Why a line is in no article: reasons of the layout's guess, not of a person's review (``fix`` reads such lines
# as plain text so that they are checked too).
BEFORE_FIRST_HEADING = "text before the first article heading"
NO_BODY = "heading or byline with no body text below it"


def opens_unclosed_quote(text: str) -> bool:
    """True for a line that opens a quotation it does not close: a heading quotes whole, a paragraph cut by a
    column break (“企业管理者的精神追求将直接关系到企 / 业的发展！”) does not."""
    return any(text.count(opening) > text.count(closing) for opening, closing in _QUOTES)


def ends_paragraph(text: str) -> bool:
    """True for a paragraph that ends a sentence, or ends one and then a bracketed credit (……各抒己见。（王小明）,
    ……。（记者 张三）, （完）): the credit closes the paragraph, it is not a sentence a column break cut."""
    stripped = text.rstrip()
    opening = max(stripped.rfind("（"), stripped.rfind("("))
    if stripped.endswith(("）", ")")) and opening >= 0:
        before = stripped[:opening]
        return not before.strip() or ends_sentence(before)
    return ends_sentence(stripped)


def cut_mid_clause(line: str, below: str) -> bool:
    """True when ``line`` stops where no heading ends and the block below goes on with it, as a column break cuts a
    paragraph: inside a word that the block below finishes (瞬间艺术的成 / 功来源于……; the line's own last word is
    one character there), after a one-character preposition or conjunction still waiting for its object (内塔尼亚胡在
    / 世界犹太人……), or before a particle that never opens a sentence (规定以外 / 的建设工程……)."""
    left, right = line.strip()[-_WORD_WINDOW:], below.strip()[:_WORD_WINDOW]
    if not left or not right:
        return False
    last = read_words(left).words[-1]
    # A line that ends in a word of its own (……的通告) is no word cut in two, though its end and the text below
    # may make another word across the break (通告 / 别看: 告别).
    if len(last) == 1:
        start = 0
        for word in read_words(left + right).words:
            if start < len(left) < start + len(word):
                return True
            start += len(word)
        if tag(last) in {"p", "c"}:
            return True
    return opens_with_particle(right)


def opens_with_particle(text: str) -> bool:
    """True for text whose first word is a particle that never opens a sentence (着最短女上衣……): it reads as
    the rest of the line above it."""
    head = text.strip()[:_WORD_WINDOW]
    return bool(head) and read_words(head).words[0] in _NO_OPENING


def classify(text: str) -> Kind:
    """What a single line looks like on its own, before its neighbours are considered."""
    stripped = text.strip()
    if parse_continuation(stripped):
        return "continuation"
    if _SUBTITLE.match(stripped):
        return "subtitle"
    if starts_with_role(stripped):
        return "byline"
    if find_dateline(stripped) and len(stripped) > 20:
        return "dateline"
    if (
        len(stripped) <= HEADING_MAX_CHARS
        and not _SENTENCE_PUNCT.search(stripped)
        and not opens_unclosed_quote(stripped)
    ):
        return "heading"
    return "body"


def split_kicker(text: str) -> tuple[HeadingPart, ...]:
    """Split a one-line heading into kicker and headline when its first segment reads as a kicker."""
    stripped = text.strip()
    segments = stripped.split()
    if len(segments) >= 2 and _KICKER_END.search(segments[0]):
        rest = stripped[len(segments[0]) :].strip()
        return (HeadingPart("kicker", segments[0]), HeadingPart("headline", rest))
    return (HeadingPart("headline", stripped),)


@dataclass
class _Article:
    lines: list[LayoutLine]


def _heading_parts(run: list[RawLine], kinds: list[Kind], earlier_headlines: set[str]) -> list[LayoutLine]:
    """Parts of a heading run: the last plain heading line is the headline; lines above it column or kicker."""
    plain = [i for i, k in enumerate(kinds) if k == "heading"]
    roles: dict[int, tuple[HeadingPart, ...]] = {}
    if plain:
        last = plain[-1]
        above = plain[:-1]
        if above:
            roles[last] = (HeadingPart("headline", run[last].text.strip()),)
        else:
            roles[last] = split_kicker(run[last].text)
        above_roles: list[PartRole] = []
        has_column = False  # a flag, not a search of above_roles: a run may be thousands of lines long
        for i in above:
            is_column = run[i].text.strip() in earlier_headlines or len(above) - len(above_roles) > 1
            role: PartRole = "column" if is_column and not has_column else "kicker"
            has_column = has_column or role == "column"
            above_roles.append(role)
        for i, role in zip(above, above_roles, strict=True):
            roles[i] = (HeadingPart(role, run[i].text.strip()),)
    out = []
    last_rank = -1
    for i, raw_line in enumerate(run):
        parts = roles.get(i, (HeadingPart("subtitle", raw_line.text.strip()),))
        if _RANK[parts[0].role] <= last_rank:
            # Parts are printed column, kicker, headline, subtitle: a line out of that order continues the part above.
            parts = (HeadingPart(_ORDER[last_rank], raw_line.text.strip()),)
        last_rank = _RANK[parts[-1].role]
        out.append(LayoutLine(raw_line.number, raw_line.text, "heading", parts=parts))
    return out


def _genre(lines: list[LayoutLine]) -> str:
    subtitle = " ".join(p.text for layout_line in lines for p in layout_line.parts if p.role == "subtitle")
    if _COMMENTARY.search(subtitle):
        return "commentary"
    if _FEATURE.search(subtitle) or any(layout_line.role == "section_head" for layout_line in lines):
        return "feature"
    body = [layout_line for layout_line in lines if layout_line.role == "paragraph"]
    if body and _NOTICE_END.match(body[-1].text.strip()):
        return "notice"
    has_dateline = bool(body) and find_dateline(body[0].text.strip()) is not None
    bylines = [layout_line for layout_line in lines if layout_line.role == "byline"]
    if not has_dateline and bylines and all(names_only(layout_line.text) for layout_line in bylines):
        return "commentary"
    return "news"


def _ensure_headline(lines: list[LayoutLine]) -> list[LayoutLine]:
    """An article whose heading is only a subtitle-like line gets that line as its headline."""
    if any(p.role == "headline" for layout_line in lines for p in layout_line.parts):
        return lines
    first = next(i for i, layout_line in enumerate(lines) if layout_line.role == "heading")
    head = lines[first]
    return [
        *lines[:first],
        LayoutLine(head.line, head.text, "heading", parts=(HeadingPart("headline", head.text.strip()),)),
        *lines[first + 1 :],
    ]


def _check_ids(raw: RawPage, article: _Article, number: int) -> None:
    """A located error for an article its ids cannot name: the 100th of a page, or one of 1,000 printed blocks."""
    blocks = [layout_line for layout_line in article.lines if layout_line.role in {"paragraph", "section_head"}]
    if number > MAX_ARTICLES:
        line, message = article.lines[0].line, f"article {number} of the page; ids number {MAX_ARTICLES} at most"
    elif len(blocks) > MAX_BLOCKS:
        line = blocks[MAX_BLOCKS].line
        message = f"article {number} has {len(blocks):,} printed blocks; ids number {MAX_BLOCKS} at most"
    else:
        return
    raise ZhcorpusError(
        "ingest.page-size",
        Location(display_path(raw.path), line),
        message,
        "check that the file is one OCR'd page, or give a reviewed layout (`zhcorpus ingest --layout`) that "
        "drops the lines that are no text",
    )


def propose_layout(raw: RawPage) -> list[LayoutLine]:
    """A layout for every non-blank line of the page; a located error for a file that is no page."""
    lines = raw.nonblank_lines()
    if len(lines) > MAX_PAGE_LINES:
        raise ZhcorpusError(
            "ingest.page-size",
            Location(display_path(raw.path), lines[MAX_PAGE_LINES].number),
            f"{len(lines):,} printed lines, more than a page holds ({MAX_PAGE_LINES:,}); no layout is guessed",
            "give one OCR'd page a file (one printed block a line), or a reviewed layout (`zhcorpus ingest --layout`)",
        )
    out: list[LayoutLine] = []
    i = 0
    while i < len(lines):
        found = masthead_field(lines[i].text, is_first=i == 0)
        if found is None:
            break
        out.append(LayoutLine(lines[i].number, lines[i].text, "masthead", field=found))
        i += 1
    rest = lines[i:]
    kinds = [classify(ln.text) for ln in rest]
    articles: list[_Article] = []
    earlier: set[str] = set()
    # The end of the run of heading lines that holds j. A run is read again after each of its lines that turns
    # out to be body (below), so its end is kept rather than scanned for from every line: a page of 300,000
    # short lines is one run. Only the run's first or last line ever changes kind, and each change moves the
    # kept end with it, so it stays the end of the run.
    run_end = 0
    j = 0
    while j < len(rest):
        kind = kinds[j]
        if kind in {"heading", "subtitle"}:
            if j >= run_end:
                run_end = j
                while run_end < len(rest) and kinds[run_end] in {"heading", "subtitle"}:
                    run_end += 1
            k = run_end
            run_length = k - j
            # A names-only line closing a run that has a headline above it is an author line.
            author_line = run_length >= 2 and names_only(rest[k - 1].text)
            nxt = kinds[k] if k < len(rest) else None
            if articles and not author_line and nxt == "body" and run_length >= 2:
                # Only the run's length says a new article starts here: no byline, no dateline. A run line that
                # the body around it continues is a paragraph cut by a column break, not a heading: the first
                # after a paragraph that stops mid-sentence, the last when it stops mid-clause (cut_mid_clause)
                # and the block below goes on with it. Read it as body and look at the run again.
                above = articles[-1].lines[-1]
                if above.role == "paragraph" and not ends_paragraph(above.text):
                    kinds[j] = "body"
                    continue
                if cut_mid_clause(rest[k - 1].text, rest[k].text):
                    kinds[k - 1] = "body"
                    run_end = k - 1
                    continue
            starts = author_line or nxt in {"byline", "dateline"} or run_length >= 2 or not articles
            if starts and nxt is not None:
                heading_end = k - 1 if author_line else k
                parts = _heading_parts(rest[j:heading_end], kinds[j:heading_end], earlier)
                article = _Article(parts)
                articles.append(article)
                earlier.update(p.text for layout_line in parts for p in layout_line.parts if p.role == "headline")
                if author_line:
                    article.lines.append(LayoutLine(rest[k - 1].number, rest[k - 1].text, "byline"))
                j = k
                while j < len(rest) and (
                    kinds[j] == "byline"
                    or (kinds[j] == "heading" and names_only(rest[j].text) and article.lines[-1].role == "byline")
                ):
                    article.lines.append(LayoutLine(rest[j].number, rest[j].text, "byline"))
                    j += 1
                continue
            if articles and nxt is not None and run_length == 1 and kind == "heading":
                articles[-1].lines.append(LayoutLine(rest[j].number, rest[j].text, "section_head"))
                j += 1
                continue
        line = rest[j]
        if not articles:
            out.append(LayoutLine(line.number, line.text, "dropped", reason=BEFORE_FIRST_HEADING))
        elif kind == "continuation":
            articles[-1].lines.append(LayoutLine(line.number, line.text, "continuation"))
        else:
            articles[-1].lines.append(LayoutLine(line.number, line.text, "paragraph"))
        j += 1
    number = 0
    for article in articles:
        if not any(layout_line.role in {"paragraph", "section_head"} for layout_line in article.lines):
            out.extend(
                LayoutLine(layout_line.line, layout_line.text, "dropped", reason=NO_BODY)
                for layout_line in article.lines
            )
            continue
        number += 1
        _check_ids(raw, article, number)
        genre = _genre(article.lines)
        article_lines = _ensure_headline(article.lines)
        for n, layout_line in enumerate(article_lines):
            out.append(
                LayoutLine(
                    layout_line.line,
                    layout_line.text,
                    layout_line.role,
                    article=number,
                    genre=genre if n == 0 else None,
                    parts=layout_line.parts,
                )
            )
    out.sort(key=lambda layout_line: layout_line.line)
    return out
