"""Integrity checks of a corpus, one small module a check, each registered under a stable versioned id."""

from __future__ import annotations

from zhcorpus.checks import (  # noqa: F401 - importing a check module registers its checks
    card,
    data,
    freshness,
    ids,
    lossless,
    manifest,
    masthead,
    replay,
    sources,
    spans,
)
from zhcorpus.checks.base import REGISTRY, Check, Context
from zhcorpus.errors import Problem
from zhcorpus.sources import CorpusPaths

# build.fresh runs last: when the build fails it stays quiet about causes another check already reported.
_LAST = "build.fresh@1"


def run_checks(paths: CorpusPaths, only: list[str] | None = None) -> tuple[list[Check], list[Problem]]:
    ctx = Context(paths)
    checks = sorted((c for c in REGISTRY.values() if only is None or c.id in only), key=lambda c: c.id == _LAST)
    for check in checks:
        ctx.reported.extend(check.run(ctx))
    return checks, ctx.reported
