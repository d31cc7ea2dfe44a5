"""Integrity checks of a corpus, one small module a check, each registered under a stable versioned id."""

from __future__ import annotations

from zhcorpus.checks import (  # noqa: F401 - importing a check module registers its checks
    card,
    contrib_decided,
    contrib_ids,
    contrib_raw,
    data,
    entities,
    escapes,
    faults,
    files,
    freshness,
    ids,
    lossless,
    manifest,
    masthead,
    private_use,
    releases,
    replay,
    script,
    sources,
    spans,
)
from zhcorpus.checks.base import REGISTRY, Check, Context, stage
from zhcorpus.errors import Problem
from zhcorpus.io.gitbase import GitBase
from zhcorpus.sources import CorpusPaths


def run_checks(
    paths: CorpusPaths, only: list[str] | None = None, base: GitBase | None = None
) -> tuple[list[Check], list[Problem]]:
    ctx = Context(paths, base=base)
    checks = sorted((c for c in REGISTRY.values() if only is None or c.id in only), key=stage)
    for check in checks:
        ctx.reported.extend(check.run(ctx))
    return checks, ctx.reported
