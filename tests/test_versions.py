"""Versions: `zhcorpus release` in a real git repository, the changelog, the history check, `zhcorpus diff`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CORPUS, run_cli
from zhcorpus.dataset.manifest import Manifest
from zhcorpus.dataset.semver import Version, at_least
from zhcorpus.io.git import GIT
from zhcorpus.release.changes import compare
from zhcorpus.release.snapshot import Snapshot

GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
}
FLAG = "zzrb-20200201-A1-06-f001"


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(
        [GIT, "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**GIT_ENV, "PATH": "/usr/bin:/bin", "HOME": str(repo)},
    )
    return out.stdout


def zhcorpus(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, "--corpus", "corpus", cwd=repo, env=GIT_ENV)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the committed corpus, one commit, no tags."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "corpus")
    return tmp_path


def resolve_flag_and_commit(repo: Path) -> None:
    assert zhcorpus(repo, "resolve", FLAG, "--reason", "printed so").returncode == 0
    assert zhcorpus(repo, "build").returncode == 0
    git(repo, "commit", "-q", "-am", "resolve a flag")


def test_first_release_tags_records_and_writes_the_changelog(repo: Path) -> None:
    result = zhcorpus(repo, "release")
    assert result.returncode == 0, result.stderr
    assert git(repo, "tag").split() == ["v0.1.0"]
    assert git(repo, "status", "--porcelain") == ""
    record = json.loads((repo / "corpus" / "releases" / "v0.1.0.json").read_text(encoding="utf-8"))
    manifest = json.loads((repo / "corpus" / "MANIFEST.json").read_text(encoding="utf-8"))
    assert record["manifest"] == manifest
    assert record["previous"] is None
    assert "## v0.1.0" in (repo / "corpus" / "CHANGELOG.md").read_text(encoding="utf-8")
    # The release dates its version in the settings, and Croissant carries the date as datePublished.
    settings = json.loads((repo / "corpus" / "sources" / "dataset.json").read_text(encoding="utf-8"))
    croissant = json.loads((repo / "corpus" / "croissant.json").read_text(encoding="utf-8"))
    assert settings["published"] == croissant["datePublished"] == record["date"]
    assert zhcorpus(repo, "validate").returncode == 0


def test_a_change_after_a_release_needs_a_new_version(repo: Path) -> None:
    assert zhcorpus(repo, "release").returncode == 0
    resolve_flag_and_commit(repo)
    report = zhcorpus(repo, "validate")
    assert report.returncode == 1
    assert "[releases.version@1] v0.1.0 is released, but these files differ" in report.stdout
    assert "zhcorpus version --bump patch" in report.stdout
    again = zhcorpus(repo, "release")
    assert again.returncode == 2
    assert "already released" in again.stderr
    bumped = zhcorpus(repo, "release", "--bump", "patch")
    assert bumped.returncode == 0, bumped.stderr
    assert git(repo, "tag").split() == ["v0.1.0", "v0.1.1"]
    changelog = (repo / "corpus" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## v0.1.1") < changelog.index("## v0.1.0")
    assert f"{FLAG} (open -> resolved)" in changelog
    rows = [json.loads(line) for line in (repo / "corpus" / "jsonl" / "articles.jsonl").read_text().splitlines()]
    assert {r["version"] for r in rows} == {"0.1.1"}
    record = json.loads((repo / "corpus" / "releases" / "v0.1.1.json").read_text(encoding="utf-8"))
    assert record["previous"]["version"] == "0.1.0"
    assert zhcorpus(repo, "validate").returncode == 0
    diff = zhcorpus(repo, "diff", "v0.1.0", "v0.1.1")
    assert diff.returncode == 0, diff.stderr
    assert f"{FLAG} (open -> resolved)" in diff.stdout
    assert "need at least a patch version bump" in diff.stdout


def test_version_bump_then_release_without_bump(repo: Path) -> None:
    assert zhcorpus(repo, "release").returncode == 0
    resolve_flag_and_commit(repo)
    assert zhcorpus(repo, "version", "--bump", "patch").returncode == 0
    assert zhcorpus(repo, "validate").returncode == 0  # 0.1.1 is not released: changes are allowed
    croissant = json.loads((repo / "corpus" / "croissant.json").read_text(encoding="utf-8"))
    assert "datePublished" not in croissant  # nor dated
    git(repo, "commit", "-q", "-am", "start 0.1.1")
    assert zhcorpus(repo, "release").returncode == 0
    assert "v0.1.1" in git(repo, "tag").split()
    assert "nothing changed since v0.1.1" in zhcorpus(repo, "release", "--bump", "patch").stderr


def test_a_date_no_release_record_backs_is_reported(repo: Path) -> None:
    """The version changed by hand after a release keeps the release's date: Croissant would call it published."""
    assert zhcorpus(repo, "release").returncode == 0
    settings = repo / "corpus" / "sources" / "dataset.json"
    settings.write_text(settings.read_text(encoding="utf-8").replace('"0.1.0"', '"0.1.1"', 1), encoding="utf-8")
    assert zhcorpus(repo, "build").returncode == 0
    report = zhcorpus(repo, "validate")
    assert report.returncode == 1
    assert "dataset.json: [releases.version@1] version 0.1.1 is dated" in report.stdout
    assert "no release record of it says so" in report.stdout
    # As the hint says: the bump starts 0.1.1 without the date, though the version already reads 0.1.1.
    assert zhcorpus(repo, "version", "--bump", "patch").returncode == 0
    assert "published" not in json.loads(settings.read_text(encoding="utf-8"))
    assert zhcorpus(repo, "validate").returncode == 0


