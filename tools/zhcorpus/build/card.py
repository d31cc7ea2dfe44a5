"""The dataset card's YAML header (configs, dataset_info) generated from the schemas; the body is hand-written."""

from __future__ import annotations

from typing import Any

import yaml
from datasets.info import DatasetInfo, DatasetInfosDict
from datasets.splits import SplitDict, SplitInfo
from huggingface_hub import DatasetCardData

from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.schema import config_features
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
            "card.configs@1",
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
            "card.configs@1",
            Location(shown, line),
            f"invalid YAML header: {exc}",
            "fix the header, or delete it and run `zhcorpus build` to regenerate it",
        ) from exc
    if not isinstance(header, dict):
        raise ZhcorpusError("card.configs@1", Location(shown, 2), "YAML header is not a mapping")
    return header, text[end + 1 + len(_FENCE) :]


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
    card = DatasetCardData(
        pretty_name=settings.pretty_name,
        language=["zh"],
        license=settings.license,
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
