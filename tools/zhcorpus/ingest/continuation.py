"""Continuation markers (下转 A2 版①, 上接 A1 版): page furniture kept as metadata, not as text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(
    r"^[（(]?\s*(?P<direction>下转|转|上接|接)\s*(?:第\s*)?(?P<page>[A-Z]?\d{1,2})\s*版\s*[①-⑳]?\s*[）)]?$"
)


@dataclass(frozen=True)
class Continuation:
    direction: str  # "on" (continued on a later page) or "from"
    page: str


def parse_continuation(text: str) -> Continuation | None:
    found = _MARKER.match(text.strip())
    if not found:
        return None
    direction = "from" if found["direction"] in {"上接", "接"} else "on"
    return Continuation(direction=direction, page=found["page"])
