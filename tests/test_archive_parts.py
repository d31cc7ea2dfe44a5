"""An archive's parts against its description and its build record, and broken parts: each is a located problem
or error naming the part, never a page skipped unseen, a traceback or a half-written build (issue 14, defects 5, 9).
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import run_cli, snapshot
from zhcorpus.cli.main import EXIT_ERROR, main

SHARDS = 4
# `path[:line]: [check] message; hint`, as archive validate prints a problem and any command an error.
LINE = re.compile(r"^(?:error: )?(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: \[(?P<check>[^\]]+)\] .+; .+$")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated archive of SHARDS shards, built."""
    out = tmp_path_factory.mktemp("parts") / "archive"
    made = run_cli("synth", "--articles", "60", "--seed", "3", "--pages-per-shard", "4", "-o", out)
    assert made.returncode == 0, made.stderr
    assert json.loads((out / "archive.json").read_text(encoding="utf-8"))["shards"] == SHARDS
    built = run_cli("archive", "build", out)
    assert built.returncode == 0, built.stdout + built.stderr
    return out


@pytest.fixture
def copy(archive: Path, tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(archive, target)
    return target


def lines(text: str) -> list[re.Match[str]]:
    assert "Traceback" not in text, text
    found = [LINE.match(t) for t in text.splitlines() if t.startswith(("error: ", str(Path.cwd().anchor)))]
    assert all(found), text
    return [m for m in found if m]


def named(text: str, check: str) -> set[str]:
    """The parts ``check`` names, relative to the archive."""
    return {m["path"].split("/archive/", 1)[1] for m in lines(text) if m["check"] == check}


def describe(root: Path, shards: int) -> None:
    path = root / "archive.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**doc, "shards": shards}, indent=2) + "\n", encoding="utf-8")


def leftovers(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob(".tmp-*"))


# ---------------------------------------------------------------------------------------------------------------
# Defect 9: the parts on disk against archive.json


FOLDERS = ["raw", "gold/articles", "gold/faults", "build/articles", "build/corrections", "build/flags"]


def test_a_description_counting_fewer_shards_names_every_extra_part(copy: Path) -> None:
    describe(copy, SHARDS - 1)
    build_before = snapshot(copy / "build")
    extra = {f"{folder}/part-{SHARDS - 1:05d}.parquet" for folder in FOLDERS}

    checked = run_cli("archive", "validate", copy)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert named(checked.stdout, "archive.parts@1") == extra
    assert "not one of the 3 shard(s)" in checked.stdout

    built = run_cli("archive", "build", copy)
    assert built.returncode == 2, built.stdout + built.stderr
    assert named(built.stderr, "archive.parts@1") == {f"raw/part-{SHARDS - 1:05d}.parquet"}
    assert snapshot(copy / "build") == build_before
    assert leftovers(copy) == []


def test_a_description_counting_more_shards_names_every_missing_part(copy: Path) -> None:
    describe(copy, SHARDS + 1)
    missing = {f"{folder}/part-{SHARDS:05d}.parquet" for folder in FOLDERS}

    checked = run_cli("archive", "validate", copy)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert named(checked.stdout, "archive.parts@1") == missing
    assert "part is missing" in checked.stdout

    built = run_cli("archive", "build", copy)
    assert built.returncode == 2, built.stdout + built.stderr
    assert named(built.stderr, "archive.parts@1") == {f"raw/part-{SHARDS:05d}.parquet"}


def test_a_part_removed_from_the_build_is_named(copy: Path) -> None:
    (copy / "build" / "flags" / "part-00002.parquet").unlink()

    checked = run_cli("archive", "validate", copy)

    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert named(checked.stdout, "archive.parts@1") == {"build/flags/part-00002.parquet"}


# ---------------------------------------------------------------------------------------------------------------
# Defect 5: broken parts


def flip(path: Path, at: float) -> None:
    """Invert 16 bytes at ``at`` of the file's length (0.97: the footer, where the schema is)."""
    data = bytearray(path.read_bytes())
    start = int(len(data) * at)
    data[start : start + 16] = bytes(b ^ 0xFF for b in data[start : start + 16])
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("at", [0.1, 0.5, 0.7, 0.97])
def test_a_built_part_with_flipped_bytes_is_named(copy: Path, at: float) -> None:
    part = copy / "build" / "articles" / "part-00001.parquet"
    flip(part, at)

    checked = run_cli("archive", "validate", copy)

    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert named(checked.stdout, "archive.checksum@1") | named(checked.stdout, "archive.schema@1") == {
        "build/articles/part-00001.parquet"
    }


@pytest.mark.parametrize("at", [0.5, 0.97])
def test_a_truncated_or_flipped_raw_part_stops_the_build_and_keeps_the_previous_one(copy: Path, at: float) -> None:
    part = copy / "raw" / "part-00002.parquet"
    if at == 0.5:
        part.write_bytes(part.read_bytes()[: len(part.read_bytes()) // 2])
    else:
        flip(part, at)
    build_before = snapshot(copy / "build")

    built = run_cli("archive", "build", copy)

    assert built.returncode == 2, built.stdout + built.stderr
    assert named(built.stderr, "archive.raw") == {"raw/part-00002.parquet"}
    assert snapshot(copy / "build") == build_before
    assert sorted(p.name for p in copy.iterdir()) == ["archive.json", "build", "gold", "raw"]
    assert leftovers(copy) == []


def test_a_failed_first_build_leaves_no_build_folder(copy: Path) -> None:
    shutil.rmtree(copy / "build")
    part = copy / "raw" / "part-00003.parquet"
    part.write_bytes(part.read_bytes()[:100])

    built = run_cli("archive", "build", copy)

    assert built.returncode == 2, built.stdout + built.stderr
    assert sorted(p.name for p in copy.iterdir()) == ["archive.json", "gold", "raw"]


def test_a_full_disk_during_the_build_keeps_the_previous_build(
    copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build_before = snapshot(copy / "build")

    def full(self: pq.ParquetWriter, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    # The shards run in forked processes, which inherit the fault.
    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)

    code = main(["archive", "build", str(copy)])

    err = capsys.readouterr().err
    assert code == EXIT_ERROR, err
    assert {m["check"] for m in lines(err)} == {"io.write"}
    assert "No space left on device; free space on the device" in err
    assert snapshot(copy / "build") == build_before
    assert leftovers(copy) == []


def test_an_output_that_is_no_build_folder_is_refused(copy: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me\n", encoding="utf-8")

    built = run_cli("archive", "build", copy, "--output", mine)

    assert built.returncode == 2, built.stdout + built.stderr
    assert "not a build folder" in built.stderr
    assert snapshot(mine) == {"notes.txt": b"keep me\n"}
