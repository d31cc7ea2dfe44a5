"""Hostile input to single commands, and faults no fixture can hold: each is a located error with a non-zero
exit that leaves the files as they were, never a traceback (issue 14, defects 5 and 7).

JSON inputs are fixture files under tests/fixtures/bad/ (deep nesting is expanded from a {DEEP} placeholder, as
tests/test_bad_input.py does); a full disk and a read-only file system are injected into the real writers in
this process (root ignores a read-only folder made by chmod, and no small file system can be mounted here).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import RAW_A1, SOURCES_A1, run_cli, snapshot
from test_bad_input import fixture_bytes
from zhcorpus.cli import version as version_cli
from zhcorpus.cli.main import EXIT_BUG, EXIT_ERROR, main
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.io.jsonlines import MAX_DEPTH, loads

LOCATED = re.compile(r"^error: (?P<path>[^:\n]+?)(?::(?P<line>\d+))?: \[(?P<code>[^\]]+)\] .+; .+$")


def located(stderr: str) -> list[re.Match[str]]:
    """The located error lines; a traceback fails the test."""
    assert "Traceback" not in stderr, stderr
    found = [LOCATED.match(text) for text in stderr.splitlines() if text.startswith("error: ")]
    assert found and all(found), stderr
    return [m for m in found if m]


# ---------------------------------------------------------------------------------------------------------------
# JSON read by single commands


@pytest.mark.parametrize(
    ("fixture", "code", "says"),
    [
        ("edit_deep_nesting.jsonl", "jsonl.depth", "nested more than 64 levels deep"),
        ("edit_lone_surrogate.jsonl", "jsonl.surrogate", "lone surrogate \\udfff"),
    ],
)
def test_correct_from_edit_refuses_hostile_json(
    tmp_path: Path, corpus_copy: Path, fixture: str, code: str, says: str
) -> None:
    (tmp_path / fixture).write_bytes(fixture_bytes(fixture))
    before = snapshot(corpus_copy)

    result = run_cli("correct", "--corpus", corpus_copy, "--from-edit", fixture, "--reason", "x", cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    first = located(result.stderr)[0]
    assert (first["path"], first["line"], first["code"]) == (fixture, "1", code)
    assert says in result.stderr
    assert snapshot(corpus_copy) == before


def test_deep_dataset_settings_are_a_located_error(tmp_path: Path, corpus_copy: Path) -> None:
    (corpus_copy / "sources" / "dataset.json").write_bytes(fixture_bytes("dataset_deep_nesting.json"))

    result = run_cli("version", "--corpus", "corpus", cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    first = located(result.stderr)[0]
    # The code `zhcorpus build` reports for the same file: version reads the settings the way the build does.
    assert (first["path"], first["line"], first["code"]) == ("corpus/sources/dataset.json", "1", "sources.syntax@1")
    assert "nested more than 64 levels deep" in result.stderr


def test_deep_archive_description_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "archive.json").write_bytes(fixture_bytes("archive_deep_nesting.json"))

    result = run_cli("archive", "validate", ".", cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    first = located(result.stderr)[0]
    assert (first["path"], first["line"], first["code"]) == ("archive.json", "1", "archive.description")
    assert "nested more than 64 levels deep" in result.stderr


# ---------------------------------------------------------------------------------------------------------------
# Encodings that are no text encoding


@pytest.mark.parametrize("command", ["ingest", "fix"])
@pytest.mark.parametrize(("encoding", "says"), [("rot13", "not a text encoding"), ("no-such-codec", "unknown")])
def test_an_encoding_that_reads_no_text_is_a_located_error(
    tmp_path: Path, command: str, encoding: str, says: str
) -> None:
    shutil.copyfile(RAW_A1, tmp_path / "page.txt")

    result = run_cli(command, "page.txt", "-o", "out", "--encoding", encoding, cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    first = located(result.stderr)[0]
    assert (first["path"], first["code"]) == ("page.txt", "raw.encoding")
    assert says in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


# ---------------------------------------------------------------------------------------------------------------
# `fix -o` never overwrites its input, the corpus, or (without --force) an existing file (defect 7)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    shutil.copyfile(RAW_A1, path)
    return path


def test_fix_refuses_to_write_over_its_input(tmp_path: Path, page: Path) -> None:
    (tmp_path / "by-symlink.txt").symlink_to(page.name)
    os.link(page, tmp_path / "by-hard-link.txt")
    before = snapshot(tmp_path)

    for output in ("page.txt", "./page.txt", "by-symlink.txt", "by-hard-link.txt"):
        result = run_cli("fix", "page.txt", "-o", output, "--force", cwd=tmp_path)
        assert result.returncode == 2, (output, result.stderr)
        assert located(result.stderr)[0]["code"] == "fix.output"
        assert "page.txt" in result.stderr
    report = run_cli("fix", "page.txt", "-o", "fixed.txt", "--report", "page.txt", "--force", cwd=tmp_path)
    assert report.returncode == 2, report.stderr
    assert "the report is also page.txt" in report.stderr

    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("target", ["raw/zzrb-20200201-A1.txt", "sources/zzrb-20200201-A1/layout.jsonl", "x.txt"])
def test_fix_refuses_to_write_into_the_corpus(tmp_path: Path, corpus_copy: Path, target: str) -> None:
    before = snapshot(corpus_copy)

    result = run_cli("fix", corpus_copy / "raw" / RAW_A1.name, "-o", f"corpus/{target}", "--force", cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    first = located(result.stderr)[0]
    assert first["code"] == "fix.output"
    assert "corpus folder" in result.stderr or "is also" in result.stderr
    assert snapshot(corpus_copy) == before


def test_fix_refuses_to_write_into_the_committed_corpus(tmp_path: Path) -> None:
    result = run_cli("fix", RAW_A1, "-o", SOURCES_A1 / "layout.jsonl", "--force", cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    assert "lies in the corpus folder" in result.stderr


def test_fix_replaces_an_existing_output_only_with_force(tmp_path: Path, page: Path) -> None:
    (tmp_path / "fixed.txt").write_text("mine\n", encoding="utf-8")

    refused = run_cli("fix", "page.txt", "-o", "fixed.txt", cwd=tmp_path)
    assert refused.returncode == 2, refused.stderr
    assert located(refused.stderr)[0]["path"] == "fixed.txt"
    assert "--force" in refused.stderr
    assert (tmp_path / "fixed.txt").read_text(encoding="utf-8") == "mine\n"

    forced = run_cli("fix", "page.txt", "-o", "fixed.txt", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "fixed.txt").read_text(encoding="utf-8") != "mine\n"


# ---------------------------------------------------------------------------------------------------------------
# A full disk and a read-only file system while writing (fault injection into the real writers)


def _fail(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _bump_version(corpus: Path) -> None:
    """A new version: every built file then has other bytes, so a build writes them all."""
    settings = corpus / "sources" / "dataset.json"
    text = settings.read_text(encoding="utf-8")
    version = re.search(r'"version": "([^"]+)"', text)
    assert version is not None
    settings.write_text(text.replace(version[0], '"version": "9.9.9"'), encoding="utf-8")


def _no_temporary_files(root: Path) -> list[str]:
    return [p.name for p in root.rglob(".tmp-*")]


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("fsync", "No space left on device; free space on the device"),
        ("mkstemp", "Read-only file system; the file system is read-only"),
        ("replace", "Read-only file system; the file system is read-only"),
    ],
)
def test_a_failed_write_during_build_is_located_and_harmless(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fault: str, says: str
) -> None:
    _bump_version(corpus_copy)
    before = snapshot(corpus_copy)
    calls = {"n": 0}

    def fsync(fd: int) -> None:
        raise _fail(errno.ENOSPC)

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise _fail(errno.EROFS)

    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        # The first file goes through; the second fails, as when a disk turns read-only under a build.
        calls["n"] += 1
        if calls["n"] > 1:
            raise _fail(errno.EROFS)
        real_replace(src, dst)

    if fault == "fsync":
        monkeypatch.setattr(os, "fsync", fsync)
    elif fault == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    else:
        monkeypatch.setattr(os, "replace", replace)

    code = main(["build", "--corpus", str(corpus_copy)])

    err = capsys.readouterr().err
    assert code == EXIT_ERROR, err
    first = located(err)[0]
    assert first["code"] == "io.write"
    assert (Path.cwd() / first["path"]).resolve().is_relative_to(corpus_copy.resolve())
    assert says in err
    assert "the previous files are intact" in err
    after = snapshot(corpus_copy)
    assert _no_temporary_files(corpus_copy) == []
    # Every file is its previous self or, up to the failure, the new build's whole file: none is half-written,
    # and the manifest, written last, still vouches for the previous build.
    assert after["MANIFEST.json"] == before["MANIFEST.json"]
    assert after.keys() == before.keys()


def test_a_failed_write_of_a_new_folder_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(RAW_A1, tmp_path / RAW_A1.name)
    real_rename = os.rename

    def rename(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == "out":
            raise _fail(errno.EROFS)
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)

    code = main(["ingest", str(tmp_path / RAW_A1.name), "-o", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert code == EXIT_ERROR, err
    assert located(err)[0]["code"] == "io.write"
    assert sorted(p.name for p in tmp_path.iterdir()) == [RAW_A1.name]


# ---------------------------------------------------------------------------------------------------------------
# The last guard: an exception no module turned into a located error


def test_an_unexpected_error_is_one_line_naming_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ZHCORPUS_DEBUG", raising=False)

    def broken(args: object) -> int:
        raise KeyError("files")

    monkeypatch.setattr(version_cli, "run", broken)

    code = main(["version"])

    err = capsys.readouterr().err
    assert code == EXIT_BUG
    assert err.splitlines() == [
        "error: zhcorpus version: [internal.bug] KeyError: 'files'; this is a bug: report it with the command line "
        "(ZHCORPUS_DEBUG=1 shows the traceback)"
    ]
    monkeypatch.setenv("ZHCORPUS_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["version"])


def test_an_os_error_no_module_located_names_its_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def denied(args: object) -> int:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), "somewhere.json")

    monkeypatch.setattr(version_cli, "run", denied)

    code = main(["version"])

    err = capsys.readouterr().err
    assert code == EXIT_ERROR
    assert err.startswith("error: somewhere.json: [io.error] Permission denied; ")


# ---------------------------------------------------------------------------------------------------------------
# The strict reader itself


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), 1),
        ('{"a": 1,\n "b":\n' + "[" * 99_000, 3),  # never closed: json.loads recursed before it saw the end
        ('{"a": [1, "' + "[" * 200 + '"],\n "b": ' + "{" * 70 + "}" * 70 + "}", 2),  # brackets in a string
    ],
)
def test_nesting_past_the_limit_is_located_at_its_line(text: str, line: int) -> None:
    with pytest.raises(ZhcorpusError) as caught:
        loads(text, Location("f.json", 1))
    assert (caught.value.code, caught.value.location.line) == ("jsonl.depth", line)


def test_brackets_in_strings_and_nesting_at_the_limit_are_read() -> None:
    text = '{"a": "' + "[" * 500 + '", "b": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    assert loads(text, Location("f.json", 1))["a"] == "[" * 500


def test_a_lone_surrogate_in_a_key_is_named_printably() -> None:
    with pytest.raises(ZhcorpusError) as caught:
        loads('{"id": "r-1",\n "b": ["x", {"c\\uDC00": 1}]}', Location("f.jsonl", 7))
    problem = caught.value.as_problem()
    assert (problem.check, problem.location.line, problem.location.record) == ("jsonl.surrogate", 8, "r-1")
    assert problem.location.field == "b[1].c\\udc00"
    problem.render().encode("utf-8")  # printable: no surrogate in the message itself


@pytest.mark.parametrize(
    ("text", "record", "field"),
    [
        # A lone surrogate in the id itself, and in a key written twice: the error prints, it does not crash.
        ('{"id": "\\udfff", "a": 1}', "\\udfff", "id"),
        ('{"\\udfff": 1, "\\udfff": 2}', None, "\\udfff"),
        # The id written twice: the error names the first value, the one a diff shows.
        ('{"id": "zzrb-20200201-A1-01-c001", "id": "x"}', "zzrb-20200201-A1-01-c001", "id"),
    ],
)
def test_a_hostile_id_or_key_is_named_printably(text: str, record: str | None, field: str) -> None:
    with pytest.raises(ZhcorpusError) as caught:
        loads(text, Location("corrections.jsonl", 3))
    where = caught.value.location
    assert (where.path, where.line, where.record, where.field) == ("corrections.jsonl", 3, record, field)
    caught.value.as_problem().render().encode("utf-8")  # printable: no lone surrogate left in it
