"""Deterministic encoders (same rows -> same bytes), atomic file replacement and new folders written whole."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.jsonlines import encode_jsonl
from zhcorpus.schema import config_arrow_schema


def arrow_table(config: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=config_arrow_schema(config))


def parquet_bytes(table: pa.Table) -> bytes:
    """Parquet with every writer option fixed, so a rebuild with the pinned pyarrow gives identical bytes."""
    sink = pa.BufferOutputStream()
    pq.write_table(
        table,
        sink,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        row_group_size=10_000,
        data_page_version="2.0",
        version="2.6",
        store_schema=True,
    )
    return bytes(sink.getvalue().to_pybytes())


def jsonl_bytes(rows: list[dict[str, Any]]) -> bytes:
    return encode_jsonl(rows)


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".tmp-{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def refuse_existing(out: Path, command: str) -> None:
    """Refuse an output folder that exists: a command that writes a new folder never overwrites one."""
    if out.exists():
        raise ZhcorpusError(
            f"{command}.output",
            Location(display_path(out)),
            "output folder already exists",
            f"name a new folder; {command} never overwrites",
        )


@contextlib.contextmanager
def new_folder(out: Path, command: str) -> Iterator[Path]:
    """A temporary sibling of ``out`` to fill, renamed to ``out`` when the block completes and removed if it fails.

    ``out`` appears whole or not at all. It must not exist, neither on entry nor at the rename: a folder created
    meanwhile is refused too, never replaced.
    """
    refuse_existing(out, command)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".tmp-{out.name}.", dir=out.parent))
    try:
        yield staging
        refuse_existing(out, command)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_all(root: Path, files: Mapping[str, bytes], last: str) -> list[str]:
    """Replace each changed file atomically; ``last`` (the manifest) goes last so it never vouches early.

    Every file is complete before any is replaced: all bytes are computed by the caller first, so an error
    while building leaves the previous files untouched. Returns the paths that changed.
    """
    changed = []
    for rel in sorted(files, key=lambda r: (r == last, r)):
        path = root / rel
        if path.exists() and path.read_bytes() == files[rel]:
            continue
        atomic_write(path, files[rel])
        changed.append(rel)
    return changed
