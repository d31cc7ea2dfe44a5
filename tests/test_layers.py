"""The layer contract of pyproject.toml ([tool.importlinter]): it holds for the package, and it fails, naming the
import, when a module imports from a layer above its own or two modules of a package import each other."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(repo / "pyproject.toml")],
        cwd=repo,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(repo / "tools")},
        capture_output=True,
        text=True,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    """The package and the contract, in a folder of their own that a test may break."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tools" / "zhcorpus", repo / "tools" / "zhcorpus", symlinks=True)
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    return repo


@pytest.mark.xdist_group("layers")
def test_the_package_keeps_its_layers() -> None:
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def _lint_with(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess[str]:
    """The contract run on a copy of the package with ``line`` appended to ``module`` (a path under zhcorpus/)."""
    repo = _copy(tmp_path)
    with (repo / "tools" / "zhcorpus" / module).open("a", encoding="utf-8") as source:
        source.write(f"\n{line}  # noqa: E402\n")
    return _lint(repo)


@pytest.mark.xdist_group("layers")
def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    done = _lint_with(tmp_path, "text/han.py", "import zhcorpus.cli.main")
    assert done.returncode == 1
    assert "zhcorpus.text is not allowed to import zhcorpus.cli" in done.stdout
    assert "zhcorpus.text.han -> zhcorpus.cli.main" in done.stdout


@pytest.mark.xdist_group("layers")
def test_a_circle_inside_a_package_is_refused(tmp_path: Path) -> None:
    # detect.doubled imports detect.codes; codes importing doubled back closes a circle inside one layer.
    done = _lint_with(tmp_path, "detect/codes.py", "import zhcorpus.detect.doubled")
    assert done.returncode == 1
    assert "No cycles are allowed in zhcorpus.detect" in done.stdout
