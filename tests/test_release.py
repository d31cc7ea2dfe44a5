"""Released rows under corrections: stable paragraph ids, corrected event dates, flags kept in step, loud errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SEED_PAGE, run_cli

ARTICLE = f"{SEED_PAGE}-03"


def _text(corpus: Path, article: str = ARTICLE) -> str:
    rows = [json.loads(line) for line in (corpus / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return str(next(r for r in rows if r["id"] == article)["text_raw"])


def _row(corpus: Path, article: str = ARTICLE) -> dict[str, Any]:
    rows = [json.loads(line) for line in (corpus / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return dict(next(r for r in rows if r["id"] == article))


def _add(corpus: Path, name: str, record: dict[str, Any]) -> None:
    path = corpus / "sources" / SEED_PAGE / name
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _correct(
    corpus: Path, n: int, start: int, end: int, after: str, article: str = ARTICLE, field: str = "text"
) -> None:
    raw = _text(corpus, article) if field == "text" else _row(corpus, article)[field]
    _add(
        corpus,
        "corrections.jsonl",
        {
            "id": f"{article}-c{n:03d}",
            "record": article,
            "field": field,
            "start": start,
            "end": end,
            "before": raw[start:end],
            "after": after,
            "kind": "other",
            "method": "human",
            "confidence": 1.0,
            "status": "accepted",
            "reason": "test",
        },
    )


def _flag(corpus: Path, start: int, end: int, status: str = "open") -> None:
    raw = _text(corpus)
    _add(
        corpus,
        "flags.jsonl",
        {
            "id": f"{ARTICLE}-f001",
            "record": ARTICLE,
            "field": "text",
            "start": start,
            "end": end,
            "text": raw[start:end],
            "kind": "doubtful_char",
            "method": "human",
            "status": status,
            "note": "test",
        },
    )


def _edit_mentions(corpus: Path, keep: Callable[[dict[str, Any]], dict[str, Any] | None]) -> None:
    """Rewrite the page's mention records as a reviewer would after a correction (None drops one)."""
    path = corpus / "sources" / SEED_PAGE / "entities.jsonl"
    kept = [keep(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept if r is not None), encoding="utf-8")


def _build(corpus: Path) -> None:
    result = run_cli("build", "--corpus", corpus)
    assert result.returncode == 0, result.stderr


def test_rewriting_text_around_a_printed_break_keeps_paragraph_ids(corpus_copy: Path) -> None:
    raw = _text(corpus_copy)
    at = raw.index("\n")
    _correct(corpus_copy, 1, at - 1, at + 3, raw[at - 1] + "\n" + raw[at + 1 : at + 3])
    _build(corpus_copy)
    assert [p["id"][-4:] for p in _row(corpus_copy)["paragraphs"]] == ["p001", "p002"]


def test_an_added_line_break_splits_a_block_and_later_ids_stay(corpus_copy: Path) -> None:
    raw = _text(corpus_copy)
    at = raw.index("。") + 1
    _correct(corpus_copy, 1, at, at, "\n")
    _build(corpus_copy)
    assert [p["id"][-5:] for p in _row(corpus_copy)["paragraphs"]] == ["-p001", "p001b", "-p002"]


def test_a_merge_keeps_the_first_id_and_a_section_head_merged_into_text_is_a_paragraph(corpus_copy: Path) -> None:
    feature = f"{SEED_PAGE}-08"
    raw = _text(corpus_copy, feature)
    head = raw.index("把最美的身影留在战“疫”最前线")
    end = head + len("把最美的身影留在战“疫”最前线")
    _correct(corpus_copy, 9, end, end + 1, "", article=feature)
    _build(corpus_copy)
    merged = next(p for p in _row(corpus_copy, feature)["paragraphs"] if p["text"].startswith("把最美的"))
    assert merged["kind"] == "paragraph"
    assert merged["id"].endswith("-p003")


def test_event_date_follows_a_corrected_dateline(corpus_copy: Path) -> None:
    raw = _text(corpus_copy)
    at = raw.index("31日")
    _correct(corpus_copy, 1, at, at + 2, "30")
    # The date mention over the corrected digits is checked again: the build names it until it is updated.
    refused = run_cli("build", "--corpus", corpus_copy)
    assert refused.returncode == 2
    assert "reads '1月30日'" in refused.stderr
    assert f"{ARTICLE}-c001, not '1月31日'" in refused.stderr

    def redate(r: dict[str, Any]) -> dict[str, Any]:
        if r["record"] == ARTICLE and r["text"] == "1月31日":
            return {**r, "text": "1月30日", "normalized": {**r["normalized"], "date": "2020-01-30"}}
        return r

    _edit_mentions(corpus_copy, redate)
    _build(corpus_copy)
    mention = next(
        e
        for e in map(json.loads, (corpus_copy / "jsonl" / "entities.jsonl").read_text(encoding="utf-8").splitlines())
        if e["article_id"] == ARTICLE and e["label"] == "DATE"
    )
    assert (mention["text"], mention["normalized"]["date"]) == ("1月30日", "2020-01-30")
    row = _row(corpus_copy)
    assert row["dateline"] == "株洲日报讯 1月31日"  # as printed
    assert row["event_date"] == "2020-01-30"  # as corrected


