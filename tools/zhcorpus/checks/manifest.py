"""The manifest valid, and every file it lists present with the recorded size and sha256."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem
from zhcorpus.schema import iter_problems


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


@register("manifest.checksums@1", "MANIFEST.json is valid and each listed file has its recorded size and sha256")
def checksums_match(ctx: Context) -> Iterator[Problem]:
    path = ctx.paths.manifest
    shown = ctx.paths.shown(path)
    try:
        text = path.read_text(encoding="utf-8")
        manifest = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield Problem(
            "manifest.checksums@1",
            Location(shown),
            f"cannot read the manifest: {exc}",
            "run `zhcorpus build`",
        )
        return
    found = list(iter_problems("manifest", manifest, Location(shown), "manifest.checksums@1"))
    yield from found
    if found:
        return
    for entry in manifest["files"]:
        target = ctx.paths.root / entry["path"]
        line = _line_of(text, f'"path": "{entry["path"]}"')
        where = Location(shown, line, field="files")
        if not target.is_file():
            yield Problem(
                "manifest.checksums@1",
                where,
                f"{entry['path']} is listed but missing",
                "restore the file, or run `zhcorpus build`",
            )
            continue
        data = target.read_bytes()
        if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            hint = (
                "raw pages are evidence and never change: restore it from git"
                if entry["role"] == "raw"
                else "run `zhcorpus build` (sources changed since the last build)"
            )
            yield Problem(
                "manifest.checksums@1",
                where,
                f"{entry['path']}: sha256 or size differs from the manifest",
                hint,
            )
