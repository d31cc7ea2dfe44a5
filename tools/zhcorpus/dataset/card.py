"""The dataset card's YAML header (configs, dataset_info) generated from the schemas; the body is hand-written."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml
from datasets.info import DatasetInfo, DatasetInfosDict
from datasets.splits import SplitDict, SplitInfo
from huggingface_hub import DatasetCardData

from zhcorpus.checkids import CARD_CONFIGS, SOURCES_SCHEMA
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.records import Article
from zhcorpus.schemas import CONFIG_SCHEMAS, config_features, load_schemas, resolve
from zhcorpus.sources import CONFIGS, Settings

DEFAULT_CONFIG = "articles"
_FENCE = "---\n"


def split_card(text: str, shown: str) -> tuple[dict[str, Any], str]:
    """The YAML header and the body of a card; an unreadable header is an error at its line."""
    if not text.startswith(_FENCE):
        return {}, text
    end = text.find("\n" + _FENCE, len(_FENCE) - 1)
    if end < 0:
        raise ZhcorpusError(
            CARD_CONFIGS,
            Location(shown, 1),
            "YAML header is not closed by a --- line",
            "close the header with a line of three dashes",
        )
    try:
        header = yaml.safe_load(text[len(_FENCE) : end + 1]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise ZhcorpusError(
            CARD_CONFIGS,
            Location(shown, line),
            f"invalid YAML header: {exc}",
            "fix the header, or delete it and run `zhcorpus build` to regenerate it",
        ) from exc
    if not isinstance(header, dict):
        raise ZhcorpusError(CARD_CONFIGS, Location(shown, 2), "YAML header is not a mapping")
    return header, text[end + 1 + len(_FENCE) :]


def size_category(rows: int) -> str:
    """The Hub's size category for a number of rows (the default config's)."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if rows < limit:
            return name
    return "n>1M"


def data_path(config: str) -> str:
    return f"{config}/train-00000-of-00001.parquet"


def card_header(settings: Settings, counts: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """``counts`` maps each config to (rows, Arrow bytes) for its split info."""
    infos = {}
    for config in CONFIGS:
        rows, nbytes = counts[config]
        splits = SplitDict()
        splits.add(SplitInfo(name="train", num_bytes=nbytes, num_examples=rows))
        infos[config] = DatasetInfo(features=config_features(config), splits=splits, config_name=config)
    # A licence the Hub does not know (license: other) is named, and its text linked, in the Hub's own keys.
    named_licence: dict[str, Any] = {
        key: value
        for key, value in (("license_name", settings.license_name), ("license_link", settings.license_link))
        if value
    }
    card = DatasetCardData(
        pretty_name=settings.pretty_name,
        language=["zh"],
        license=settings.license,
        **named_licence,
        size_categories=[size_category(counts[DEFAULT_CONFIG][0])],
        configs=[
            {
                "config_name": c,
                **({"default": True} if c == DEFAULT_CONFIG else {}),
                "data_files": [{"split": "train", "path": data_path(c)}],
            }
            for c in CONFIGS
        ],
    )
    DatasetInfosDict(infos).to_dataset_card_data(card)
    header: dict[str, Any] = card.to_dict()  # type: ignore[no-untyped-call]
    return header


def render_card(header: dict[str, Any], body: str) -> bytes:
    dumped = yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=1000)
    return (_FENCE + dumped + _FENCE + body).encode("utf-8")


def _type_name(node: Mapping[str, Any]) -> str:
    node = resolve(node)
    types = node.get("type")
    if isinstance(types, list):
        named = [t for t in types if t != "null"]
        suffix = " or null" if "null" in types else ""
        types = named[0] if len(named) == 1 else None
    else:
        suffix = ""
    if types is None and "enum" in node:
        return "string" + (" or null" if None in node["enum"] else "")
    name = {"integer": "int64", "number": "float64", "boolean": "bool"}.get(str(types), str(types))
    if types == "array":
        name = f"list of {_type_name(node['items'])}"
    return name + suffix


def _field_rows(properties: Mapping[str, Any], prefix: str = "") -> list[str]:
    rows = []
    for key, raw in properties.items():
        node = resolve(raw)
        description = str(raw.get("description") or node.get("description") or "").replace("|", "\\|")
        rows.append(f"| `{prefix}{key}` | {_type_name(raw)} | {description} |")
        items = node.get("items")
        child = resolve(items) if items is not None else node
        if "properties" in child:
            rows += _field_rows(child["properties"], f"{prefix}{key}{'[].' if items is not None else '.'}")
    return rows


def fields_block() -> str:
    """Every field of every config, from the schemas: what the card's structure section lists."""
    parts = []
    for config in CONFIGS:
        schema = load_schemas().documents[CONFIG_SCHEMAS[config]]
        parts += [f"#### `{config}`", "", "| field | type | what |", "| --- | --- | --- |"]
        parts += _field_rows(schema["properties"])
        parts.append("")
    return "\n".join(parts)


# Characters that make Markdown or HTML of a text: each is written as an entity or backslash-escaped, so a text
# from the sources shows as itself on the Hub's page instead of becoming a tag, a link or emphasis.
_MARKUP = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
    }
)


def table_text(text: str) -> str:
    """A text from the sources as the content of a Markdown table cell: markup escaped, on one line."""
    return text.translate(_MARKUP).replace("\n", " ")


def code_block(text: str, info: str, shown: str, field: str) -> str:
    """``text`` as a fenced code block that nothing in it can close: the fence is longer than any run of backticks
    in the text (CommonMark), so the text shows as itself. Refused when it holds a generated block's marker, which
    the next build would take for the block's end."""
    if "<!-- zhcorpus:" in text or "<!-- /zhcorpus:" in text:
        raise ZhcorpusError(
            SOURCES_SCHEMA,
            Location(shown, field=field),
            "holds a `<!-- zhcorpus:... -->` marker, which the card uses to find its generated blocks",
            "remove the marker from the text",
        )
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}\n"


def flags_block(articles: list[Article]) -> str:
    """The open flags of the release: what only the printed page can settle."""
    rows = ["| flag | kind | text | note |", "| --- | --- | --- | --- |"]
    for article in articles:
        for flag in article.flags:
            if flag.status == "open":
                rows.append(f"| `{flag.id}` | {flag.kind} | {table_text(flag.text or '')} | {table_text(flag.note)} |")
    return "\n".join(rows) + "\n" if len(rows) > 2 else "No open flags.\n"


def fill_generated(body: str, blocks: Mapping[str, str]) -> str:
    """Replace what stands between ``<!-- zhcorpus:NAME -->`` and ``<!-- /zhcorpus:NAME -->`` in the body."""
    for name, content in blocks.items():
        start, end = f"<!-- zhcorpus:{name} -->", f"<!-- /zhcorpus:{name} -->"
        before, found, rest = body.partition(start)
        if not found or end not in rest:
            continue
        body = f"{before}{start}\n{content.rstrip()}\n{end}{rest.partition(end)[2]}"
    return body