def test_flag_moves_with_an_earlier_correction(corpus_copy: Path) -> None:
    raw = _text(corpus_copy)
    target = raw.index("领导小组")
    _correct(corpus_copy, 1, 0, 5, "")  # delete 株洲日报讯: everything after moves back five places
    _edit_mentions(
        corpus_copy, lambda r: None if r["record"] == ARTICLE and r["field"] == "text" and r["end"] <= 5 else r
    )
    _flag(corpus_copy, target, target + 4)
    _build(corpus_copy)
    (flag,) = _row(corpus_copy)["flags"]
    assert (flag["start"], flag["end"], flag["text"]) == (target - 5, target - 1, "领导小组")
    assert run_cli("validate", "--corpus", corpus_copy).returncode == 0


def test_open_flag_over_corrected_text_fails_loudly_at_the_flag(corpus_copy: Path) -> None:
    raw = _text(corpus_copy)
    target = raw.index("领导小组")
    _correct(corpus_copy, 1, target, target + 2, "领导")
    _flag(corpus_copy, target, target + 4)
    flags_line = len((corpus_copy / "sources" / SEED_PAGE / "flags.jsonl").read_text(encoding="utf-8").splitlines())
    result = run_cli("build", "--corpus", corpus_copy)
    assert result.returncode == 2
    assert f"flags.jsonl:{flags_line}: [offsets.range@1]" in result.stderr
    assert "resolve the flag" in result.stderr


def test_resolved_flag_over_corrected_text_loses_its_span(corpus_copy: Path) -> None:
    raw = _text(corpus_copy)
    target = raw.index("领导小组")
    _correct(corpus_copy, 1, target, target + 2, "领导")
    _flag(corpus_copy, target, target + 4, status="resolved")
    _build(corpus_copy)
    (flag,) = _row(corpus_copy)["flags"]
    assert (flag["start"], flag["end"], flag["text"]) == (None, None, None)


def test_headline_correction_is_replayed_and_checked(corpus_copy: Path) -> None:
    _correct(corpus_copy, 1, 0, 2, "坚持", field="headline")
    _build(corpus_copy)
    assert _row(corpus_copy)["headline"].startswith("坚持")
    rows = (corpus_copy / "jsonl" / "articles.jsonl").read_text(encoding="utf-8")
    (corpus_copy / "jsonl" / "articles.jsonl").write_text(rows.replace("坚持用力", "持续用力"), encoding="utf-8")
    result = run_cli("validate", "--corpus", corpus_copy, "--check", "corrections.replay@1")
    assert result.returncode == 1
    assert "(record zzrb-20200201-A1-03, field headline)" in result.stdout


@pytest.mark.parametrize("after", ["\u0000", "a\rb", "\u200b"])
def test_a_correction_cannot_write_control_or_invisible_characters(corpus_copy: Path, after: str) -> None:
    _correct(corpus_copy, 1, 0, 1, after)
    result = run_cli("validate", "--corpus", corpus_copy)
    assert result.returncode == 1
    assert "[sources.schema@1]" in result.stdout


def test_raw_page_without_sources_is_reported(corpus_copy: Path) -> None:
    (corpus_copy / "raw" / "zzrb-20200203-A1.txt").write_text("株洲日报\n", encoding="utf-8")
    result = run_cli("validate", "--corpus", corpus_copy)
    assert result.returncode == 1
    assert "raw/zzrb-20200203-A1.txt: [sources.files@1]" in result.stdout


def test_validate_reports_malformed_built_rows_without_crashing(corpus_copy: Path) -> None:
    path = corpus_copy / "jsonl" / "articles.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[0])
    row["paragraphs"][0]["text"] = 5
    lines[0] = json.dumps(row, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("validate", "--corpus", corpus_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "[data.schema@1]" in result.stdout


@pytest.mark.parametrize(
    ("change", "check", "says"),
    [
        (
            {"record": "zzrb-20200201-A1-09", "id": "zzrb-20200201-A1-09-c001"},
            "offsets.range@1",
            "unknown record zzrb-20200201-A1-09",
        ),
        ({"field": "subtitle"}, "offsets.range@1", "has no subtitle"),
        ({"field": "dateline"}, "sources.schema@1", "is not one of"),
    ],
)
def test_correction_on_an_unknown_record_or_field(
    corpus_copy: Path, change: dict[str, str], check: str, says: str
) -> None:
    raw = _text(corpus_copy)
    record = {
        "id": f"{ARTICLE}-c001",
        "record": ARTICLE,
        "field": "text",
        "start": 0,
        "end": 2,
        "before": raw[:2],
        "after": "株州",
        "kind": "other",
        "method": "human",
        "confidence": 1.0,
        "status": "accepted",
        "reason": "test",
    } | change
    _add(corpus_copy, "corrections.jsonl", record)
    result = run_cli("validate", "--corpus", corpus_copy)
    assert result.returncode == 1
    line = [text for text in result.stdout.splitlines() if f"[{check}]" in text]
    assert line, result.stdout
    assert says in line[0]
