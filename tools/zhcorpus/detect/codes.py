"""Text as an array of code points, for the detectors that test every character (or pair) in numpy or a
compiled loop."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from zhcorpus.text.han import HAN_FIRST, HAN_LAST

# Every code point str.isspace() holds, what str.strip() removes (the last is U+3000, the ideographic space).
SPACES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)


def code_points(text: str) -> npt.NDArray[np.uint32]:
    """One number a character; a lone surrogate (a JSON record may hold one) as its code unit, not an error."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def han_mask(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    return (codes >= HAN_FIRST) & (codes <= HAN_LAST)
