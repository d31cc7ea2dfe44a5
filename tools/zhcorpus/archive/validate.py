"""Validation of an archive part by part, record batch by record batch: schema rules and cross-record checks.

Memory is one record batch of one part per process. A part's report keeps the first ``SHOWN`` problems of each
check and counts the rest, so a part where every row is wrong still gives a short, bounded report.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from zhcorpus.archive.columnar import CompiledSchema, Violation, compile_schema
from zhcorpus.archive.crossrecord import article_checks, ascending_ids, record_checks
from zhcorpus.archive.engine import Engine, run_tasks
from zhcorpus.archive.paths import BUILD_CONFIGS, RECORD_SCHEMAS, Archive
from zhcorpus.checkids import ARCHIVE_BUILD, ARCHIVE_CHECKSUM, ARCHIVE_IDS, ARCHIVE_SCHEMA
from zhcorpus.errors import Location, Problem, ZhcorpusError, display_path
from zhcorpus.io.jsonlines import read_json
from zhcorpus.schemas import load_schemas, record_arrow_schema

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
    sha256: str | None = None  # what build.json recorded for a built part


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
            problems.append(Problem(ARCHIVE_SCHEMA, Location(shown, field=f"$.{wanted.name}"), "column is missing"))
        elif not found.field(index).type.equals(wanted.type):
            problems.append(
                Problem(
                    ARCHIVE_SCHEMA,
                    Location(shown, field=f"$.{wanted.name}"),
                    f"column has type {found.field(index).type}, the schema gives {wanted.type}",
                )
            )
    problems += [
        Problem(ARCHIVE_SCHEMA, Location(shown, field=f"$.{f.name}"), "column is not in the schema")
        for f in found
        if expected.get_field_index(f.name) < 0
    ]
    hint = "write the part with the Arrow schema derived from schema/ (zhcorpus.schemas.record_features)"
    return [Problem(p.check, p.location, p.message, hint) for p in problems]


def _article_ids(path: Path | None) -> pa.Array:
    if path is None or not path.exists():
        return pa.array([], pa.string())
    return pq.read_table(path, columns=["id"]).column("id").combine_chunks()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def validate_part(task: PartTask) -> PartReport:
    """Every check of one part; a part that cannot be read, at its start or at any batch, is one problem, not an
    exception."""
    report = PartReport(task.path, task.kind)
    shown = display_path(task.path)
    if task.sha256 is not None and _file_sha256(task.path) != task.sha256:
        report.add(
            Problem(
                ARCHIVE_CHECKSUM,
                Location(shown),
                "sha256 differs from the one build/build.json recorded: the part changed after the build",
                "rebuild with `zhcorpus archive build`",
            )
        )
    try:
        _check_rows(task, report)
    except (OSError, pa.ArrowException) as exc:
        where = Location(shown, report.rows + 1 if report.rows else None)
        report.add(Problem(ARCHIVE_SCHEMA, where, f"unreadable part: {exc}", "rebuild the part"))
    return report


def _check_rows(task: PartTask, report: PartReport) -> None:
    rules = compiled(task.kind)
    reader = pq.ParquetFile(task.path)
    mismatches = _schema_problems(report, reader.schema_arrow, rules.arrow)
    for problem in mismatches:
        report.add(problem)
    if mismatches:
        return
    articles = None
    if task.kind != "articles":
        # An unreadable article part is named by its own report; the records are then checked without it.
        with contextlib.suppress(OSError, pa.ArrowException):
            articles = _article_ids(task.articles)
    for batch in reader.iter_batches(batch_size=BATCH_ROWS):
        first_row = report.rows
        report.rows += batch.num_rows
        ids = batch.column("id")
        for violation in rules.violations(batch):
            _record(report, ARCHIVE_SCHEMA, violation, ids, first_row, "fix the record so it matches the schema")
        if task.kind == "articles":
            cross = [*ascending_ids(ids, report.last_id), *article_checks(batch)]
        else:
            pointing = record_checks(batch, articles) if articles is not None else []
            cross = [*ascending_ids(ids, report.last_id), *pointing]
        for found in cross:
            _record(report, found.check, found.violation, ids, first_row, found.hint)
        if batch.num_rows:
            report.first_id = report.first_id or ids[0].as_py()
            report.last_id = ids[-1].as_py()


def boundary_problems(reports: list[PartReport]) -> list[Problem]:
    """Ids ascend from one part to the next of the same folder, the shards being in page order."""
    problems = []
    last: dict[Path, tuple[PartReport, str]] = {}
    for report in reports:
        before = last.get(report.path.parent)
        if before and report.first_id is not None and report.first_id <= before[1]:
            problems.append(
                Problem(
                    ARCHIVE_IDS,
                    Location(display_path(report.path), 1, report.first_id, "$.id"),
                    f"is not greater than the last id of {display_path(before[0].path)} ({before[1]})",
                    "shards hold pages in page id order: rebuild the archive",
                )
            )
        if report.last_id is not None:
            last[report.path.parent] = (report, report.last_id)
    return problems


def _recorded_sha256(archive: Archive) -> tuple[dict[str, str], list[Problem]]:
    """build.json's checksum of each built part (by its path in the build folder)."""
    record = archive.paths.build_record()
    try:
        doc = read_json(record)
        return {p["path"]: p["sha256"] for config in BUILD_CONFIGS for p in doc["parts"][config]}, []
    except ZhcorpusError as exc:
        return {}, [exc.as_problem()]
    except (KeyError, TypeError) as exc:
        problem = Problem(
            ARCHIVE_BUILD, Location(display_path(record)), f"build.json lacks {exc}", "run `zhcorpus archive build`"
        )
        return {}, [problem]


def archive_tasks(archive: Archive) -> tuple[list[PartTask], list[Problem]]:
    """The gold articles of a generated archive and, once built, every part of its build; and each part the
    folders lack or hold beyond archive.json's shards (a part it does not count is named, not checked)."""
    paths = archive.paths
    tasks = [PartTask("articles", path) for path in archive.gold_parts() if path.exists()]
    problems = archive.part_problems(paths.root / "raw")
    for folder in (paths.root / "gold" / "articles", paths.root / "gold" / "faults"):
        if folder.is_dir():  # gold parts come with a generated archive only
            problems += archive.part_problems(folder)
    if paths.build_record().exists():
        recorded, unreadable = _recorded_sha256(archive)
        problems += unreadable
        for config in BUILD_CONFIGS:
            problems += archive.part_problems(paths.build_dir() / config)
            for shard in range(archive.shards):
                part = paths.built(config, shard)
                articles = paths.built("articles", shard) if config != "articles" else None
                sha = recorded.get(part.relative_to(paths.build_dir()).as_posix())
                if part.exists():
                    tasks.append(PartTask(config, part, articles, sha))
    return tasks, problems


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
    tasks, layout = archive_tasks(archive)
    if not tasks and not layout:
        raise ZhcorpusError(
            "archive.validate",
            Location(display_path(archive.paths.root)),
            "nothing to validate: no gold articles and no build",
            "run `zhcorpus archive build` first",
        )
    reports = run_tasks(validate_part, tasks, engine, "validate")
    between = layout + boundary_problems(reports)
    build = archive.paths.build_dir()
    if build.is_dir() and not archive.paths.build_record().exists():
        between.append(
            Problem(
                ARCHIVE_BUILD,
                Location(display_path(build)),
                "a build folder without build.json: a build that did not finish (its parts are not checked)",
                "run `zhcorpus archive build` again",
            )
        )
    return ArchiveReport(reports, between)
