"""`zhcorpus bench`: each figure of the scale targets, measured in one run next to its peer or its limit.

- validate: our streamed validation of the archive's article parts, the naive peer (``jsonschema`` record by
  record over the same rows) and the limit (pyarrow reading the same parts and touching every string column);
- fix: every detector over the bodies of the articles of the raw pages, next to one pass of the regular expression
  ``(.)\\1`` (a doubled character, the simplest pattern an OCR check looks for) over the same bodies;
- build: ``zhcorpus archive build`` of N and of 10 N articles in fresh processes, with their peak RSS, and of N
  on one and on two processes, and on a Dask LocalCluster of two workers (its time, and the same bytes as two
  processes wrote);
- short lines: ingest (layout guessed, articles assembled and released) of a page of L one-character lines and
  of one of L/4, whose ratio is 4 when ingest is linear in the page's lines (16 when quadratic), and the refusal
  of a page of 300,000 such lines.

Commands that build run as child processes of a small launcher (``archive/launcher.py``), so that each peak RSS
is that run's own (``os.wait4``), not the benchmark's.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from zhcorpus.archive.engine import Engine
from zhcorpus.archive.paths import Archive, open_archive
from zhcorpus.archive.validate import validate_archive
from zhcorpus.dataset.ingest import ingest
from zhcorpus.detect import throughput
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.ingest.assemble import assemble
from zhcorpus.ingest.heuristics import MAX_PAGE_LINES
from zhcorpus.ingest.page import proposed_rows
from zhcorpus.records import RawArticle
from zhcorpus.schemas import load_schemas
from zhcorpus.text.han import HAN_FIRST
from zhcorpus.text.rawtext import RawPage

MB = 1_000_000
# A page of lines no page holds: ingest refuses it (MAX_PAGE_LINES), and how soon is the figure.
REFUSED_LINES = 300_000
_MASTHEAD = "株洲日报\n2020年2月1日 星期六\nA1\n"


def say(message: str) -> None:
    """Progress on a terminal; a log gets only the figures."""
    if sys.stderr.isatty():
        print(f"bench: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float


class Launcher:
    """Starts the measured commands through ``archive/launcher.py``, whose small size keeps their peak RSS their own."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "zhcorpus.archive.launcher"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def __enter__(self) -> Launcher:
        return self

    def __exit__(self, *_: object) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe:
                # The launcher reads no more and ends. One that died first leaves a request unsent in the pipe's
                # buffer: closing still closes the pipe, and the error it raises says no more than run's did.
                with contextlib.suppress(BrokenPipeError):
                    pipe.close()
        self.process.wait()

    def run(self, argv: list[str]) -> Run:
        """A zhcorpus command (arguments built here) in a child process: wall time, own peak RSS."""
        if self.process.stdin is None or self.process.stdout is None:
            raise RuntimeError("the launcher was started without pipes")
        command = [sys.executable, "-m", "zhcorpus.cli.main", *argv]
        try:
            self.process.stdin.write(json.dumps(command) + "\n")
            self.process.stdin.flush()
            reply = self.process.stdout.readline()
        except BrokenPipeError:
            reply = ""  # it ended before this request
        if not reply:
            raise ZhcorpusError(
                "bench.launcher",
                Location("zhcorpus.archive.launcher"),
                "the launcher of measured commands ended early",
                "run `python -m zhcorpus.archive.launcher` by hand to see why",
            )
        done = json.loads(reply)
        if done["exit"] != 0:
            raise ZhcorpusError(
                "bench.command",
                Location("zhcorpus " + " ".join(argv)),
                f"exited with {done['exit']}: {done['stderr']}",
                "run the command by hand to see why",
            )
        return Run(done["seconds"], done["peak_rss_kb"] / 1024)  # Linux reports kilobytes


