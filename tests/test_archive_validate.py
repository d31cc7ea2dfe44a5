"""The archive's streamed validation: each bad part named by its check and place, and the compiled schema rules
agreeing with python-jsonschema record by record."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhcorpus.archive.columnar import compile_node
from zhcorpus.archive.paths import RECORD_SCHEMAS
from zhcorpus.archive.validate import SHOWN, PartTask, compiled, validate_part
from zhcorpus.schemas import load_schemas, record_features

FIXTURES = Path(__file__).parent / "fixtures" / "archive"
VALID = [json.loads(line) for line in (FIXTURES / "valid.jsonl").read_text(encoding="utf-8").splitlines()]


def write_part(path: Path, kind: str, rows: list[dict[str, Any]]) -> Path:
    schema = record_features(RECORD_SCHEMAS[kind]).arrow_schema
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return path


def fixture_part(tmp_path: Path, name: str, kind: str = "articles") -> Path:
    rows = [json.loads(line) for line in (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    return write_part(tmp_path / f"{name}.parquet", kind, rows)


def test_valid_part_has_no_problem(tmp_path: Path) -> None:
    report = validate_part(PartTask("articles", fixture_part(tmp_path, "valid")))
    assert (report.rows, report.problems, report.first_id, report.last_id) == (
        2,
        [],
        "zzrb-20200201-A1-04",
        "zzrb-20200201-A1-05",
    )


# fixture -> (check, row, record, field) of the one problem it must give
BAD_PARTS = {
    "duplicate_id": ("archive.ids@1", 2, "zzrb-20200201-A1-04", "$.id"),
    "out_of_order": ("archive.ids@1", 2, "zzrb-20200201-A1-04", "$.id"),
    "bad_date": ("archive.schema@1", 1, "zzrb-20200230-A1-04", "$.date"),
    "id_date_mismatch": ("archive.dates@1", 1, "zzrb-20200201-A1-04", "$.date"),
    "paragraph_prefix": ("archive.paragraphs@1", 2, "zzrb-20200201-A1-04", "$.paragraphs[1].id"),
    "text_mismatch": ("archive.text@1", 1, "zzrb-20200201-A1-04", "$.text"),
    "null_headline": ("archive.schema@1", 1, "zzrb-20200201-A1-04", "$.headline"),
    "bad_genre": ("archive.schema@1", 1, "zzrb-20200201-A1-04", "$.genre"),
    # ECMA-262's `$` is the end of the string: python-jsonschema (Python's re) would let this through.
    "newline_in_paragraph": ("archive.schema@1", 1, "zzrb-20200201-A1-04", "$.paragraphs[1].text"),
}


@pytest.mark.parametrize("name", sorted(BAD_PARTS))
def test_bad_part_is_named_with_its_place(tmp_path: Path, name: str) -> None:
    path = fixture_part(tmp_path, name)
    report = validate_part(PartTask("articles", path))
    check, row, record, field = BAD_PARTS[name]
    found = [(p.check, p.location.line, p.location.record, p.location.field) for p in report.problems]
    assert found == [(check, row, record, field)], [p.render() for p in report.problems]
    assert report.problems[0].location.path.endswith(f"{name}.parquet")
    assert report.problems[0].hint


def test_correction_naming_no_article_of_its_part(tmp_path: Path) -> None:
    articles = fixture_part(tmp_path, "valid")
    corrections = fixture_part(tmp_path, "correction_unknown_record", "corrections")
    report = validate_part(PartTask("corrections", corrections, articles))
    found = [(p.check, p.location.line, p.location.field) for p in report.problems]
    assert found == [("archive.records@1", 1, "$.record")]


def test_column_of_the_wrong_type_is_reported_once(tmp_path: Path) -> None:
    table = pa.Table.from_pylist(VALID, schema=record_features("article").arrow_schema)
    index = table.schema.get_field_index("issue_number")
    table = table.set_column(index, "issue_number", pa.array(["22153", "22153"]))
    pq.write_table(table, tmp_path / "typed.parquet")
    report = validate_part(PartTask("articles", tmp_path / "typed.parquet"))
    assert [(p.check, p.location.field) for p in report.problems] == [("archive.schema@1", "$.issue_number")]
    assert "string" in report.problems[0].message


def test_unreadable_part_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really")
    report = validate_part(PartTask("articles", path))
    assert [p.check for p in report.problems] == ["archive.schema@1"]


def test_a_part_where_every_row_is_wrong_gives_a_bounded_report(tmp_path: Path) -> None:
    rows = []
    for n in range(60):
        row = copy.deepcopy(VALID[0])
        row["id"] = f"zzrb-20200201-A1-{n:02d}"
        row["paragraphs"] = [dict(p, id=f"{row['id']}-p{i:03d}") for i, p in enumerate(row["paragraphs"], 1)]
        row["genre"] = "opinion"
        rows.append(row)
    report = validate_part(PartTask("articles", write_part(tmp_path / "many.parquet", "articles", rows)))
    assert report.counts["archive.schema@1"] == 60
    assert len(report.problems) == SHOWN
    assert report.summary()[-1].message.startswith(f"{60 - SHOWN} more problem(s)")


def test_a_keyword_with_no_compiled_check_is_refused() -> None:
    from zhcorpus.errors import ZhcorpusError

    with pytest.raises(ZhcorpusError, match="uniqueItems"):
        compile_node({"type": "array", "items": {"type": "string"}, "uniqueItems": True})


# Values the mutations draw from: valid and invalid for the article schema's keywords (patterns, enums,
# formats, lengths, minimum, nulls), never a newline at a string's end nor a non-ASCII digit (the ECMA differences).
STRINGS = st.sampled_from(
    ["", "x", "A1", "a1", "2020-02-01", "2020-02-30", "2020-2-01", "0000-01-01", "zzrb-20200201-A1-04", "A12"]
)
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "id": STRINGS,
    "newspaper": st.one_of(st.none(), STRINGS),
    "date": st.one_of(st.none(), STRINGS),
    "page": st.one_of(st.none(), STRINGS),
    "issue_number": st.one_of(st.none(), st.integers(-3, 3)),
    "kicker": st.one_of(st.none(), STRINGS),
    "headline": st.one_of(st.none(), STRINGS),
    "genre": st.one_of(st.none(), st.sampled_from(["news", "feature", "opinion", ""])),
    "event_date": st.one_of(st.none(), STRINGS),
    "continued_on": st.one_of(st.none(), STRINGS),
    "text": st.one_of(st.none(), STRINGS),
    "version": st.one_of(st.none(), st.sampled_from(["0.1.0", "01.0.0", "1.0", "x"])),
    "authors": st.lists(
        st.fixed_dictionaries(
            {"name": st.one_of(st.none(), STRINGS), "role": st.sampled_from(["reporter", "editor", "author"])}
        ),
        max_size=3,
    ),
    "paragraphs": st.lists(
        st.fixed_dictionaries(
            {
                "id": st.sampled_from(["zzrb-20200201-A1-04-p001", "zzrb-20200201-A1-04-p01", "x"]),
                "kind": st.sampled_from(["paragraph", "section_head", "caption"]),
                "text": st.one_of(st.none(), STRINGS),
            }
        ),
        max_size=3,
    ),
}


@st.composite
def mutated_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        row = copy.deepcopy(VALID[0])
        for name in draw(st.sets(st.sampled_from(sorted(FIELD_VALUES)), max_size=4)):
            row[name] = draw(FIELD_VALUES[name])
        rows.append(row)
    return rows


def _jsonschema_places(rows: list[dict[str, Any]]) -> set[tuple[int, str]]:
    validator = load_schemas().validator("article")
    return {(n, e.json_path) for n, row in enumerate(rows) for e in validator.iter_errors(row)}


def _compiled_places(rows: list[dict[str, Any]]) -> set[tuple[int, str]]:
    batch = pa.RecordBatch.from_pylist(rows, schema=record_features("article").arrow_schema)
    places = set()
    for violation in compiled("articles").violations(batch):
        for index in range(len(violation)):
            places.add((violation.scope.rows[index].as_py(), violation.json_path(index)))
    return places


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_rows())
def test_compiled_rules_find_what_jsonschema_finds(rows: list[dict[str, Any]]) -> None:
    assert _compiled_places(rows) == _jsonschema_places(rows)
