"""Loops over a text's characters compiled to machine code (Numba), for the detectors' per-character tests.

numpy runs a test over a whole text in one call, but an article is a few hundred characters, so the dozens of
calls a detector makes cost more than the tests; a compiled loop makes one call an article and stops testing a
character at its first failed test. Numba compiles each loop at its first call and caches the machine code in
``__pycache__`` beside the module (keyed by the source file's time and size, like Python's own bytecode), so a
later process loads it in a fraction of a second.

The helpers here are the lookups the loops share: a bit of a packed bit table, a count in a sorted table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

F = TypeVar("F", bound=Callable[..., Any])
# An integer inside a compiled loop: a Python int or a numpy scalar read from an array.
Int = int | np.integer[Any]


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
