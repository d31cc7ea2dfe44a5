"""A decision, once merged, is final: a contribution may not change any field of a record decided at its base.

Otherwise a pull request could keep an accepted correction's id and span and change its `after` (or a rejected
one's reason, a resolved flag's note, an accepted mention's label): the diff is one line, no status changes, and
the release quietly says something no reviewer decided.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from zhcorpus.checkids import CONTRIB_DECIDED
from zhcorpus.checks.base import Context, register
from zhcorpus.checks.decisions import compare
from zhcorpus.errors import Problem

HINT = (
    "a merged decision is final: restore the record as it is at the base; to change the decision add a new record "
    'with a new id and `"replaces": "<this id>"` (corrections; the old one is then no longer applied)'
)


def _value(value: object) -> str:
    return "(absent)" if value is ... else json.dumps(value, ensure_ascii=False)


@register(CONTRIB_DECIDED, "no field of a record decided at the base (accepted, rejected, resolved) is changed")
def decided_unchanged(ctx: Context) -> Iterator[Problem]:
    if ctx.base is None:
        return
    for rewrite in compare(ctx.base, ctx.paths).rewrites:
        changes = "; ".join(f"{name} {_value(old)} -> {_value(new)}" for name, old, new in rewrite.changed)
        yield Problem(
            CONTRIB_DECIDED,
            rewrite.row.location(rewrite.changed[0][0]),
            f"{rewrite.type} {rewrite.record} is {rewrite.status} at {ctx.base.ref}; this change rewrites "
            f"{', '.join(name for name, _, _ in rewrite.changed)}: {changes}",
            HINT,
        )
