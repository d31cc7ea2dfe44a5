"""Built files up to date: a build from the sources now gives exactly the bytes on disk."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import BUILD_FRESH
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem, ZhcorpusError


@register(BUILD_FRESH, "the data files, card header and manifest equal a fresh build from the sources")
def build_is_fresh(ctx: Context) -> Iterator[Problem]:
    result = ctx.build
    if isinstance(result, ZhcorpusError):
        # A cause another check already reported (the same check, or the same place) is not reported twice.
        # A problem about a whole file (no line) is the same cause as any problem already reported in that file
        # (a contribution's edited raw page stops the build).
        places = {(p.location.path, p.location.line) for p in ctx.reported}
        files = {p.location.path for p in ctx.reported}
        checks = {p.check for p in ctx.reported}
        for problem in result.problems():
            where = problem.location
            if where.line is None and where.path in files:
                continue
            if problem.check not in checks and (where.path, where.line) not in places:
                yield Problem(BUILD_FRESH, problem.location, f"cannot build: {problem.message}", problem.hint)
        return
    # A built file another check already reported (a hand-edited manifest or card) is that check's problem.
    reported = {p.location.path for p in ctx.reported}
    stale: list[str] = []
    for rel, data in sorted(result.files.items()):
        path = ctx.paths.root / rel
        if not path.exists():
            yield Problem(
                BUILD_FRESH,
                Location(ctx.paths.shown(path)),
                "built file is missing",
                "run `zhcorpus build` and commit the result",
            )
        elif path.read_bytes() != data and ctx.paths.shown(path) not in reported:
            stale.append(rel)
    if stale:
        # One cause (sources changed, build not rerun), one problem: at the first stale file (the manifest, when
        # sources changed), naming every file a rebuild would change.
        yield Problem(
            BUILD_FRESH,
            Location(ctx.paths.shown(ctx.paths.root / stale[0])),
            f"out of date with the sources (a rebuild gives other bytes): {', '.join(stale)}",
            "run `zhcorpus build` and commit the result",
        )
