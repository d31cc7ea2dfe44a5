"""Validation of an archive part by part, record batch by record batch: schema rules and cross-record checks.

Memory is one record batch of one part per process. A part's report keeps the first ``SHOWN`` problems of each
check and counts the rest, so a part where every row is wrong still gives a short, bounded report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from zhcorpus.archive.columnar import CompiledSchema, Violation, compile_schema
from zhcorpus.archive.crossrecord import IDS, article_checks, ascending_ids, record_checks
from zhcorpus.archive.engine import Engine, run_tasks
from zhcorpus.archive.paths import BUILD_CONFIGS, RECORD_SCHEMAS, Archive
from zhcorpus.errors import Location, Problem, ZhcorpusError, display_path
from zhcorpus.schema import load_schemas, record_arrow_schema

SCHEMA = "archive.schema@1"
SHOWN = 20
BATCH_ROWS = 8192


@cache
def compiled(kind: str) -> CompiledSchema:
    name = RECORD_SCHEMAS[kind]
    return compile_schema(load_schemas().documents[name], record_arrow_schema(name))


@dataclass(frozen=True)
class PartTask:
    """One part to check; ``articles`` names the article part its corrections or flags must point into."""

    kind: str
    path: Path
    articles: Path | None = None


@dataclass
class PartReport:
    path: Path
    kind: str
    rows: int = 0
    first_id: str | None = None
    last_id: str | None = None
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, problem: Problem) -> None:
        self.counts[problem.check] += 1
        if self.counts[problem.check] <= SHOWN:
            self.problems.append(problem)

    def summary(self) -> list[Problem]:
        """The problems kept, then one line a check for those only counted."""
        more = [
            Problem(
                check, Location(display_path(self.path)), f"{count - SHOWN} more problem(s) of this check in this part"
            )
            for check, count in sorted(self.counts.items())
            if count > SHOWN
        ]
        return self.problems + more


def _record(report: PartReport, check: str, violation: Violation, ids: pa.Array, first_row: int, hint: str) -> None:
    """Locate the first values of a violation that are still within ``SHOWN``; count all of them."""
    shown = display_path(report.path)
    # Locating costs a Python step a value, so only the problems that will be printed are located.
    for index in range(min(len(violation), max(0, SHOWN - report.counts[check]))):
        row = violation.scope.rows[index].as_py()
        where = Location(shown, first_row + row + 1, ids[row].as_py(), violation.json_path(index))
        report.problems.append(Problem(check, where, f"{violation.message} ({violation.keyword})", hint))
    report.counts[check] += len(violation)


def _schema_problems(report: PartReport, found: pa.Schema, expected: pa.Schema) -> list[Problem]:
    shown = display_path(report.path)
    problems = []
    for wanted in expected:
        index = found.get_field_index(wanted.name)
        if index < 0:
            problems.append(Problem(SCHEMA, Location(shown, field=f"$.{wanted.name}"), "column is missing"))
        elif not found.field(index).type.equals(wanted.type):
            problems.append(
                Problem(
                    SCHEMA,
                    Location(shown, field=f"$.{wanted.name}"),
                    f"column has type {found.field(index).type}, the schema gives {wanted.type}",
                )
            )
    problems += [
        Problem(SCHEMA, Location(shown, field=f"$.{f.name}"), "column is not in the schema")
        for f in found
        if expected.get_field_index(f.name) < 0
    ]
    hint = "write the part with the Arrow schema derived from schema/ (zhcorpus.schema.record_features)"
    return [Problem(p.check, p.location, p.message, hint) for p in problems]


def _article_ids(path: Path | None) -> pa.Array:
    if path is None or not path.exists():
        return pa.array([], pa.string())
    return pq.read_table(path, columns=["id"]).column("id").combine_chunks()


def validate_part(task: PartTask) -> PartReport:
    """Every check of one part; a part that cannot be read at all is one problem, not an exception."""
    report = PartReport(task.path, task.kind)
    rules = compiled(task.kind)
    try:
        reader = pq.ParquetFile(task.path)
    except (OSError, pa.ArrowException) as exc:
        report.add(Problem(SCHEMA, Location(display_path(task.path)), f"unreadable part: {exc}", "rebuild the part"))
        return report
    mismatches = _schema_problems(report, reader.schema_arrow, rules.arrow)
    for problem in mismatches:
        report.add(problem)
    if mismatches:
        return report
    articles = _article_ids(task.articles) if task.kind != "articles" else None
    for batch in reader.iter_batches(batch_size=BATCH_ROWS):
        first_row = report.rows
        report.rows += batch.num_rows
        ids = batch.column("id")
        for violation in rules.violations(batch):
            _record(report, SCHEMA, violation, ids, first_row, "fix the record so it matches the schema")
        if task.kind == "articles":
            cross = [*ascending_ids(ids, report.last_id), *article_checks(batch)]
        else:
            cross = [*ascending_ids(ids, report.last_id), *record_checks(batch, articles)]
        for found in cross:
            _record(report, found.check, found.violation, ids, first_row, found.hint)
        if batch.num_rows:
            report.first_id = report.first_id or ids[0].as_py()
            report.last_id = ids[-1].as_py()
    return report


def boundary_problems(reports: list[PartReport]) -> list[Problem]:
    """Ids ascend from one part to the next of the same folder, the shards being in page order."""
    problems = []
    last: dict[Path, tuple[PartReport, str]] = {}
    for report in reports:
        before = last.get(report.path.parent)
        if before and report.first_id is not None and report.first_id <= before[1]:
            problems.append(
                Problem(
                    IDS,
                    Location(display_path(report.path), 1, report.first_id, "$.id"),
                    f"is not greater than the last id of {display_path(before[0].path)} ({before[1]})",
                    "shards hold pages in page id order: rebuild the archive",
                )
            )
        if report.last_id is not None:
            last[report.path.parent] = (report, report.last_id)
    return problems


def archive_tasks(archive: Archive) -> list[PartTask]:
    """The gold articles of a generated archive and, once built, every part of its build."""
    tasks = [PartTask("articles", path) for path in archive.gold_parts() if path.exists()]
    if archive.paths.build_record().exists():
        for config in BUILD_CONFIGS:
            for shard in range(archive.shards):
                articles = archive.paths.built("articles", shard) if config != "articles" else None
                tasks.append(PartTask(config, archive.paths.built(config, shard), articles))
    return tasks


@dataclass(frozen=True)
class ArchiveReport:
    parts: list[PartReport]
    between: list[Problem]  # problems between parts

    @property
    def rows(self) -> int:
        return sum(r.rows for r in self.parts)

    @property
    def total(self) -> int:
        """Every problem found, shown or only counted."""
        return sum(sum(r.counts.values()) for r in self.parts) + len(self.between)

    def problems(self) -> list[Problem]:
        return [p for r in self.parts for p in r.summary()] + self.between


def validate_archive(archive: Archive, engine: Engine) -> ArchiveReport:
    """Every part on the engine, then the checks between parts; the problems in part order."""
    tasks = archive_tasks(archive)
    if not tasks:
        raise ZhcorpusError(
            "archive.validate",
            Location(display_path(archive.paths.root)),
            "nothing to validate: no gold articles and no build",
            "run `zhcorpus archive build` first",
        )
    missing = [t.path for t in tasks if not t.path.exists()]
    if missing:
        raise ZhcorpusError(
            "archive.validate",
            Location(display_path(missing[0])),
            f"{len(missing)} part(s) missing",
            "rebuild with `zhcorpus archive build`",
        )
    reports = run_tasks(validate_part, tasks, engine, "validate")
    between = boundary_problems(reports)
    build = archive.paths.build_dir()
    if build.is_dir() and not archive.paths.build_record().exists():
        between.append(
            Problem(
                "archive.build@1",
                Location(display_path(build)),
                "a build folder without build.json: a build that did not finish (its parts are not checked)",
                "run `zhcorpus archive build` again",
            )
        )
    return ArchiveReport(reports, between)
