"""Release records: ``releases/vX.Y.Z.json`` in the dataset folder, one a released version, never edited.

A record holds the manifest of the release (every file's sha256) and the sha256 of the record before it, so the
history is a chain: editing or dropping an old record breaks it, and `zhcorpus validate` says where.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from zhcorpus.checkids import RELEASES_FROZEN
from zhcorpus.dataset.manifest import Manifest
from zhcorpus.dataset.semver import Version
from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.io.jsonlines import loads
from zhcorpus.sources import CorpusPaths


@dataclass(frozen=True)
class Release:
    version: Version
    path: Path
    data: bytes  # the record's bytes, which the next record's ``previous`` names by sha256
    previous: object  # as recorded: {"version", "sha256"} of the record before, or None for the first
    manifest: Manifest  # as recorded (Manifest.as_recorded), not held to today's schema
    date: str  # the day it was released, as recorded

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def files(self) -> dict[str, str]:
        """Path inside the dataset folder -> sha256, as released."""
        return self.manifest.checksums()


def dated_release(releases: list[Release], version: str, published: str | None) -> Release | None:
    """The release record of ``version`` that gave it the date ``published``, if any: only `zhcorpus release`
    writes both, so a date no record backs (set by hand, or left from the version before) dates nothing."""
    return next((r for r in releases if str(r.version) == version and r.date == published), None)


def releases_dir(paths: CorpusPaths) -> Path:
    return paths.root / "releases"


def record_bytes(version: Version, date: str, previous: Release | None, manifest: Manifest) -> bytes:
    record = {
        "version": str(version),
        "tag": version.tag,
        "date": date,
        "previous": None if previous is None else {"version": str(previous.version), "sha256": previous.sha256},
        "manifest": manifest.to_json(),
    }
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def load_releases(paths: CorpusPaths) -> tuple[list[Release], list[Problem]]:
    """Every release record in version order, and what is wrong with the history."""
    found: list[Release] = []
    problems: list[Problem] = []
    folder = releases_dir(paths)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        shown = paths.shown(path)
        try:
            version = Version.parse(path.stem.removeprefix("v"))
            data = path.read_bytes()
            record = loads(data.decode("utf-8"), Location(shown, 1))
            recorded = record["version"], Manifest.as_recorded(record["manifest"], Location(shown, field="manifest"))
        except ZhcorpusError as exc:
            problems.append(
                Problem(
                    RELEASES_FROZEN, exc.location, f"unreadable release record: {exc.message}", "restore it from git"
                )
            )
            continue
        except (ValueError, KeyError, TypeError, OSError) as exc:
            problems.append(
                Problem(RELEASES_FROZEN, Location(shown), f"unreadable release record: {exc}", "restore it from git")
            )
            continue
        if recorded[0] != str(version):
            problems.append(
                Problem(RELEASES_FROZEN, Location(shown), f"record says version {recorded[0]}", "restore it from git")
            )
            continue
        found.append(Release(version, path, data, record.get("previous"), recorded[1], str(record.get("date", ""))))
    found.sort(key=lambda r: r.version)
    for before, after in zip([None, *found], found, strict=False):
        expected = None if before is None else {"version": str(before.version), "sha256": before.sha256}
        if after.previous != expected:
            problems.append(
                Problem(
                    RELEASES_FROZEN,
                    Location(paths.shown(after.path)),
                    f"history broken: {after.version.tag} does not follow "
                    f"{'nothing' if before is None else before.version.tag} as recorded",
                    "release records are never edited or removed: restore releases/ from git",
                )
            )
    return found, problems
