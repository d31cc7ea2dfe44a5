"""Atomic file replacement, new folders written whole, and the located error of a failed write.

Every writer here leaves the previous file as it was and no temporary file behind when it fails.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from zhcorpus.errors import Location, ZhcorpusError, display_path

# Every temporary file or folder a writer makes starts so (`.tmp-<name>.<random>`, beside what it becomes);
# .gitignore hides them, and dataset/fileset.py refuses them in a dataset folder.
TEMP_PREFIX = ".tmp-"


def temp_prefix(path: Path) -> str:
    return f"{TEMP_PREFIX}{path.name}."


# What to do about a failed write, by its cause; anything else gets the general hint.
_WRITE_HINTS = {
    errno.ENOSPC: "free space on the device and run it again",
    errno.EDQUOT: "free space within your disk quota and run it again",
    errno.EFBIG: "the file is larger than this file system or process allows; write it elsewhere",
    errno.EROFS: "the file system is read-only: mount it writable, or write elsewhere",
    errno.EACCES: "you may not write there: fix the permissions, or write elsewhere",
    errno.EPERM: "you may not write there: fix the permissions, or write elsewhere",
}


def write_error(path: Path, exc: OSError) -> ZhcorpusError:
    """A failed write as a located error; every writer here leaves the previous file as it was and no temporary
    file, which the hint says."""
    hint = _WRITE_HINTS.get(exc.errno or 0, "fix the cause and run it again")
    return ZhcorpusError(
        "io.write",
        Location(display_path(path)),
        f"cannot write: {exc.strerror or exc}",
        f"{hint}; the previous files are intact",
    )


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``.

    A failed write (a full disk, a read-only file system) is a located error; ``path`` keeps its previous bytes.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), dir=path.parent)
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from exc
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


def _corpus_folder(path: Path) -> Path | None:
    """The corpus folder ``path`` lies in, if any: a folder with a MANIFEST.json, or with sources/dataset.json (a
    corpus not built yet)."""
    for folder in path.parents:
        if (folder / "MANIFEST.json").is_file() or (folder / "sources" / "dataset.json").is_file():
            return folder
    return None


def refuse_overwrite(out: Path, inputs: list[Path], command: str, force: bool, name: str = "output") -> None:
    """Refuse an output file that is one of the command's inputs (by name, symlink or hard link), that lies in a
    corpus folder (raw pages and sources are evidence; built files are the build's), or that exists without
    ``force``."""
    shown = Location(display_path(out))
    for given in inputs:
        if out.resolve() == given.resolve() or (out.exists() and given.exists() and os.path.samefile(out, given)):
            raise ZhcorpusError(
                f"{command}.output",
                shown,
                f"the {name} is also {display_path(given)}, which {command} reads or writes",
                f"write to a new file: {command} never overwrites what it reads",
            )
    corpus = _corpus_folder(out.resolve())
    if corpus is not None:
        raise ZhcorpusError(
            f"{command}.output",
            shown,
            f"the {name} lies in the corpus folder {display_path(corpus)}",
            "write outside the corpus: its raw pages are evidence and its other files are made by `zhcorpus build`",
        )
    if out.exists() and not force:
        raise ZhcorpusError(
            f"{command}.output", shown, f"the {name} already exists", "name a new file, or pass --force to replace it"
        )


@contextlib.contextmanager
def new_folder(out: Path, command: str) -> Iterator[Path]:
    """A temporary sibling of ``out`` to fill, renamed to ``out`` when the block completes and removed if it fails.

    ``out`` appears whole or not at all. It must not exist, neither on entry nor just before the rename: a folder
    created meanwhile is refused too (only an empty one made in the instant between that check and the rename
    would be replaced, as rename replaces an empty folder).
    """
    refuse_existing(out, command)
    with _staging(out) as staging:
        yield staging
        refuse_existing(out, command)
        staging.rename(out)


@contextlib.contextmanager
def replaced_folder(out: Path) -> Iterator[Path]:
    """A temporary sibling of ``out`` to fill, which replaces ``out`` (if any) only when the block completes.

    A failed or interrupted run leaves the previous ``out`` as it was and no partial folder in its place.
    """
    with _staging(out) as staging:
        yield staging
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{temp_prefix(out)}old.", dir=out.parent))
            out.rename(old / out.name)
            try:
                staging.rename(out)
            except BaseException:
                (old / out.name).rename(out)
                raise
            shutil.rmtree(old)
        else:
            staging.rename(out)


@contextlib.contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A new temporary sibling of ``out`` for the block to fill and rename; removed if the block fails, and a
    failed write (a full disk, a read-only file system) is a located error."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=temp_prefix(out), dir=out.parent))
    except OSError as exc:
        raise write_error(out, exc) from exc
    try:
        yield staging
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise write_error(out, exc) from exc
        raise


@contextlib.contextmanager
def folder_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder ``root`` while the block runs: one writer at a time, so a temporary
    file found while holding it was left by a writer that is gone, not made by one still running."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_leftovers(root: Path, rels: Iterable[str]) -> None:
    """Delete the temporary files a killed writer of these files left beside them (a killed process runs no
    cleanup). Call it holding ``folder_lock``; a link of that name is removed, never followed."""
    for rel in rels:
        path = root / rel
        prefix = temp_prefix(path)
        with contextlib.suppress(FileNotFoundError, NotADirectoryError), os.scandir(path.parent) as listing:
            leftovers = [
                Path(e.path) for e in listing if e.name.startswith(prefix) and not e.is_dir(follow_symlinks=False)
            ]
        for leftover in leftovers:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def write_all(root: Path, files: Mapping[str, bytes], last: str) -> list[str]:
    """Replace each changed file atomically; ``last`` (the manifest) goes last so it never vouches early.

    Every file is complete before any is replaced: all bytes are computed by the caller first, so an error
    while building leaves the previous files untouched. The temporary files a killed earlier run left are
    removed first. Returns the paths that changed.
    """
    changed = []
    with folder_lock(root):
        remove_leftovers(root, sorted(files))
        for rel in sorted(files, key=lambda r: (r == last, r)):
            path = root / rel
            if path.exists() and path.read_bytes() == files[rel]:
                continue
            atomic_write(path, files[rel])
            changed.append(rel)
    return changed
