"""Bad input from a pull request, one fixture file a case under tests/fixtures/pr/: each broken contribution fails
`zhcorpus validate --base main` with one located problem and a hint, as CI would see it, and main stays as it was.

Every case runs in its own temporary git repository: `main` is the committed corpus, the case's change is a
commit on a branch `pr` (after `zhcorpus build` where the contributor would have run it: the records are valid,
only a policy refuses them). validate runs once a case with `--format github` (the form CI uses; it carries the
file, line, check, message and hint); the text format is compared on one case. The CLI runs in this process
(conftest.run_cli); no case may change the committed corpus.

A decision (a correction accepted or rejected, a flag resolved, a mention accepted) is legitimate in a pull request
but must not pass unseen: the listed cases pass validate, and each of their decisions is a `::notice` on its line
and a row of the job summary (the file GITHUB_STEP_SUMMARY names). A decision already merged is final: a case that
rewrites one fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from conftest import CORPUS, REPO, run_cli, snapshot
from zhcorpus import sources

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pr"
PAGE = "zzrb-20200201-A1"
SOURCES = f"corpus/sources/{PAGE}"
CORRECTIONS = f"{SOURCES}/corrections.jsonl"
FLAGS = f"{SOURCES}/flags.jsonl"
ENTITIES = f"{SOURCES}/entities.jsonl"
# The line a pull request's new correction record takes: the one after the page's records on main.
APPENDED = len((REPO / CORRECTIONS).read_text(encoding="utf-8").splitlines()) + 1
RAW = f"corpus/raw/{PAGE}.txt"
MANIFEST = f"corpus/{sources.MANIFEST}"
# The huge-line fixture holds this placeholder, expanded to a runaway paste so that the file in git stays small.
PAD = "{PAD}"
HUGE = 200_001
# A deep-nesting fixture holds this placeholder, expanded to arrays nested DEEP levels within the line limit.
DEEP_AT = "{DEEP}"
DEEP = 99_000
GIT_ENV = {
    "GIT_AUTHOR_NAME": "contributor",
    "GIT_AUTHOR_EMAIL": "contributor@example.org",
    "GIT_COMMITTER_NAME": "contributor",
    "GIT_COMMITTER_EMAIL": "contributor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,  # the developer's own git settings (signing, hooks) stay out of the test
    "GIT_CONFIG_NOSYSTEM": "1",
}
# The project's .gitignore line for the temporary files writers make.
TEMP_PATTERN = ".tmp-*"
# `::error file=PATH,line=N,title=CHECK::message; hint`
GITHUB_LINE = re.compile(r"^::error file=(?P<path>[^,]+)(?:,line=(?P<line>\d+))?,title=(?P<check>[^:]+)::(?P<text>.+)$")
NOTICE_LINE = re.compile(r"^::notice file=(?P<path>[^,]+),line=(?P<line>\d+),title=contrib\.decision::(?P<text>.+)$")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=False)


def zhcorpus(*args: str, cwd: Path, summary: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in this process, with the git identity and the job summary (none unless named) CI's run has."""
    return run_cli(*args, cwd=cwd, env={**GIT_ENV, "GITHUB_STEP_SUMMARY": None if summary is None else str(summary)})


