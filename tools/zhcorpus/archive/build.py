"""`zhcorpus archive build`: every raw part of an archive -> article, correction and flag parts, shard by shard.

A shard's pages stream through in record batches and its rows leave in row groups, so a process holds one
batch of pages and one row group of records whatever the archive's size. Each part is written to a temporary
file and renamed; ``build.json`` is written last and is what says the build is complete.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from zhcorpus.archive.engine import Engine, run_tasks
from zhcorpus.archive.pages import PrintedPage, printed_page, records_of
from zhcorpus.archive.paths import BUILD_CONFIGS, FORMAT, FORMAT_VERSION, RECORD_SCHEMAS, Archive, part_name
from zhcorpus.dataset.writers import ARCHIVE_PARQUET, PartWriter
from zhcorpus.detect import Finding, findings_of, load_tables
from zhcorpus.errors import Location, Problem, ZhcorpusError, display_path, raise_all
from zhcorpus.io.atomic import atomic_write, replaced_folder
from zhcorpus.schemas import record_arrow_schema

# Pages read from a raw part at a time; the detectors read all their articles together (``findings_of``).
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


def _raw_pages(path: Path) -> Iterator[tuple[str, str]]:
    """The pages of a raw part, batch by batch; a part that cannot be read (truncated, flipped bytes) at any batch
    is a located error."""
    try:
        reader = pq.ParquetFile(path)
        for batch in reader.iter_batches(batch_size=PAGES_PER_BATCH, columns=["page_id", "text"]):
            yield from zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True)
    except (OSError, pa.ArrowException) as exc:
        raise ZhcorpusError(
            "archive.raw",
            Location(display_path(path)),
            f"unreadable raw part: {exc}",
            "restore the part, or regenerate the archive; nothing was built",
        ) from exc


def _batches(pages: Iterator[tuple[str, str]]) -> Iterator[list[tuple[str, str]]]:
    batch: list[tuple[str, str]] = []
    for page in pages:
        batch.append(page)
        if len(batch) == PAGES_PER_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _reject(result: ShardResult, task: ShardTask, page_id: str, exc: ZhcorpusError) -> None:
    result.rejected += 1
    if len(result.problems) < SHOWN_REJECTS:
        where = Location(f"{display_path(task.raw)}:{page_id}", exc.location.line, page_id)
        result.problems.append(Problem(exc.code, where, exc.message, exc.hint))


def build_shard(task: ShardTask) -> ShardResult:
    """One raw part -> its article, correction and flag parts; a page that cannot be read is counted and named.

    Pages are read PAGES_PER_BATCH at a time, and the detectors run over all the articles of a batch (``findings_of``);
    the records and refusals are those of one page after another, as if each page were read alone."""
    result = ShardResult(task.shard)
    writers = {config: _PartWriter(task.out / config / part_name(task.shard), config) for config in BUILD_CONFIGS}
    try:
        for batch in _batches(_raw_pages(task.raw)):
            read: list[PrintedPage | ZhcorpusError] = []
            for page_id, text in batch:
                try:
                    read.append(printed_page(page_id, text, task.version))
                except ZhcorpusError as exc:
                    read.append(exc)
            printed = [page for page in read if isinstance(page, PrintedPage)]
            try:
                found: Iterator[list[Finding]] | None = iter(
                    findings_of([article for page in printed for article in page.articles])
                )
            except ZhcorpusError:
                found = None  # a detector refused some article: each page is read alone, to refuse just that page
            for (page_id, _), page in zip(batch, read, strict=True):
                result.pages += 1
                if isinstance(page, ZhcorpusError):
                    _reject(result, task, page_id, page)
                    continue
                try:
                    own = [next(found) for _ in page.articles] if found else findings_of(page.articles)
                    records = records_of(page, own, task.version)
                except ZhcorpusError as exc:
                    _reject(result, task, page_id, exc)
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


def _refuse_foreign_output(out: Path) -> None:
    """A build replaces its output folder whole: only a folder a build made (or an empty one) may be replaced."""
    ours = {*BUILD_CONFIGS, "build.json"}
    foreign = sorted(p.name for p in out.iterdir() if p.name not in ours) if out.is_dir() else []
    if foreign or (out.exists() and not out.is_dir()):
        raise ZhcorpusError(
            "archive.build",
            Location(display_path(out / foreign[0] if foreign else out)),
            "the output is not a build folder; a build replaces its output whole",
            "name a new folder with --output, or move this one away",
        )


def build_archive(archive: Archive, out: Path, engine: Engine, version: str) -> BuildSummary:
    """Every shard on the engine, then ``build.json`` (parts, checksums, refused pages) written last, all in a
    temporary folder that replaces ``out`` only once complete: a failed build leaves the previous one as it was."""
    problems = archive.part_problems(archive.paths.root / "raw")
    raise_all(problems)
    _refuse_foreign_output(out)
    with replaced_folder(out) as staging:
        tasks = [ShardTask(k, path, staging, version) for k, path in enumerate(archive.raw_parts())]
        started = time.perf_counter()
        shards = run_tasks(build_shard, tasks, engine, "build", prepare=load_tables)
        seconds = time.perf_counter() - started
        _write_record(staging / "build.json", shards, version)
    return BuildSummary(shards, seconds, out / "build.json")


def _write_record(record: Path, shards: list[ShardResult], version: str) -> None:
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
