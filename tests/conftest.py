"""Shared test helpers: the repository's paths, a private copy of the corpus, and the real CLI as a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# In CI every property test draws the same examples each run, so a red CI is the change's doing, never the luck of
# a draw; on a developer's machine the draws are new each run and keep finding rare inputs (run with CI=true to
# replay CI's). Loaded here, before any test module applies its own @settings on top of it.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SEED_PAGE = "zzrb-20200201-A1"
RAW_A1 = CORPUS / "raw" / f"{SEED_PAGE}.txt"
SOURCES_A1 = CORPUS / "sources" / SEED_PAGE


def run_cli(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`zhcorpus ARGS` as a user runs it, in a fresh interpreter (with ``env`` added to the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "zhcorpus.cli.main", *map(str, args)],
        cwd=cwd or REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the committed corpus folder that a test may break."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
