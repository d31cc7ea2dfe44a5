"""Deterministic encoders (same rows -> same bytes) and Parquet parts streamed a row group at a time."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from zhcorpus.io.atomic import temp_prefix, write_error
from zhcorpus.schemas import config_arrow_schema


@dataclass(frozen=True)
class ParquetOptions:
    """Every Parquet writer option that shapes the bytes, none left to pyarrow's defaults.

    With the pinned pyarrow the same rows then give the same bytes on any machine, engine and number of processes.
    """

    compression_level: int  # of zstd
    use_dictionary: bool
    write_statistics: bool
    data_page_version: Literal["1.0", "2.0"]

    def writer_args(self) -> dict[str, Any]:
        return {
            "compression": "zstd",
            "compression_level": self.compression_level,
            "use_dictionary": self.use_dictionary,
            "write_statistics": self.write_statistics,
            "data_page_version": self.data_page_version,
            "version": "2.6",
            "store_schema": True,
        }


# The options of each kind of file differ, and each set is part of its files' bytes: changing one changes every
# file written with it. The released corpus: written rarely and read by everyone, so small files at a slower write.
RELEASE_PARQUET = ParquetOptions(
    compression_level=9, use_dictionary=True, write_statistics=True, data_page_version="2.0"
)
# An archive build's parts: what it took from pyarrow's defaults until they were written out here, kept so its
# parts keep their bytes.
ARCHIVE_PARQUET = ParquetOptions(
    compression_level=1, use_dictionary=True, write_statistics=True, data_page_version="1.0"
)
# A generated archive: level 3 gives files a third smaller but takes twice as long, most of the generator's time.
SYNTH_PARQUET = ParquetOptions(
    compression_level=1, use_dictionary=False, write_statistics=False, data_page_version="2.0"
)


def arrow_table(config: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=config_arrow_schema(config))


def parquet_bytes(table: pa.Table) -> bytes:
    """A whole Parquet file in memory, so a rebuild with the pinned pyarrow gives identical bytes."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, row_group_size=10_000, **RELEASE_PARQUET.writer_args())
    return bytes(sink.getvalue().to_pybytes())


class PartWriter:
    """A Parquet file written a row group at a time into a temporary sibling, renamed into place by ``close``.

    A process holds one row group whatever the file's size, and the file is never seen half-written.
    """

    def __init__(self, path: Path, schema: pa.Schema, options: ParquetOptions) -> None:
        self.path = path
        self.schema = schema
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), dir=path.parent)
            os.close(fd)
        except OSError as exc:
            raise write_error(path, exc) from exc
        self.tmp = Path(tmp)
        try:
            self.writer = pq.ParquetWriter(self.tmp, schema, **options.writer_args())
        except OSError as exc:
            self.tmp.unlink(missing_ok=True)
            raise write_error(path, exc) from exc
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        """``table`` as one row group (the caller's batch is the unit of memory and of the file's layout).

        An empty table writes nothing: pyarrow refuses a row group of no rows.
        """
        if table.num_rows:
            try:
                self.writer.write_table(table, row_group_size=table.num_rows)
            except OSError as exc:  # the caller discards the temporary file
                raise write_error(self.path, exc) from exc
            self.rows += table.num_rows

    def close(self) -> None:
        try:
            self.writer.close()
            os.replace(self.tmp, self.path)
        except OSError as exc:
            raise write_error(self.path, exc) from exc

    def sha256(self) -> str:
        """The closed file's checksum, read back from disk: only a caller that needs it pays for it."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()
        with contextlib.suppress(FileNotFoundError):
            self.tmp.unlink()
