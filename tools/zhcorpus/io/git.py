"""The few git operations a release needs: read a file at a tag, tags, a clean tree, commit and tag.

git runs as a subprocess with an argument list (never a shell); a failure is an error that says what to do.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from zhcorpus.errors import Location, ZhcorpusError

GIT = shutil.which("git") or "/usr/bin/git"


@dataclass(frozen=True)
class GitRepo:
    top: Path

    @classmethod
    def around(cls, path: Path) -> GitRepo | None:
        """The repository a folder is in, or None outside one (or without git)."""
        try:
            out = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
                [GIT, "-C", str(path), "rev-parse", "--show-toplevel"],
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError:
            return None
        return cls(Path(out.stdout.strip())) if out.returncode == 0 else None

    def _git(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([GIT, "-C", str(self.top), *args], capture_output=True, check=False)  # noqa: S603

    def run(self, *args: str) -> str:
        out = self._git(*args)
        if out.returncode != 0:
            raise ZhcorpusError(
                "release.git",
                Location(str(self.top)),
                f"git {' '.join(args)} failed: {out.stderr.decode('utf-8', 'replace').strip()}",
                "fix the repository state and run the command again",
            )
        return out.stdout.decode("utf-8")

    def show(self, ref: str, path: Path) -> bytes | None:
        """A file's bytes at a ref (None if it is not there)."""
        rel = path.resolve().relative_to(self.top.resolve()).as_posix()
        out = self._git("show", f"{ref}:{rel}")
        return out.stdout if out.returncode == 0 else None

    def has_ref(self, ref: str) -> bool:
        return self._git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0

    def dirty(self) -> list[str]:
        return [line for line in self.run("status", "--porcelain").splitlines() if line]
