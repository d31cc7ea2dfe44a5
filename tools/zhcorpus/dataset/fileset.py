"""The files a release is made of: what `zhcorpus publish` sends, and all that the dataset folder may hold.

A release is MANIFEST.json, every file the manifest names (raw pages, sources, the card, built data,
croissant.json), and what a release adds beside them: ANNOTATION.md (the guidelines the card links to), LICENSE.md
(the terms of use the card's license_link names), CHANGELOG.md and the release records releases/vX.Y.Z.json (both
written by `zhcorpus release`). Anything else in
the folder is refused by publish and reported by validate: a symlink (its target may be a token or any file of
the machine), a temporary file a killed command left (.tmp-*, which .gitignore hides from git), a Python file (the
Hub would take it for a loading script), a file the release does not name, a manifest path that is not a plain
path inside the folder. The folder is walked on disk without following links, so what git ignores is found too.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from zhcorpus.checkids import CORPUS_FILES, MANIFEST_CHECKSUMS
from zhcorpus.dataset.history import releases_dir
from zhcorpus.dataset.manifest import Manifest
from zhcorpus.dataset.semver import Version
from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.io.atomic import TEMP_PREFIX
from zhcorpus.io.jsonlines import loads
from zhcorpus.sources import CorpusPaths

# Folders tools leave in a dataset folder (bytecode, huggingface_hub's local-dir metadata): never released, and
# not walked (a symlink of that name is still refused).
CACHE_DIRS = frozenset({"__pycache__", ".cache"})
# Written beside the manifest's files by hand (the guidelines, the terms the card's license_link names) or by
# `zhcorpus release` (release/cut.py).
RELEASE_DOCS = ("ANNOTATION.md", "LICENSE.md", "CHANGELOG.md")
_REMOVE = "remove it (`git rm` if it is committed): a release holds only the files its manifest names"


@dataclass(frozen=True)
class ReleaseFile:
    path: str  # inside the dataset folder, POSIX, as in the repository
    sha256: str | None  # what the manifest records; None for a file the release adds beside the manifest


@dataclass(frozen=True)
class FileSet:
    files: list[ReleaseFile]  # sorted by path
    problems: list[Problem]


def _shown(paths: CorpusPaths, path: Path) -> str:
    # The parent shown and the name as it is: display_path resolves, which would show a link's target instead.
    return str(Path(paths.shown(path.parent)) / path.name)


def _walk(paths: CorpusPaths) -> tuple[list[str], list[Problem]]:
    """Every regular file below the folder (its path inside it), and each entry that may not be there."""
    found: list[str] = []
    problems: list[Problem] = []

    def refuse(path: Path, message: str, hint: str) -> None:
        problems.append(Problem(CORPUS_FILES, Location(_shown(paths, path)), message, hint))

    def visit(folder: Path) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            refuse(folder, f"cannot list the folder: {exc.strerror}", "make it readable, or remove it")
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                target = os.readlink(path)
                refuse(
                    path,
                    f"a symlink (to {target}) in the dataset folder: its target may be any file of the machine",
                    _REMOVE,
                )
            elif entry.name.startswith(TEMP_PREFIX):
                refuse(
                    path,
                    "a temporary file a killed command left (.gitignore hides .tmp-* from git, not from the folder)",
                    "delete it (`zhcorpus build` removes those a killed build left)",
                )
            elif entry.is_dir(follow_symlinks=False):
                if entry.name not in CACHE_DIRS:
                    visit(path)
            elif not entry.is_file(follow_symlinks=False):
                refuse(path, "neither a file nor a folder (a pipe, socket or device)", _REMOVE)
            elif entry.name.endswith(".py"):
                refuse(
                    path,
                    "a Python file in the dataset folder: the Hub would treat it as a loading script, which "
                    "datasets refuses",
                    "remove it; the dataset is data only (Parquet configs declared in README.md)",
                )
            else:
                found.append(paths.rel(path))

    visit(paths.root)
    return found, problems


def _plain(path: str) -> bool:
    """A relative POSIX path without `.`, `..` or empty parts: it names a file inside the folder, nothing else."""
    parts = path.split("/")
    return not PurePosixPath(path).is_absolute() and all(p not in {"", ".", ".."} for p in parts) and "\\" not in path


def _manifest_names(paths: CorpusPaths) -> tuple[dict[str, str] | None, list[Problem]]:
    """Path -> sha256 of each file the manifest names, or None (with why) when the manifest cannot say."""
    shown = paths.shown(paths.manifest)
    try:
        manifest: Any = loads(read_in_folder(paths, paths.rel(paths.manifest)).decode("utf-8"), Location(shown, 1))
    except ZhcorpusError as exc:
        return None, [Problem(MANIFEST_CHECKSUMS, exc.location, f"cannot read the manifest: {exc.message}", exc.hint)]
    except UnicodeDecodeError as exc:
        return None, [
            Problem(MANIFEST_CHECKSUMS, Location(shown), f"cannot read the manifest: {exc}", "run `zhcorpus build`")
        ]
    try:
        files = Manifest.from_json(manifest, Location(shown)).files
    except ZhcorpusError as exc:
        return None, exc.problems()
    problems: list[Problem] = []
    named: dict[str, str] = {}
    for entry in files:
        if not _plain(entry.path):
            problems.append(
                Problem(
                    CORPUS_FILES,
                    Location(shown, field="files"),
                    f"{entry.path!r} is not a plain path inside the dataset folder",
                    "restore MANIFEST.json from git, or run `zhcorpus build`",
                )
            )
        named[entry.path] = entry.sha256
    return (None if problems else named), problems


def _beside_manifest(paths: CorpusPaths, rel: str) -> bool:
    """A file a release adds beside the manifest's: the guidelines, the changelog, a release record."""
    if rel in RELEASE_DOCS:
        return True
    record = PurePosixPath(rel)
    folder = paths.rel(releases_dir(paths))
    if record.parent.as_posix() != folder or record.suffix != ".json" or not record.stem.startswith("v"):
        return False
    try:
        Version.parse(record.stem[1:])
    except ValueError:
        return False
    return True


