"""Released versions never change: the history of release records is intact, a released version's files are
what was released, and a version tag holds the record it was made with."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import RELEASES_FROZEN, RELEASES_VERSION
from zhcorpus.checks.base import Context, register
from zhcorpus.dataset.history import Release, dated_release, load_releases
from zhcorpus.dataset.manifest import read_manifest
from zhcorpus.dataset.semver import Version
from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.io.git import GitRepo


def _undated(ctx: Context, releases: list[Release]) -> Iterator[Problem]:
    """A release date in the settings that no release record of the version backs: Croissant would say the data
    was published when it was not (a date set by hand, or kept from the release before when the version changed)."""
    settings = ctx.sources.settings
    if settings is None:
        return  # sources.schema reports unreadable settings
    if settings.published is not None and dated_release(releases, settings.version, settings.published) is None:
        yield Problem(
            RELEASES_VERSION,
            Location(ctx.paths.shown(ctx.paths.settings), field="published"),
            f"version {settings.version} is dated {settings.published}, but no release record of it says so",
            "only `zhcorpus release` dates a version: remove published (`zhcorpus version --bump patch` starts the "
            "next version without it), or restore the release record from git",
        )


@register(RELEASES_VERSION, "the data carries a version not released yet, or exactly the files released under it")
def version_is_new_or_unchanged(ctx: Context) -> Iterator[Problem]:
    releases, _ = load_releases(ctx.paths)
    yield from _undated(ctx, releases)
    if not releases:
        return
    shown = ctx.paths.shown(ctx.paths.manifest)
    try:
        manifest = read_manifest(ctx.paths.manifest, shown)
        current = Version.parse(manifest.version)
        files = manifest.checksums()
    except (ZhcorpusError, ValueError):
        return  # manifest.checksums reports an unreadable manifest
    latest = releases[-1]
    if current < latest.version:
        yield Problem(
            RELEASES_VERSION,
            Location(shown),
            f"version {current} is older than the released {latest.version.tag}",
            "start the next version with `zhcorpus version --bump patch` (minor or major as the change needs)",
        )
    for release in releases:
        if release.version == current:
            changed = sorted(p for p, sha in release.files.items() if files.get(p) != sha)
            changed += sorted(p for p in files if p not in release.files)
            if changed:
                yield Problem(
                    RELEASES_VERSION,
                    Location(shown),
                    f"{release.version.tag} is released, but these files differ from it: {', '.join(changed)}",
                    "a released version never changes: start the next one with `zhcorpus version --bump patch` "
                    "(minor for a new field or config, major for a removed field or a changed id)",
                )
    repo = GitRepo.around(ctx.paths.root)
    if repo is None:
        return
    for release in releases:
        if not repo.has_ref(release.version.tag):
            continue  # a clone without tags cannot check this; a tag that exists must agree
        tagged = repo.show(release.version.tag, release.path)
        if tagged != release.data:
            yield Problem(
                RELEASES_FROZEN,
                Location(ctx.paths.shown(release.path)),
                f"the record differs from the one tagged {release.version.tag}",
                "release records are never edited: restore it with `git checkout "
                f"{release.version.tag} -- {ctx.paths.shown(release.path)}`",
            )