def git(*args: str, cwd: Path) -> str:
    out = run("git", *args, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return out.stdout


@dataclass(frozen=True)
class Where:
    path: str  # repository-relative, as GitHub names it
    line: int


Apply = Callable[[Path, bytes], Where]


def line_with(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    found = [n for n, text in enumerate(lines, start=1) if needle in text]
    assert len(found) == 1, (path, needle)
    return found[0]


def append(target: str) -> Apply:
    """The fixture's lines added at the end of a source file (where a contributor adds a record)."""

    def apply(repo: Path, data: bytes) -> Where:
        path = repo / target
        existing = path.read_bytes()
        data = data.replace(PAD.encode(), b"x" * HUGE).replace(DEEP_AT.encode(), b"[" * DEEP + b"]" * DEEP)
        path.write_bytes(existing + data)
        return Where(target, existing.count(b"\n") + 1)

    return apply


def replace_record(target: str) -> Apply:
    """The fixture's record in place of the record with the same span (an edit of an existing line)."""

    def apply(repo: Path, data: bytes) -> Where:
        path = repo / target
        new = json.loads(data)
        lines = path.read_bytes().decode("utf-8").split("\n")
        keys = ("record", "field", "start", "end")
        index = next(i for i, t in enumerate(lines) if t and all(json.loads(t)[k] == new[k] for k in keys))
        lines[index] = data.decode("utf-8").rstrip("\n")
        path.write_bytes("\n".join(lines).encode("utf-8"))
        return Where(target, index + 1)

    return apply


def replace_file(target: str) -> Apply:
    def apply(repo: Path, data: bytes) -> Where:
        (repo / target).write_bytes(data)
        return Where(target, 1)

    return apply


def delete_record(repo: Path, data: bytes) -> Where:
    """The line of the record the fixture names removed (the contributor "withdraws" a correction)."""
    key = json.loads(data)["delete"]
    path = repo / CORRECTIONS
    line = line_with(path, f'"id": "{key}"')
    lines = path.read_bytes().split(b"\n")
    del lines[line - 1]
    path.write_bytes(b"\n".join(lines))
    return Where(CORRECTIONS, min(line, len(lines) - 1))


def correction_and_flag(repo: Path, data: bytes) -> Where:
    """The fixture's correction appended, and its flag in place of the flag with the same span (one change
    that accepts a correction under a flag and resolves the flag)."""
    correction, flag = data.decode("utf-8").splitlines(keepends=True)
    replace_record(FLAGS)(repo, flag.encode("utf-8"))
    return append(CORRECTIONS)(repo, correction.encode("utf-8"))


def edit_raw(repo: Path, data: bytes) -> Where:
    patch = json.loads(data)
    path = repo / RAW
    path.chmod(0o644)
    line = line_with(path, patch["old"])
    path.write_bytes(path.read_bytes().replace(patch["old"].encode(), patch["new"].encode()))
    return Where(RAW, line)


def edit_manifest(repo: Path, data: bytes) -> Where:
    patch = json.loads(data)
    path = repo / MANIFEST
    needle = f'"path": "{patch["replace"]}"'
    line = line_with(path, needle)
    path.write_bytes(path.read_bytes().replace(needle.encode(), f'"path": "{patch["with"]}"'.encode()))
    return Where(MANIFEST, line)


def add_entry(repo: Path, data: bytes) -> Where:
    """A file or a symlink the fixture names added to the corpus folder; one marked gitignored is hidden from git
    as the project's .gitignore hides temporary files, and is on disk all the same."""
    entry = json.loads(data)
    path = repo / entry["path"]
    if "symlink" in entry:
        path.symlink_to(entry["symlink"])
    else:
        path.write_text(entry["text"], encoding="utf-8")
    if entry.get("gitignored"):
        (repo / ".gitignore").write_text(f"{TEMP_PATTERN}\n", encoding="utf-8")
        assert git("status", "--porcelain", "--ignored", "--", entry["path"], cwd=repo).startswith("!! ")
    return Where(entry["path"], 0)


@dataclass(frozen=True)
class Case:
    fixture: str
    apply: Apply
    check: str  # the check validate must name
    says: str  # a fragment of its message or hint
    build: bool = False  # the contributor ran `zhcorpus build` before committing
    lines: int = 1  # problem lines allowed: more only where one edit legitimately breaks several files
    at: Where | None = None  # where it is reported, when not the line the fixture changed (line 0: no line)
    setup: str | None = None  # corrections merged into main before the change (main has no rejected one)


@dataclass(frozen=True)
class Listed:
    """A change that makes decisions: validate passes and lists each (record, where it stands)."""

    fixture: str
    apply: Apply
    decisions: tuple[tuple[str, Where], ...]
    says: str = ""  # a fragment of the first notice
    build: bool = True
    setup: str | None = None


CASES = [
    Case("corrections_before_not_in_text.jsonl", append(CORRECTIONS), "offsets.range@1", "does not match"),
    Case("corrections_overlap.jsonl", append(CORRECTIONS), "corrections.overlap@1", "overlaps"),
    Case("corrections_trailing_comma.jsonl", append(CORRECTIONS), "sources.syntax@1", "no trailing comma"),
    Case("corrections_unicode_escape.jsonl", append(CORRECTIONS), "sources.escapes@1", "\\u53d1 (发)", build=True),
    Case(
        "corrections_traditional_after.jsonl",
        append(CORRECTIONS),
        "corrections.script@1",
        "發 (simplified 发)",
        build=True,
    ),
    Case("corrections_wrong_article.jsonl", append(CORRECTIONS), "offsets.range@1", "zzrb-20200201-A1-19"),
    Case(
        "corrections_stale_build.jsonl",
        append(CORRECTIONS),
        "build.fresh@1",
        "run `zhcorpus build`",
        at=Where(MANIFEST, 0),
    ),
    Case("corrections_duplicate_id.jsonl", append(CORRECTIONS), "ids.unique@1", "already used at"),
    Case("corrections_huge_line.jsonl", append(CORRECTIONS), "sources.syntax@1", "(limit 200000)"),
    Case("corrections_deep_nesting.jsonl", append(CORRECTIONS), "sources.syntax@1", "nested more than 64 levels"),
    # The escapes check names the surrogate escape first; the reader's own refusal follows on the same line.
    Case("corrections_lone_surrogate.jsonl", append(CORRECTIONS), "sources.escapes@1", "surrogate", lines=2),
    Case("corrections_crlf.jsonl", append(CORRECTIONS), "sources.syntax@1", "CRLF"),
    Case("corrections_nul.jsonl", append(CORRECTIONS), "sources.syntax@1", "invalid JSON"),
    Case("corrections_unknown_field.jsonl", append(CORRECTIONS), "sources.schema@1", "reviewer"),
    Case("corrections_offset_string.jsonl", append(CORRECTIONS), "sources.schema@1", "is not of type 'integer'"),
    Case("corrections_unknown_method.jsonl", append(CORRECTIONS), "corrections.method@1", "spellcheck@1"),
    Case("corrections_id_not_record.jsonl", append(CORRECTIONS), "ids.format@1", "zzrb-20200201-A1-01"),
    Case(
        "corrections_changed_id.jsonl",
        replace_record(CORRECTIONS),
        "contrib.ids@1",
        "renamed zzrb-20200201-A1-05-c009",
        build=True,
    ),
    Case("corrections_deleted.json", delete_record, "contrib.ids@1", "is gone", build=True),
    Case("corrections_field_missing.jsonl", append(CORRECTIONS), "offsets.range@1", "subtitle"),
    # The build's error names the flag the new correction runs into (line 5, A1-04-f001), not the correction.
    Case(
        "corrections_under_open_flag.jsonl",
        append(CORRECTIONS),
        "build.fresh@1",
        "correction zzrb-20200201-A1-04-c101 changes",
        at=Where(FLAGS, 5),
    ),
    Case("flags_wrong_status.jsonl", replace_record(FLAGS), "sources.schema@1", "'closed'"),
    Case("flags_bom.jsonl", replace_file(FLAGS), "sources.syntax@1", "byte order mark"),
    Case("entities_text_mismatch.jsonl", append(ENTITIES), "entities.align@1", "阳卫伟"),
    Case("raw_edit.json", edit_raw, "contrib.raw@1", "raw pages are evidence", lines=2),
    # Ids take ASCII digits only (Python's `\d`, which python-jsonschema uses, takes any Unicode digit).
    Case("corrections_id_fullwidth_digits.jsonl", append(CORRECTIONS), "sources.schema@1", "c１０１"),
    # Python's `$` matches before a final line break; the schemas' `$` (ECMA-262) does not.
    Case("corrections_id_trailing_newline.jsonl", append(CORRECTIONS), "sources.schema@1", "c101\\n' does not match"),
    Case("corrections_id_arabic_indic_digits.jsonl", append(CORRECTIONS), "sources.schema@1", "c\u0661\u0660\u0661"),
    Case("corrections_reason_control.jsonl", append(CORRECTIONS), "sources.schema@1", "holds U+0007 (control)"),
    Case("flags_note_control.jsonl", replace_record(FLAGS), "sources.schema@1", "holds U+001B (control)"),
    Case("corrections_huge_after.jsonl", append(CORRECTIONS), "sources.schema@1", "2503 characters long (limit 2000)"),
    Case("manifest_path_traversal.json", edit_manifest, "manifest.checksums@1", "../../etc/passwd"),
    Case("files_symlink_token.json", add_entry, "corpus.files@1", "a symlink (to ../../../.cache/huggingface/token)"),
    Case("files_symlink_folder.json", add_entry, "corpus.files@1", "a symlink (to /etc)"),
    Case("files_stray.json", add_entry, "corpus.files@1", "a file the release does not name"),
    Case("files_leftover_tmp.json", add_entry, "corpus.files@1", "a temporary file a killed command left"),
    Case("files_script.json", add_entry, "corpus.files@1", "a Python file"),
    Case(
        "corrections_replaces_other_article.jsonl",
        append(CORRECTIONS),
        "corrections.replaces@1",
        "replaces zzrb-20200201-A1-05-c001, which is no correction of zzrb-20200201-A1-08",
    ),
    # A merged decision is final: the same id with another after, reason, note or status is refused.
    Case(
        "decided_after_changed.jsonl",
        replace_record(CORRECTIONS),
        "contrib.decided@1",
        'correction zzrb-20200201-A1-08-c006 is accepted at main; this change rewrites after: after "实" -> "虚"',
        build=True,
    ),
    # The same by a key written twice: a diff shows 实, json.loads would have read 虚.
    Case(
        "decided_after_duplicate_key.jsonl",
        replace_record(CORRECTIONS),
        "sources.syntax@1",
        "key 'after' appears twice in one object; only the last would be read (record "
        "zzrb-20200201-A1-08-c006, field after)",
    ),
    Case(
        "decided_rejected_reason.jsonl",
        replace_record(CORRECTIONS),
        "contrib.decided@1",
        "correction zzrb-20200201-A1-06-c101 is rejected at main; this change rewrites reason",
        build=True,
        setup="decided_rejected_reason.base.jsonl",
    ),
    Case(
        "decided_flag_note.jsonl",
        replace_record(FLAGS),
        "contrib.decided@1",
        "flag zzrb-20200201-A1-08-f001 is resolved at main; this change rewrites note",
        build=True,
    ),
    Case(
        "decided_mention_changed.jsonl",
        replace_record(ENTITIES),
        "contrib.decided@1",
        'mention zzrb-20200201-A1-01-e003 is accepted at main; this change rewrites status: status "accepted" -> '
        '"rejected"',
        build=True,
    ),
]
LISTED = [
    Listed(
        "decided_added_accepted.jsonl",
        append(CORRECTIONS),
        (("zzrb-20200201-A1-08-c101", Where(CORRECTIONS, APPENDED)),),
    ),
    # The build refuses an accepted correction under an open flag (corrections_under_open_flag); resolving the flag
    # in the same change is how it is done (`zhcorpus resolve`), and both decisions are listed.
    Listed(
        "decided_accept_and_resolve.jsonl",
        correction_and_flag,
        (("zzrb-20200201-A1-04-f001", Where(FLAGS, 5)), ("zzrb-20200201-A1-04-c101", Where(CORRECTIONS, APPENDED))),
    ),
    # A new decision on a decided correction: a new record naming the one it replaces, which is no longer applied
    # (validate's replay check holds the rebuilt text to that).
    Listed(
        "decided_replaced.jsonl",
        append(CORRECTIONS),
        (("zzrb-20200201-A1-08-c101", Where(CORRECTIONS, APPENDED)),),
        says="added as accepted, replaces zzrb-20200201-A1-08-c006: '支' -> '虚'",
    ),
]
TEXT_CASE = "corrections_overlap.jsonl"


@dataclass(frozen=True)
class Outcome:
    where: Where
    start: str  # the commit main points at when the change branches off
    main: str  # the commit main points at after the case
    github: subprocess.CompletedProcess[str]
    text: subprocess.CompletedProcess[str] | None
    summary: str  # what validate appended to the job summary ("" if it wrote none)


def run_case(case: Case | Listed, template: Path, work: Path) -> Outcome:
    repo = work / "repo"
    shutil.copytree(template, repo, symlinks=True)
    if case.setup is not None:
        append(CORRECTIONS)(repo, (FIXTURES / case.setup).read_bytes())
        assert zhcorpus("build", cwd=repo).returncode == 0
        git("add", "-A", cwd=repo)
        git("commit", "-q", "-m", f"main: {case.setup}", cwd=repo)
    start = git("rev-parse", "main", cwd=repo).strip()
    git("checkout", "-q", "-b", "pr", cwd=repo)
    where = case.apply(repo, (FIXTURES / case.fixture).read_bytes())
    if case.build:
        built = zhcorpus("build", cwd=repo)
        assert built.returncode == 0, built.stderr
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", f"PR: {case.fixture}", cwd=repo)
    summary = work / "step-summary.md"
    github = zhcorpus("validate", "--base", "main", "--format", "github", cwd=repo, summary=summary)
    text = zhcorpus("validate", "--base", "main", cwd=repo) if case.fixture == TEXT_CASE else None
    written = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return Outcome(where, start, git("rev-parse", "main", cwd=repo).strip(), github, text, written)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository whose main holds the committed corpus; every case copies it."""
    repo = tmp_path_factory.mktemp("template") / "repo"
    shutil.copytree(CORPUS, repo / "corpus")
    git("init", "-q", "-b", "main", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "main: the committed corpus", cwd=repo)
    return repo, git("rev-parse", "main", cwd=repo).strip()


@pytest.fixture(scope="module")
def pristine() -> dict[str, bytes]:
    return snapshot(CORPUS)


Outcomes = Callable[[str], Outcome]


@pytest.fixture(scope="module")
def outcomes(template: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    """Each case (by its fixture file) run once, in its own copy of the template."""
    cases: list[Case | Listed] = [*CASES, *LISTED]
    every = {c.fixture: c for c in cases}
    return cache(lambda name: run_case(every[name], template[0], tmp_path_factory.mktemp(name.split(".")[0])))


def params(cases: Sequence[Case | Listed]) -> list[object]:
    # The tests of one case share a worker (pytest -n with --dist loadgroup), so each case runs once.
    return [pytest.param(c, id=c.fixture, marks=pytest.mark.xdist_group(c.fixture)) for c in cases]


def test_every_fixture_has_a_case() -> None:
    every: list[Case | Listed] = [*CASES, *LISTED]
    named = [name for c in every for name in (c.fixture, c.setup) if name is not None]
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(named), (
        "each file of tests/fixtures/pr is the fixture (or setup) of one Case or Listed in CASES / LISTED here"
    )
    assert len(CASES) >= 20


def test_main_validates_clean(template: tuple[Path, str]) -> None:
    """The premise: the committed corpus in a repository with a base passes every check, contrib.* included."""
    out = zhcorpus("validate", "--base", "main", "--format", "github", cwd=template[0])
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout == ""


@pytest.mark.parametrize("case", params(CASES))
def test_pr_fails_with_one_located_problem(case: Case, outcomes: Outcomes, pristine: dict[str, bytes]) -> None:
    out = outcomes(case.fixture)
    assert snapshot(CORPUS) == pristine, "the case changed the committed corpus"
    assert out.github.returncode == 1, out.github.stdout + out.github.stderr
    lines = out.github.stdout.splitlines()
    assert all(GITHUB_LINE.match(t) or NOTICE_LINE.match(t) for t in lines), out.github.stdout
    problems = [m for m in map(GITHUB_LINE.match, lines) if m]
    assert 1 <= len(problems) <= case.lines, out.github.stdout
    wanted = case.at or out.where
    first = problems[0]
    assert (first["path"], first["check"]) == (wanted.path, case.check), out.github.stdout
    assert first["line"] == (str(wanted.line) if wanted.line else None), out.github.stdout
    assert case.says in first["text"], first["text"]
    assert all("; " in m["text"] for m in problems), out.github.stdout  # each says what to do
    assert out.main == out.start, "the case moved main"


@pytest.mark.parametrize("case", params(LISTED))
def test_pr_decisions_are_listed(case: Listed, outcomes: Outcomes, pristine: dict[str, bytes]) -> None:
    out = outcomes(case.fixture)
    assert snapshot(CORPUS) == pristine, "the case changed the committed corpus"
    assert out.github.returncode == 0, out.github.stdout + out.github.stderr
    notices = [NOTICE_LINE.match(text) for text in out.github.stdout.splitlines()]
    assert all(notices), out.github.stdout
    listed = [(m["path"], int(m["line"]), m["text"]) for m in notices if m]
    assert len(listed) == len(case.decisions), out.github.stdout
    for (record, where), (path, line, text) in zip(sorted(case.decisions), sorted(listed), strict=True):
        assert (path, line) == (where.path, where.line), out.github.stdout
        assert record in text, text
    assert case.says in listed[0][2], listed[0][2]
    table = [row for row in out.summary.splitlines() if row.startswith("| ")]
    assert len(table) == 2 + len(case.decisions), out.summary  # header, rule, a row each
    for record, where in case.decisions:
        assert [row for row in table if f"`{record}`" in row and f"`{where.path}:{where.line}`" in row], out.summary
    assert out.main == out.start, "the case moved main"


def test_no_decision_is_summarised_as_none(template: tuple[Path, str], tmp_path: Path) -> None:
    """A change that decides nothing says so in the job summary (an empty section would look like a failure)."""
    summary = tmp_path / "summary.md"
    out = zhcorpus("validate", "--base", "main", "--format", "github", cwd=template[0], summary=summary)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "None: this change accepts, rejects or resolves nothing." in summary.read_text(encoding="utf-8")


@pytest.mark.xdist_group(TEXT_CASE)
def test_text_format_is_the_same_problem(outcomes: Outcomes) -> None:
    out = outcomes(TEXT_CASE)
    assert out.text is not None
    assert out.text.returncode == 1
    assert out.text.stdout.startswith(f"{out.where.path}:{out.where.line}: [corrections.overlap@1] ")
