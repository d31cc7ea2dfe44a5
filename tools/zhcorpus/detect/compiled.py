"""Loops over a text's characters compiled to machine code (Numba), for the detectors' per-character tests.

numpy runs a test over a whole text in one call, but an article is a few hundred characters, so the dozens of
calls a detector makes cost more than the tests; a compiled loop makes one call an article and stops testing a
character at its first failed test. Numba compiles each loop at its first call and caches the machine code on
disk, so a later process loads it in a fraction of a second.

Numba keys a loop's cache by its own source file alone, so a loop would keep the machine code of a function it
calls from another module after that module changed (seen: lookalike's loop after wordtable's table changed). So
the cache here is one folder a version of the package's sources (``cache_folder``: a digest of every source file),
in the user's cache folder, outside the repository: any change to the package compiles every loop afresh, and no
file a pull request adds is loaded as machine code. Where that folder cannot be written, loops are compiled in
each process and cached nowhere: never beside the module, where Numba would otherwise fall back to. A folder a
version would fill the user's disk without end (1 to 2 MB each), so beside the current one the folders of the
KEPT_VERSIONS other versions used last, and of any used within a day, are kept and older ones deleted (``prune``).

The helpers here are the lookups the loops share: a bit of a packed bit table, a count in a hashed table.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt
from numba.core.caching import (
    CompileResultCacheImpl,
    FunctionCache,
    _CacheLocator,
    _SourceFileBackedLocatorMixin,
)

F = TypeVar("F", bound=Callable[..., Any])
# An integer inside a compiled loop: a Python int or a numpy scalar read from an array.
Int = int | np.integer[Any]
PACKAGE = Path(__file__).resolve().parent.parent


def source_digest(package: Path) -> str:
    """A digest of every Python source file under ``package``, with its path."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_folder() -> Path:
    """Where compiled loops are cached: under NUMBA_CACHE_DIR if set, else the user's cache folder, one folder a
    version of the package's sources."""
    root = os.environ.get("NUMBA_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return Path(root) / "zhcorpus" / f"numba-{source_digest(PACKAGE)}"


# Folders of other versions of the sources kept, the ones used last: a developer moving between branches keeps
# their machine code. A folder used within GRACE_SECONDS is never deleted: a long build of another version may
# still be reading and writing it.
KEPT_VERSIONS = 8
GRACE_SECONDS = 24 * 3600
_VERSION_FOLDER = re.compile(r"numba-[0-9a-f]{16}")


def _last_use(folder: Path) -> float:
    return folder.stat().st_mtime


def prune(current: Path, keep: int = KEPT_VERSIONS, grace: float = GRACE_SECONDS) -> list[Path]:
    """Mark ``current`` (a ``cache_folder``) used now, and delete the folders of other versions beside it but the
    ``keep`` used last and any used within ``grace`` seconds (by their time of last use): only real folders named as
    ``cache_folder`` names them, never a link or anything else there. The folders deleted, in the order deleted;
    none where the cache cannot be written."""
    try:
        current.mkdir(parents=True, exist_ok=True)
        os.utime(current)
        others = [
            entry
            for entry in current.parent.iterdir()
            if entry != current and _VERSION_FOLDER.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink()
        ]
        by_use = sorted(others, key=_last_use, reverse=True)
    except OSError:
        return []
    deleted = []
    for folder in by_use[keep:]:
        # Read again just before: another process may have used it, or pruned it, since the listing.
        with contextlib.suppress(OSError):
            if time.time() - _last_use(folder) >= grace:
                shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            deleted.append(folder)
    return deleted


def _folder_or_none() -> Path | None:
    try:
        folder = cache_folder()
    except RuntimeError:  # no home folder to cache in (a user with no passwd entry and no HOME)
        return None
    prune(folder)
    return folder


CACHE = _folder_or_none()


class _Locator(_SourceFileBackedLocatorMixin, _CacheLocator):
    """A loop's cache in CACHE (under the path of its module, as Numba names it), or none where that cannot be
    written: Numba's own locators are never tried."""

    def __init__(self, py_func: Callable[..., Any], py_file: str) -> None:
        self._py_file = py_file
        self._lineno = py_func.__code__.co_firstlineno
        # Numba's own helper, unannotated.
        subpath = self.get_suitable_cache_subpath(py_file)  # type: ignore[no-untyped-call]
        self._cache_path = str(CACHE / subpath) if CACHE else ""

    def get_cache_path(self) -> str:
        return self._cache_path


class _Impl(CompileResultCacheImpl):
    _locator_classes = [_Locator]  # noqa: RUF012 - the attribute Numba reads, a list on its base class


class _Cache(FunctionCache):
    _impl_class = _Impl


def compiled(fn: F) -> F:
    """``fn`` compiled in nopython mode (no Python objects inside), its machine code cached in CACHE if it can be."""
    dispatcher: Any = numba.njit(nogil=True)(fn)
    # What ``njit(cache=True)`` does, with the locator above in place of Numba's list of them; "no locator
    # available" (a RuntimeError) where CACHE cannot be written.
    with contextlib.suppress(RuntimeError):
        if CACHE is not None:
            dispatcher._cache = _Cache(fn)  # type: ignore[no-untyped-call]  # Numba's, unannotated
    return cast(F, dispatcher)


@compiled
def bit(bits: npt.NDArray[np.uint8], index: Int) -> int:
    """Bit ``index`` of a table packed eight to a byte, the lowest first (``np.packbits(..., bitorder="little")``)."""
    return int((bits[index >> 3] >> (index & 7)) & 1)


# An empty slot of a hashed count table: no key is negative.
_EMPTY = -1
# The multiplier of Fibonacci hashing (2**64 / the golden ratio), which every hashed table here mixes keys with.
GOLDEN = 0x9E3779B97F4A7C15


@compiled
def _home_slot(key: Int, size: int) -> int:
    """The key's slot before probing: the upper half of its product with GOLDEN (the lower mixes poorly), scaled
    to the table's size by a multiplication, so that the size need not be a power of two."""
    mixed = (np.uint64(key) * np.uint64(GOLDEN)) >> np.uint64(32)
    return int(np.int64((mixed * np.uint64(size)) >> np.uint64(32)))  # signed: unsigned and signed sum to a float


@compiled
def _fill_counts(keys: npt.NDArray[np.int64], counts: npt.NDArray[np.int64], size: int) -> npt.NDArray[np.int64]:
    slots = np.full((size, 2), _EMPTY, np.int64)
    for k in range(len(keys)):
        slot = _home_slot(keys[k], size)
        while slots[slot, 0] != _EMPTY:
            slot = slot + 1 if slot + 1 < size else 0
        slots[slot, 0], slots[slot, 1] = keys[k], counts[k]
    return slots


def count_table(keys: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Distinct keys (none negative) and their counts as a hashed table for ``count``: a slot a key and its count,
    side by side, four slots to a cache line, in half again as many slots as keys (linear probing at two thirds
    full: some two probes for a key there, five for one not there, in one or two lines). A binary search over a
    million keys took some 20 steps, most of them cache misses."""
    if len(keys) >= 1 << 31:
        raise ValueError(f"{len(keys)} keys: a hashed count table holds fewer than 2**31")
    if len(keys) and int(keys.min()) < 0:
        raise ValueError(f"key {int(keys.min())}: a hashed count table's keys are not negative")
    return _fill_counts(keys, counts, 3 * len(keys) // 2 + 1)


def count_entries(slots: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every key of a table made by ``count_table``, sorted, and its count."""
    used = slots[slots[:, 0] != _EMPTY]
    used = used[np.argsort(used[:, 0])]
    return used[:, 0], used[:, 1]


@compiled
def count(slots: npt.NDArray[np.int64], key: Int) -> int:
    """The count of ``key`` in a table made by ``count_table``, 0 for a key not in it."""
    size = len(slots)
    slot = _home_slot(key, size)
    while slots[slot, 0] != _EMPTY:
        if slots[slot, 0] == key:
            return int(slots[slot, 1])
        slot = slot + 1 if slot + 1 < size else 0
    return 0


@compiled
def counts_of(slots: npt.NDArray[np.int64], keys: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """``count`` of each key."""
    out = np.empty(len(keys), np.int64)
    for k in range(len(keys)):
        out[k] = count(slots, keys[k])
    return out
