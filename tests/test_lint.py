"""What CONTRIBUTING asks of every change to the code, held in the test run (and so in .ci/run), not only in the
workflow: ruff's lint and format and mypy's strict types are clean. The layer contract is tests/test_layers.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing_and_the_format_holds() -> None:
    lint = _run(str(BIN / "ruff"), "check", "--no-cache", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    form = _run(str(BIN / "ruff"), "format", "--check", "--no-cache", ".")
    assert form.returncode == 0, form.stdout + form.stderr


@pytest.mark.xdist_group("mypy")
def test_mypy_strict_finds_nothing(tmp_path: Path) -> None:
    # Its cache goes to the test's folder: a run leaves nothing in the checkout.
    typed = _run(str(BIN / "mypy"), "--cache-dir", str(tmp_path / "cache"))
    assert typed.returncode == 0, typed.stdout + typed.stderr
