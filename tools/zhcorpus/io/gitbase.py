"""The base a contribution is compared with: a git ref (the pull request's target branch), and what changed since.

`zhcorpus validate --base REF` resolves it once; the contributor checks (`contrib.*`) read it from the check
context. Outside a git repository, or when no base ref exists (a tarball, a fresh `git init`), there is no base
and those checks report nothing: they protect a contribution, and without a base there is nothing to compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.io.git import GitRepo

# Tried in order when no --base is given: the remote's main (CI, a clone), the local main, the commit before.
DEFAULT_BASES = ("origin/main", "main", "HEAD~1")


@dataclass(frozen=True)
class GitBase:
    repo: GitRepo
    ref: str  # as the user named it, for messages
    commit: str  # the merge base of ref and HEAD: what the contribution started from

    def changed(self) -> set[str]:
        """Repository-relative paths changed since the base: committed (`BASE...HEAD`), staged, unstaged and new
        untracked files (a contributor's pre-commit run sees its work before it is committed)."""
        names = self.repo.run("diff", "--name-only", "-z", self.commit).split("\0")
        names += self.repo.run("ls-files", "--others", "--exclude-standard", "-z").split("\0")
        return {n for n in names if n}

    def modified(self, under: str) -> list[tuple[str, str]]:
        """(status letter, path) of files below ``under`` (repository-relative) modified, deleted or retyped
        since the base; additions are not listed (a rename counts as a deletion)."""
        out = self.repo.run(
            "diff", "--name-status", "-z", "--no-renames", "--diff-filter=MDT", self.commit, "--", under
        )
        fields = [f for f in out.split("\0") if f]
        return list(zip(fields[0::2], fields[1::2], strict=True))

    def show(self, rel: str) -> bytes | None:
        """A repository-relative file's bytes at the base, or None if it was not there."""
        return self.repo.show(self.commit, self.repo.top / rel)

    def rel(self, path: Path) -> str | None:
        """``path`` relative to the repository root, or None if it lies outside."""
        try:
            return path.resolve().relative_to(self.repo.top.resolve()).as_posix()
        except ValueError:
            return None


def resolve_base(folder: Path, ref: str | None) -> GitBase | None:
    """The base of the repository ``folder`` is in. An explicit ``ref`` that does not exist is an error (CI asked
    for a comparison it cannot make: the checkout lacks the branch); without one, the first of DEFAULT_BASES that
    exists, or None."""
    repo = GitRepo.around(folder)
    if repo is None:
        if ref is not None:
            raise ZhcorpusError(
                "validate.base", Location(str(folder)), f"--base {ref}: not inside a git repository", "drop --base"
            )
        return None
    for candidate in (ref,) if ref is not None else DEFAULT_BASES:
        if repo.has_ref(candidate):
            commit = repo.run("merge-base", candidate, "HEAD").strip()
            return GitBase(repo, candidate, commit)
    if ref is not None:
        raise ZhcorpusError(
            "validate.base",
            Location(str(repo.top)),
            f"--base {ref}: no such commit",
            "fetch it (`git fetch origin`; in CI check out with fetch-depth: 0) or name another ref",
        )
    return None
