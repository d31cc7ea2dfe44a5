"""The project's promises about itself: the README's commands are what CI runs, and what affects bytes is pinned."""

from __future__ import annotations

import json
import re
import tomllib

from conftest import REPO, run_cli
from zhcorpus.sources import CONFIGS


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block is not None, "README must open with a sh block of two commands"
    return block.group(1).strip().splitlines()


def test_readme_opens_with_setup_and_test_commands_that_ci_runs() -> None:
    setup, tests = _readme_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ci = [line.removesuffix(" || exit 1") for line in ci]
    assert "zhcorpus build" in setup and "zhcorpus validate" in setup
    assert setup in ci and tests in ci


def test_pyarrow_is_pinned_exactly() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(re.fullmatch(r"pyarrow==[\d.]+", d) for d in project["dependencies"])


def test_validate_reports_json_for_machines() -> None:
    result = run_cli("validate", "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert report["ok"] is True and report["problems"] == []
    assert "build.fresh@1" in report["checks"] and "ingest.lossless@1" in report["checks"]


def test_readme_names_every_config_of_the_card() -> None:
    row = next(
        line
        for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `corpus/<config>/")
    )
    listed = re.findall(r"`(\w+)`", row.split("|")[2])
    assert listed == list(CONFIGS), "the README's built-data row names every config of CONFIGS, in order (CONTRIBUTING)"


def test_the_han_range_is_written_once() -> None:
    """zhcorpus.text.han holds the range every Han test uses; the glyph tools also take Extension A, and the lexicon
    names jieba-rs's own blocks (where it cuts), both on purpose."""
    spelt = re.compile(r"\\u4e00|\u4e00-|0x4E00", re.I)
    allowed = {"han.py", "glyph_recall.py", "make_glyphs.py", "lexicon.py"}
    found = [
        p.relative_to(REPO).as_posix()
        for p in sorted((REPO / "tools" / "zhcorpus").rglob("*.py"))
        if p.name not in allowed and spelt.search(p.read_text(encoding="utf-8"))
    ]
    assert found == [], "use zhcorpus.text.han (HAN, is_han, HAN_FIRST, HAN_LAST)"


def _section(title: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def test_readme_lists_every_detector() -> None:
    from zhcorpus.detect import REGISTRY

    rows = {m for m in re.findall(r"^\| `([^`]+@\d+)` \|", _section("Detectors"), re.M)}
    assert sorted(set(REGISTRY) - rows) == [], "add a row to the README's Detectors table (CONTRIBUTING, recipes)"
    assert sorted(rows - set(REGISTRY)) == [], "the README's Detectors table names a detector nobody registers"


def test_readme_lists_every_command() -> None:
    from zhcorpus.cli.main import COMMANDS

    bullets = [line for line in _section("Commands").splitlines() if line.startswith("- `zhcorpus ")]
    listed = {name for line in bullets for name in re.findall(r"`zhcorpus (\w+)", line)}
    assert sorted(set(COMMANDS) - listed) == [], "add the command to the README's Commands list (CONTRIBUTING)"
    assert sorted(listed - set(COMMANDS)) == [], "the README's Commands list names a command COMMANDS lacks"


def test_every_path_of_the_toolkit_the_docs_name_exists() -> None:
    """A module moved or renamed takes the docs with it (issue 17 moved build/ to dataset/, schema.py to schemas.py)."""
    named = {
        (doc, path)
        for doc in ("README.md", "CONTRIBUTING.md", "DATASHEET.md", "BENCHMARKS.md")
        for path in re.findall(r"tools/zhcorpus/[\w/]*\w(?:\.\w+)?", (REPO / doc).read_text(encoding="utf-8"))
    }
    missing = sorted((doc, path) for doc, path in named if not (REPO / path).exists())
    assert missing == [], "the docs name a file or folder of tools/zhcorpus that is not there"
