"""Mentions found in the released text -> annotation records anchored in the printed text, for review.

A proposal is kept only when it is new (no record, of any status, has its span and label), does not cross a
mention already there, and has a place of its own in the printed text (it does not start or end inside text a
correction wrote). Ids continue each article's numbering; a person's titles become ids of TITLE records.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhcorpus.annotate.base import REGISTRY, ArticleText, Mention
from zhcorpus.corrections.replay import OffsetMap, replay_fields
from zhcorpus.records import ANNOTATION_ID, Annotation, Correction, RawArticle


@dataclass(frozen=True)
class ReleasedArticle:
    """An article's fields as released, with the map back to the printed text of each."""

    raw: RawArticle
    fields: dict[str, tuple[str, OffsetMap]]

    def text(self, issue_date: str) -> ArticleText:
        return ArticleText(self.raw.id, {name: value for name, (value, _) in self.fields.items()}, issue_date)

    def anchor(self, field: str, start: int, end: int) -> tuple[int, int] | None:
        """The printed span of a released span, or None if it has no place of its own there."""
        if field not in self.fields:
            return None
        return self.fields[field][1].span_to_raw(start, end)


def released(raw: RawArticle, corrections: list[Correction]) -> ReleasedArticle:
    return ReleasedArticle(raw, replay_fields(raw, corrections))


def _crosses(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    if a[0] != b[0]:
        return False
    return a[1] < b[1] < a[2] < b[2] or b[1] < a[1] < b[2] < a[2]


def propose_mentions(article: ReleasedArticle, existing: list[Annotation], issue_date: str) -> list[Annotation]:
    """New proposed annotations for one article, after those it already has."""
    view = article.text(issue_date)
    mentions: list[tuple[Mention, tuple[int, int]]] = []
    for annotator in sorted(REGISTRY.values(), key=lambda a: a.priority):
        for mention in annotator.run(view):
            printed = article.anchor(mention.field, mention.start, mention.end)
            if printed is not None:
                mentions.append((mention, printed))
    taken = {(a.field, a.start, a.end, a.label): a.id for a in existing}
    spans = [(a.field, a.start, a.end) for a in existing if a.status != "rejected"]
    numbers = [int(m["n"]) for a in existing if (m := ANNOTATION_ID.match(a.id))]
    next_number = max(numbers, default=0) + 1
    # TITLE mentions first, so that a person's roles can name their ids.
    mentions.sort(key=lambda item: item[0].label != "TITLE")
    out: list[Annotation] = []
    for mention, (start, end) in mentions:
        key = (mention.field, start, end, mention.label)
        span = (mention.field, start, end)
        if key in taken or any(_crosses(span, other) for other in spans):
            continue
        roles = []
        for t_start, t_end in mention.roles:
            printed = article.anchor(mention.field, t_start, t_end)
            title = taken.get((mention.field, *printed, "TITLE")) if printed else None
            if title is not None:
                roles.append(title)
        annotation = Annotation(
            id=f"{article.raw.id}-e{next_number:03d}",
            record=article.raw.id,
            field=mention.field,
            start=start,
            end=end,
            text=mention.text,
            label=mention.label,
            normalized=mention.normalized,
            roles=roles,
            method=mention.annotator,
            status="proposed",
        )
        next_number += 1
        taken[key] = annotation.id
        spans.append(span)
        out.append(annotation)
    return out
