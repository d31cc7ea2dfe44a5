"""A contribution leaves the raw pages alone: they are the evidence every correction is checked against."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import CONTRIB_RAW
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem


def _first_difference(old: bytes, new: bytes) -> int:
    """The first line (1-based) where two versions of a file differ."""
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if a != b:
            return number
    return min(len(old_lines), len(new_lines))


@register(CONTRIB_RAW, "no raw page is modified or deleted against the base of the contribution (`validate --base`)")
def raw_unchanged(ctx: Context) -> Iterator[Problem]:
    base = ctx.base
    raw_dir = base.rel(ctx.paths.raw_dir) if base is not None else None
    if base is None or raw_dir is None:
        return
    # A new raw page is a new page to ingest, not an edit of evidence; only changes to existing pages count.
    for status, rel in base.modified(raw_dir):
        path = base.repo.top / rel
        shown = ctx.paths.shown(path)
        how = {"D": "deleted", "T": "changed type"}.get(status, "edited")
        line = None
        if status == "M":
            old = base.show(rel) or b""
            line = _first_difference(old, path.read_bytes())
        yield Problem(
            CONTRIB_RAW,
            Location(shown, line),
            f"raw page {shown} is {how} against {base.ref}",
            f"raw pages are evidence and never change: restore it (`git checkout {base.ref} -- {shown}`) and fix "
            "the text with a correction record (`method: human`, a `reason`), then `zhcorpus build`",
        )
