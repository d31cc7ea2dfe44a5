"""``detect.compiled``: where compiled loops are cached, that a change anywhere in the package compiles them anew,
and that they are cached nowhere else."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from zhcorpus.detect import REGISTRY  # noqa: F401 - imports every detector module, and so every compiled loop
from zhcorpus.detect.compiled import CACHE, PACKAGE, _Cache, cache_folder, count, count_table, source_digest

# A loop in one module (garbled) that calls a function of another (compiled.bit), run on a table of one set bit:
# it prints the runs it finds, and whether its machine code came from the cache.
_RUN = """
import numpy as np
from zhcorpus.detect.garbled import RUN, _unheld_runs
codes = np.full(RUN + 2, 3, dtype=np.uint32)
number = np.ones(4, dtype=np.uint16)
unheld = np.full(1, 0xFF, dtype=np.uint8)
print(_unheld_runs(codes, number, 2, unheld).tolist(), sum(_unheld_runs.stats.cache_hits.values()))
"""


def _run(package: Path, cache_home: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(package.parent), "XDG_CACHE_HOME": str(cache_home)}
    env.pop("NUMBA_CACHE_DIR", None)
    done = subprocess.run([sys.executable, "-c", _RUN], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _copy(tmp_path: Path) -> Path:
    package = tmp_path / "tools" / "zhcorpus"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    return package


def test_a_change_to_another_module_compiles_the_loop_anew(tmp_path: Path) -> None:
    """Numba keys a loop's cache by its own file: without the digest, garbled's loop would keep the old bit()."""
    package, cache = _copy(tmp_path), tmp_path / "cache"
    assert _run(package, cache) == "[[0, 8]] 0"
    assert _run(package, cache) == "[[0, 8]] 1"  # loaded from the cache
    bits = package / "detect" / "compiled.py"
    bits.write_text(bits.read_text(encoding="utf-8").replace("& 7)) & 1)", "& 7)) & 0)"), encoding="utf-8")
    assert _run(package, cache) == "[] 0"


def test_nothing_is_cached_beside_the_modules_when_the_cache_cannot_be_written(tmp_path: Path) -> None:
    package, blocked = _copy(tmp_path), tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    assert _run(package, blocked) == "[[0, 8]] 0"
    assert _run(package, blocked) == "[[0, 8]] 0"
    assert not [p for p in package.rglob("*") if p.suffix in (".nbi", ".nbc")]


def test_a_change_to_any_module_names_another_folder(tmp_path: Path) -> None:
    package = tmp_path / "zhcorpus"
    (package / "detect").mkdir(parents=True)
    (package / "detect" / "wordtable.py").write_text("slots = 4\n", encoding="utf-8")
    before = source_digest(package)
    (package / "detect" / "wordtable.py").write_text("slots = 5\n", encoding="utf-8")
    assert source_digest(package) != before


def test_every_loop_is_cached_in_the_folder_outside_the_repository() -> None:
    """No file a pull request adds to the repository is loaded as machine code."""
    assert CACHE is not None
    assert cache_folder() == CACHE
    assert not CACHE.resolve().is_relative_to(REPO.resolve())
    loops = [
        value
        for name, module in sys.modules.items()
        if name.startswith("zhcorpus.")
        for value in vars(module).values()
        if isinstance(getattr(value, "_cache", None), _Cache)
    ]
    assert len(loops) >= 15
    assert all(Path(loop._cache._cache_path).is_relative_to(CACHE) for loop in loops)


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.integers(0, (1 << 63) - 1), max_size=300),
    st.lists(st.integers(0, (1 << 63) - 1), max_size=50),
)
def test_a_hashed_count_is_the_count_of_its_key_and_zero_for_any_other(keys: set[int], others: list[int]) -> None:
    # Keys packed the way the character model packs them collide in their low bits; small tables probe far.
    ordered = np.array(sorted(keys), dtype=np.int64)
    counts = np.arange(1, len(ordered) + 1, dtype=np.int64)
    table = count_table(ordered, counts)
    assert [count(table, k) for k in ordered.tolist()] == counts.tolist()
    assert all(count(table, k) == 0 for k in others if k not in keys)
