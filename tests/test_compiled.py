"""``detect.compiled``: where compiled loops are cached, that a change anywhere in the package compiles them anew,
that they are cached nowhere else, and that the folders of old versions are pruned (and nothing else is)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from zhcorpus.detect import REGISTRY  # noqa: F401 - imports every detector module, and so every compiled loop
from zhcorpus.detect.compiled import (
    CACHE,
    PACKAGE,
    _Cache,
    _home_slot,
    cache_folder,
    count,
    count_entries,
    count_table,
    counts_of,
    prune,
    source_digest,
)

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


def _version(n: int) -> str:
    return f"numba-{n:016x}"


def test_pruning_keeps_the_current_folder_and_the_versions_used_last(tmp_path: Path) -> None:
    root = tmp_path / "zhcorpus"
    current = root / _version(0)
    current.mkdir(parents=True)
    os.utime(current, (1, 1))  # used long ago, but it is this version's
    for n in range(1, 11):
        (root / _version(n)).mkdir()
        (root / _version(n) / "index.nbi").write_bytes(b"machine code")
        os.utime(root / _version(n), (1000 + n, 1000 + n))  # 10 used last, 1 first
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("a user's file", encoding="utf-8")
    (root / _version(20)).symlink_to(elsewhere)
    (root / _version(21)).write_text("a file, not a folder", encoding="utf-8")
    (root / "numba-not-a-digest").mkdir()
    (root / "notes").mkdir()
    deleted = prune(current, keep=3)
    assert deleted == [root / _version(n) for n in range(7, 0, -1)]
    left = sorted(p.name for p in root.iterdir())
    assert left == sorted(
        ["notes", "numba-not-a-digest", _version(0), *(_version(n) for n in (8, 9, 10)), _version(20), _version(21)]
    )
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "a user's file"
    assert current.stat().st_mtime > 1000  # marked used now
    assert prune(current, keep=3) == []


def test_pruning_spares_a_folder_used_within_the_grace_period(tmp_path: Path) -> None:
    """Another version's long build may still be using its folder, however many versions came since."""
    current, recent, old = (tmp_path / _version(n) for n in range(3))
    for folder in (recent, old):
        folder.mkdir()
    now = time.time()
    os.utime(recent, (now - 60, now - 60))
    os.utime(old, (now - 7200, now - 7200))
    assert prune(current, keep=0, grace=3600) == [old]
    assert recent.is_dir() and not old.exists()


def test_importing_the_loops_prunes_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "cache" / "zhcorpus"
    for n in range(1, 11):
        (root / _version(n)).mkdir(parents=True)
        os.utime(root / _version(n), (1000 + n, 1000 + n))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("NUMBA_CACHE_DIR", None)
    code = "from zhcorpus.detect.compiled import CACHE; print(CACHE.name)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    current = done.stdout.strip()
    assert current == f"numba-{source_digest(PACKAGE)}"
    assert sorted(p.name for p in root.iterdir()) == sorted([current, *(_version(n) for n in range(3, 11))])


def test_pruning_where_the_cache_cannot_be_written_does_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    assert prune(blocked / "zhcorpus" / _version(0)) == []
    assert blocked.read_text(encoding="utf-8") == ""


# Keys packed as the character model packs code points (three 21-bit fields), over a few characters, so that they
# share their low bits, and any 63-bit key.
_PACKED = st.builds(
    lambda a, b, c: a << 42 | b << 21 | c, *(st.sampled_from([0, 1, 0x4E00, 0x4E2D, 0x9FFF, 0x10FFFF]),) * 3
)
_KEY = st.one_of(_PACKED, st.integers(0, (1 << 63) - 1))


@settings(max_examples=200, deadline=None)
@given(st.sets(_KEY, max_size=300), st.lists(st.one_of(_KEY, st.just(-1), st.just(0)), max_size=50))
def test_a_hashed_count_is_the_count_of_its_key_and_zero_for_any_other(keys: set[int], others: list[int]) -> None:
    ordered = np.array(sorted(keys), dtype=np.int64)
    counts = np.arange(1, len(ordered) + 1, dtype=np.int64)
    table = count_table(ordered, counts)
    assert [count(table, k) for k in ordered.tolist()] == counts.tolist()
    assert counts_of(table, ordered).tolist() == counts.tolist()
    assert all(count(table, k) == 0 for k in others if k not in keys)
    assert [a.tolist() for a in count_entries(table)] == [ordered.tolist(), counts.tolist()]


def test_a_probe_past_the_last_slot_goes_on_from_the_first() -> None:
    # Two keys whose home in a table of four slots is the last one: the second is stored in the first.
    last = [k for k in range(10_000) if _home_slot(k, 4) == 3][:2]
    table = count_table(np.array(last, dtype=np.int64), np.array([5, 7], dtype=np.int64))
    assert len(table) == 4
    assert table[0, 0] == last[1]
    assert [count(table, k) for k in last] == [5, 7]


def test_a_negative_key_is_refused() -> None:
    with pytest.raises(ValueError, match="not negative"):
        count_table(np.array([-1, 3], dtype=np.int64), np.array([1, 1], dtype=np.int64))
