"""`zhcorpus publish` against a local HTTP server speaking the Hub endpoints the client uses (tests/fakehub.py).

What is verified here is the request flow of huggingface_hub 2.4.0 as this machine has it; the real Hub's answers
(LFS/Xet upload of the Parquet files, its YAML validation, its permission checks) are not: see README, Publishing.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from huggingface_hub import constants

from conftest import CORPUS, snapshot
from fakehub import GITATTRIBUTES, FakeHub, Repo, serve
from zhcorpus.cli.main import EXIT_ERROR, main
from zhcorpus.dataset.history import record_bytes, releases_dir
from zhcorpus.dataset.manifest import Manifest
from zhcorpus.dataset.pipeline import compute_build, write_build
from zhcorpus.dataset.semver import Version
from zhcorpus.errors import ZhcorpusError
from zhcorpus.release.publish import commit_plan, prepublish_check
from zhcorpus.sources import MANIFEST, CorpusPaths, read_settings, write_version

TOKEN = "hf_zhcorpusTestToken7f3a9c"  # noqa: S105 - a made-up token the test looks for in every output
REPO_ID = "zhcorpus-test/zzrb"
TAG = "v0.1.0"
RELEASED_ON = "2026-12-07"


@pytest.fixture(autouse=True)
def hub_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """No telemetry, no saved login, no Xet, nothing from the user's Hugging Face home; client logs captured."""
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setenv("HF_HUB_DISABLE_XET", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    # huggingface_hub reads these environment variables once, at import: patch the values it already holds.
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_XET", True)
    monkeypatch.setattr(constants, "HF_TOKEN_PATH", str(tmp_path / "hf-home" / "token"))
    caplog.set_level(logging.DEBUG, logger="huggingface_hub")


@pytest.fixture(scope="module")
def released_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed corpus as `zhcorpus release` leaves the folder: its version dated, built, and the release record
    that gave the date (the tag is git's, which publish does not read), made once for the module."""
    target = tmp_path_factory.mktemp("released") / "corpus"
    shutil.copytree(CORPUS, target)
    paths = CorpusPaths(target)
    version = read_settings(paths).version
    write_version(paths, version, RELEASED_ON)
    result = compute_build(paths)
    write_build(paths, result)
    record = releases_dir(paths) / f"v{version}.json"
    record.parent.mkdir()
    record.write_bytes(
        record_bytes(Version.parse(version), RELEASED_ON, None, Manifest.from_bytes(result.files[MANIFEST], MANIFEST))
    )
    return target


@pytest.fixture
def corpus_copy(released_template: Path, tmp_path: Path) -> Path:
    """A private copy of the released corpus that a test may break (it replaces conftest's unreleased one here)."""
    target = tmp_path / "corpus"
    shutil.copytree(released_template, target)
    return target


def _dated_by_hand(corpus: Path) -> None:
    """A date written into the settings with no release record behind it."""
    paths = CorpusPaths(corpus)
    write_version(paths, read_settings(paths).version, RELEASED_ON)
    write_build(paths, compute_build(paths))


@pytest.mark.parametrize("dated_by_hand", [False, True], ids=["undated", "dated-by-hand"])
def test_an_unreleased_version_is_refused_before_anything_is_sent(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    dated_by_hand: bool,
) -> None:
    unreleased = tmp_path / "corpus"
    shutil.copytree(CORPUS, unreleased)
    if dated_by_hand:
        _dated_by_hand(unreleased)
    with serve(TOKEN) as hub:
        monkeypatch.setenv("HF_TOKEN", TOKEN)
        assert publish_to(hub, unreleased, "--dry-run") == EXIT_ERROR
        assert publish_to(hub, unreleased) == EXIT_ERROR
        assert hub.requests == []
    err = assert_token_never_shown(capsys, caplog)
    assert "sources/dataset.json: [publish.released@1] version 0.1.0 is not released" in err
    assert "run `zhcorpus release`" in err


def zhcorpus_publish(*argv: str | Path) -> int:
    """`zhcorpus publish ARGS` in this process (so the patched huggingface_hub constants hold), through main()."""
    return main(["publish", *map(str, argv)])


def publish_to(hub: FakeHub, corpus: Path, *extra: str) -> int:
    return zhcorpus_publish("--corpus", corpus, "--repo-id", REPO_ID, "--endpoint", hub.url, *extra)


def planned_files(corpus: Path) -> dict[str, bytes]:
    return {e.path: (corpus / e.path).read_bytes() for e in commit_plan(CorpusPaths(corpus))}


def sent_files(payload: list[dict[str, object]]) -> tuple[dict[str, bytes], list[str]]:
    """The files a commit's NDJSON adds (decoded) and the paths it deletes."""
    added: dict[str, bytes] = {}
    deleted: list[str] = []
    for line in payload[1:]:
        value = line["value"]
        assert isinstance(value, dict)
        if line["key"] == "file":
            assert value["encoding"] == "base64"
            added[value["path"]] = base64.b64decode(value["content"])
        else:
            assert line["key"] == "deletedFile"
            deleted.append(value["path"])
    return added, deleted


def assert_token_never_shown(capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> str:
    out, err = capsys.readouterr()
    assert TOKEN not in out
    assert TOKEN not in err
    assert TOKEN not in caplog.text
    return err


def test_dry_run_prints_every_file_with_its_sha256_and_sends_nothing(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)  # a token at hand is still not used
    with serve(TOKEN) as hub:
        assert publish_to(hub, corpus_copy, "--dry-run") == 0
    assert hub.requests == []
    out, err = capsys.readouterr()
    files = sorted(snapshot(corpus_copy).items())
    expected = [f"{path}  {hashlib.sha256(data).hexdigest()}  {len(data)}" for path, data in files]
    assert out.splitlines() == expected
    assert f"tag it {TAG}" in err
    assert TOKEN not in out + err


def test_publish_pushes_the_plan_as_one_commit_on_the_previous_head_and_tags_it(
    corpus_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    plan = planned_files(corpus_copy)
    with serve(TOKEN) as hub:
        assert publish_to(hub, corpus_copy) == 0
        repo = hub.repos[REPO_ID]
        (initial,) = (c for c in repo.commits.values() if c.parent is None)  # the Hub's own first commit

        (payload,) = hub.commit_payloads
        assert payload[0]["value"] == {"summary": f"Release {TAG}", "description": "", "parentCommit": initial.sha}
        added, deleted = sent_files(payload)
        assert added == plan
        assert deleted == []
        assert hub.validated_yaml == [plan["README.md"].decode()]
        tagged = repo.tags[TAG]
        assert repo.branches["main"] == tagged
        assert repo.commits[tagged].parent == initial.sha
        assert repo.commits[tagged].files == {**plan, ".gitattributes": GITATTRIBUTES}
        assert {r.authorization for r in hub.requests} == {f"Bearer {TOKEN}"}
        assert tagged in assert_token_never_shown(capsys, caplog)

        # The same release again: the tag holds exactly this content, so nothing is sent.
        requests = len(hub.requests)
        assert publish_to(hub, corpus_copy) == 0
        assert "nothing to do" in assert_token_never_shown(capsys, caplog)
        assert len(hub.commit_payloads) == 1
        assert all(r.method == "GET" or r.path == "/api/repos/create" for r in hub.requests[requests:])

        # Other content under the same version: refused, and nothing is pushed.
        with (corpus_copy / "ANNOTATION.md").open("a", encoding="utf-8") as f:
            f.write("\nA late remark.\n")
        requests = len(hub.requests)
        assert publish_to(hub, corpus_copy) == EXIT_ERROR
        err = assert_token_never_shown(capsys, caplog)
        assert f"{TAG} already exists on {REPO_ID} with other content (ANNOTATION.md)" in err
        assert "release a new version (`zhcorpus release --bump patch`)" in err
        assert len(hub.commit_payloads) == 1
        assert repo.tags == {TAG: tagged}
        assert repo.branches["main"] == tagged
        assert all(r.method == "GET" or r.path == "/api/repos/create" for r in hub.requests[requests:])


def test_publish_over_an_older_release_removes_what_the_plan_lacks(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    plan = planned_files(corpus_copy)
    with serve(TOKEN) as hub:
        repo = hub.create(REPO_ID)
        older = repo.add_commit(
            repo.branches["main"],
            "Release v0.0.9",
            {".gitattributes": GITATTRIBUTES, "ANNOTATION.md": plan["ANNOTATION.md"], "old/notes.txt": b"gone\n"},
        )
        repo.tags["v0.0.9"] = older.sha
        # Someone pushes to main between our commit and our tag: the tag must still name our commit.
        hub.after_commit = lambda r: r.add_commit(r.branches["main"], "someone else's edit", {})
        assert publish_to(hub, corpus_copy) == 0

    (payload,) = hub.commit_payloads
    value = payload[0]["value"]
    assert isinstance(value, dict)
    assert value["parentCommit"] == older.sha
    added, deleted = sent_files(payload)
    # The client leaves out a file the Hub already holds unchanged (it compares the oid preupload answers).
    assert added == {path: data for path, data in plan.items() if path != "ANNOTATION.md"}
    assert deleted == ["old/notes.txt"]
    released = repo.commits[repo.tags[TAG]]
    assert released.parent == older.sha
    assert released.files == {**plan, ".gitattributes": GITATTRIBUTES}
    assert repo.branches["main"] != released.sha
    assert repo.tags["v0.0.9"] == older.sha


def test_a_release_already_on_main_but_untagged_is_tagged_without_a_commit(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier run committed and stopped before tagging: the rerun tags that commit."""
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    plan = planned_files(corpus_copy)
    with serve(TOKEN) as hub:
        repo = hub.create(REPO_ID)
        committed = repo.add_commit(repo.branches["main"], f"Release {TAG}", {**plan, ".gitattributes": GITATTRIBUTES})
        assert publish_to(hub, corpus_copy) == 0
    assert hub.commit_payloads == []
    assert repo.tags == {TAG: committed.sha}


def test_a_commit_is_refused_when_main_moved_since_it_was_read(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    with serve(TOKEN) as hub:
        repo = hub.create(REPO_ID)
        hub.before_commit = lambda r: r.add_commit(r.branches["main"], "someone else's edit", {})
        assert publish_to(hub, corpus_copy) == EXIT_ERROR
    (other,) = (c for c in repo.commits.values() if c.message == "someone else's edit")
    assert repo.branches["main"] == other.sha
    assert repo.tags == {}
    err = capsys.readouterr().err
    assert "[publish.hub@1] the Hub refused the request" in err
    assert "A commit has happened since" in err


def test_a_card_the_hub_refuses_is_located_at_the_card(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    with serve(TOKEN) as hub:
        hub.yaml_errors = ['"license_name" is required when "license" is "other"']
        assert publish_to(hub, corpus_copy) == EXIT_ERROR
        assert hub.commit_payloads == []
        assert hub.repos[REPO_ID].tags == {}
    err = capsys.readouterr().err
    card = CorpusPaths(corpus_copy).shown(corpus_copy / "README.md")
    assert f"error: {card}:1: [publish.card@1] the Hub refuses the card's YAML header" in err
    assert '"license_name" is required' in err


def test_a_repository_without_main_is_refused_before_any_commit(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    with serve(TOKEN) as hub:
        hub.repos[REPO_ID] = Repo()
        assert publish_to(hub, corpus_copy) == EXIT_ERROR
    assert hub.commit_payloads == []
    assert "[publish.hub@1] the repository has no main branch" in capsys.readouterr().err


def test_no_token_is_a_clear_error_before_any_request(corpus_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with serve(TOKEN) as hub:
        assert publish_to(hub, corpus_copy) == EXIT_ERROR
    assert hub.requests == []
    err = capsys.readouterr().err
    assert "[publish.token@1] no Hugging Face token" in err
    assert "`hf auth login`" in err
    assert "HF_TOKEN" in err


def test_a_refused_token_is_a_located_error_that_does_not_show_it(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = "hf_wrongTokenForTheTest41d2"
    monkeypatch.setenv("HF_TOKEN", wrong)
    with serve(TOKEN) as hub:
        assert publish_to(hub, corpus_copy) == EXIT_ERROR
        assert hub.repos == {}
        assert {r.authorization for r in hub.requests} == {f"Bearer {wrong}"}
    out, err = capsys.readouterr()
    assert f"error: {hub.url}/datasets/{REPO_ID}: [publish.hub@1] the Hub refused the request" in err
    assert wrong not in out + err


def test_prepublish_check_names_a_parquet_file_replaced_by_another(corpus_copy: Path, tmp_path: Path) -> None:
    paths = CorpusPaths(corpus_copy)
    shutil.copyfile(paths.parquet("issues"), paths.parquet("articles"))
    problems = prepublish_check(paths, tmp_path / "cache")
    checksum = [p for p in problems if p.check == "manifest.checksums@1"]
    assert [p.message for p in checksum] == [
        "articles/train-00000-of-00001.parquet: sha256 or size differs from the manifest"
    ]
    assert checksum[0].location.path == paths.shown(paths.manifest)
    loads = [p for p in problems if p.check == "publish.loads@1"]
    assert [p.location.path for p in loads] == [paths.shown(paths.parquet("articles"))]
    with pytest.raises(ZhcorpusError) as caught:
        commit_plan(paths)
    assert caught.value.location.path == paths.shown(paths.parquet("articles"))
    assert "`zhcorpus build`" in caught.value.hint


def test_a_loading_script_is_refused(corpus_copy: Path, tmp_path: Path) -> None:
    paths = CorpusPaths(corpus_copy)
    script = corpus_copy / "x.py"
    script.write_text("import datasets\n", encoding="utf-8")
    problems = prepublish_check(paths, tmp_path / "cache")
    assert [p.location.path for p in problems if p.check == "corpus.files@1"] == [paths.shown(script)]
    with pytest.raises(ZhcorpusError) as caught:
        commit_plan(paths)
    assert (caught.value.code, caught.value.location.path) == ("corpus.files@1", paths.shown(script))


def _token_file(tmp_path: Path) -> Path:
    """The saved login where `hf auth login` puts it (HF_HOME is the test's): what a hostile link points at."""
    token = tmp_path / "hf-home" / "token"
    token.parent.mkdir(parents=True, exist_ok=True)
    token.write_text(TOKEN, encoding="utf-8")
    return token


def _link_to_token(corpus: Path, tmp_path: Path) -> str:
    (corpus / "token.txt").symlink_to(_token_file(tmp_path))
    return "token.txt"


def _folder_outside(corpus: Path, tmp_path: Path) -> str:
    # A linked folder: each file below it resolves outside the dataset folder.
    (corpus / "extra").symlink_to(_token_file(tmp_path).parent, target_is_directory=True)
    return "extra"


def _stray_file(corpus: Path, tmp_path: Path) -> str:
    (corpus / "sources" / "notes.txt").write_text("a reviewer's notes\n", encoding="utf-8")
    return "sources/notes.txt"


def _killed_build_leftover(corpus: Path, tmp_path: Path) -> str:
    # What `zhcorpus build` killed between its write and its rename leaves (io/atomic.py atomic_write).
    leftover = corpus / "entities" / ".tmp-train-00000-of-00001.parquet.k2v9x0qa"
    leftover.write_bytes((corpus / "entities" / "train-00000-of-00001.parquet").read_bytes()[:100])
    return "entities/.tmp-train-00000-of-00001.parquet.k2v9x0qa"


def _python_file(corpus: Path, tmp_path: Path) -> str:
    (corpus / "sources" / "load.py").write_text("import datasets\n", encoding="utf-8")
    return "sources/load.py"


HOSTILE = [
    pytest.param(_link_to_token, "a symlink (to ", id="symlink-to-token"),
    pytest.param(_folder_outside, "a symlink (to ", id="folder-outside"),
    pytest.param(_stray_file, "a file the release does not name", id="stray-file"),
    pytest.param(_killed_build_leftover, "a temporary file a killed command left", id="leftover-temporary-file"),
    pytest.param(_python_file, "a Python file in the dataset folder", id="python-file"),
]


@pytest.mark.parametrize("dry_run", [False, True], ids=["publish", "dry-run"])
@pytest.mark.parametrize(("place", "says"), HOSTILE)
def test_a_folder_holding_more_than_the_release_is_refused_before_anything_is_sent(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    place: Callable[[Path, Path], str],
    says: str,
    dry_run: bool,
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    named = place(corpus_copy, tmp_path)
    with serve(TOKEN) as hub:
        assert publish_to(hub, corpus_copy, *(["--dry-run"] if dry_run else [])) == EXIT_ERROR
    assert hub.requests == []
    assert hub.repos == {}
    err = assert_token_never_shown(capsys, caplog)
    shown = f"{CorpusPaths(corpus_copy).shown(corpus_copy)}/{named}"
    assert f"error: {shown}: [corpus.files@1] {says}" in err, err


@pytest.mark.parametrize("repo_id", ["../x", "a/b/c", "", "a--b/c", "owner/name.git", "datasets/owner/name"])
@pytest.mark.parametrize("dry_run", [False, True], ids=["publish", "dry-run"])
def test_a_bad_repository_id_is_refused_first(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], repo_id: str, dry_run: bool
) -> None:
    """Checked before the folder and the slow pre-publish check: the folder here would be refused too, and is not
    reached."""
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    _stray_file(corpus_copy, corpus_copy)
    with serve(TOKEN) as hub:
        argv: list[str | Path] = ["--corpus", corpus_copy, "--repo-id", repo_id, "--endpoint", hub.url]
        assert zhcorpus_publish(*argv, *(["--dry-run"] if dry_run else [])) == EXIT_ERROR
    assert hub.requests == []
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"error: --repo-id: [publish.repo-id@1] {repo_id!r} is not a Hub repository id: ")
    assert "OWNER/NAME" in errors[0]


def test_an_unreachable_endpoint_is_a_located_error(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        endpoint = f"http://127.0.0.1:{probe.getsockname()[1]}"
    assert zhcorpus_publish("--corpus", corpus_copy, "--repo-id", REPO_ID, "--endpoint", endpoint) == EXIT_ERROR
    out, err = capsys.readouterr()
    assert f"error: {endpoint}: [publish.hub@1] cannot reach the Hub at {endpoint}: " in err, err
    assert "check the network and --endpoint" in err
    assert TOKEN not in out + err


def test_an_endpoint_that_is_no_url_is_refused_first(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    assert zhcorpus_publish("--corpus", corpus_copy, "--repo-id", REPO_ID, "--endpoint", "127.0.0.1:9") == EXIT_ERROR
    assert "error: --endpoint: [publish.hub@1] '127.0.0.1:9' is not an http(s) URL" in capsys.readouterr().err


def test_the_committed_corpus_passes_the_prepublish_check(tmp_path: Path) -> None:
    from conftest import CORPUS

    assert prepublish_check(CorpusPaths(CORPUS), tmp_path / "cache") == []


def test_commit_plan_leaves_out_caches(corpus_copy: Path) -> None:
    committed = sorted(snapshot(corpus_copy))
    (corpus_copy / "__pycache__").mkdir()
    (corpus_copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (corpus_copy / ".cache" / "huggingface").mkdir(parents=True)
    (corpus_copy / ".cache" / "huggingface" / "download.lock").write_bytes(b"")
    assert [e.path for e in commit_plan(CorpusPaths(corpus_copy))] == committed
