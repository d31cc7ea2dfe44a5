"""Where the per-shard work runs: this process, a process forked for each task, or a Dask cluster.

Every engine maps one top-level function over a list of picklable shard tasks and returns the results in task
order, so the output of a build does not depend on the engine or on the number of processes (a test holds the
bytes equal). Dask was chosen for archives past one machine because it is pure Python on PyPI (no JVM as Spark
needs, no 60 MB native wheel as Ray brings), its ``distributed`` scheduler runs the same task functions on a
laptop's ``LocalCluster`` and on a cluster of many machines, and a worker needs only ``pip install zhcorpus``.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

import pyarrow as pa

from zhcorpus.errors import Location, ZhcorpusError

T = TypeVar("T")
R = TypeVar("R")
LOCAL_DASK = "local"


@dataclass(frozen=True)
class Engine:
    """``procs`` processes on this machine, or the Dask scheduler at ``scheduler`` (``local``: a LocalCluster)."""

    procs: int = 1
    scheduler: str | None = None

    def describe(self) -> str:
        if self.scheduler is None:
            return f"{self.procs} local process(es)"
        return f"dask ({self.scheduler}, {self.procs} worker(s))" if self.scheduler == LOCAL_DASK else "dask"


def _progress(results: Iterator[R], total: int, label: str) -> Iterator[R]:
    """A bar on a terminal only: CI logs and pipes stay quiet."""
    if not sys.stderr.isatty():
        yield from results
        return
    from tqdm import tqdm

    yield from tqdm(results, total=total, desc=label, unit="shard", file=sys.stderr)


@contextmanager
def _dask_client(engine: Engine) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ZhcorpusError(
            "archive.engine",
            Location("--scheduler"),
            "the Dask engine needs the `dask` extra",
            "pip install 'zhcorpus[dask]' on this machine and on every worker",
        ) from exc
    if engine.scheduler == LOCAL_DASK:
        cluster = LocalCluster(
            n_workers=engine.procs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        with cluster, Client(cluster) as client:
            yield client
    else:
        with Client(engine.scheduler) as client:
            yield client


def _run_one(fn: Callable[[T], R], task: T, channel: Connection) -> None:
    """In a forked process: the task's result, or the error it raised, back to the parent."""
    try:
        outcome: tuple[bool, object] = (True, fn(task))
    except BaseException as exc:  # whatever it is, the parent raises it
        outcome = (False, exc)
    channel.send(outcome)
    channel.close()


def _forked(fn: Callable[[T], R], tasks: Sequence[T], procs: int, label: str) -> list[R]:
    """Each task in a process of its own forked from this one, ``procs`` at a time; results in task order.

    ``multiprocessing.Pool`` waits for ever for the result of a worker that was killed (out of memory, a signal);
    here a process that ends without a result is an error that names its task, and the others are stopped.
    """
    context = multiprocessing.get_context("fork")
    running: dict[int, tuple[BaseProcess, Connection]] = {}
    results: dict[int, R] = {}

    def completed() -> Iterator[R]:
        waiting = iter(enumerate(tasks))
        try:
            while True:
                while len(running) < procs and (item := next(waiting, None)) is not None:
                    receive, send = context.Pipe(duplex=False)
                    child = context.Process(target=_run_one, args=(fn, item[1], send))
                    child.start()
                    send.close()  # the child's copy alone stays open: its death is an end of file here
                    running[item[0]] = (child, receive)
                if not running:
                    return
                ready = wait([receive for _, receive in running.values()])
                for index in [i for i, (_, receive) in running.items() if receive in ready]:
                    process, receive = running.pop(index)
                    with receive:
                        try:
                            succeeded, value = receive.recv()
                        except EOFError:
                            process.join()
                            raise ZhcorpusError(
                                "archive.engine",
                                Location(f"{label} task {index}"),
                                f"its process ended with exit code {process.exitcode} and no result",
                                "a negative code is the signal that killed it (-9: out of memory?); run again with "
                                "fewer --procs, or look at the task's input",
                            ) from None
                    process.join()
                    if not succeeded:
                        raise value
                    results[index] = value
                    yield value
        finally:
            for process, receive in running.values():
                process.terminate()
                process.join()
                receive.close()

    for _ in _progress(completed(), len(tasks), label):
        pass
    return [results[index] for index in range(len(tasks))]


def run_tasks(
    fn: Callable[[T], R],
    tasks: Sequence[T],
    engine: Engine,
    label: str,
    prepare: Callable[[], object] | None = None,
) -> list[R]:
    """``[fn(t) for t in tasks]`` on the engine, results in task order.

    On this machine with ``--procs`` above 1, or with ``prepare``, each task runs in a process of its own, forked
    from this one (after ``prepare`` has loaded what every task reads: dictionaries, gazetteers), so the tasks share
    those pages instead of loading them again. What a task leaves behind, the memos it filled and the holes it made
    in the heap, ends with its process: a long build in one process crept up by some 30 MB over 180 shards that
    way, with no Python object to show for it; in fresh processes its memory is that of one shard, however many
    run.
    """
    if engine.procs < 1:
        raise ZhcorpusError(
            "archive.engine", Location("--procs"), "needs at least one process", "pass --procs 1 or more"
        )
    if engine.scheduler is not None:
        with _dask_client(engine) as client:
            futures = client.map(fn, list(tasks), pure=False)
            return list(_progress((f.result() for f in futures), len(tasks), label))
    if prepare is None and (engine.procs == 1 or len(tasks) <= 1):
        return list(_progress(map(fn, tasks), len(tasks), label))
    # pyarrow imports pandas, when installed (datasets needs it), on its first conversion of Python objects: some
    # 50 MB and a few tenths of a second. Done here, before any fork, the tasks' processes share it instead of each
    # importing it again, as they did while the parent imported datasets (and pandas with it) at start.
    pa.array([], pa.string())
    if prepare is None:
        return _forked(fn, tasks, engine.procs, label)
    prepare()
    # Objects loaded so far are not collected while the tasks run: frozen, the collector of a forked process
    # leaves them alone, so their pages stay shared with this process instead of being copied into each task's.
    gc.freeze()
    try:
        return _forked(fn, tasks, engine.procs, label)
    finally:
        gc.unfreeze()
