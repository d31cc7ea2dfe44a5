"""An interrupted or failed build leaves the previous data intact; a build never half-writes a file or a folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import run_cli, snapshot
from zhcorpus.checks import run_checks
from zhcorpus.dataset.pipeline import compute_build, write_build
from zhcorpus.dataset.writers import SYNTH_PARQUET, PartWriter
from zhcorpus.errors import ZhcorpusError
from zhcorpus.io.atomic import new_folder
from zhcorpus.sources import CorpusPaths


def _break_a_correction(corpus: Path) -> None:
    path = corpus / "sources" / "zzrb-20200201-A1" / "corrections.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace('"before": "\\n"', '"before": "X"', 1), encoding="utf-8")


def test_failing_build_writes_nothing(corpus_copy: Path) -> None:
    _break_a_correction(corpus_copy)
    before = snapshot(corpus_copy)
    result = run_cli("build", "--corpus", corpus_copy)
    assert result.returncode == 2
    assert "[offsets.range@1]" in result.stderr
    assert snapshot(corpus_copy) == before


def test_interrupted_write_keeps_every_file_whole(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = CorpusPaths(corpus_copy)
    old = snapshot(corpus_copy)
    # A new version changes every built file, so the build has several files to replace.
    settings = corpus_copy / "sources" / "dataset.json"
    settings.write_text(settings.read_text(encoding="utf-8").replace("0.1.0", "0.1.1"), encoding="utf-8")
    result = compute_build(paths)
    calls = 0
    real_replace = os.replace

    def dying_replace(src: str, dst: str) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt  # the process is stopped between two renames
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        write_build(paths, result)
    monkeypatch.undo()
    now = snapshot(corpus_copy)
    assert not [p for p in now if ".tmp-" in p], "temporary files left behind"
    for rel, data in now.items():
        if rel in result.files:
            assert data in (old[rel], result.files[rel]), f"{rel} is neither the old nor the new file"
    # The manifest goes last, so it still vouches for the old build and validate reports the mixture.
    assert now["MANIFEST.json"] == old["MANIFEST.json"]
    assert run_cli("validate", "--corpus", corpus_copy).returncode == 1
    assert run_cli("build", "--corpus", corpus_copy).returncode == 0
    assert run_cli("validate", "--corpus", corpus_copy).returncode == 0


# `zhcorpus build` run as a user runs it, except that the process is killed with SIGKILL (no cleanup, no finally
# block runs) at its Nth fsync: the temporary file is then written and flushed, not yet renamed into place.
KILLED_AT_FSYNC = """
import os, signal, sys
from zhcorpus.cli.main import main
real, calls = os.fsync, [0]
def fsync(fd):
    real(fd)
    calls[0] += 1
    if calls[0] == int(sys.argv[1]):
        os.kill(os.getpid(), signal.SIGKILL)
os.fsync = fsync
sys.exit(main(sys.argv[2:]))
"""


def test_a_build_removes_the_temporary_files_a_killed_build_left(corpus_copy: Path) -> None:
    paths = CorpusPaths(corpus_copy)
    settings = corpus_copy / "sources" / "dataset.json"
    settings.write_text(settings.read_text(encoding="utf-8").replace("0.1.0", "0.1.1"), encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AT_FSYNC, "4", "build", "--corpus", str(corpus_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = [rel for rel in snapshot(corpus_copy) if Path(rel).name.startswith(".tmp-")]
    assert len(left) == 1, left  # the premise: a real leftover of the killed build, as validate reports it
    assert [p.location.path for p in run_checks(paths, only=["corpus.files@1"])[1]] == [
        paths.shown(corpus_copy / left[0])
    ]

    rebuilt = run_cli("build", "--corpus", corpus_copy)

    assert rebuilt.returncode == 0, rebuilt.stderr
    now = snapshot(corpus_copy)
    assert [rel for rel in now if ".tmp-" in rel] == []
    for rel, data in compute_build(paths).files.items():
        assert now[rel] == data, rel
    assert run_checks(paths, only=["corpus.files@1", "manifest.checksums@1", "build.fresh@1"])[1] == []


def _fill(out: Path, meanwhile: Callable[[], object]) -> None:
    with new_folder(out, "synth") as staging:
        (staging / "part.txt").write_text("part", encoding="utf-8")
        meanwhile()


def _interrupt() -> None:
    raise KeyboardInterrupt


def test_a_new_folder_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        _fill(out, _interrupt)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ZhcorpusError) as caught:
        _fill(out, out.mkdir)  # another process made the folder meanwhile: it is kept, not replaced
    assert caught.value.code == "synth.output"
    assert list(tmp_path.iterdir()) == [out] and list(out.iterdir()) == []
    _fill(tmp_path / "new", lambda: None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "out"]
    assert (tmp_path / "new" / "part.txt").read_text(encoding="utf-8") == "part"


def test_a_parquet_part_is_seen_only_when_closed_and_never_after_a_discard(tmp_path: Path) -> None:
    schema = pa.schema([("n", pa.int64())])
    part = PartWriter(tmp_path / "part.parquet", schema, SYNTH_PARQUET)
    part.write(pa.table({"n": [1, 2]}, schema=schema))
    part.write(pa.table({"n": [3]}, schema=schema))
    part.write(pa.table({"n": []}, schema=schema))  # a batch of no rows (a shard without faults) adds no row group
    part.write(pa.table({"n": []}, schema=schema))  # no row group
    assert not (tmp_path / "part.parquet").exists()
    part.close()
    assert (pq.ParquetFile(tmp_path / "part.parquet").metadata.num_row_groups, part.rows) == (2, 3)
    dropped = PartWriter(tmp_path / "dropped.parquet", schema, SYNTH_PARQUET)
    dropped.write(pa.table({"n": [4]}, schema=schema))
    dropped.discard()
    assert [p.name for p in tmp_path.iterdir()] == ["part.parquet"]
