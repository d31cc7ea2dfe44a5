"""The schemas are the single source of truth: records, Arrow features and the card all follow them."""

from __future__ import annotations

import dataclasses
import json

import pytest
from jsonschema import Draft202012Validator

from conftest import CORPUS, REPO
from zhcorpus.archive.paths import RECORD_SCHEMAS
from zhcorpus.dataset.card import split_card
from zhcorpus.records import Annotation, Article, Correction, Entity, Flag, Normalized, Page
from zhcorpus.schemas import (
    CONFIG_SCHEMAS,
    SCHEMA_NAMES,
    config_features,
    load_schemas,
    record_arrow_schema,
    record_feature_dict,
    record_features,
)
from zhcorpus.sources import CONFIGS


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_schema_is_valid_draft_2020_12(name: str) -> None:
    document = json.loads((REPO / "schema" / f"{name}.json").read_text(encoding="utf-8"))
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


@pytest.mark.parametrize(
    ("record", "schema"),
    [
        (Page, "page"),
        (Article, "article"),
        (Correction, "correction"),
        (Flag, "flag"),
        (Annotation, "annotation"),
        (Entity, "entity"),
        (Normalized, "normalized"),
    ],
)
def test_record_fields_follow_the_schema_in_order(record: type, schema: str) -> None:
    properties = list(load_schemas().documents[schema]["properties"])
    assert [f.name for f in dataclasses.fields(record)] == properties


def test_card_declares_the_features_derived_from_the_schemas() -> None:
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCardData

    header, _ = split_card((CORPUS / "README.md").read_text(encoding="utf-8"), "README.md")
    infos = DatasetInfosDict.from_dataset_card_data(DatasetCardData(**header))
    for config in CONFIGS:
        assert infos[config].features == config_features(config)


@pytest.mark.parametrize("name", sorted(set(CONFIG_SCHEMAS.values()) | set(RECORD_SCHEMAS.values())))
def test_arrow_schema_is_the_one_datasets_derives(name: str) -> None:
    """The Parquet files' schema is derived without ``datasets``; it must be exactly what ``datasets`` would write
    (columns and the ``huggingface`` metadata), or every file's bytes change."""
    features = record_features(name)
    assert features.to_dict() == record_feature_dict(name)
    assert record_arrow_schema(name).equals(features.arrow_schema, check_metadata=True)


def test_schema_rejects_a_wrong_role() -> None:
    validator = load_schemas().validator("article")
    row = json.loads((CORPUS / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert not list(validator.iter_errors(row))
    row["authors"][0]["role"] = "editor"
    errors = list(validator.iter_errors(row))
    assert [e.json_path for e in errors] == ["$.authors[0].role"]
