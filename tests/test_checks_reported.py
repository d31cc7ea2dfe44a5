"""The checks no fixture case of tests/test_bad_input.py or tests/test_pr_fixtures.py reaches, each made to report
on a corpus copy broken for it; and every registered check is named by some test, so a new one cannot land untried.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

import test_bad_input as bad_input
import test_pr_fixtures as pr_fixtures
from conftest import SEED_PAGE, run_cli
from zhcorpus.checks.base import REGISTRY

RAW = f"raw/{SEED_PAGE}.txt"
TESTS = Path(__file__).resolve().parent


def _writable(path: Path) -> Path:
    path.chmod(path.stat().st_mode | stat.S_IWUSR)  # the committed raw page is read-only; the copy is ours
    return path


def _bom(corpus: Path) -> None:
    raw = _writable(corpus / RAW)
    raw.write_bytes(b"\xef\xbb\xbf" + raw.read_bytes())


def _weekday(corpus: Path) -> None:
    """The masthead's weekday misprinted, in the raw page and in its layout row alike."""
    for path in (_writable(corpus / RAW), corpus / "sources" / SEED_PAGE / "layout.jsonl"):
        path.write_text(path.read_text(encoding="utf-8").replace("星期六", "星期五", 1), encoding="utf-8")


def _jsonl_row_dropped(corpus: Path) -> None:
    export = corpus / "jsonl" / "articles.jsonl"
    export.write_text("".join(export.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")


def _mention_shifted(corpus: Path) -> None:
    export = corpus / "jsonl" / "entities.jsonl"
    rows = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    rows[0]["end"] -= 1
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


CASES = [
    (_bom, "raw.text@1", RAW),
    (_weekday, "masthead.weekday@1", RAW),
    (_jsonl_row_dropped, "data.parity@1", "jsonl/articles.jsonl"),
    (_mention_shifted, "entities.offsets@1", "jsonl/entities.jsonl"),
]
# Checks that guard an invariant no source file can break (a check before them refuses such input first), and the
# tests of the logic they run.
INVARIANTS = {
    "ingest.lossless@1": "layout.raw@1 refuses a layout that loses or repeats a line; tests/test_ingest_generated.py "
    "and tests/test_ingest_short_lines.py run its `unaccounted` on generated pages",
}


@pytest.mark.parametrize(("break_it", "check", "where"), CASES, ids=["bom", "weekday", "parity", "mention-offsets"])
def test_the_check_reports_what_broke_it(
    corpus_copy: Path, break_it: Callable[[Path], None], check: str, where: str
) -> None:
    break_it(corpus_copy)
    result = run_cli("validate", "--corpus", corpus_copy)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if f"[{check}]" in line]
    assert lines, result.stdout
    assert all(f"/{where}" in line.split(": [")[0] for line in lines), lines


def test_every_check_is_made_to_report_by_a_test() -> None:
    """CONTRIBUTING's recipe for a check: a case that makes it report. The check of a fixture case (tests/fixtures/pr
    or bad), of a case here, or one a test runs alone (`--check ID`) or finds in validate's output (`[ID]`)."""
    cased = {c.check for c in pr_fixtures.CASES} | {c.check for c in bad_input.CASES} | {c for _, c, _ in CASES}
    written = "".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    untried = sorted(
        c
        for c in REGISTRY
        if c not in cased and c not in INVARIANTS and f"[{c}]" not in written and f'"--check", "{c}"' not in written
    )
    assert untried == [], "give each check a fixture and its case (tests/fixtures/pr or bad), or a case in this file"
