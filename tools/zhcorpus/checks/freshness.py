"""Built files up to date: a build from the sources now gives exactly the bytes on disk."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem, ZhcorpusError


@register("build.fresh@1", "the data files, card header and manifest equal a fresh build from the sources")
def build_is_fresh(ctx: Context) -> Iterator[Problem]:
    result = ctx.build
    if isinstance(result, ZhcorpusError):
        # A cause another check already reported (the same check, or the same place) is not reported twice.
        places = {(p.location.path, p.location.line) for p in ctx.reported}
        checks = {p.check for p in ctx.reported}
        for problem in result.problems():
            if problem.check not in checks and (problem.location.path, problem.location.line) not in places:
                yield Problem("build.fresh@1", problem.location, f"cannot build: {problem.message}", problem.hint)
        return
    for rel, data in sorted(result.files.items()):
        path = ctx.paths.root / rel
        if not path.exists():
            yield Problem(
                "build.fresh@1",
                Location(ctx.paths.shown(path)),
                "built file is missing",
                "run `zhcorpus build` and commit the result",
            )
        elif path.read_bytes() != data:
            yield Problem(
                "build.fresh@1",
                Location(ctx.paths.shown(path)),
                "out of date with the sources (a rebuild gives other bytes)",
                "run `zhcorpus build` and commit the result",
            )
