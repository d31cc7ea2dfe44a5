"""MLCommons Croissant 1.1 metadata (``croissant.json``) for the built corpus, generated from the schemas.

Like the card's ``dataset_info``, the record sets are derived from ``schema/*.json`` (the configs' row schemas,
``$ref``s resolved), so a field added to a schema appears here without a second list to keep in step.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from zhcorpus.dataset.card import data_path, split_card
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.schemas import CONFIG_SCHEMAS, json_type, load_schemas, resolve
from zhcorpus.sources import CONFIGS, Settings

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
# The @context mlcroissant 1.1.1 writes for Croissant 1.1 (mlcroissant's rdf.make_context); the validator warns
# about any other key set, and a test checks this copy against it.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
PARQUET = "application/x-parquet"
# The same Arrow types schema.feature_of gives each JSON type, named as Croissant data types.
DATA_TYPES = {"string": "sc:Text", "integer": "cr:Int64", "number": "cr:Float64", "boolean": "sc:Boolean"}


def _json_type(node: Mapping[str, Any]) -> str:
    """The one JSON type of a resolved node, as schemas.feature_of reads it, that Croissant can type."""
    types = json_type(node)
    if types not in (*DATA_TYPES, "array", "object"):
        raise ZhcorpusError(
            "schema.features",
            Location("schema/"),
            f"no Croissant data type for schema node {dict(node)}",
            "give every property a single JSON type (null may be added)",
        )
    return str(types)


def _field(
    field_id: str, name: str, node: Mapping[str, Any], file_id: str, column: str, path: list[str], array: bool
) -> dict[str, Any]:
    """One cr:Field for a schema property.

    Every field reads the config's top-level Parquet ``column``; a nested property adds a JSONPath into that
    column's value (mlcroissant applies it to each item of a list), which is how Croissant reads nested Parquet.
    """
    node = resolve(node)
    kind = _json_type(node)
    if kind == "array":
        # A list of lists would need arrayShape; the schemas have none, so one level is all that is handled.
        return _field(field_id, name, node["items"], file_id, column, path, array=True)
    field: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": name}
    if "description" in node:
        field["description"] = node["description"]
    if array:
        field["isArray"] = True
    if kind == "object":
        field["subField"] = [
            _field(f"{field_id}/{key}", key, child, file_id, column, [*path, key], array=False)
            for key, child in node["properties"].items()
        ]
        return field
    # A JSON Schema date (ISO 8601 text) is a date to Croissant's readers too.
    field["dataType"] = "sc:Date" if node.get("format") == "date" else DATA_TYPES[kind]
    source: dict[str, Any] = {"fileObject": {"@id": file_id}, "extract": {"column": column}}
    if path:
        source["transform"] = {"jsonPath": ".".join(path)}
    field["source"] = source
    return field


def record_set(config: str) -> dict[str, Any]:
    """The cr:RecordSet of one config: one field per property of its row schema, in schema order."""
    schema = load_schemas().documents[CONFIG_SCHEMAS[config]]
    file_id = data_path(config)
    return {
        "@type": "cr:RecordSet",
        "@id": config,
        "name": config,
        "description": schema.get("description", config),
        "field": [
            _field(f"{config}/{key}", key, node, file_id, key, [], array=False)
            for key, node in schema["properties"].items()
        ],
    }


def _card_description(card: bytes | None) -> str | None:
    """The first paragraph of the card's body under its title, if there is a card."""
    if card is None:
        return None
    _, body = split_card(card.decode("utf-8"), "README.md")
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    return " ".join(paragraphs[0].split("\n")) if paragraphs else None


def croissant_bytes(settings: Settings, files: Mapping[str, bytes]) -> bytes:
    """``croissant.json`` for a build: Croissant 1.1 JSON-LD, deterministic (same input, same bytes).

    ``settings`` is ``corpus/sources/dataset.json``; ``files`` maps paths inside the corpus folder to the built
    bytes, as ``compute_build`` collects them in ``outputs``: it must hold each config's Parquet file (their
    sha256 is taken from these bytes) and may hold ``README.md`` (its first body paragraph is the description).
    In ``compute_build``, after the card is rendered and before the manifest (so the manifest lists it)::

        outputs["croissant.json"] = croissant_bytes(settings, outputs)

    The ``contentUrl``s are relative, so the file belongs at the corpus folder's root.
    """
    distribution = []
    for config in CONFIGS:
        path = data_path(config)
        if path not in files:
            raise ZhcorpusError(
                "croissant.files",
                Location(path),
                "no bytes for this config's Parquet file",
                "pass compute_build's outputs, after the Parquet files are written into them",
            )
        distribution.append(
            {
                "@type": "cr:FileObject",
                "@id": path,
                "name": path,
                "contentUrl": path,
                "encodingFormat": PARQUET,
                "sha256": hashlib.sha256(files[path]).hexdigest(),
            }
        )
    metadata: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": settings.name,
        "alternateName": settings.pretty_name,
        "description": _card_description(files.get("README.md")) or settings.pretty_name,
        # A licence the Hub does not know is its text's address (license: other), not the word "other".
        "license": settings.license_link if settings.license == "other" and settings.license_link else settings.license,
        "version": settings.version,
        "inLanguage": "zh",
        "distribution": distribution,
        "recordSet": [record_set(config) for config in CONFIGS],
    }
    if settings.citation:
        metadata["citeAs"] = settings.citation
    if settings.published:  # stamped by `zhcorpus release`: an unreleased version has no publication date
        metadata["datePublished"] = settings.published
    # Keys sorted and lists in schema and CONFIGS order, so a rebuild of the same inputs gives the same bytes.
    return (json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
