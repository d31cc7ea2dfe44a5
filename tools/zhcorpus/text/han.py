"""Which characters the tools read as Han: the CJK Unified Ideographs block, U+4E00 to U+9FFF, one range for every
pattern and test. (The glyph table and its recall also take Extension A, U+3400 to U+4DBF, and say so.)"""

from __future__ import annotations

HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF
# The range for a regular expression's character class: ``[{HAN}]`` is one Han character.
HAN = f"{chr(HAN_FIRST)}-{chr(HAN_LAST)}"


def is_han(char: str) -> bool:
    return HAN_FIRST <= ord(char) <= HAN_LAST
