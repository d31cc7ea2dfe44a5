"""The one character policy: what it refuses, the schema patterns generated from it, and its users' errors."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from conftest import CORPUS, run_cli
from zhcorpus.archive.columnar import re2_pattern
from zhcorpus.archive.pages import page_records
from zhcorpus.checks.decisions import Decision, summary_markdown
from zhcorpus.detect.base import Finding
from zhcorpus.detect.charpolicy import INVISIBLE, PRIVATE_USE, holds_refused, invisible, private_use, refused
from zhcorpus.errors import Location
from zhcorpus.records import MAX_CORRECTION_CHARS, LineRange, RawArticle
from zhcorpus.schemas import iter_problems, load_schemas
from zhcorpus.text import charpolicy
from zhcorpus.text.charpolicy import (
    RAW,
    RELEASED_LINE,
    RELEASED_LINES,
    REPLACEMENT,
    WRITTEN,
    Policy,
    escaped,
    first_offence,
    policy_of_pattern,
)

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"
# Every text-bearing field whose schema pattern is the policy's, and the policy it follows.
FIELD_POLICIES: dict[tuple[str, str], Policy] = {
    ("correction", "/properties/after"): REPLACEMENT,
    ("correction", "/properties/reason"): WRITTEN,
    ("correction", "/properties/evidence"): WRITTEN,
    ("flag", "/properties/note"): WRITTEN,
    ("paragraph", "/properties/text"): RELEASED_LINE,
    ("article", "/properties/kicker"): RELEASED_LINE,
    ("article", "/properties/headline"): RELEASED_LINE,
    ("article", "/properties/subtitle"): RELEASED_LINE,
    ("article", "/properties/column"): RELEASED_LINE,
    ("article", "/properties/dateline"): RELEASED_LINE,
    ("article", "/properties/byline"): RELEASED_LINES,
    ("article", "/properties/text"): RELEASED_LINES,
    ("article", "/properties/authors/items/properties/name"): RELEASED_LINE,
    ("article", "/properties/flags/items/properties/note"): WRITTEN,
    ("entity", "/properties/text"): RELEASED_LINE,
    ("annotation", "/properties/text"): RELEASED_LINE,
}
# One of each kind the issue names, with the policy's word for it.
SAMPLES = {
    "\u202e": "bidi control",
    "\u2066": "bidi control",
    "\u061c": "bidi control",
    "\u0085": "control",
    "\u0007": "control",
    "\ufe0f": "variation selector",
    "\U000e0100": "variation selector",
    "\ue000": "private use",
    "\U000f0000": "private use",
    "\ufdd0": "noncharacter",
    "\U0001fffe": "noncharacter",
    "\u200b": "format character",
    "\u200d": "format character",
    "\u00ad": "format character",
    "\ufeff": "format character",
    "\u2028": "line separator",
    "\udfff": "surrogate",
}


def node(schema: str, pointer: str) -> dict[str, Any]:
    found: Any = json.loads((SCHEMA_DIR / f"{schema}.json").read_text(encoding="utf-8"))
    for part in pointer.strip("/").split("/"):
        found = found[part]
    return dict(found)


def every_pattern(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in ([v] if k == "pattern" else every_pattern(v))]
    if isinstance(value, list):
        return [p for v in value for p in every_pattern(v)]
    return []


@pytest.mark.parametrize(("schema", "pointer"), list(FIELD_POLICIES))
def test_schema_pattern_is_generated_from_the_policy(schema: str, pointer: str) -> None:
    assert node(schema, pointer)["pattern"] == FIELD_POLICIES[schema, pointer].schema_pattern


def test_no_other_schema_pattern_is_a_character_rule() -> None:
    """A text field that refuses characters does so by the policy, and no schema pattern uses ``\\d`` (Python's
    ``re`` reads it as any Unicode digit)."""
    generated = {p.schema_pattern for p in charpolicy.POLICIES}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        for pattern in every_pattern(json.loads(path.read_text(encoding="utf-8"))):
            assert "\\d" not in pattern, (path.name, pattern)
            assert pattern in generated or not pattern.startswith("^[^"), (path.name, pattern)


def test_correction_size_limit_is_the_schemas() -> None:
    assert node("correction", "/properties/after")["maxLength"] == MAX_CORRECTION_CHARS
    assert node("correction", "/properties/before")["maxLength"] == MAX_CORRECTION_CHARS


def test_policy_covers_every_control_format_private_use_and_separator_character() -> None:
    """Checked against the Unicode tables of the Python that runs, so a newer Unicode that adds a format
    character fails here instead of letting it through."""
    wanted = "".join(
        chr(cp)
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"} and chr(cp) not in "\t\n"
    )
    noncharacters = [chr(cp) for cp in range(0xFDD0, 0xFDF0)] + [
        chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF)
    ]
    refused = RAW.regex.findall(wanted + "".join(noncharacters))
    assert len(refused) == len(wanted) + len(noncharacters)


@pytest.mark.parametrize("char", list(SAMPLES))
def test_each_kind_is_refused_and_named(char: str) -> None:
    found = first_offence(f"株洲{char}日报", WRITTEN)
    assert found is not None
    assert (found.index, found.char, found.what) == (2, char, SAMPLES[char])
    assert found.describe().startswith(f"U+{ord(char):04X}")


def test_printed_text_passes() -> None:
    text = "株洲日报讯 1月30日，市委组织部制定出台《意见》。“守护神”——ＡＢＣ１２３！？、…ABC abc 123 ①℃~～"
    for policy in charpolicy.POLICIES:
        assert first_offence(text, policy) is None, policy.name


def test_line_breaks_and_private_use_by_policy() -> None:
    assert first_offence("a\nb", RELEASED_LINES) is None
    assert first_offence("a\tb", RELEASED_LINE) is None
    assert first_offence("a\nb", RELEASED_LINE) is not None
    assert first_offence("a\nb", REPLACEMENT) is None
    assert first_offence("a\tb", REPLACEMENT) is not None
    assert first_offence("a\nb", WRITTEN) is not None
    assert first_offence("\ue000", RELEASED_LINES) is None  # kept in released text under its open flag
    assert first_offence("\ue000", REPLACEMENT) is not None  # never written by a person or a tool


def test_describe_names_the_character() -> None:
    found = first_offence("ab\u202e", RAW)
    assert found is not None
    assert found.describe() == "U+202E RIGHT-TO-LEFT OVERRIDE (bidi control)"


@pytest.mark.parametrize("policy", charpolicy.POLICIES, ids=lambda p: p.name)
def test_arrow_reads_the_schema_pattern_as_python_does(policy: Policy) -> None:
    """The archive checks the same patterns with RE2 (archive/columnar.py): both engines agree on them."""
    values = ["株洲日报", "a\u202eb", "a\nb", "a\tb", "x\ue000", "x\U000e0100", "x\U0010fffd", "x\ufdd0", "中\u0085"]
    arrow = pc.match_substring_regex(pa.array(values), re2_pattern(policy.schema_pattern, "$")).to_pylist()
    assert arrow == [first_offence(v, policy) is None for v in values]


@pytest.mark.parametrize("policy", charpolicy.POLICIES, ids=lambda p: p.name)
def test_arrow_refuses_an_encoded_lone_surrogate(policy: Policy) -> None:
    """Parquet strings are not checked as UTF-8 when read: the bytes of U+D800 (ED A0 80) can be in a part, and the
    archive's RE2 check still refuses them (the schema files' patterns leave surrogates out for jsonschema-rs)."""
    raw = pa.array([b"ok", b"a\xed\xa0\x80b"], pa.binary())
    values = pa.Array.from_buffers(pa.string(), len(raw), raw.buffers())
    assert pc.match_substring_regex(values, re2_pattern(policy.byte_pattern, "$")).to_pylist() == [True, False]
    assert policy_of_pattern(policy.schema_pattern) is policy


def test_a_referenced_schema_is_checked_by_the_policy_too() -> None:
    """A paragraph is checked through article.json's reference to paragraph.json by this project's validator, not
    jsonschema's stock one: a lone surrogate and a bidi control are named as the policy names them."""
    article = json.loads((CORPUS / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    article["paragraphs"][0]["text"] = "ab\ud800c"
    article["paragraphs"][1]["text"] = "ab\u202ec"
    problems = list(iter_problems("article", article, Location("articles.jsonl", 1), "data.schema@1"))
    messages = [p.message for p in problems]
    assert any("U+D800" in m and "character policy" in m for m in messages), messages
    assert any("U+202E RIGHT-TO-LEFT OVERRIDE" in m and "character policy" in m for m in messages), messages


def test_policy_pattern_error_names_the_code_point_and_end_of_text() -> None:
    record = json.loads(
        '{"id": "zzrb-20200201-A1-01-c101", "record": "zzrb-20200201-A1-01", "field": "text", "start": 42, '
        '"end": 46, "before": "发展党员", "after": "发展\u202e党员", "kind": "substitution", "method": "human", '
        '"confidence": 1.0, "status": "accepted", "reason": "ends in a line break\\n"}'
    )
    problems = list(iter_problems("correction", record, Location("c.jsonl", 3, record["id"]), "sources.schema@1"))
    fields = {p.location.field: p.message for p in problems}
    assert set(fields) == {"$.after", "$.reason"}
    assert "U+202E RIGHT-TO-LEFT OVERRIDE (bidi control) at character 2" in fields["$.after"]
    assert "U+000A" in fields["$.reason"]  # Python's `$` alone would let a final line break through


@pytest.mark.parametrize("digits", ["００１", "\u0660\u0660\u0661", "\u0966\u0966\u0967"])
def test_ids_take_ascii_digits_only(digits: str) -> None:
    validator = load_schemas().validator("correction")
    schema = node("correction", "/properties/id")
    assert not re.search(schema["pattern"], f"zzrb-20200201-A1-01-c{digits}")
    errors = list(validator.iter_errors({"id": f"zzrb-20200201-A1-01-c{digits}"}))
    assert any(list(e.absolute_path) == ["id"] for e in errors)


def article(fields: dict[str, str | None]) -> RawArticle:
    text = fields.get("text") or ""
    return RawArticle(
        id="zzrb-20200201-A1-01",
        genre="news",
        fields={"column": None, "kicker": None, "headline": "标题", "subtitle": None, "byline": None, **fields},
        body_kinds=["paragraph"] * (text.count("\n") + 1),
        continued_on=None,
        continued_from=None,
        lines=LineRange(1, 1),
    )


def test_detector_deletes_invisible_and_flags_private_use() -> None:
    raw = article({"headline": "标\u200b题", "text": "第一段\u202e。\n第二\ue000段。"})
    deletions = list(invisible(raw))
    flags = list(private_use(raw))
    assert [(f.field, f.start, f.end, f.before, f.after, f.applies, f.detector) for f in deletions] == [
        ("headline", 1, 2, "\u200b", "", True, INVISIBLE),
        ("text", 3, 4, "\u202e", "", True, INVISIBLE),
    ]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in deletions[1].reason
    assert [(f.field, f.start, f.end, f.before, f.is_flag, f.kind, f.detector) for f in flags] == [
        ("text", 8, 9, "\ue000", True, "doubtful_char", PRIVATE_USE)
    ]
    assert "U+E000" in flags[0].reason


def test_detector_deletes_a_block_of_invisibles_whole_and_flags_such_a_heading() -> None:
    """Deleting only the characters would leave an empty paragraph or heading: a body block goes with the line
    break before it (or after it, for the first block); a heading of nothing else is flagged."""
    middle = list(invisible(article({"text": "第一段。\n\u200b \u200d\n第三段。"})))
    first = list(invisible(article({"text": "\u200b\n第二段。"})))
    heading = list(invisible(article({"headline": "\ufeff"})))
    assert [(f.start, f.end, f.before, f.after, f.applies) for f in middle] == [(4, 8, "\n\u200b \u200d", "", True)]
    assert [(f.start, f.end, f.before, f.applies) for f in first] == [(0, 2, "\u200b\n", True)]
    assert [(f.field, f.start, f.end, f.is_flag, f.kind) for f in heading] == [("headline", 0, 1, True, "garbled")]


def test_a_detector_reason_quoting_printed_text_is_written_without_its_policy_characters() -> None:
    """A detector's reason may quote the raw text around a fault; the record's reason and note follow the policy."""
    finding = Finding("dup.sentence@1", "duplicate_sentence", "text", 0, 2, "好好", "好", 0.9, True, "…\u200b好好\n自")
    assert finding.correction("zzrb-20200201-A1-01", "zzrb-20200201-A1-01-c001", "accepted").reason == "…好好 自"
    assert finding.flag("zzrb-20200201-A1-01", "zzrb-20200201-A1-01-f001").note == "…好好 自"


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"


def test_archive_page_deletes_invisible_and_flags_private_use() -> None:
    """The archive path reads a page as ingest does: the raw text is kept, the released text loses the U+202E and
    keeps the private-use character under an open flag."""
    rlo = (FIXTURES / "raw_rlo.txt").read_text(encoding="utf-8")
    pua = (FIXTURES / "raw_pua.txt").read_text(encoding="utf-8")

    deleted = page_records("zzrb-20200201-A1", rlo, "0.0.0")
    flagged = page_records("zzrb-20200201-A1", pua, "0.0.0")

    [deletion] = [c for c in deleted.corrections if c.method == INVISIBLE]
    assert (deletion.before, deletion.after, deletion.status) == ("\u202e", "", "accepted")
    assert "\u202e" not in deleted.articles[0].text and "\u202e" in deleted.articles[0].text_raw
    [flag] = [f for f in flagged.flags if f.method == PRIVATE_USE]
    assert (flag.text, flag.status) == ("\ue000", "open")
    assert not [c for c in flagged.corrections if "\ue000" in c.before]
    assert "\ue000" in flagged.articles[0].text


def _raw_with_private_use(corpus: Path) -> None:
    """Line 36 (the last body line of article 01) printed with U+E000 at its end: raw and layout agree, and no
    manifest vouches for the old page (a first build of a new page)."""
    raw = corpus / "raw" / "zzrb-20200201-A1.txt"
    raw.chmod(0o644)
    lines = raw.read_text(encoding="utf-8").split("\n")
    lines[35] += "\ue000"
    raw.write_text("\n".join(lines), encoding="utf-8")
    layout = corpus / "sources" / "zzrb-20200201-A1" / "layout.jsonl"
    rows = [json.loads(t) for t in layout.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["line"] == 36:
            row["text"] += "\ue000"
    layout.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (corpus / "MANIFEST.json").unlink()


def test_private_use_in_released_text_needs_an_open_flag(corpus_copy: Path) -> None:
    _raw_with_private_use(corpus_copy)

    unflagged = run_cli("validate", "--corpus", corpus_copy, "--check", "faults.private_use@1")
    flags = corpus_copy / "sources" / "zzrb-20200201-A1" / "flags.jsonl"
    # Article 01 has no correction: the released body is the printed one, the new character at its end.
    committed = json.loads((CORPUS / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert committed["id"] == "zzrb-20200201-A1-01" and committed["text"] == committed["text_raw"]
    at = len(committed["text"])
    flag = {
        "id": "zzrb-20200201-A1-01-f901",
        "record": "zzrb-20200201-A1-01",
        "field": "text",
        "start": at,
        "end": at + 1,
        "text": "\ue000",
        "kind": "doubtful_char",
        "method": PRIVATE_USE,
        "status": "open",
        "note": "U+E000 (private use): read it on the page",
    }
    with flags.open("a", encoding="utf-8") as out:
        out.write(json.dumps(flag, ensure_ascii=False) + "\n")
    flagged = run_cli("validate", "--corpus", corpus_copy, "--check", "faults.private_use@1")

    assert unflagged.returncode == 1, unflagged.stdout + unflagged.stderr
    assert "[faults.private_use@1] U+E000 (private use)" in unflagged.stdout
    assert "(record zzrb-20200201-A1-01, field text)" in unflagged.stdout
    assert flagged.returncode == 0, flagged.stdout + flagged.stderr


def test_messages_show_the_policy_characters_as_escapes() -> None:
    """A problem line or a summary cell quoting contributor text shows a bidi override, a control or a private-use
    character as its escape: a terminal or a CI annotation would otherwise obey it (reverse the line)."""
    assert escaped("渌\u202e虚\x07\ue000\U000e0001") == "渌\\u202e虚\\u0007\\ue000\\U000e0001"
    decision = Decision("c1", "correction", "corrections.jsonl", 3, None, "accepted", "'' -> '<b>实</b>\u202e'")
    cell_row = summary_markdown([decision], "main").strip().splitlines()[-1]
    assert "&lt;b&gt;实&lt;/b&gt;\\\\u202e" in cell_row
    assert "\u202e" not in cell_row


@pytest.mark.parametrize("policy", [RAW, RELEASED_LINE, RELEASED_LINES, REPLACEMENT, WRITTEN], ids=lambda p: p.name)
def test_the_regex_refuses_exactly_the_policy_ranges(policy: Policy) -> None:
    """The regex is built in two parts for speed (BMP ranges in one class, the rest tested only on a character beyond
    U+FFFF); over every code point it matches exactly the ranges the policy lists."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    matched = [m.start() for m in policy.regex.finditer(every)]
    listed = [cp for first, last in policy.ranges() for cp in range(first, last + 1)]
    assert matched == listed
    assert any(cp > 0xFFFF for cp in listed)


def test_the_detectors_table_refuses_exactly_the_raw_ranges() -> None:
    """The character policy's detectors test a text with a table and a compiled loop, not the regex: the same
    code points, and a text holds one wherever it stands."""
    listed = [cp for first, last in RAW.ranges() for cp in range(first, last + 1)]
    assert refused().nonzero()[0].tolist() == listed
    for text in ("渌口区", "", "\n\t", "渌\u200b口", "口\ue000", "\U000e0001", "\ud800", "a" * 500 + "\u202e"):
        assert holds_refused(text) == (RAW.regex.search(text) is not None), text
