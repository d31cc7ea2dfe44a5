"""A generated page: its raw text (masthead lines, then one printed block a line, blocks parted by a blank line as
on the seed page) and its gold records: the clean articles and the faults printed into the raw text."""

from __future__ import annotations

from dataclasses import dataclass

from zhcorpus.evaluate.inject import ParagraphFault
from zhcorpus.records import Article, LineRange, Paragraph, article_id, paragraph_id
from zhcorpus.synth.article import Draft
from zhcorpus.text.rawtext import line_col

VERSION = "0.0.0"  # what `zhcorpus ingest` stamps by default: generated records are no release of the corpus
BLOCK_BREAK = "\n\n"


@dataclass(frozen=True)
class PageSpec:
    id: str
    newspaper: str
    date: str
    page: str
    issue_number: int
    masthead: list[str]


@dataclass(frozen=True)
class FaultRow:
    """One injected fault, where it stands in the raw page (``before`` starts at ``line``, ``column``; 1-based)."""

    page_id: str
    article_id: str
    line: int
    column: int
    before: str
    after: str
    kind: str


@dataclass
class PageOutput:
    id: str
    text: str
    articles: list[Article]
    faults: list[FaultRow]


def _fault_row(spec: PageSpec, aid: str, first_line: int, fault: ParagraphFault) -> FaultRow:
    """The fault in page coordinates: a line break inside ``printed`` is a block break, two page lines down."""
    line, column = line_col(fault.printed, fault.edit.start)
    before = fault.edit.new.replace("\n", BLOCK_BREAK)
    return FaultRow(spec.id, aid, first_line + 2 * (line - 1), column, before, fault.after, fault.kind)


def render_page(spec: PageSpec, drafts: list[Draft], faults: list[list[ParagraphFault | None]]) -> PageOutput:
    """The page as printed with ``faults`` (one entry a body block of each draft; all None for a clean page)."""
    blocks = list(spec.masthead)
    articles: list[Article] = []
    rows: list[FaultRow] = []
    for n, (draft, injected) in enumerate(zip(drafts, faults, strict=True), start=1):
        aid = article_id(spec.id, n)
        first = 2 * len(blocks) + 1  # block k is printed on line 2k + 1
        blocks.extend(draft.heading_lines())
        blocks.extend(draft.byline)
        paragraphs = []
        for i, (body, fault) in enumerate(zip(draft.body, injected, strict=True)):
            line = 2 * len(blocks) + 1
            if fault is None:
                blocks.append(body.text)
                paragraphs.append(Paragraph(paragraph_id(aid, i + 1), body.kind, body.text))
            else:
                blocks.extend(fault.printed.split("\n"))
                paragraphs.append(Paragraph(paragraph_id(aid, i + 1), body.kind, fault.clean))
                rows.append(_fault_row(spec, aid, line, fault))
        if draft.continued_on is not None:
            blocks.append(f"下转 {draft.continued_on} 版①")
        text = "\n".join(p.text for p in paragraphs)
        articles.append(
            Article(
                id=aid,
                newspaper=spec.newspaper,
                date=spec.date,
                page=spec.page,
                issue_number=spec.issue_number,
                kicker=draft.kicker,
                headline=draft.headline,
                subtitle=draft.subtitle,
                column=draft.column,
                genre=draft.genre,
                authors=draft.authors,
                byline="\n".join(draft.byline) if draft.byline else None,
                dateline=draft.dateline,
                event_date=draft.event_date,
                paragraphs=paragraphs,
                text=text,
                text_raw=text,
                continued_on=draft.continued_on,
                continued_from=None,
                raw_lines=LineRange(first, 2 * len(blocks) - 1),
                flags=[],
                version=VERSION,
            )
        )
    return PageOutput(spec.id, BLOCK_BREAK.join(blocks) + "\n", articles, rows)
