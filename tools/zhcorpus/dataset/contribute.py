"""A contributor's change to the released text -> `proposed` correction records anchored in the printed text.

A contributor reads the released text (raw + accepted corrections), but a correction is a span of the printed
text. Two ways in: name the text to change (`zhcorpus correct ID --find … --replace …`), or edit a copy of
`jsonl/articles.jsonl` (`zhcorpus correct --from-edit FILE`); both come down to an :class:`Edit` of a released
span, which is mapped back to the printed text and refused when it cannot stand as a correction of its own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from zhcorpus.annotate.propose import ReleasedArticle, released
from zhcorpus.corrections.replay import in_force
from zhcorpus.corrections.store import append_records
from zhcorpus.dataset.page import build_page
from zhcorpus.errors import Location, ZhcorpusError, raise_all
from zhcorpus.io.jsonlines import JsonLine, dumps, read_jsonl
from zhcorpus.records import ARTICLE_TEXT_FIELDS, CORRECTION_ID, MAX_CORRECTION_CHARS, Article, Correction, Flag
from zhcorpus.sources import CorpusPaths, load_sources
from zhcorpus.text.charpolicy import WRITTEN, refuse

COMMAND_LINE = "<command line>"
# Fields of an exported article row that a contributor may edit (besides paragraphs[].text): the printed heading
# parts and the byline, each a field a correction can point into.
HEADING_FIELDS = ("kicker", "headline", "subtitle", "column", "byline")
CONTEXT = 8  # characters of context shown either side of a candidate span


@dataclass(frozen=True)
class ArticleView:
    """One article as a contributor sees it (its released row) with what a correction is checked against."""

    page_id: str
    row: Article
    released: ReleasedArticle
    corrections: list[tuple[JsonLine, Correction]]
    flags: list[Flag]

    def value(self, name: str) -> str | None:
        found = self.released.fields.get(name)
        return None if found is None else found[0]

    def paragraph_at(self, position: int) -> tuple[str, int]:
        """The id of the paragraph a position of the released text lies in, and where that paragraph starts."""
        start = 0
        for paragraph in self.row.paragraphs:
            if position <= start + len(paragraph.text):
                return paragraph.id, start
            start += len(paragraph.text) + 1
        last = self.row.paragraphs[-1]
        return last.id, start - len(last.text) - 1


@dataclass(frozen=True)
class Corpus:
    """Every article of the corpus as released, by id."""

    articles: dict[str, ArticleView]

    def article(self, article_id: str, where: Location) -> ArticleView:
        if article_id not in self.articles:
            raise ZhcorpusError(
                "correct.article",
                where,
                f"unknown article {article_id}",
                f"name one of: {', '.join(sorted(self.articles))}",
            )
        return self.articles[article_id]


@dataclass(frozen=True)
class Edit:
    """A change a contributor asks for: released ``field[start:end]`` of an article becomes ``after``."""

    article: str
    field: str
    start: int
    end: int
    after: str
    where: Location  # where the contributor asked for it, for errors


@dataclass
class Plan:
    """Corrections to append, page by page, and what the maintainer must do besides accepting them."""

    corrections: list[tuple[str, Correction]] = field(default_factory=list)
    paragraphs: dict[str, str] = field(default_factory=dict)  # correction id -> paragraph id (text field)
    flags: dict[str, list[Flag]] = field(default_factory=dict)  # correction id -> open flags whose text it changes


def load_corpus(paths: CorpusPaths) -> Corpus:
    """The released articles of every page, as the current sources build them (the corpus must build)."""
    sources = load_sources(paths)
    raise_all(sources.problems)
    version = sources.settings.version if sources.settings else "0.0.0"
    articles = {}
    for page_sources in sources.pages:
        built = build_page(page_sources, paths.rel(paths.raw(page_sources.page_id)), page_sources.page_id, version)
        for raw, row in zip(built.raw_articles, built.articles, strict=True):
            article_corrections = [(line, c) for line, c in page_sources.corrections if c.record == raw.id]
            flags = [f for _, f in page_sources.flags if f.record == raw.id]
            articles[raw.id] = ArticleView(
                page_sources.page_id,
                row,
                released(raw, [c for _, c in article_corrections]),
                article_corrections,
                flags,
            )
    return Corpus(articles)


def _context(value: str, start: int, end: int, paragraph_start: int) -> str:
    left = max(paragraph_start, start - CONTEXT)
    right_stop = value.find("\n", end)
    right = min(end + CONTEXT, len(value) if right_stop < 0 else right_stop)
    return f"…{value[left:start]}[{value[start:end]}]{value[end:right]}…"


def _where_in(view: ArticleView, name: str, position: int) -> tuple[str, int]:
    """A readable place in a field (the paragraph id in the body, else the field's name) and where it starts."""
    return view.paragraph_at(position) if name == "text" else (name, 0)


def locate(
    view: ArticleView, name: str, find: str, nth: int | None, where: Location, others: Sequence[ArticleView] = ()
) -> tuple[int, int]:
    """The released span of the unique (or ``nth``) occurrence of ``find`` in the field; a missing one is looked
    for in the article's other fields and in ``others``, to say where it is."""
    value = view.value(name)
    if value is None:
        present = [n for n in ARTICLE_TEXT_FIELDS if view.value(n) is not None]
        raise ZhcorpusError(
            "correct.field", where, f"article {view.row.id} has no {name}", f"use --field {' or '.join(present)}"
        )
    if not find:
        raise ZhcorpusError("correct.find", where, "--find is empty", "give the text to change, as the article reads")
    starts = []
    at = value.find(find)
    while at >= 0:
        starts.append(at)
        at = value.find(find, at + 1)
    if not starts:
        elsewhere = [
            f"{other.row.id} {n}"
            for other in [view, *others]
            for n in ARTICLE_TEXT_FIELDS
            if (other is not view or n != name) and find in (other.value(n) or "")
        ]
        printed = view.released.raw.fields.get(name) or ""
        hint = "copy it from the released text (jsonl/articles.jsonl), not from the printed text_raw"
        if elsewhere:
            hint = f"it is in {', '.join(elsewhere[:5])}: name that article and --field"
        elif find in printed:
            hint = "the printed text has it, but an accepted correction already changed it: " + hint
        raise ZhcorpusError("correct.find", where, f"{find!r} is not in the released {name} of {view.row.id}", hint)
    if nth is not None:
        if not 1 <= nth <= len(starts):
            raise ZhcorpusError(
                "correct.find", where, f"--nth {nth}, but {find!r} occurs {len(starts)} time(s)", "count from 1"
            )
        start = starts[nth - 1]
        return start, start + len(find)
    if len(starts) > 1:
        candidates = []
        for i, start in enumerate(starts, start=1):
            place, paragraph_start = _where_in(view, name, start)
            candidates.append(f"--nth {i}: {place} {_context(value, start, start + len(find), paragraph_start)}")
        raise ZhcorpusError(
            "correct.ambiguous",
            where,
            f"{find!r} occurs {len(starts)} times in the {name} of {view.row.id}: " + "; ".join(candidates),
            "make --find longer so it occurs once, or choose one with --nth N",
        )
    return starts[0], starts[0] + len(find)


def trimmed(find: str, replace: str) -> tuple[int, int, str]:
    """The smallest change that turns ``find`` into ``replace``: (start, end) within find, and its new text.

    A correction says exactly what changed (不派一声苦 -> 不叫一声苦 is 派 -> 叫), as an edit diffed would.
    """
    prefix = 0
    while prefix < min(len(find), len(replace)) and find[prefix] == replace[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(find), len(replace)) - prefix and find[-1 - suffix] == replace[-1 - suffix]:
        suffix += 1
    return prefix, len(find) - suffix, replace[prefix : len(replace) - suffix]


def _overlaps(a: Correction, b: Correction) -> bool:
    """As in replay.overlapping: the spans share text, or both insert at the same point."""
    return (a.start < b.end and b.start < a.end) or a.start == a.end == b.start == b.end


def _next_id(view: ArticleView, plan: Plan) -> str:
    taken = [c.id for _, c in view.corrections] + [c.id for _, c in plan.corrections if c.record == view.row.id]
    numbers = [int(m["n"]) for i in taken if (m := CORRECTION_ID.match(i))]
    return f"{view.row.id}-c{max(numbers, default=0) + 1:03d}"


def _flag_changed(c: Correction, flag: Flag) -> bool:
    """As the build decides it: the correction replaces some of the flagged text, or inserts inside it."""
    if c.field != flag.field:
        return False
    if c.start == c.end:
        return flag.start < c.start < flag.end
    return c.start < flag.end and flag.start < c.end


def plan_edit(corpus: Corpus, edit: Edit, reason: str, evidence: str | None, plan: Plan) -> Correction:
    """Check one edit and add its correction to the plan."""
    if not reason.strip():
        raise ZhcorpusError(
            "correct.reason", edit.where, "--reason is empty", "say why the text is wrong (what the print shows)"
        )
    refuse(reason, WRITTEN, "correct.reason", edit.where, "--reason", "write it as plain text on one line")
    if evidence is not None:
        refuse(evidence, WRITTEN, "correct.evidence", edit.where, "--evidence", "write it as plain text on one line")
    view = corpus.article(edit.article, edit.where)
    value, offsets = view.released.fields[edit.field]
    before = value[edit.start : edit.end]
    name = f"the {edit.field} of {view.row.id}"
    if before == edit.after:
        raise ZhcorpusError("correct.unchanged", edit.where, f"the replacement leaves {name} unchanged", "change it")
    # A line break would split a paragraph, which is a maintainer's change: the new text is one line.
    refuse(
        edit.after,
        WRITTEN,
        "correct.replace",
        edit.where,
        f"the new text {edit.after!r}",
        "type the text as printed; to split or join paragraphs, open an issue",
    )
    longest = max(len(before), len(edit.after))
    if longest > MAX_CORRECTION_CHARS:
        raise ZhcorpusError(
            "correct.size",
            edit.where,
            f"the change to {name} spans {longest} characters (limit {MAX_CORRECTION_CHARS})",
            "a correction fixes a character or a clause: make one correction a changed stretch",
        )
    new_value = value[: edit.start] + edit.after + value[edit.end :]
    pieces = new_value.split("\n") if edit.field == "text" else [new_value]
    if any(not piece.strip() for piece in pieces) and edit.field in ("text", "headline"):
        raise ZhcorpusError(
            "correct.empty", edit.where, f"the change leaves an empty paragraph or headline in {name}", "open an issue"
        )
    live = {c.id for c in in_force([c for _, c in view.corrections])}
    accepted = [(line, c) for line, c in view.corrections if c.id in live and c.field == edit.field]
    printed = offsets.span_to_raw(edit.start, edit.end)
    if printed is None:
        # An end falls inside (or an insertion at) text an accepted correction wrote: it has no printed place.
        written = {(s.raw_start, s.raw_end): (s.new_start, s.new_end) for s in offsets.segments if s.changed}
        touching = [
            (line, c)
            for line, c in accepted
            if written[c.start, c.end][0] <= edit.end and edit.start <= written[c.start, c.end][1]
        ]
        raise _overlap_error(edit, name, touching)
    raw_value = view.released.raw.fields[edit.field] or ""
    correction = Correction(
        id=_next_id(view, plan),
        record=view.row.id,
        field=edit.field,
        start=printed[0],
        end=printed[1],
        before=raw_value[printed[0] : printed[1]],
        after=edit.after,
        kind="insertion" if printed[0] == printed[1] else "deletion" if not edit.after else "substitution",
        method="human",
        confidence=1.0,
        status="proposed",
        reason=reason,
        evidence=evidence,
    )
    pending: list[tuple[JsonLine | None, Correction]] = [
        (line, c) for line, c in view.corrections if c.status != "rejected" and c.field == edit.field
    ]
    pending += [(None, c) for _, c in plan.corrections if c.record == view.row.id and c.field == edit.field]
    clashes = [(line, c) for line, c in pending if _overlaps(c, correction)]
    if clashes:
        raise _overlap_error(edit, name, clashes)
    plan.corrections.append((view.page_id, correction))
    if edit.field == "text":
        plan.paragraphs[correction.id] = view.paragraph_at(edit.start)[0]
    touched = [f for f in view.flags if f.status == "open" and _flag_changed(correction, f)]
    if touched:
        plan.flags[correction.id] = touched
    return correction


def _overlap_error(edit: Edit, name: str, clashes: Sequence[tuple[JsonLine | None, Correction]]) -> ZhcorpusError:
    described = []
    for line, c in clashes:
        at = f" ({line.path}:{line.line})" if line is not None else " (in this edit)"
        described.append(f"{c.status} correction {c.id}{at} {c.before!r} -> {c.after!r}")
    return ZhcorpusError(
        "correct.overlap",
        edit.where,
        f"the change to {name} overlaps {'; '.join(described)}",
        "change only text outside it (a shorter --find, or leave that text as it reads); if that correction is "
        "wrong, say so in an issue or in your pull request",
    )


def plan_find(
    corpus: Corpus,
    article_id: str,
    name: str,
    find: str,
    replace: str,
    nth: int | None,
    reason: str,
    evidence: str | None,
) -> Plan:
    """`zhcorpus correct ID --find … --replace …`: one correction."""
    where = Location(COMMAND_LINE, record=article_id, field=name)
    view = corpus.article(article_id, where)
    others = [a for a in corpus.articles.values() if a is not view]
    start, _ = locate(view, name, find, nth, where, others)
    if find == replace:
        raise ZhcorpusError("correct.unchanged", where, "--replace equals --find", "give the corrected text")
    cut_start, cut_end, after = trimmed(find, replace)
    plan = Plan()
    plan_edit(corpus, Edit(article_id, name, start + cut_start, start + cut_end, after, where), reason, evidence, plan)
    return plan


def _as_json(article: Article) -> dict[str, Any]:
    """The row exactly as the JSONL export holds it (tuples as lists)."""
    value: dict[str, Any] = json.loads(dumps(article.to_row()))
    return value


def _edit_error(row: JsonLine, record: str | None, name: str | None, message: str, hint: str) -> ZhcorpusError:
    return ZhcorpusError("correct.edit", Location(row.path, row.line, record, name), message, hint)


_EDITABLE = "only paragraphs[].text and " + ", ".join(HEADING_FIELDS) + " may be edited"


def _diff_edits(row: JsonLine, view: ArticleView, original: dict[str, Any]) -> list[Edit]:
    """The edits one line of an edit file makes, each changed stretch of a field one edit."""
    edited = row.value
    keys = sorted(set(edited) | set(original))
    for key in keys:
        if key not in edited or key not in original:
            missing = "removed" if key not in edited else "added"
            raise _edit_error(row, view.row.id, key, f"field {key} was {missing}", _EDITABLE)
    # A find-and-replace over the whole line also changes text_raw, flags...: name every such field at once.
    forbidden = [k for k in keys if k not in (*HEADING_FIELDS, "paragraphs", "text") and edited[k] != original[k]]
    if forbidden:
        raise _edit_error(
            row,
            view.row.id,
            forbidden[0],
            f"{', '.join(forbidden)} {'was' if len(forbidden) == 1 else 'were'} edited",
            f"{_EDITABLE}; undo the other changes (the printed text_raw never changes; ids, flags and version are "
            "the tool's)",
        )
    changed: list[tuple[str, int, str, str, Location]] = []  # field, offset in it, old, new, where
    for key in keys:
        old, new = original[key], edited[key]
        if old == new or key == "text":
            continue  # text is the paragraphs joined; checked below
        if key in HEADING_FIELDS:
            if old is None:
                raise _edit_error(
                    row,
                    view.row.id,
                    key,
                    f"{key} is not printed in this article: a correction only changes printed text",
                    f"leave it null; {_EDITABLE}",
                )
            if not isinstance(new, str):
                raise _edit_error(row, view.row.id, key, f"{key} was set to {new!r}", f"edit its text; {_EDITABLE}")
            changed.append((key, 0, old, new, Location(row.path, row.line, view.row.id, key)))
        else:
            changed.extend(_paragraph_changes(row, view, old, new))
    joined = "\n".join(p["text"] for p in edited["paragraphs"]) if isinstance(edited["paragraphs"], list) else None
    if edited.get("text") not in (original["text"], joined):
        raise _edit_error(
            row,
            view.row.id,
            "text",
            "text was edited apart from the paragraphs",
            f"{_EDITABLE}; "
            "text is the paragraphs joined by line breaks: edit paragraphs[].text and leave text as it was",
        )
    edits = []
    for name, offset, old, new, where in changed:
        matcher = SequenceMatcher(None, old, new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                edits.append(Edit(view.row.id, name, offset + i1, offset + i2, new[j1:j2], where))
    return edits


def _paragraph_changes(
    row: JsonLine, view: ArticleView, old: list[dict[str, Any]], new: Any
) -> list[tuple[str, int, str, str, Location]]:
    if not isinstance(new, list) or len(new) != len(old):
        raise _edit_error(
            row,
            view.row.id,
            "paragraphs",
            "paragraphs were added or removed",
            f"{_EDITABLE}; to split or join paragraphs, open an issue",
        )
    changes = []
    offset = 0
    for index, (before, after) in enumerate(zip(old, new, strict=True)):
        where = Location(row.path, row.line, before["id"], f"paragraphs[{index}].text")
        if not isinstance(after, dict) or {**after, "text": before["text"]} != before:
            raise _edit_error(
                row, before["id"], f"paragraphs[{index}]", "a paragraph's id or kind was edited", _EDITABLE
            )
        if not isinstance(after["text"], str):
            raise ZhcorpusError("correct.edit", where, "the paragraph's text is not a string", "write it as a string")
        if after["text"] != before["text"]:
            changes.append(("text", offset, before["text"], after["text"], where))
        offset += len(before["text"]) + 1
    return changes


def plan_from_edit(corpus: Corpus, path: Path, reason: str, evidence: str | None) -> Plan:
    """`zhcorpus correct --from-edit FILE`: every changed stretch of every edited line, one correction each."""
    rows = read_jsonl(path)
    plan = Plan()
    seen: dict[str, JsonLine] = {}
    for row in rows:
        article_id = row.value.get("id")
        where = Location(row.path, row.line, None, "id")
        if not isinstance(article_id, str):
            raise ZhcorpusError("correct.edit", where, "the line has no article id", "copy whole lines of the export")
        view = corpus.article(article_id, Location(row.path, row.line, article_id, "id"))
        if article_id in seen:
            raise _edit_error(
                row,
                article_id,
                "id",
                f"article {article_id} is also at line {seen[article_id].line}",
                "edit each article on one line",
            )
        seen[article_id] = row
        for edit in _diff_edits(row, view, _as_json(view.row)):
            plan_edit(corpus, edit, reason, evidence, plan)
    if not plan.corrections:
        raise ZhcorpusError(
            "correct.unchanged",
            Location(str(path)),
            "no edited text: every line reads as the released articles",
            "edit paragraphs[].text (or a heading field) in a copy of corpus/jsonl/articles.jsonl",
        )
    return plan


def write_plan(paths: CorpusPaths, plan: Plan) -> list[Path]:
    """Append the corrections to their pages' correction files; every record is checked before any is written."""
    written = []
    for page_id in dict.fromkeys(page for page, _ in plan.corrections):
        path = paths.page_dir(page_id) / "corrections.jsonl"
        append_records(path, [c.to_source() for page, c in plan.corrections if page == page_id])
        written.append(path)
    return written
