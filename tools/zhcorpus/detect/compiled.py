"""Loops over a text's characters compiled to machine code (Numba), for the detectors' per-character tests.

numpy runs a test over a whole text in one call, but an article is a few hundred characters, so the dozens of
calls a detector makes cost more than the tests; a compiled loop makes one call an article and stops testing a
character at its first failed test. Numba compiles each loop at its first call and caches the machine code on
disk, so a later process loads it in a fraction of a second.

Numba keys a loop's cache by its own source file alone, so a loop would keep the machine code of a function it
calls from another module after that module changed. The cache folder is named here by a digest of every source
file of the package instead (``cache_folder``): any change to the package compiles every loop afresh. It lies in
the user's cache folder, outside the repository, so no file a pull request adds is ever loaded as machine code.

The helpers here are the lookups the loops share: a bit of a packed bit table, a count in a sorted table.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

F = TypeVar("F", bound=Callable[..., Any])
PACKAGE = Path(__file__).resolve().parent.parent
# An integer inside a compiled loop: a Python int or a numpy scalar read from an array.
Int = int | np.integer[Any]


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


numba.config.CACHE_DIR = str(cache_folder())  # type: ignore[attr-defined]  # numba.config is set at run time


def compiled(fn: F) -> F:
    """``fn`` compiled in nopython mode (no Python objects inside), its machine code cached on disk."""
    return cast(F, numba.njit(cache=True, nogil=True)(fn))


@compiled
def bit(bits: npt.NDArray[np.uint8], index: Int) -> int:
    """Bit ``index`` of a table packed eight to a byte, the lowest first (``np.packbits(..., bitorder="little")``)."""
    return int((bits[index >> 3] >> (index & 7)) & 1)


@compiled
def count(keys: npt.NDArray[np.int64], counts: npt.NDArray[np.int64], key: Int) -> int:
    """The count of ``key`` in a table of sorted keys, 0 for a key not in it."""
    at = np.searchsorted(keys, key)
    if at < len(keys) and keys[at] == key:
        return int(counts[at])
    return 0
