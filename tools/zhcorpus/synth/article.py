"""One generated article: its printed parts (heading, byline, body) in the conventions ingest reads.

Conventions kept so ingest reads a clean page back as generated: every article starts with two heading lines, a
byline or a dateline (a lone heading line above body text is a section head); a column label is printed only with
a kicker on its own line under it (a column alone above a headline reads as a kicker); a kicker shares the
headline's line only when it ends in a reporting clause (强调, 会议, ...); a commentary's byline is its authors'
names alone; a feature has section heads.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from zhcorpus.evaluate.clean import CleanParagraph
from zhcorpus.records import Author, Genre, ParagraphKind
from zhcorpus.synth.papers import Paper, staff
from zhcorpus.synth.text import TextSource, lead_sentence

GENRES: tuple[Genre, ...] = ("news", "brief", "commentary", "feature", "notice")
GENRE_WEIGHTS = (55, 20, 8, 10, 7)
# Paragraphs an article by genre: briefs of one or two, features long.
LENGTHS: dict[Genre, tuple[int, int]] = {
    "news": (2, 9),
    "brief": (1, 2),
    "commentary": (4, 9),
    "feature": (8, 26),
    "notice": (1, 3),
}
# Kickers (引题) that end in a reporting clause ingest knows, so they may share the headline's line.
KICKERS = (
    "市委常委会召开扩大会议",
    "市政府常务会议强调",
    "市委书记在基层调研时强调",
    "全市经济工作会议召开",
    "市纪委监委发布通知",
    "市人大常委会主任会议提出",
    "市长在全市安全生产会议上指出",
    "市委组织部出台",
    "市政协主席会议部署",
    "全市春运工作会议要求",
)
NOTICES = (
    "关于春节期间道路交通管制的通告",
    "关于开展冬季消防安全检查的通告",
    "关于调整城区公交线路的通告",
    "关于征集年度民生实事项目的公告",
    "关于规范城区户外广告设置的通告",
)
NOTICE_END = "特此通告。"  # the same closing line in every notice, across issues
NUMERALS = "一二三四五六七八九十"
DATELINE_FORMS = ("{source} {m}月{d}日", "本报讯（记者 {name}）{m}月{d}日")


@dataclass(frozen=True)
class Body:
    """A body block; ``source`` is the corpus paragraph when the text is it unchanged (faults go only there)."""

    kind: ParagraphKind
    text: str
    source: CleanParagraph | None


@dataclass
class Draft:
    genre: Genre
    column: str | None
    kicker: str | None
    kicker_own_line: bool
    headline: str
    subtitle: str | None  # as printed, with its dash
    byline: list[str]  # printed byline lines
    authors: list[Author]
    dateline: str | None
    event_date: str | None
    body: list[Body]
    continued_on: str | None

    def heading_lines(self) -> list[str]:
        lines = [] if self.column is None else [self.column]
        if self.kicker is None:
            lines.append(self.headline)
        elif self.kicker_own_line:
            lines.extend((self.kicker, self.headline))
        else:
            lines.append(f"{self.kicker} {self.headline}")
        if self.subtitle is not None:
            lines.append(self.subtitle)
        return lines


def _byline(paper: Paper, rng: random.Random, genre: Genre) -> tuple[list[str], list[Author]]:
    people = staff(paper.id)
    if genre == "commentary":
        names = rng.sample(people.commentators, rng.choice((1, 1, 1, 2)))
        return [" ".join(names)], [Author(n, "author") for n in names]
    reporters = rng.sample(people.reporters, rng.choice((1, 1, 2, 2, 3)))
    lines = [" ".join([f"{paper.name}记者", *reporters])]
    authors = [Author(n, "reporter") for n in reporters]
    if rng.random() < 0.4:
        correspondents = rng.sample(people.correspondents, rng.choice((1, 2)))
        slashed = rng.random() < 0.5  # both forms city dailies print: 通讯员/甲、乙 and 通讯员 甲 乙
        lines.append("通讯员/" + "、".join(correspondents) if slashed else " ".join(["通讯员", *correspondents]))
        authors.extend(Author(n, "correspondent") for n in correspondents)
    return lines, authors


def _dateline(paper: Paper, rng: random.Random, day: date) -> tuple[str, str]:
    """A dateline as printed and the ISO date it names (a day or two before)."""
    event = day - timedelta(days=rng.choice((0, 1, 1, 2)))
    form = rng.choice(DATELINE_FORMS)
    name = rng.choice(staff(paper.id).reporters)
    return form.format(source=paper.news_source, m=event.month, d=event.day, name=name), event.isoformat()


def _section_heads(src: TextSource, rng: random.Random, body: list[Body], taken: set[str]) -> list[Body]:
    """Section heads before every few paragraphs of a feature (never first, never last)."""
    out: list[Body] = []
    next_head = rng.randint(2, 4)
    for i, block in enumerate(body):
        if i == next_head:
            # Drawn again rather than skipped: a feature left without a section head reads as news on the page.
            head = rng.choice(src.headlines)
            while head in taken:
                head = rng.choice(src.headlines)
            taken.add(head)
            out.append(Body("section_head", head, None))
            next_head += rng.randint(3, 6)
        out.append(block)
    return out


def plan_article(src: TextSource, paper: Paper, rng: random.Random, day: date, later_pages: tuple[str, ...]) -> Draft:
    genre: Genre = rng.choices(GENRES, GENRE_WEIGHTS)[0]
    low, high = LENGTHS[genre]
    start, picked = src.body(rng, rng.randint(low, high))
    body = [Body("paragraph", p.text, p) for p in picked]
    headline = rng.choice(NOTICES) if genre == "notice" else src.headline(rng, start)
    column = kicker = subtitle = dateline = event = None
    kicker_own_line = True
    byline: list[str] = []
    authors: list[Author] = []
    if genre == "notice":
        kicker = f"{paper.city}市人民政府"  # the issuer above the title: with it the heading has two lines
        body.append(Body("paragraph", NOTICE_END, None))
    else:
        if genre != "brief" or rng.random() < 0.3:
            byline, authors = _byline(paper, rng, genre)
        if genre in ("news", "brief", "feature") and (not byline or rng.random() < 0.6):
            dateline, event = _dateline(paper, rng, day)
            body[0] = Body("paragraph", f"{dateline}，{body[0].text}", None)
        if genre in ("news", "feature") and rng.random() < 0.25:
            # Only the fixed kickers: a kicker equal to a headline earlier on the page would read as a column.
            kicker = rng.choice(KICKERS)
            kicker_own_line = rng.random() < 0.5
            if kicker_own_line and rng.random() < 0.3:
                column = rng.choice(paper.columns)
        if genre == "commentary" and rng.random() < 0.5:
            subtitle = f"——{rng.choice(src.headlines)}系列评论之{rng.choice(NUMERALS)}"
        elif genre == "feature" and rng.random() < 0.3:
            subtitle = f"——{rng.choice(src.headlines)}{rng.choice(('综述', '侧记', '纪实'))}"
        elif genre == "news" and rng.random() < 0.15:
            subtitle = "——" + rng.choice(src.headlines)
        if len(body) >= 3 and rng.random() < 0.15:
            # The lead restated at the top of the last paragraph: a legitimate repetition, not a fault.
            lead = lead_sentence(picked[0].text)
            if lead is not None:
                body[-1] = Body("paragraph", lead + body[-1].text, None)
        if genre == "news" and rng.random() < 0.1:
            body.append(Body("paragraph", paper.hotline, None))
        if genre == "feature":
            body = _section_heads(src, rng, body, {headline})
    continued_on = rng.choice(later_pages) if later_pages and genre != "brief" and rng.random() < 0.08 else None
    return Draft(
        genre, column, kicker, kicker_own_line, headline, subtitle, byline, authors, dateline, event, body, continued_on
    )
