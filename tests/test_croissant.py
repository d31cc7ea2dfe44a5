"""Croissant metadata of the committed corpus: valid for mlcroissant, complete against the schemas, checksummed,
deterministic, and readable back into the same rows as the JSONL export."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from conftest import CORPUS
from zhcorpus.dataset.card import data_path
from zhcorpus.dataset.croissant import CONTEXT, croissant_bytes
from zhcorpus.dataset.pipeline import compute_build
from zhcorpus.schemas import CONFIG_SCHEMAS, load_schemas, resolve
from zhcorpus.sources import CONFIGS, CorpusPaths, Settings, load_sources

# mlcroissant 1.1.1 parses JSON-LD with rdflib's deprecated ConjunctiveGraph and calls reset_index(inplace=...),
# which pandas deprecates: both are inside the library, not in what we generate.
MLCROISSANT_WARNINGS = (
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index is deprecated"),
)


@cache
def _build() -> tuple[Settings, dict[str, bytes]]:
    paths = CorpusPaths(CORPUS)
    settings = load_sources(paths).settings
    assert settings is not None
    return settings, compute_build(paths).files


def _metadata() -> dict[str, Any]:
    settings, files = _build()
    loaded: dict[str, Any] = json.loads(croissant_bytes(settings, files))
    return loaded


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """croissant.json written next to the built files, where its relative contentUrls point."""
    settings, files = _build()
    for rel, data in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    path = tmp_path / "croissant.json"
    path.write_bytes(croissant_bytes(settings, files))
    return path


def test_mlcroissant_validates_it(published: Path) -> None:
    # The validator as a user runs it; it reads no network (the FileObjects are local and checksummed).
    mlcroissant = Path(sys.executable).with_name("mlcroissant")
    result = subprocess.run(
        [str(mlcroissant), "validate", "--jsonld", str(published)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "error(s)" not in result.stderr, result.stderr
    assert "Done." in result.stderr


def test_a_released_version_carries_its_date_and_validates_without_warnings(tmp_path: Path) -> None:
    """Before a release the version has no publication date (mlcroissant's one warning, recommended
    datePublished); `zhcorpus release` writes the date into the settings, and then it has, as schema.org's Date."""
    settings, files = _build()
    assert "datePublished" not in json.loads(croissant_bytes(settings, files))
    released = dataclasses.replace(settings, published="2026-12-07")
    for rel, data in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    path = tmp_path / "croissant.json"
    path.write_bytes(croissant_bytes(released, files))
    assert json.loads(path.read_bytes())["datePublished"] == "2026-12-07"
    mlcroissant = Path(sys.executable).with_name("mlcroissant")
    result = subprocess.run(
        [str(mlcroissant), "validate", "--jsonld", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr


def test_a_licence_the_hub_does_not_know_is_its_text() -> None:
    settings, _ = _build()
    assert (settings.license, settings.license_link) == ("other", "LICENSE.md")
    assert _metadata()["license"] == "LICENSE.md"
    assert (CORPUS / "LICENSE.md").is_file()


def test_context_is_mlcroissants_own() -> None:
    # A different @context is only a warning in the validator; keep our copy exactly the library's.
    from mlcroissant._src.core.context import Context, CroissantVersion
    from mlcroissant._src.core.rdf import make_context

    ctx = Context()
    ctx.conforms_to = CroissantVersion.V_1_1
    assert make_context(ctx) == CONTEXT


def _leaves(node: Mapping[str, Any], prefix: str) -> Iterator[str]:
    """Every property path in a schema node ($refs resolved, array items looked through)."""
    node = resolve(node)
    if "items" in node:
        yield from _leaves(node["items"], prefix)
        return
    for key, child in node.get("properties", {}).items():
        yield f"{prefix}/{key}"
        yield from _leaves(child, f"{prefix}/{key}")


def _field_ids(fields: list[dict[str, Any]]) -> Iterator[str]:
    for field in fields:
        yield field["@id"]
        yield from _field_ids(field.get("subField", []))


def test_every_schema_property_is_a_field() -> None:
    record_sets = {rs["@id"]: rs for rs in _metadata()["recordSet"]}
    assert list(record_sets) == list(CONFIGS)
    for config in CONFIGS:
        schema = load_schemas().documents[CONFIG_SCHEMAS[config]]
        assert set(_field_ids(record_sets[config]["field"])) == set(_leaves(schema, config))


def test_types_arrays_and_nesting() -> None:
    fields = {f["@id"]: f for rs in _metadata()["recordSet"] for f in rs["field"]}
    assert fields["articles/issue_number"]["dataType"] == "cr:Int64"
    assert fields["issues/article_ids"]["isArray"] is True
    assert fields["issues/article_ids"]["dataType"] == "sc:Text"
    paragraphs = fields["articles/paragraphs"]  # an array of the $ref'd paragraph.json
    assert paragraphs["isArray"] is True
    assert [f["name"] for f in paragraphs["subField"]] == ["id", "kind", "text"]
    assert paragraphs["subField"][2]["source"]["transform"] == {"jsonPath": "text"}
    normalized = fields["entities/normalized"]  # an object from normalized.json, not an array
    assert "isArray" not in normalized
    assert [f["name"] for f in normalized["subField"]] == ["name", "code", "level", "date"]


def test_sha256_of_the_parquet_bytes() -> None:
    _, files = _build()
    distribution = {d["@id"]: d for d in _metadata()["distribution"]}
    assert set(distribution) == {data_path(c) for c in CONFIGS}
    for path, entry in distribution.items():
        assert entry["contentUrl"] == path
        assert entry["encodingFormat"] == "application/x-parquet"
        assert entry["sha256"] == hashlib.sha256(files[path]).hexdigest()
    # ... which are the committed files: the corpus is built, so the metadata describes what is on disk.
    for path in distribution:
        assert files[path] == (CORPUS / path).read_bytes()


def test_deterministic() -> None:
    settings, files = _build()
    first = croissant_bytes(settings, files)
    assert first == croissant_bytes(settings, dict(reversed(list(files.items()))))
    assert first.endswith(b"}\n")
    assert "株洲日报" in first.decode("utf-8")  # ensure_ascii=False: the Chinese is readable


def test_dataset_level_properties() -> None:
    settings, _ = _build()
    metadata = _metadata()
    assert metadata["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    assert (metadata["name"], metadata["version"], metadata["license"]) == (
        settings.name,
        settings.version,
        settings.license_link,  # license: other; test_a_licence_the_hub_does_not_know_is_its_text
    )
    assert metadata["description"].startswith("Every article of page A1")


def _plain(value: Any, prefix: str) -> Any:
    """A record as mlcroissant yields it (ids as keys, text as bytes, numpy ints, dates as Timestamps) as a JSONL row
    has it."""
    if isinstance(value, dict):
        return {key.removeprefix(prefix).rsplit("/", 1)[-1]: _plain(v, prefix) for key, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, prefix) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if value is pd.NaT:  # a null sc:Date
        return None
    if isinstance(value, pd.Timestamp):  # an sc:Date, which the row writes as ISO 8601
        return value.date().isoformat()
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    return value


@pytest.mark.parametrize("config", CONFIGS)
@MLCROISSANT_WARNINGS[0]
@MLCROISSANT_WARNINGS[1]
def test_records_read_back_as_the_jsonl_rows(published: Path, config: str) -> None:
    import mlcroissant

    # Reading goes through mlcroissant's Download step, which also rejects a file whose sha256 differs.
    _, files = _build()
    rows = [json.loads(line) for line in files[f"jsonl/{config}.jsonl"].decode("utf-8").splitlines()]
    dataset = mlcroissant.Dataset(jsonld=published)
    records = [_plain(r, f"{config}/") for r in itertools.islice(dataset.records(config), 5)]
    assert records == rows[: len(records)]
    assert records


def test_schema_dates_are_croissant_dates() -> None:
    """A property the schema gives `format: date` is sc:Date, so a reader gets dates, not text."""
    for record_set in _metadata()["recordSet"]:
        schema = load_schemas().documents[CONFIG_SCHEMAS[record_set["name"]]]
        for field in record_set["field"]:
            node = resolve(schema["properties"][field["name"]])
            if "dataType" in field:
                dated = node.get("format") == "date"
                assert (field["dataType"] == "sc:Date") == dated, (record_set["name"], field["name"])