def shard_pages(articles: int) -> int:
    """Pages a shard: some 32 shards or more, so two processes share the work evenly (6 articles make a page)."""
    return max(8, min(1000, articles // 6 // 32))


def synth(launcher: Launcher, out: Path, articles: int, seed: int, pages_per_shard: int) -> Run:
    if out.exists():
        shutil.rmtree(out)
    pages = str(pages_per_shard)
    return launcher.run(
        ["synth", "--articles", str(articles), "--seed", str(seed), "--pages-per-shard", pages, "-o", str(out)]
    )


def build(launcher: Launcher, archive: Path, output: Path, procs: int, scheduler: str | None = None) -> Run:
    if output.exists():
        shutil.rmtree(output)
    dask = ["--scheduler", scheduler] if scheduler else []
    return launcher.run(["archive", "build", str(archive), "--output", str(output), "--procs", str(procs), *dask])


def same_tree(one: Path, other: Path) -> bool:
    """The two folders hold the same files with the same bytes."""

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    return files(one) == files(other)


def dask_speed(launcher: Launcher, archive: Path, workdir: Path, procs_seconds: float) -> dict[str, Any]:
    """The build of N on a Dask LocalCluster of 2 workers, beside ``--procs 2``: its time, and whether it wrote
    the same bytes. Without Dask installed (the ``dask`` extra) the figures are null."""
    if importlib.util.find_spec("distributed") is None:
        say("dask: not installed (pip install 'zhcorpus[dask]'), its figures are null")
        return {"build_seconds_dask_2_workers": None, "dask_vs_procs_2": None, "dask_same_bytes": None}
    run = build(launcher, archive, workdir / "build-dask", 2, "local")
    return {
        "build_seconds_dask_2_workers": round(run.seconds, 2),
        "dask_vs_procs_2": round(run.seconds / procs_seconds, 2),
        "dask_same_bytes": same_tree(workdir / "build-2", workdir / "build-dask"),
    }


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _string_leaves(column: pa.Array) -> Iterator[pa.Array]:
    kind = column.type
    if pa.types.is_string(kind):
        yield column
    elif pa.types.is_list(kind):
        yield from _string_leaves(pc.list_flatten(column))
    elif pa.types.is_struct(kind):
        for index in range(kind.num_fields):
            yield from _string_leaves(pc.struct_field(column, index))


def read_limit(parts: list[Path]) -> float:
    """pyarrow reading every part and touching every string (its length in code points, summed)."""

    def touch() -> None:
        for path in parts:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=8192):
                for column in batch.columns:
                    for leaf in _string_leaves(column):
                        pc.sum(pc.utf8_length(leaf))

    return _timed(touch)


def naive_validate(parts: list[Path], limit_rows: int | None) -> tuple[float, int]:
    """The peer: every row to Python, every error of ``jsonschema`` collected; (seconds, rows validated)."""
    validator = load_schemas().validator("article")
    rows = 0
    started = time.perf_counter()
    for path in parts:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=8192):
            for record in batch.to_pylist():
                for _ in validator.iter_errors(record):
                    pass
                rows += 1
                if limit_rows is not None and rows >= limit_rows:
                    return time.perf_counter() - started, rows
    return time.perf_counter() - started, rows


def printed_articles(archive: Archive, budget_mb: float) -> list[RawArticle]:
    """The articles of the first raw pages as ingest reads them, up to ``budget_mb`` of UTF-8 text."""
    out: list[RawArticle] = []
    size = 0
    for path in archive.raw_parts():
        for batch in pq.ParquetFile(path).iter_batches(batch_size=64, columns=["page_id", "text"]):
            for page_id, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
                raw = RawPage(Path(f"raw/{page_id}.txt"), text, "", len(text))
                _, articles = assemble(raw, proposed_rows(raw), page_id, f"raw/{page_id}.txt", "0.0.0")
                out += articles
                size += sum(len(v.encode()) for a in articles for v in a.fields.values() if v)
                if size >= budget_mb * MB:
                    return out
    return out


