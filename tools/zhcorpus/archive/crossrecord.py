"""Checks across the records of an archive part, vectorised like the schema rules, each under a versioned id.

Ids must ascend strictly through a part and from one part to the next: that proves them unique with memory
that does not grow with the archive (a set of a hundred million ids would not fit), and the archive's
contract writes every shard in page id order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from zhcorpus.archive.columnar import Scope, Violation, failing, list_scope
from zhcorpus.checkids import ARCHIVE_DATES, ARCHIVE_IDS, ARCHIVE_PARAGRAPHS, ARCHIVE_RECORDS, ARCHIVE_TEXT

_ARTICLE_ID = r"^[a-z][a-z0-9]{1,15}-([0-9]{4})([0-9]{2})([0-9]{2})-([A-Z]?[0-9]{1,2})-[0-9]{2}$"


@dataclass(frozen=True)
class CrossViolation:
    check: str
    violation: Violation
    hint: str


def _rows(n: int) -> pa.Array:
    return pa.array(range(n), pa.int64())


def _where(
    check: str, hint: str, keyword: str, path: str, message: str, scope: Scope, ok: pa.Array
) -> Iterator[CrossViolation]:
    for violation in failing(keyword, path, message, scope, ok):
        yield CrossViolation(check, violation, hint)


def ascending_ids(ids: pa.Array, previous: str | None) -> Iterator[CrossViolation]:
    """Each id greater than the one before it (the last id of the previous batch or part, if any)."""
    if len(ids) == 0:
        return
    before = pa.concat_arrays([pa.array([previous], pa.string()), ids.slice(0, len(ids) - 1)])
    ok = pc.or_kleene(pc.is_null(before), pc.greater(ids, before))
    yield from _where(
        ARCHIVE_IDS,
        "ids must be unique and the rows in id order: rebuild the part with `zhcorpus archive build`",
        "order",
        "$.id",
        "is not greater than the id before it (duplicate or out of order)",
        Scope(ids, _rows(len(ids)), ()),
        ok,
    )


def article_checks(batch: pa.RecordBatch) -> Iterator[CrossViolation]:
    """An article's id names its date and page, its paragraphs' ids start with its id, its text joins them."""
    rows = _rows(batch.num_rows)
    ids = batch.column("id")
    whole = Scope(ids, rows, ())
    dated = pc.replace_substring_regex(ids, _ARTICLE_ID, r"\1-\2-\3")
    yield from _where(
        ARCHIVE_DATES,
        "the id is paper-yyyymmdd-page-NN of the issue's date: fix the id or the date",
        "id-date",
        "$.date",
        "differs from the date in the record's id",
        whole,
        pc.equal(dated, batch.column("date")),
    )
    paged = pc.replace_substring_regex(ids, _ARTICLE_ID, r"\4")
    yield from _where(
        ARCHIVE_DATES,
        "the id is paper-yyyymmdd-page-NN: fix the id or the page",
        "id-page",
        "$.page",
        "differs from the page in the record's id",
        whole,
        pc.equal(paged, batch.column("page")),
    )
    paragraphs = batch.column("paragraphs")
    listed = list_scope(Scope(paragraphs, rows, ()))
    flat = listed.values
    owner = pc.replace_substring_regex(pc.struct_field(flat, "id"), r"-p[0-9]{3}[b-z]?$", "")
    items = Scope(pc.struct_field(flat, "id"), listed.rows, listed.items)
    yield from _where(
        ARCHIVE_PARAGRAPHS,
        "a paragraph id is its article's id + -pNNN: fix the paragraph id",
        "prefix",
        "$.paragraphs[*].id",
        "does not start with its article's id",
        items,
        pc.equal(owner, pc.take(ids, listed.rows)),
    )
    texts = pa.ListArray.from_arrays(
        pc.subtract(paragraphs.offsets, paragraphs.offsets[0]), pc.struct_field(flat, "text")
    )
    yield from _where(
        ARCHIVE_TEXT,
        "`text` is the paragraphs' texts joined by newlines: rebuild the record",
        "join",
        "$.text",
        "differs from the paragraphs' texts joined by newlines",
        whole,
        pc.equal(pc.binary_join(texts, "\n"), batch.column("text")),
    )


def record_checks(batch: pa.RecordBatch, articles: pa.Array) -> Iterator[CrossViolation]:
    """A correction or flag points at an article of the same part."""
    records = batch.column("record")
    yield from _where(
        ARCHIVE_RECORDS,
        "a correction or flag names an article of its own part: fix `record` or rebuild the part",
        "record",
        "$.record",
        "names no article of this part",
        Scope(records, _rows(batch.num_rows), ()),
        pc.is_in(records, articles),
    )
