"""`zhcorpus eval --pairs` on real and hand-written OCR pairs, and `zhcorpus fix` on text that is no laid-out page.

The hand-written pairs (tests/fixtures/realocr/hand_pairs.tsv) are small enough to count by hand: a doubled
character fixed exactly (保护好好自己), a misread neighbour proposed, not deleted (旁的的 for 旁边的), a line in
traditional script that is correct (a finding on the clean side), a clean line, and 株州 for 株洲 (a flag).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from zhcorpus.errors import ZhcorpusError
from zhcorpus.evaluate.pairs import evaluate_pairs, parse_pairs, read_pairs

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REALOCR = FIXTURES / "realocr"
HAND = REALOCR / "hand_pairs.tsv"
HAND_HARM = REALOCR / "hand_harm.tsv"
FUDAN = REALOCR / "fudan_sample_40.tsv"


def test_hand_pairs_counted_exactly() -> None:
    report = evaluate_pairs(read_pairs(HAND), examples=5)
    assert (report.format, report.header, report.lines, report.erroneous) == ("plain", False, 5, 3)
    # Line 1 corrected; line 2's doubled 的 may be a misread neighbour (旁边的), so it is proposed, not deleted.
    assert (report.changed, report.corrected, report.harmed, report.applied_precision) == (1, 1, 0, 1.0)
    # Findings on an error: line 1 (the deleted 好) and line 5 (the 株州 flag); line 2's deletion takes the second
    # 的 while the error (的 for 边) is the first. The one right suggestion is line 1's.
    assert (report.found, report.rightly_suggested) == (2, 1)
    # The correct side: nothing changed; the traditional line is flagged there as on the OCR side.
    assert (report.clean_changed, report.clean_findings, report.clean_findings_per_line) == (0, 2, 0.4)
    by_id = {d.detector: d for d in report.detectors}
    assert (by_id["doubled.char@4"].suggestions, by_id["doubled.char@4"].applied) == (2, 1)
    assert by_id["doubled.char@4"].applied_right == 1
    assert by_id["confusable.place@5"].on_error == 1
    assert by_id["script.traditional@1"].clean_findings == 2
    assert report.examples == ()


def test_min_confidence_decides_what_is_applied_and_harmed() -> None:
    """A copy after a word ending in the same character, at a clause end, is deleted at 0.95 (值班班， for 值班，);
    where a misread neighbour made it (赤兔马 read as 赤兔兔), that harms the line. At 1.0 nothing is applied."""
    default = evaluate_pairs(read_pairs(HAND_HARM))
    assert (default.changed, default.corrected, default.harmed) == (1, 0, 1)
    assert [(e.line, e.fixed, e.detectors) for e in default.examples] == [
        (1, "青龙刀、赤兔，好威风。", ("doubled.char@4",))
    ]
    strict = evaluate_pairs(read_pairs(HAND_HARM), min_confidence=1.0)
    assert (strict.changed, strict.harmed, strict.findings) == (0, 0, 1)


def test_fudan_sample_format_header_and_figures() -> None:
    report = evaluate_pairs(read_pairs(FUDAN))
    assert (report.format, report.header, report.lines, report.erroneous) == ("fudan", True, 40, 40)
    # 临溜区 for 临淄区 and 行行 for 行 are fixed exactly; nothing is harmed; findings on 19 of the 40 errors, 10 with
    # the right reading (7 of them lookalike.char@1's proposals). repeat.span@1 proposes 斐济工党斐济工党 (the truth
    # prints the title twice too, so its correct line has the proposal as well) and 国钱圈钱国钱圈钱 in a run of 圈钱.
    assert (report.changed, report.corrected, report.harmed) == (2, 2, 0)
    assert (report.findings, report.found, report.rightly_suggested) == (32, 19, 10)
    assert (report.clean_changed, report.clean_findings) == (0, 8)


def test_limit_and_json_from_the_cli() -> None:
    done = run_cli("eval", "--pairs", FUDAN, "--limit", "10", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["format"], report["lines"], report["columns"]) == ("fudan", 10, ["model", "idx", "ocr", "correct"])
    text = run_cli("eval", "--pairs", HAND_HARM, "--examples", "1")
    assert text.returncode == 0, text.stderr
    assert "format plain (2 columns: ocr, correct)" in text.stdout
    assert (
        "1: 青龙刀、赤兔兔，好威风。 -> 青龙刀、赤兔，好威风。 | 青龙刀、赤兔马，好威风。  [doubled.char@4]"
        in text.stdout
    )


def test_faspell_format_and_a_bad_count() -> None:
    assert parse_pairs("2\t碰拴\t碰撞\n", "x.tsv").format == "faspell"
    with pytest.raises(ZhcorpusError) as caught:
        parse_pairs("2\t碰拴\t碰撞\ntwo\t碰拴\t碰撞\n", "x.tsv")
    assert (str(caught.value.location), caught.value.code) == ("x.tsv:2", "pairs.format")


@pytest.mark.parametrize(
    ("fixture", "code", "message"),
    [
        ("pairs_one_column.tsv", "pairs.format", "1 tab-separated column(s)"),
        ("pairs_not_utf8.tsv", "raw.encoding", "not valid utf-8"),
    ],
)
def test_bad_pairs_file_is_a_located_error(tmp_path: Path, fixture: str, code: str, message: str) -> None:
    target = tmp_path / fixture
    target.write_bytes((FIXTURES / "bad" / fixture).read_bytes())
    done = run_cli("eval", "--pairs", fixture, cwd=tmp_path)
    assert done.returncode != 0
    assert f"{fixture}:1: [{code}]" in done.stderr
    assert message in done.stderr
    assert done.stdout == ""


def test_fix_reads_plain_sentences_as_paragraphs_and_says_so(tmp_path: Path) -> None:
    raw = FIXTURES / "ingest" / "plain_sentences.txt"
    out = tmp_path / "fixed.txt"
    done = run_cli("fix", raw, "-o", out, "--report", tmp_path / "findings.jsonl")
    assert done.returncode == 0, done.stderr
    assert "3 line(s) under no article heading read as plain text, each a paragraph" in done.stderr
    assert "2 fix(es) applied" in done.stderr
    assert (
        out.read_text(encoding="utf-8")
        == "我们要保护好自己。\n今天天气很好，大家都出去玩了。\n科学安排值班，保障防疫。\n"
    )
    lines = [json.loads(x)["line"] for x in (tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines == [1, 3]


def test_fix_checks_the_lines_above_the_first_article_heading(tmp_path: Path) -> None:
    raw = FIXTURES / "ingest" / "plain_then_article.txt"
    out = tmp_path / "fixed.txt"
    done = run_cli("fix", raw, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "2 line(s) under no article heading read as plain text" in done.stderr
    assert out.read_text(encoding="utf-8").splitlines()[:2] == ["我们要保护好自己。", "科学安排值班，保障防疫。"]


def test_fix_refuses_a_page_with_no_text(tmp_path: Path) -> None:
    target = tmp_path / "blank.txt"
    target.write_bytes((FIXTURES / "bad" / "raw_blank_only.txt").read_bytes())
    done = run_cli("fix", "blank.txt", "-o", "fixed.txt", cwd=tmp_path)
    assert done.returncode != 0
    assert "blank.txt: [fix.no-text]" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blank.txt"]


def test_a_pair_longer_than_a_line_is_refused() -> None:
    with pytest.raises(ZhcorpusError) as caught:
        parse_pairs("中" * 1001 + "\t" + "中" * 1001 + "\n", "x.tsv")
    assert (str(caught.value.location), caught.value.code) == ("x.tsv:1", "pairs.format")
    assert "1001 characters long (limit 1000)" in caught.value.message
