"""The check registry and the shared, lazily computed view of a corpus that checks read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pyarrow.parquet as pq

from zhcorpus.checkids import BUILD_FRESH, DATA_SCHEMA
from zhcorpus.dataset.pipeline import BuildResult, compute_build
from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.ingest.assemble import assemble
from zhcorpus.io.gitbase import GitBase
from zhcorpus.io.jsonlines import read_jsonl
from zhcorpus.records import Page, RawArticle
from zhcorpus.sources import CorpusPaths, PageSources, Sources, load_sources

CheckFn = Callable[["Context"], Iterator[Problem]]


@dataclass(frozen=True)
class Check:
    id: str
    description: str
    run: CheckFn


REGISTRY: dict[str, Check] = {}

# Checks run and report in pipeline order, by the stage their id starts with: the folder's files, then sources
# before what is built from them; build.fresh runs last, so that when the build fails it can stay quiet about
# causes another check already reported.
STAGES = (
    "corpus.",
    "raw.",
    "contrib.",
    "sources.",
    "layout.",
    "ids.",
    "offsets.",
    "corrections.",
    "entities.",
    "masthead.",
    "ingest.",
    "data.",
    "faults.",
    "manifest.",
    "card.",
    "releases.",
    "build.",
)


def stage(check: Check) -> int:
    """Where the check runs in ``STAGES`` (its id's prefix; `register` refused an id with none)."""
    return next(i for i, prefix in enumerate(STAGES) if check.id.startswith(prefix))


def register(check_id: str, description: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check under a stable, versioned id (``stage.name@1``); a changed meaning gets a new version."""

    def add(fn: CheckFn) -> CheckFn:
        if check_id in REGISTRY:
            raise ValueError(f"check id {check_id} registered twice")
        if not check_id.startswith(STAGES):
            raise ValueError(
                f"check id {check_id} starts with no stage of zhcorpus.checks.base.STAGES ({', '.join(STAGES)}): "
                "name it after the stage it belongs to, or add its stage there in pipeline order"
            )
        REGISTRY[check_id] = Check(check_id, description, fn)
        return fn

    return add


@dataclass
class Assembled:
    sources: PageSources
    page: Page
    articles: dict[str, RawArticle]


@dataclass
class Context:
    paths: CorpusPaths
    reported: list[Problem] = field(default_factory=list)
    # The mentions' problems, computed once for the entities.* checks that each report their own.
    entity_problems: list[Problem] | None = None
    # What a contribution is compared with (`validate --base`); None outside git or without a base ref, and then
    # the contributor checks (contrib.*) report nothing.
    base: GitBase | None = None

    @cached_property
    def sources(self) -> Sources:
        return load_sources(self.paths)

    @cached_property
    def assembled(self) -> list[Assembled | ZhcorpusError]:
        """Each page as printed, or the error that stops assembling it."""
        out: list[Assembled | ZhcorpusError] = []
        version = self.sources.settings.version if self.sources.settings else "0.0.0"
        for page_sources in self.sources.pages:
            try:
                page, articles = assemble(
                    page_sources.raw,
                    page_sources.layout,
                    page_sources.page_id,
                    self.paths.rel(self.paths.raw(page_sources.page_id)),
                    version,
                )
            except ZhcorpusError as exc:
                out.append(exc)
                continue
            out.append(Assembled(page_sources, page, {a.id: a for a in articles}))
        return out

    def pages(self) -> list[Assembled]:
        return [a for a in self.assembled if isinstance(a, Assembled)]

    @cached_property
    def build(self) -> BuildResult | ZhcorpusError:
        try:
            return compute_build(self.paths)
        except ZhcorpusError as exc:
            return exc

    def data_rows(self, config: str, fmt: str) -> tuple[str, list[tuple[int, dict[str, Any]]]] | Problem:
        """Rows of a built file with their line (JSONL) or row number (Parquet), or why they cannot be read."""
        path = self.paths.jsonl(config) if fmt == "jsonl" else self.paths.parquet(config)
        shown = self.paths.shown(path)
        if not path.exists():
            return Problem(BUILD_FRESH, Location(shown), "built file is missing", "run `zhcorpus build`")
        try:
            if fmt == "jsonl":
                return shown, [(r.line, r.value) for r in read_jsonl(path)]
            rows = pq.read_table(path).to_pylist()
        except ZhcorpusError as exc:
            return exc.as_problem()
        except Exception as exc:
            return Problem(DATA_SCHEMA, Location(shown), f"unreadable Parquet: {exc}", "run `zhcorpus build`")
        return shown, list(enumerate(rows, start=1))
