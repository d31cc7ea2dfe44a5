"""Built rows valid against their schemas, and the Parquet and JSONL exports holding the same rows."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import BUILD_FRESH, DATA_PARITY, DATA_SCHEMA
from zhcorpus.checks.base import Context, register
from zhcorpus.errors import Location, Problem
from zhcorpus.schemas import CONFIG_SCHEMAS, iter_problems
from zhcorpus.sources import CONFIGS


@register(DATA_SCHEMA, "every built row (Parquet and JSONL) matches its config's schema")
def rows_match_schema(ctx: Context) -> Iterator[Problem]:
    for config in CONFIGS:
        for fmt in ("jsonl", "parquet"):
            found = ctx.data_rows(config, fmt)
            if isinstance(found, Problem):
                if found.check != BUILD_FRESH:  # a missing file is reported once, by build.fresh
                    yield found
                continue
            shown, rows = found
            for line, row in rows:
                record = row.get("id") if isinstance(row.get("id"), str) else None
                yield from iter_problems(CONFIG_SCHEMAS[config], row, Location(shown, line, record), DATA_SCHEMA)


@register(DATA_PARITY, "the Parquet file and the JSONL export of each config hold the same rows")
def parquet_equals_jsonl(ctx: Context) -> Iterator[Problem]:
    for config in CONFIGS:
        jsonl = ctx.data_rows(config, "jsonl")
        parquet = ctx.data_rows(config, "parquet")
        if isinstance(jsonl, Problem) or isinstance(parquet, Problem):
            continue
        shown, jrows = jsonl
        prows = [row for _, row in parquet[1]]
        if len(jrows) != len(prows):
            yield Problem(
                DATA_PARITY,
                Location(shown),
                f"{len(jrows)} JSONL rows but {len(prows)} Parquet rows",
                "run `zhcorpus build`",
            )
            continue
        for (line, jrow), prow in zip(jrows, prows, strict=True):
            if jrow != prow:
                differing = sorted(k for k in set(jrow) | set(prow) if jrow.get(k) != prow.get(k))
                yield Problem(
                    DATA_PARITY,
                    Location(shown, line, jrow.get("id"), ",".join(differing)),
                    "row differs from the same row of the Parquet file",
                    "run `zhcorpus build`",
                )
