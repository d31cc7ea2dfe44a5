"""`zhcorpus release`: validate, choose the version, rebuild, write the changelog and the release record, commit
and tag. Every step that can refuse runs before anything is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zhcorpus.checkids import RELEASES_VERSION
from zhcorpus.checks import run_checks
from zhcorpus.dataset.history import load_releases, record_bytes, releases_dir
from zhcorpus.dataset.manifest import Manifest
from zhcorpus.dataset.pipeline import BuildResult, compute_build, write_build
from zhcorpus.dataset.semver import Part, Version, at_least
from zhcorpus.errors import Location, ZhcorpusError, raise_all
from zhcorpus.io.atomic import atomic_write
from zhcorpus.io.git import GitRepo
from zhcorpus.release.changes import Changes, compare, render
from zhcorpus.release.snapshot import at_ref, working_tree
from zhcorpus.sources import MANIFEST, CorpusPaths, read_settings, write_version

CHANGELOG = "CHANGELOG.md"
_CHANGELOG_HEAD = (
    "# Changelog\n\nEvery released version of the dataset, newest first (written by `zhcorpus release`).\n"
)


@dataclass(frozen=True)
class Released:
    version: Version
    changes: Changes | None  # None for the first release
    commit: str


def _refuse(message: str, hint: str, where: str = "corpus") -> ZhcorpusError:
    return ZhcorpusError("release.refused", Location(where), message, hint)


def set_version(paths: CorpusPaths, version: Version, published: str | None = None) -> BuildResult:
    """Write the version (and the date it is released, None before) into the dataset settings and rebuild, so every
    row, the manifest, the card and Croissant carry it."""
    write_version(paths, str(version), published)
    result = compute_build(paths)
    write_build(paths, result)
    return result


def choose_version(current: Version, last: Version | None, bump: Part | None) -> Version:
    if bump is not None:
        return (last or current).bump(bump)
    if last is not None and current <= last:
        raise _refuse(
            f"version {current} is already released",
            "name the bump: `zhcorpus release --bump patch` (minor for a new field or config, major for a removed "
            "field or a changed id)",
        )
    return current


def _changelog_entry(version: Version, date: str, changes: Changes | None, rows: dict[str, int]) -> str:
    if changes is None:
        counts = "\n".join(f"- {config}: {n} row(s)" for config, n in sorted(rows.items()))
        return f"## {version.tag} ({date})\n\nFirst release.\n\n{counts}\n"
    return render(changes, f"## {version.tag} ({date})")


def cut_release(paths: CorpusPaths, bump: Part | None, today: dt.date | None = None) -> Released:
    repo = GitRepo.around(paths.root)
    if repo is None:
        raise _refuse("the corpus is not in a git repository", "releases are git tags: run it in the repository")
    releases, history = load_releases(paths)
    raise_all(history)
    last = releases[-1] if releases else None
    settings = read_settings(paths)
    version = choose_version(Version.parse(settings.version), last.version if last else None, bump)
    _, problems = run_checks(paths)
    if str(version) != settings.version:
        # Changed files under a released version are what a new version is for.
        problems = [p for p in problems if p.check != RELEASES_VERSION]
    if problems:
        first = problems[0]
        raise ZhcorpusError(
            "release.refused",
            first.location,
            f"`zhcorpus validate` fails ({len(problems)} problem(s)); first: [{first.check}] {first.message}",
            "run `zhcorpus validate` and fix every problem before releasing",
        )
    dirty = repo.dirty()
    if dirty:
        raise _refuse(
            f"uncommitted changes: {', '.join(d[3:] for d in dirty[:5])}",
            "commit or stash them: a release commits exactly the validated state",
        )
    if repo.has_ref(version.tag):
        raise _refuse(f"tag {version.tag} already exists", "choose another bump; a released tag never moves")
    changes = None
    if last is not None:
        if not repo.has_ref(last.version.tag):
            raise _refuse(
                f"the last release's tag {last.version.tag} is not in this clone",
                "fetch the tags (`git fetch --tags`) so the changelog can compare with it",
            )
        changes = compare(at_ref(paths, repo, last.version.tag), working_tree(paths, version.tag))
        if changes.needed is None:
            raise _refuse(f"nothing changed since {last.version.tag}", "there is nothing to release")
        part = version.raised_from(last.version)
        if not at_least(part, changes.needed):
            raise _refuse(
                f"these changes need a {changes.needed} bump, not {part}",
                f"run `zhcorpus release --bump {changes.needed}`",
            )
    # Everything that can refuse has run: now write, build, record, commit and tag.
    date = (today or dt.datetime.now(dt.UTC).date()).isoformat()
    result = set_version(paths, version, date)
    manifest = Manifest.from_bytes(result.files[MANIFEST], MANIFEST)
    rows = manifest.rows("parquet")
    changelog = paths.root / CHANGELOG
    old = changelog.read_text(encoding="utf-8").removeprefix(_CHANGELOG_HEAD) if changelog.exists() else ""
    entry = _changelog_entry(version, date, changes, rows)
    atomic_write(changelog, f"{_CHANGELOG_HEAD}\n{entry}\n{old.lstrip()}".rstrip("\n").encode("utf-8") + b"\n")
    record = releases_dir(paths) / f"{version.tag}.json"
    record.parent.mkdir(exist_ok=True)
    atomic_write(record, record_bytes(version, date, last, manifest))
    repo.run("add", "--", str(paths.root.resolve()))
    repo.run("commit", "-q", "-m", f"Release {version.tag}", "--", str(paths.root.resolve()))
    repo.run("tag", "-a", version.tag, "-m", f"zhcorpus dataset {version.tag}")
    commit = repo.run("rev-parse", "HEAD").strip()
    return Released(version, changes, commit)
