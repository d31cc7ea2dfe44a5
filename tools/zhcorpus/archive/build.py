"""`zhcorpus archive build`: every raw part of an archive -> article, correction and flag parts, shard by shard.

A shard's pages stream through in record batches and its rows leave in row groups, so a process holds one
batch of pages and one row group of records whatever the archive's size. Each part is written to a temporary
file and renamed; ``build.json`` is written last and is what says the build is complete.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from zhcorpus.archive.engine import Engine, run_tasks
from zhcorpus.archive.pages import page_records
from zhcorpus.archive.paths import BUILD_CONFIGS, FORMAT, FORMAT_VERSION, RECORD_SCHEMAS, Archive, part_name
from zhcorpus.build.writers import ARCHIVE_PARQUET, PartWriter, atomic_write
from zhcorpus.detect import load_tables
from zhcorpus.errors import Location, Problem, ZhcorpusError, display_path
from zhcorpus.schema import record_arrow_schema

PAGES_PER_BATCH = 64
ROWS_PER_GROUP = 4096
SHOWN_REJECTS = 20


@cache
def arrow_schema(config: str) -> pa.Schema:
    return record_arrow_schema(RECORD_SCHEMAS[config])


@dataclass(frozen=True)
class ShardTask:
    shard: int
    raw: Path
    out: Path  # the build folder
    version: str


@dataclass
class ShardResult:
    shard: int
    pages: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    sha256: dict[str, str] = field(default_factory=dict)
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)  # the first SHOWN_REJECTS pages refused


class _PartWriter(PartWriter):
    """Rows of one config, written in row groups of ``ROWS_PER_GROUP`` rows."""

    def __init__(self, path: Path, config: str) -> None:
        super().__init__(path, arrow_schema(config), ARCHIVE_PARQUET)
        self.pending: list[dict[str, Any]] = []

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.pending += rows
        while len(self.pending) >= ROWS_PER_GROUP:
            self._write(self.pending[:ROWS_PER_GROUP])
            self.pending = self.pending[ROWS_PER_GROUP:]

    def _write(self, group: list[dict[str, Any]]) -> None:
        self.write(pa.Table.from_pylist(group, schema=self.schema))

    def finish(self) -> str:
        """Write what is pending, close, and give the part's sha256."""
        if self.pending:
            self._write(self.pending)
        self.close()
        return self.sha256()


def build_shard(task: ShardTask) -> ShardResult:
    """One raw part -> its article, correction and flag parts; a page that cannot be read is counted and named."""
    result = ShardResult(task.shard)
    writers = {config: _PartWriter(task.out / config / part_name(task.shard), config) for config in BUILD_CONFIGS}
    try:
        reader = pq.ParquetFile(task.raw)
        for batch in reader.iter_batches(batch_size=PAGES_PER_BATCH, columns=["page_id", "text"]):
            for page_id, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
                result.pages += 1
                try:
                    records = page_records(page_id, text, task.version)
                except ZhcorpusError as exc:
                    result.rejected += 1
                    if len(result.problems) < SHOWN_REJECTS:
                        where = Location(f"{display_path(task.raw)}:{page_id}", exc.location.line, page_id)
                        result.problems.append(Problem(exc.code, where, exc.message, exc.hint))
                    continue
                writers["articles"].add([a.to_row() for a in records.articles])
                writers["corrections"].add([c.to_row() for c in records.corrections])
                writers["flags"].add([f.to_row() for f in records.flags])
        for config, writer in writers.items():
            result.sha256[config] = writer.finish()
            result.rows[config] = writer.rows
    except BaseException:
        for writer in writers.values():
            writer.discard()
        raise
    return result


@dataclass(frozen=True)
class BuildSummary:
    shards: list[ShardResult]
    seconds: float
    record: Path

    @property
    def pages(self) -> int:
        return sum(s.pages for s in self.shards)

    @property
    def rejected(self) -> int:
        return sum(s.rejected for s in self.shards)

    def rows(self, config: str) -> int:
        return sum(s.rows.get(config, 0) for s in self.shards)


def build_archive(archive: Archive, out: Path, engine: Engine, version: str) -> BuildSummary:
    """Every shard on the engine, then ``build.json`` (parts, checksums, refused pages) written last."""
    missing = [p for p in archive.raw_parts() if not p.exists()]
    if missing:
        raise ZhcorpusError(
            "archive.build",
            Location(display_path(missing[0])),
            f"{len(missing)} raw part(s) missing",
            "the archive is incomplete: regenerate it or restore the raw parts",
        )
    record = out / "build.json"
    with contextlib.suppress(FileNotFoundError):
        record.unlink()  # a build in progress is not a complete one
    tasks = [ShardTask(k, path, out, version) for k, path in enumerate(archive.raw_parts())]
    started = time.perf_counter()
    shards = run_tasks(build_shard, tasks, engine, "build", prepare=load_tables)
    seconds = time.perf_counter() - started
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "version": version,
        "shards": len(shards),
        "pages": sum(s.pages for s in shards),
        "rejected": sum(s.rejected for s in shards),
        "parts": {
            config: [
                {"path": f"{config}/{part_name(s.shard)}", "rows": s.rows[config], "sha256": s.sha256[config]}
                for s in shards
            ]
            for config in BUILD_CONFIGS
        },
        "refused": [p.to_json() for s in shards for p in s.problems],
    }
    atomic_write(record, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return BuildSummary(shards, seconds, record)
