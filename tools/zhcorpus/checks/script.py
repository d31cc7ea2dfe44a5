"""A correction writes simplified characters: the page is printed in simplified script.

A correction's `after` is text a contributor typed, and a traditional character there is almost always an input
method set to the wrong script (溁 is fixed to 淥 instead of 渌). The released text would carry a new fault
that `script.traditional@1` then flags on every build, with nobody's name on it. So this is refused, not
flagged: where the printed page itself has a traditional form, that form is in `before` and may stay.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from opencc import OpenCC

from zhcorpus.checkids import CORRECTIONS_SCRIPT
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Problem


@cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")


@register(
    CORRECTIONS_SCRIPT, "no correction brings a traditional character into the text that the printed span does not have"
)
def simplified_after(ctx: Context) -> Iterator[Problem]:
    for page_sources in ctx.sources.pages:
        for row, correction in page_sources.corrections:
            if correction.status == "rejected":
                continue
            simplified = _t2s().convert(correction.after)
            if len(simplified) != len(correction.after):
                continue  # a phrase conversion changed the length: no character-by-character comparison
            found = [
                (a, b)
                for a, b in zip(correction.after, simplified, strict=True)
                if a != b and a not in correction.before
            ]
            if found:
                shown = "、".join(f"{a} (simplified {b})" for a, b in found)
                yield Problem(
                    CORRECTIONS_SCRIPT,
                    row.location("after"),
                    f"after {correction.after!r} has traditional characters: {shown}",
                    "write the simplified form, as the page prints it",
                )
