"""A regular-expression class of many characters that Python's engine tests with one bitmap lookup.

The engine turns a class of characters of the Basic Multilingual Plane into a bitmap, but a class holding a
single character beyond the BMP into a list it scans item by item: 50 times slower over a table of thousands.
So the class built here holds every character beyond the BMP. Callers use it where a larger class errs on the
safe side: a scan for characters that may matter, which then looks closer at each one found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def char_class(chars: Iterable[str], negated: bool = False) -> str:
    """``[...]`` of the BMP characters among ``chars`` and of every character beyond the BMP (``[^...]``: of
    every other BMP character)."""
    bmp = "".join(re.escape(c) for c in sorted(set(chars)) if ord(c) <= 0xFFFF)
    return "[" + "^" * negated + bmp + "\U00010000-\U0010ffff]"