def release_files(paths: CorpusPaths) -> FileSet:
    """The files of the release in ``paths`` and every problem that stops it: what publish sends and validate
    checks. A manifest that cannot be read gives its own problem (manifest.checksums@1), and then no file is
    called unnamed: without the manifest, nothing can be."""
    found, problems = _walk(paths)
    named, manifest_problems = _manifest_names(paths)
    problems += manifest_problems
    if named is None:
        return FileSet([], problems)
    manifest = paths.rel(paths.manifest)
    refused = {p.location.path for p in problems}
    files = []
    for rel in sorted(found):
        if rel == manifest or rel in named or _beside_manifest(paths, rel):
            files.append(ReleaseFile(rel, named.get(rel)))
        else:
            problems.append(
                Problem(
                    CORPUS_FILES,
                    Location(_shown(paths, paths.root / rel)),
                    "a file the release does not name (not in MANIFEST.json)",
                    "if it is a source, run `zhcorpus build` so the manifest names it; otherwise " + _REMOVE,
                )
            )
    for rel in sorted(set(named) - set(found)):
        where = _shown(paths, paths.root / rel)
        if where not in refused:
            problems.append(
                Problem(
                    MANIFEST_CHECKSUMS,
                    Location(where),
                    f"{rel} is listed in MANIFEST.json but missing",
                    "restore the file, or run `zhcorpus build`",
                )
            )
    return FileSet(files, problems)


def read_in_folder(paths: CorpusPaths, rel: str) -> bytes:
    """The bytes of the regular file ``rel`` inside the folder, opened one part at a time without following a
    link: a symlink put in place after the folder was checked is refused, not read."""
    where = Location(_shown(paths, paths.root / rel))
    nofollow = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    parts = rel.split("/")
    try:
        fd = os.open(paths.root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            for part in parts[:-1]:
                inner = os.open(part, nofollow | os.O_DIRECTORY, dir_fd=fd)
                os.close(fd)
                fd = inner
            # O_NONBLOCK: a pipe put there is refused below instead of waiting for a writer.
            inner = os.open(parts[-1], nofollow | os.O_NONBLOCK, dir_fd=fd)
        finally:
            os.close(fd)
        with os.fdopen(inner, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ZhcorpusError(CORPUS_FILES, where, "not a regular file", _REMOVE)
            return handle.read()
    except OSError as exc:
        raise ZhcorpusError(
            CORPUS_FILES,
            where,
            f"cannot read it without following a link: {exc.strerror}",
            "a symlink or a missing folder on the way: restore the file from git, or run `zhcorpus build`",
        ) from exc
