"""MANIFEST.json as a typed record: the dataset's version and the size and sha256 of every raw, source and built file.

``zhcorpus build`` writes it last, so it never vouches for a file before the file is complete. Every reader goes
through ``Manifest``: the current manifest checked against schema/manifest.json (``from_json``), one frozen in a
release record or read at a tag as it was written (``as_recorded``); none reads the raw JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from zhcorpus.checkids import MANIFEST_CHECKSUMS
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.io.jsonlines import loads
from zhcorpus.schemas import iter_problems

Role = Literal["raw", "source", "card", "data", "metadata"]
Format = Literal["parquet", "jsonl"]


@dataclass(frozen=True)
class ManifestFile:
    path: str  # inside the dataset folder, POSIX
    role: Role
    sha256: str
    bytes: int
    config: str | None = None  # a built data file's config, with its format and row count
    format: Format | None = None
    rows: int | None = None

    def to_json(self) -> dict[str, Any]:
        optional = {"config": self.config, "format": self.format, "rows": self.rows}
        return {
            "path": self.path,
            "role": self.role,
            **{key: value for key, value in optional.items() if value is not None},
            "sha256": self.sha256,
            "bytes": self.bytes,
        }


@dataclass(frozen=True)
class Manifest:
    dataset: str
    version: str
    generator: Mapping[str, str]  # package -> version of what wrote the files (zhcorpus, pyarrow)
    files: tuple[ManifestFile, ...]

    @classmethod
    def from_json(cls, value: object, where: Location) -> Manifest:
        """The manifest a parsed JSON value holds, checked against today's schema; one the schema refuses raises its
        first problem, the others attached."""
        problems = list(iter_problems("manifest", value, where, MANIFEST_CHECKSUMS))
        if problems:
            raise ZhcorpusError.of(problems)
        return cls.as_recorded(value, where)

    @classmethod
    def as_recorded(cls, value: object, where: Location) -> Manifest:
        """A manifest frozen in a release record or read at a tag, taken as it was written: not held to today's
        schema (a field added later must not make an old release unreadable), only to the keys every manifest has,
        each of its type; anything else is a located error."""
        files = value.get("files") if isinstance(value, dict) else None
        if not isinstance(value, dict) or not isinstance(value.get("version"), str) or not isinstance(files, list):
            raise ZhcorpusError(
                MANIFEST_CHECKSUMS, where, "no manifest: a version and a list of files", "restore it from git"
            )
        entries = []
        for n, entry in enumerate(files):
            recorded = _recorded_file(entry)
            if recorded is None:
                raise ZhcorpusError(
                    MANIFEST_CHECKSUMS,
                    where,
                    f"no manifest: files[{n}] is no entry of path, role and sha256",
                    "restore it from git",
                )
            entries.append(recorded)
        generator = value.get("generator")
        return cls(
            str(value.get("dataset", "")),
            value["version"],
            dict(generator) if isinstance(generator, dict) else {},
            tuple(entries),
        )

    @classmethod
    def from_bytes(cls, data: bytes, shown: str) -> Manifest:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ZhcorpusError(
                MANIFEST_CHECKSUMS, Location(shown), f"not UTF-8: {exc}", "run `zhcorpus build`"
            ) from exc
        return cls.from_json(loads(text, Location(shown, 1)), Location(shown))

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "version": self.version,
            "generator": dict(self.generator),
            "files": [f.to_json() for f in self.files],
        }

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def checksums(self, role: Role | None = None) -> dict[str, str]:
        """Path -> sha256 of every file (of ``role`` only, if given)."""
        return {f.path: f.sha256 for f in self.files if role is None or f.role == role}

    def rows(self, format: Format = "parquet") -> dict[str, int]:
        """Config -> its row count, as the built files of ``format`` record it."""
        return {f.config: f.rows for f in self.files if f.format == format and f.config and f.rows is not None}


def _recorded_file(entry: object) -> ManifestFile | None:
    """One file of a recorded manifest, or None when a key it has is of the wrong type."""
    if not isinstance(entry, dict):
        return None
    text = [entry.get(k) for k in ("path", "role", "sha256")]
    size, config, form, rows = (entry.get(k) for k in ("bytes", "config", "format", "rows"))

    def count(v: object) -> bool:
        return v is None or (isinstance(v, int) and not isinstance(v, bool))

    if not all(isinstance(v, str) for v in text) or not (count(size) and count(rows)):
        return None
    if not all(v is None or isinstance(v, str) for v in (config, form)):
        return None
    path, role, sha256 = (str(v) for v in text)
    return ManifestFile(path, cast(Role, role), sha256, size or 0, config, cast(Format | None, form), rows)


def read_manifest(path: Path, shown: str) -> Manifest:
    """The manifest at ``path``; a missing, unreadable or invalid one is a located error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ZhcorpusError(
            MANIFEST_CHECKSUMS, Location(shown), f"cannot read: {exc.strerror or exc}", "run `zhcorpus build`"
        ) from exc
    return Manifest.from_bytes(data, shown)
