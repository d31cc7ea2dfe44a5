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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhcorpus.checkids import ARCHIVE_PARTS
from zhcorpus.errors import Location, Problem, ZhcorpusError, display_path
from zhcorpus.io.jsonlines import read_json

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

    def part_problems(self, folder: Path) -> list[Problem]:
        """Each part ``folder`` lacks or holds beyond the ``shards`` that archive.json describes: a part the
        description does not count would be skipped unseen, one it counts but the disk lacks is a gap."""
        wanted = {part_name(k) for k in range(self.shards)}
        present = {p.name for p in folder.glob("*.parquet")} if folder.is_dir() else set()
        problems = [
            Problem(
                ARCHIVE_PARTS,
                Location(display_path(folder / name)),
                f"part is missing: archive.json describes {self.shards} shard(s)",
                "restore the part, or regenerate the archive",
            )
            for name in sorted(wanted - present)
        ]
        problems += [
            Problem(
                ARCHIVE_PARTS,
                Location(display_path(folder / name)),
                f"part is not one of the {self.shards} shard(s) archive.json describes",
                "remove it, or regenerate the archive so that its description counts every part",
            )
            for name in sorted(present - wanted)
        ]
        return problems


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
        doc = read_json(paths.description, shown)
    except ZhcorpusError as exc:
        raise ZhcorpusError(
            "archive.description",
            exc.location,
            f"cannot read the archive's description: {exc.message}",
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
