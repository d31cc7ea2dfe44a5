"""The contributor side: the GitHub workflow, issue form and pre-commit hooks are valid and run what the README
says; `zhcorpus validate --format github`, `--base` and `--changed` behave as CI and the hooks need."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, run_cli
from zhcorpus.cli.annotations import github_line
from zhcorpus.errors import Location, Problem
from zhcorpus.io.git import GIT

BIN = Path(sys.executable).parent
WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
ISSUE_FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "correction.yml"
PR_TEMPLATE = REPO / ".github" / "pull_request_template.md"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def tool(name: str, *args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """A console script of this virtual environment (check-jsonschema, pre-commit)."""
    return subprocess.run([BIN / name, *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False)


def readme_commands() -> list[str]:
    """The two commands of the README's first code block."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.DOTALL)
    assert block is not None
    return block.group(1).strip().split("\n")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps() -> list[dict[str, Any]]:
    jobs = load(WORKFLOW)["jobs"]
    assert list(jobs) == ["corpus"]
    result: list[dict[str, Any]] = jobs["corpus"]["steps"]
    return result


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", WORKFLOW), ("vendor.github-issue-forms", ISSUE_FORM)],
    ids=["workflow", "issue-form"],
)
def test_github_files_are_valid(schema: str, path: Path) -> None:
    out = tool("check-jsonschema", "--builtin-schema", schema, path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_workflow_runs_on_pull_requests_and_main() -> None:
    # PyYAML reads the key `on` as True (YAML 1.1).
    triggers = load(WORKFLOW)[True]
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]


def test_workflow_runs_the_readme_and_annotates() -> None:
    runs = [s.get("run", "") for s in steps()]
    first, second = readme_commands()
    assert first in runs
    assert second in runs
    checkout = next(s for s in steps() if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    validate = next(s for s in steps() if "--format github" in s.get("run", ""))
    assert '--base "origin/$BASE_REF"' in validate["run"]
    assert "github.base_ref" in validate["env"]["BASE_REF"]
    # Annotations come from the committed files: validate runs before the README's build can rewrite them.
    assert runs.index(validate["run"]) < runs.index(first)
    assert any("apt-get install" in r and "chromium" in r for r in runs)
    assert ".venv/bin/zhcorpus review --html review.html" in runs
    # What CONTRIBUTING asks of a change to the tools, checked beside the tests.
    assert (
        ".venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy && .venv/bin/lint-imports" in runs
    )
    upload = next(s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "review.html"
    assert upload["if"] == "${{ !cancelled() }}"


def test_issue_form_and_pr_template_ask_for_a_correction() -> None:
    ids = [item.get("id") for item in load(ISSUE_FORM)["body"]]
    assert [i for i in ids if i] == ["article", "wrong", "right", "evidence", "checked"]
    template = PR_TEMPLATE.read_text(encoding="utf-8")
    for needed in ("correction records", "zhcorpus validate", "zhcorpus build", "reason", "evidence"):
        assert needed in template, needed
    assert template.count("- [ ]") >= 4


def test_pre_commit_config_names_the_hooks() -> None:
    out = tool("pre-commit", "validate-config", PRE_COMMIT)
    assert out.returncode == 0, out.stdout + out.stderr
    repos = {r["repo"]: r for r in load(PRE_COMMIT)["repos"]}
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert f'"ruff=={ruff["rev"].removeprefix("v")}"' in pyproject
    assert [h["id"] for h in ruff["hooks"]] == ["ruff-check", "ruff-format"]
    jsonschema = repos["https://github.com/python-jsonschema/check-jsonschema"]
    assert f'"check-jsonschema=={jsonschema["rev"]}"' in pyproject
    settings = next(h for h in jsonschema["hooks"] if "schema/dataset.json" in h.get("args", []))
    assert re.search(settings["files"], "corpus/sources/dataset.json")
    entries = {h["id"]: h["entry"] for h in repos["local"]["hooks"]}
    assert entries["zhcorpus-validate"] == ".venv/bin/zhcorpus validate --changed"
    assert "--check sources.schema@1" in entries["zhcorpus-sources"]


def test_dataset_settings_hook_passes() -> None:
    """What the check-jsonschema hook runs on the committed settings, offline."""
    out = tool("check-jsonschema", "--schemafile", "schema/dataset.json", "corpus/sources/dataset.json")
    assert out.returncode == 0, out.stdout + out.stderr


def test_github_format_escapes_and_locates() -> None:
    problem = Problem("x.y@1", Location("a,b:c.jsonl", 3, "r1", "after"), "100% wrong\r\nhere", "fix it")
    assert github_line(problem, None) == (
        "::error file=a%2Cb%3Ac.jsonl,line=3,title=x.y@1::100%25 wrong%0D%0Ahere (record r1, field after); fix it"
    )
    whole_file = Problem("x.y@1", Location("f.json"), "m")
    assert github_line(whole_file, None) == "::error file=f.json,title=x.y@1::m"


def run_validate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("validate", *args, cwd=cwd, env=GIT_ENV)


def git(*args: str, cwd: Path) -> None:
    subprocess.run([GIT, *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the corpus on main, one source file already broken there, and a branch."""
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    flags = tmp_path / "corpus" / "sources" / "zzrb-20200201-A1" / "flags.jsonl"
    flags.write_bytes(flags.read_bytes() + b"{,\n")
    git("init", "-q", "-b", "main", cwd=tmp_path)
    git("add", "-A", cwd=tmp_path)
    git("commit", "-q", "-m", "main", cwd=tmp_path)
    git("checkout", "-q", "-b", "pr", cwd=tmp_path)
    return tmp_path


SYNTAX = ("--check", "sources.syntax@1")  # one fast check: no build, so these tests take a second each


def test_changed_reports_only_changed_files(repo: Path) -> None:
    corrections = repo / "corpus" / "sources" / "zzrb-20200201-A1" / "corrections.jsonl"
    corrections.write_bytes(corrections.read_bytes() + b"{,\n")  # uncommitted: pre-commit's view
    bad_line = len(corrections.read_bytes().splitlines())

    everything = run_validate(*SYNTAX, "--base", "main", cwd=repo)
    changed = run_validate(*SYNTAX, "--base", "main", "--changed", cwd=repo)

    assert everything.returncode == 1
    assert [line.split(":")[0] for line in everything.stdout.splitlines()] == [
        "corpus/sources/zzrb-20200201-A1/corrections.jsonl",
        "corpus/sources/zzrb-20200201-A1/flags.jsonl",
    ]
    assert changed.returncode == 1
    assert changed.stdout.startswith(
        f"corpus/sources/zzrb-20200201-A1/corrections.jsonl:{bad_line}: [sources.syntax@1] "
    )
    assert len(changed.stdout.splitlines()) == 1


def test_github_paths_are_relative_to_the_repository(repo: Path) -> None:
    """Run from inside the corpus folder, the annotation still names the file from the repository root."""
    out = run_validate(*SYNTAX, "--corpus", ".", "--format", "github", cwd=repo / "corpus")
    assert out.stdout.startswith("::error file=corpus/sources/zzrb-20200201-A1/flags.jsonl,line=8,"), out.stdout


def test_unknown_base_is_an_error(repo: Path) -> None:
    out = run_validate(*SYNTAX, "--base", "origin/nowhere", cwd=repo)
    assert out.returncode == 2
    assert "[validate.base] --base origin/nowhere: no such commit" in out.stderr
    assert "fetch-depth" in out.stderr
