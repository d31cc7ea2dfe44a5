"""Where an archive keeps its files, and its description ``archive.json``.

::

    archive.json                     format, seed, counts, shards
    raw/part-00000.parquet           one row a printed page: page_id, text (the raw OCR page)
    gold/articles/part-00000.parquet the clean article records (``zhcorpus synth`` only)
    gold/faults/part-00000.parquet   the faults injected into the raw pages (``zhcorpus synth`` only)
    build/articles/part-00000.parquet  ``zhcorpus archive build``: released articles, automatic fixes applied
    build/corrections/part-00000.parquet  every correction the detectors made (accepted or proposed)
    build/flags/part-00000.parquet   every flag the detectors raised
    build/build.json                 written last: the parts with their sha256, and the pages that failed

Shard k of every folder covers the same pages, in page id order, so record ids ascend across shards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.jsonlines import loads

FORMAT = "zhcorpus-archive"
FORMAT_VERSION = 1
# The record parts a build writes, each with the schema of its rows.
RECORD_SCHEMAS = {"articles": "article", "corrections": "correction", "flags": "flag"}
BUILD_CONFIGS = tuple(RECORD_SCHEMAS)


def part_name(shard: int) -> str:
    return f"part-{shard:05d}.parquet"


@dataclass(frozen=True)
class ArchivePaths:
    root: Path

    @property
    def description(self) -> Path:
        return self.root / "archive.json"

    def raw(self, shard: int) -> Path:
        return self.root / "raw" / part_name(shard)

    def gold(self, shard: int) -> Path:
        return self.root / "gold" / "articles" / part_name(shard)

    def build_dir(self) -> Path:
        return self.root / "build"

    def built(self, config: str, shard: int) -> Path:
        return self.build_dir() / config / part_name(shard)

    def build_record(self) -> Path:
        return self.build_dir() / "build.json"


@dataclass(frozen=True)
class Archive:
    paths: ArchivePaths
    articles: int
    pages: int
    shards: int

    def raw_parts(self) -> list[Path]:
        return [self.paths.raw(k) for k in range(self.shards)]

    def gold_parts(self) -> list[Path]:
        return [self.paths.gold(k) for k in range(self.shards)]


def _field(doc: dict[str, Any], key: str, kind: type, shown: str) -> Any:
    value = doc.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ZhcorpusError(
            "archive.description",
            Location(shown, field=key),
            f"archive.json has no {kind.__name__} `{key}`",
            "regenerate the archive with `zhcorpus synth`, or write archive.json by its contract (archive/paths.py)",
        )
    return value


def open_archive(root: Path) -> Archive:
    """Read ``archive.json``; a missing or foreign description is an error naming what to do."""
    paths = ArchivePaths(root)
    shown = display_path(paths.description)
    try:
        doc = loads(paths.description.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ZhcorpusError(
            "archive.description",
            Location(shown),
            f"cannot read the archive's description: {exc}",
            "point at a folder made by `zhcorpus synth` (it holds archive.json)",
        ) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("format_version") != FORMAT_VERSION:
        raise ZhcorpusError(
            "archive.description",
            Location(shown, field="format"),
            f"not a {FORMAT} format {FORMAT_VERSION} description",
            "regenerate the archive with this version of zhcorpus",
        )
    return Archive(
        paths,
        _field(doc, "articles", int, shown),
        _field(doc, "pages", int, shown),
        _field(doc, "shards", int, shown),
    )
