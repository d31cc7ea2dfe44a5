"""Shared test helpers: the repository's paths, a private copy of the corpus, and the real CLI (in this process, or
in a fresh interpreter where that is what a test is about)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import settings

from zhcorpus.cli.main import main

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
    *args: str | Path, cwd: Path | None = None, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """`zhcorpus ARGS` as the console script runs it (``main``, its exit code, its output), in this process: a
    fresh interpreter would cost a start and the imports on every call. ``cwd`` and ``env`` (a name set to None
    is unset) hold for the call only; a test about the interpreter itself (hash seed, start-up) uses
    `run_cli_fresh`."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or REPO), _environment(env or {}), redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args])
    return subprocess.CompletedProcess(["zhcorpus", *map(str, args)], code, out.getvalue(), err.getvalue())


def run_cli_fresh(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`zhcorpus ARGS` in a fresh interpreter (with ``env`` added to the environment), as a user starts it."""
    return subprocess.run(
        [sys.executable, "-m", "zhcorpus.cli.main", *map(str, args)],
        cwd=cwd or REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@contextlib.contextmanager
def _environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in changes}
    _set(changes)
    try:
        yield
    finally:
        _set(saved)


def _set(values: Mapping[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the committed corpus folder that a test may break."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
