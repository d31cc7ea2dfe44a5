"""A corpus as of a version: its manifest, built rows, source records and columns, read from a folder or a git tag."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from zhcorpus.dataset.manifest import Manifest
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.io.git import GitRepo
from zhcorpus.io.jsonlines import loads, parse_jsonl
from zhcorpus.sources import CONFIGS, MANIFEST, CorpusPaths

Reader = Callable[[str], bytes | None]  # path inside the corpus folder -> bytes, None if absent


@dataclass(frozen=True)
class Snapshot:
    label: str  # the ref it was read at, or "working tree"
    manifest: Manifest
    rows: dict[str, list[dict[str, Any]]]  # config -> built rows
    columns: dict[str, dict[str, str]]  # config -> column -> Arrow type
    sources: dict[str, list[dict[str, Any]]]  # corrections.jsonl / flags.jsonl / entities.jsonl -> records

    @property
    def version(self) -> str:
        return self.manifest.version


def _jsonl(data: bytes | None, shown: str) -> list[dict[str, Any]]:
    if data is None:
        return []
    return [r.value for r in parse_jsonl(data, Path(shown))]


def read_snapshot(label: str, read: Reader) -> Snapshot:
    raw_manifest = read(MANIFEST)
    if raw_manifest is None:
        raise ZhcorpusError(
            "release.snapshot",
            Location(f"{label}:{MANIFEST}"),
            "no manifest at this version",
            "name a version tag made by `zhcorpus release` (git tag -l 'v*')",
        )
    where = Location(f"{label}:{MANIFEST}", 1)
    try:
        text = raw_manifest.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ZhcorpusError(
            "release.snapshot", where, f"the manifest is not UTF-8: {exc}", "restore it from git"
        ) from exc
    manifest = Manifest.as_recorded(loads(text, where), where)
    rows, columns = {}, {}
    for config in CONFIGS:
        rows[config] = _jsonl(read(f"jsonl/{config}.jsonl"), f"{label}:jsonl/{config}.jsonl")
        parquet = read(f"{config}/train-00000-of-00001.parquet")
        if parquet is not None:
            schema = pq.read_schema(io.BytesIO(parquet))
            columns[config] = {f.name: str(f.type) for f in schema}
    sources: dict[str, list[dict[str, Any]]] = {}
    for entry in manifest.files:
        name = entry.path.rsplit("/", 1)[-1]
        if entry.role == "source" and name in ("corrections.jsonl", "flags.jsonl", "entities.jsonl"):
            sources.setdefault(name, []).extend(_jsonl(read(entry.path), f"{label}:{entry.path}"))
    return Snapshot(label, manifest, rows, columns, sources)


def working_tree(paths: CorpusPaths, label: str = "working tree") -> Snapshot:
    def read(rel: str) -> bytes | None:
        path = paths.root / rel
        return path.read_bytes() if path.is_file() else None

    return read_snapshot(label, read)


def at_ref(paths: CorpusPaths, repo: GitRepo, ref: str) -> Snapshot:
    if not repo.has_ref(ref):
        raise ZhcorpusError(
            "release.snapshot",
            Location(ref),
            f"no git ref {ref}",
            "name a version tag (git tag -l 'v*'), a commit, or leave it out for the working tree",
        )
    root = Path(paths.root)
    return read_snapshot(ref, lambda rel: repo.show(ref, root / rel))
