"""The manifest valid, and every file it lists present with the recorded size and sha256."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from zhcorpus.checkids import MANIFEST_CHECKSUMS
from zhcorpus.checks.base import Context, register
from zhcorpus.dataset.manifest import Manifest
from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.io.jsonlines import loads
from zhcorpus.schemas import iter_problems
from zhcorpus.text.rawtext import line_col


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return None if index < 0 else line_col(text, index)[0]


FIELD_PATH = re.compile(r"\.(\w+)|\[(\d+)\]")


def _located(problem: Problem, manifest: Any, text: str) -> Problem:
    """A schema problem at the line of the value it is about (`$.files[0].path` -> the line of that entry's
    `"path": ...`), so that a pull request's annotation lands on it; unchanged when that cannot be found."""
    value, key = manifest, None
    for name, index in FIELD_PATH.findall(problem.location.field or ""):
        try:
            value, key = (value[name], name) if name else (value[int(index)], key)
        except (KeyError, IndexError, TypeError):
            return problem
    if key is None or isinstance(value, dict | list):
        return problem
    line = _line_of(text, f'"{key}": {json.dumps(value, ensure_ascii=False)}')
    return replace(problem, location=replace(problem.location, line=line))


@register(MANIFEST_CHECKSUMS, "MANIFEST.json is valid and each listed file has its recorded size and sha256")
def checksums_match(ctx: Context) -> Iterator[Problem]:
    path = ctx.paths.manifest
    shown = ctx.paths.shown(path)
    try:
        text = path.read_text(encoding="utf-8")
        manifest = loads(text, Location(shown, 1))
    except (OSError, UnicodeDecodeError) as exc:
        yield Problem(
            MANIFEST_CHECKSUMS,
            Location(shown, exc.lineno if isinstance(exc, json.JSONDecodeError) else None),
            f"cannot read the manifest: {exc}",
            "run `zhcorpus build`",
        )
        return
    except ZhcorpusError as exc:
        yield Problem(MANIFEST_CHECKSUMS, exc.location, f"cannot read the manifest: {exc.message}", exc.hint)
        return
    found = [
        _located(p, manifest, text) for p in iter_problems("manifest", manifest, Location(shown), MANIFEST_CHECKSUMS)
    ]
    yield from found
    if found:
        return
    # A raw page another check already reported (a contribution edited it) is not reported twice. A source
    # file's checksum is the build's business: the manifest is built from the sources, so a changed source is
    # build.fresh's stale manifest, or, when the build cannot run, the problem that stops it.
    reported = {p.location.path for p in ctx.reported}
    for entry in Manifest.from_json(manifest, Location(shown)).files:
        target = ctx.paths.root / entry.path
        if entry.role == "source" or (entry.role == "raw" and ctx.paths.shown(target) in reported):
            continue
        line = _line_of(text, f'"path": "{entry.path}"')
        where = Location(shown, line, field="files")
        if not target.is_file():
            yield Problem(
                MANIFEST_CHECKSUMS,
                where,
                f"{entry.path} is listed but missing",
                "restore the file, or run `zhcorpus build`",
            )
            continue
        data = target.read_bytes()
        if len(data) != entry.bytes or hashlib.sha256(data).hexdigest() != entry.sha256:
            hint = (
                "raw pages are evidence and never change: restore it from git"
                if entry.role == "raw"
                else "run `zhcorpus build` (sources changed since the last build)"
            )
            yield Problem(
                MANIFEST_CHECKSUMS,
                where,
                f"{entry.path}: sha256 or size differs from the manifest",
                hint,
            )
