"""`zhcorpus eval --pairs` on real and hand-written OCR pairs, and `zhcorpus fix` on text that is no laid-out page.

The hand-written pairs (tests/fixtures/realocr/hand_pairs.tsv) are small enough to count by hand: a doubled
character fixed exactly (保护好好自己), a misread neighbour the same fix harms (旁的的 for 旁边的), a line in
traditional script that is correct (a finding on the clean side), a clean line, and 株州 for 株洲 (a flag).
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_fix_reads_plain_sentences_as_paragraphs_and_says_so(tmp_path: Path) -> None:
    raw = FIXTURES / "ingest" / "plain_sentences.txt"
    out = tmp_path / "fixed.txt"
    done = run_cli("fix", raw, "-o", out, "--report", tmp_path / "findings.jsonl")
    assert done.returncode == 0, done.stderr
    assert "read as plain text, each non-blank line a paragraph" in done.stderr
    assert "2 fix(es) applied" in done.stderr
    assert (
        out.read_text(encoding="utf-8")
        == "我们要保护好自己。\n今天天气很好，大家都出去玩了。\n科学安排值班，保障防疫。\n"
    )
    lines = [json.loads(x)["line"] for x in (tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines == [1, 3]


def test_fix_refuses_a_page_with_no_text(tmp_path: Path) -> None:
    target = tmp_path / "blank.txt"
    target.write_bytes((FIXTURES / "bad" / "raw_blank_only.txt").read_bytes())
    done = run_cli("fix", "blank.txt", "-o", "fixed.txt", cwd=tmp_path)
    assert done.returncode != 0
    assert "blank.txt: [fix.no-text]" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blank.txt"]