def fix_speed(articles: list[RawArticle]) -> dict[str, Any]:
    """Every detector, each after a ``(.)\\1`` pass (``detect.speed``), over the bodies of the articles after the
    first tenth.

    The first tenth is run first and not timed: it loads the tables each detector builds on first need, and
    fills the decisions they memoise as a long build's would be, while the measured text stays unseen.
    """
    cut = max(1, len(articles) // 10)
    throughput(articles[:cut])
    measured = articles[cut:]
    rates = throughput(measured)
    total, regex = rates.pop("total"), rates.pop("regex")
    return {
        "fix_mb": round(sum(len((a.fields["text"] or "").encode()) for a in measured) / MB, 2),
        "fix_mb_per_s_per_core": round(total, 2),
        "regex_mb_per_s": round(regex, 1),
        "fix_vs_regex": round(regex / total, 1),
        "fix_mb_per_s_by_detector": {name: round(rate, 1) for name, rate in sorted(rates.items())},
    }


def short_line_page(lines: int) -> RawPage:
    """A masthead, then ``lines`` one-character lines (the same characters for every run): each reads as a
    heading on its own and all together as no article, the longest run of short lines a page can have."""
    chars = "".join(chr(HAN_FIRST + (i * 7919) % 3000) + "\n" for i in range(lines))
    text = _MASTHEAD + chars
    return RawPage(Path("zzrb-20200201-A1.txt"), text, "", len(text.encode()))


def _ingest_seconds(raw: RawPage) -> float:
    return _timed(lambda: ingest(raw, None, None, [], "zzrb", "0.0.0", None))


def short_line_speed(lines: int) -> dict[str, float]:
    """Ingest of a page of ``lines`` short lines and of a quarter of them; the refusal of a page no page is."""
    _ingest_seconds(short_line_page(100))  # loads what ingest loads on first use
    quarter = _ingest_seconds(short_line_page(lines // 4))
    whole = _ingest_seconds(short_line_page(lines))
    too_long = short_line_page(REFUSED_LINES)
    started = time.perf_counter()
    try:
        ingest(too_long, None, None, [], "zzrb", "0.0.0", None)
    except ZhcorpusError as refused:
        if refused.code != "ingest.page-size":
            raise
    else:
        raise ZhcorpusError(
            "bench.short-lines",
            Location("zhcorpus.ingest"),
            f"a page of {REFUSED_LINES:,} lines was read, not refused (limit {MAX_PAGE_LINES:,})",
            "keep ingest's line limit below the refused page's lines",
        )
    refused_seconds = time.perf_counter() - started
    return {
        "short_lines": lines,
        "ingest_short_lines_s": round(whole, 3),
        "ingest_short_lines_quarter_s": round(quarter, 3),
        "ingest_short_lines_growth_4x": round(whole / quarter, 2),
        "ingest_300k_lines_refused_s": round(refused_seconds, 3),
    }


def validate_speed(archive: Archive, naive_rows: int | None) -> dict[str, float]:
    parts = archive.gold_parts()
    limit = read_limit(parts)
    ours = _timed(lambda: validate_archive(archive, Engine()))
    naive, measured = naive_validate(parts, naive_rows)
    total = archive.articles
    # A sampled peer is scaled to the whole archive by rows, and the JSON says how many rows it measured.
    naive_all = naive * total / measured if measured else 0.0
    return {
        "validate_seconds": round(ours, 3),
        "naive_seconds": round(naive_all, 3),
        "naive_rows_measured": measured,
        "limit_seconds": round(limit, 3),
        "validate_vs_naive": round(naive_all / ours, 1),
        "validate_vs_limit": round(ours / limit, 2),
    }


@dataclass(frozen=True)
class BenchOptions:
    articles: int
    seed: int
    scale: int
    naive_rows: int | None
    fix_mb: float
    short_lines: int


def bench(options: BenchOptions, workdir: Path) -> dict[str, Any]:
    """Every figure; the archives and builds go under ``workdir`` (removed by the caller unless kept)."""
    say(f"ingest of pages of {options.short_lines // 4} and {options.short_lines} short lines")
    short = short_line_speed(options.short_lines)
    with Launcher() as launcher:
        figures = _figures(launcher, options, workdir)
    return figures | short


def _figures(launcher: Launcher, options: BenchOptions, workdir: Path) -> dict[str, Any]:
    articles, seed, scale = options.articles, options.seed, options.scale
    naive_rows, fix_mb = options.naive_rows, options.fix_mb
    figures: dict[str, Any] = {"articles": articles, "scale": scale, "cpus": os.cpu_count()}
    small, large = workdir / "archive-n", workdir / f"archive-{scale}n"
    say(f"synth {articles} articles")
    # Both archives have shards of the same size, so that a difference in memory is one of N, not of the shards.
    per_shard = shard_pages(articles)
    figures["synth_seconds"] = round(synth(launcher, small, articles, seed, per_shard).seconds, 2)
    archive = open_archive(small)
    say("validate: ours, the pyarrow read limit, the naive jsonschema loop")
    figures |= validate_speed(archive, naive_rows)
    say(f"fix: detectors over {fix_mb} MB of article text")
    figures |= fix_speed(printed_articles(archive, fix_mb))
    say("build N on 1 process, then on 2")
    one = build(launcher, small, workdir / "build-1", 1)
    two = build(launcher, small, workdir / "build-2", 2)
    figures |= {
        "build_seconds": round(one.seconds, 2),
        "build_peak_rss_mb": round(one.peak_rss_mb, 1),
        "build_seconds_2_procs": round(two.seconds, 2),
        "speedup_2_procs": round(one.seconds / two.seconds, 2),
    }
    say("build N on a Dask LocalCluster of 2 workers")
    figures |= dask_speed(launcher, small, workdir, two.seconds)
    say(f"synth, validate and build {scale} N = {articles * scale} articles on 1 process")
    figures["synth_seconds_scaled"] = round(synth(launcher, large, articles * scale, seed, per_shard).seconds, 2)
    scaled = validate_speed(open_archive(large), naive_rows)
    figures |= {f"{key}_scaled": value for key, value in scaled.items()}
    big = build(launcher, large, workdir / "build-scaled", 1)
    figures |= {
        "build_seconds_scaled": round(big.seconds, 2),
        "build_peak_rss_mb_scaled": round(big.peak_rss_mb, 1),
        "build_time_ratio_scaled": round(big.seconds / one.seconds, 2),
        "memory_growth_10x": round(big.peak_rss_mb / one.peak_rss_mb, 3),
    }
    return figures
