"""``detect.compiled``: where compiled loops are cached, and that a change anywhere in the package compiles anew."""

from __future__ import annotations

from pathlib import Path

import numba

from conftest import REPO
from zhcorpus.detect.compiled import PACKAGE, cache_folder, source_digest


def test_a_change_to_any_module_names_another_cache(tmp_path: Path) -> None:
    """Numba keys a loop's cache by its own file; a loop that calls another module's function would keep the old
    machine code after that module changed. The folder's name is a digest of every source file."""
    package = tmp_path / "zhcorpus"
    (package / "detect").mkdir(parents=True)
    (package / "detect" / "lookalike.py").write_text("calls = 'wordtable.read_back'\n", encoding="utf-8")
    (package / "detect" / "wordtable.py").write_text("slots = 4\n", encoding="utf-8")
    before = source_digest(package)
    (package / "detect" / "wordtable.py").write_text("slots = 5\n", encoding="utf-8")
    assert source_digest(package) != before
    (package / "detect" / "wordtable.py").rename(package / "detect" / "words.py")
    assert source_digest(package) not in (before, source_digest(package.parent))


def test_the_cache_is_outside_the_repository_and_named_by_the_sources() -> None:
    """No file a pull request adds to the repository is loaded as machine code."""
    folder = Path(numba.config.CACHE_DIR)  # type: ignore[attr-defined]
    assert folder == cache_folder()
    assert folder.name == f"numba-{source_digest(PACKAGE)}"
    assert not folder.resolve().is_relative_to(REPO.resolve())