def test_release_refuses_a_dirty_tree_or_a_failing_validate(repo: Path) -> None:
    # Outside corpus/: a stray file inside it is a validate problem (corpus.files@1), refused before the tree.
    (repo / "notes.txt").write_text("scratch", encoding="utf-8")
    dirty = zhcorpus(repo, "release")
    assert dirty.returncode == 2
    assert "uncommitted changes" in dirty.stderr
    (repo / "notes.txt").unlink()
    with (repo / "corpus" / "jsonl" / "issues.jsonl").open("a", encoding="utf-8") as f:
        f.write("{}\n")
    git(repo, "commit", "-q", "-am", "break the build")
    broken = zhcorpus(repo, "release")
    assert broken.returncode == 2
    assert "`zhcorpus validate` fails" in broken.stderr
    assert git(repo, "tag") == ""


def test_an_edited_release_record_breaks_the_history(repo: Path) -> None:
    assert zhcorpus(repo, "release").returncode == 0
    record = repo / "corpus" / "releases" / "v0.1.0.json"
    record.write_text(record.read_text(encoding="utf-8").replace('"date": "', '"date": "1'), encoding="utf-8")
    report = zhcorpus(repo, "validate")
    assert report.returncode == 1
    assert "corpus/releases/v0.1.0.json: [releases.frozen@1] the record differs from the one tagged v0.1.0" in (
        report.stdout
    )


def _snapshot(label: str, columns: dict[str, str], paragraphs: list[str]) -> Snapshot:
    article = {"id": "a-01", "paragraphs": [{"id": p, "text": "x"} for p in paragraphs], "version": label}
    manifest = Manifest("zzrb", label, {}, ())
    return Snapshot(label, manifest, {"articles": [article]}, {"articles": columns}, {})


@pytest.mark.parametrize(
    ("columns", "paragraphs", "needed"),
    [
        ({"id": "string", "text": "string"}, ["a-01-p001"], None),
        ({"id": "string", "text": "string", "extra": "string"}, ["a-01-p001"], "minor"),
        ({"id": "string"}, ["a-01-p001"], "major"),
        ({"id": "string", "text": "string"}, [], "major"),
    ],
)
def test_the_bump_a_change_needs(columns: dict[str, str], paragraphs: list[str], needed: str | None) -> None:
    old = _snapshot("0.1.0", {"id": "string", "text": "string"}, ["a-01-p001"])
    assert compare(old, _snapshot("0.1.1", columns, paragraphs)).needed == needed


def test_semver() -> None:
    assert Version.parse("0.1.9").bump("patch") == Version(0, 1, 10)
    assert Version.parse("1.4.2").bump("minor") == Version(1, 5, 0)
    assert str(Version.parse("1.4.2").bump("major")) == "2.0.0"
    assert Version(0, 10, 0) > Version(0, 9, 9)
    assert at_least("minor", "patch") and not at_least("patch", "minor")
    with pytest.raises(ValueError, match="not a version"):
        Version.parse("01.2.3")
