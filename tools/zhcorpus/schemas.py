"""The JSON Schemas in ``schema/``: loading, validating with every error located, and deriving Arrow features.

The schemas are the single source of truth for field names and types: the ``datasets`` features, the Arrow
schema of the Parquet files and the card's ``dataset_info`` are all computed here from them. The features are
derived in the form ``datasets`` serializes them (``Features.to_dict``), and the Arrow schema from that form with
pyarrow alone, so the commands that only write or read Parquet (an archive build) never import ``datasets``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

from zhcorpus.errors import Location, Problem, ZhcorpusError
from zhcorpus.text.charpolicy import first_offence, policy_of_pattern

if TYPE_CHECKING:
    import datasets

SCHEMA_DIR_ENV = "ZHCORPUS_SCHEMA_DIR"
SCHEMA_NAMES = (
    "page",
    "article",
    "paragraph",
    "correction",
    "flag",
    "normalized",
    "annotation",
    "entity",
    "layout",
    "dataset",
    "manifest",
)
# Which schema describes the rows of each config of the built dataset.
CONFIG_SCHEMAS = {"issues": "page", "articles": "article", "corrections": "correction", "entities": "entity"}


def schema_dir() -> Path:
    """The schemas shipped with the package, unless the environment names another folder.

    ``tools/zhcorpus/schema`` is a link to the repository's ``schema/``, so a checkout and an installed wheel
    read the same files.
    """
    override = os.environ.get(SCHEMA_DIR_ENV)
    if override:
        return Path(override)
    return Path(__file__).parent / "schema"


def _no_remote(uri: str) -> Resource[Any]:
    # Schemas never load anything from the network; an unknown $ref is an error in our own schema files.
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class; its stub lacks the field


def _pattern(validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """``pattern``, with a character-policy pattern checked by the policy itself: the error names the character
    and where it stands (not a page of character class), and the end of the text is its end (Python's ``$`` also
    matches before a final line break)."""
    if not validator.is_type(instance, "string"):
        return
    policy = policy_of_pattern(pattern)
    if policy is None:
        # ECMA-262's `$` (no multiline flag) is the end of the text; Python's also matches before a final line
        # break, which let an id ending in "\n" through. Our schemas' patterns end in `$` only as that anchor.
        if not re.search(pattern.removesuffix("$") + r"\Z" if pattern.endswith("$") else pattern, instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")
        return
    found = first_offence(instance, policy)
    if found is not None:
        yield ValidationError(
            f"holds {found.describe()} at character {found.index}, which the character policy refuses "
            f"({policy.name} text)"
        )


def _max_length(validator: Any, most: int, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """``maxLength``, saying how long the text is rather than quoting it whole (it is too long to read)."""
    if validator.is_type(instance, "string") and len(instance) > most:
        yield ValidationError(f"is {len(instance)} characters long (limit {most}): {instance[:20]!r}…")


# extend() is jsonschema's way to replace a keyword (subclassing a validator is deprecated); its stub is untyped.
_Validator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _pattern, "maxLength": _max_length}
)


@dataclass(frozen=True)
class Schemas:
    documents: Mapping[str, dict[str, Any]]  # as the files hold them
    registry: Registry[Any]
    checked: Mapping[str, dict[str, Any]]  # what the validator runs: the same, without ``$schema``

    def validator(self, name: str) -> Draft202012Validator:
        validator: Draft202012Validator = _Validator(
            self.checked[name], registry=self.registry, format_checker=FormatChecker()
        )
        return validator


def _without_dialect(node: Any) -> Any:
    """``node`` with every ``$schema`` taken out. Where a referenced schema names its dialect, jsonschema goes on
    with its stock validator class, which lacks this project's ``pattern`` and ``maxLength``; without it the
    validator keeps its own class (the dialect is draft 2020-12 throughout)."""
    if isinstance(node, dict):
        return {key: _without_dialect(value) for key, value in node.items() if key != "$schema"}
    if isinstance(node, list):
        return [_without_dialect(value) for value in node]
    return node


@cache
def load_schemas(directory: Path | None = None) -> Schemas:
    base = directory or schema_dir()
    documents: dict[str, dict[str, Any]] = {}
    for name in SCHEMA_NAMES:
        path = base / f"{name}.json"
        try:
            documents[name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ZhcorpusError(
                "schema.load",
                Location(str(path)),
                f"cannot load schema: {exc}",
                f"reinstall zhcorpus, or set {SCHEMA_DIR_ENV} to a folder of schemas",
            ) from exc
        Draft202012Validator.check_schema(documents[name])
    checked = {name: _without_dialect(doc) for name, doc in documents.items()}
    empty: Registry[Any] = Registry(retrieve=_no_remote)  # type: ignore[call-arg]
    registry = empty.with_resources((doc["$id"], DRAFT202012.create_resource(doc)) for doc in checked.values())
    return Schemas(documents, registry, checked)


def iter_problems(name: str, value: Any, location: Location, check: str) -> Iterator[Problem]:
    """Every schema error of one record, each with its JSON path."""
    validator = load_schemas().validator(name)
    for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path))):
        field = error.json_path if error.json_path != "$" else None
        yield Problem(
            check,
            Location(location.path, location.line, location.record, field),
            f"does not match schema {name}.json: {error.message}",
            "fix the record so it matches the schema",
        )


def resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    schemas = load_schemas()
    resolved = schemas.registry.resolver(base_uri=schemas.documents["article"]["$id"]).lookup(ref)
    contents: Mapping[str, Any] = resolved.contents
    return contents


# The ``datasets`` dtype of each JSON type, and the Arrow type ``datasets`` gives that dtype.
DTYPES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}
ARROW_TYPES = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}


def json_type(node: Mapping[str, Any]) -> str | None:
    """The one JSON type of a resolved node (null in a type union only makes it nullable; an enum is a string), or
    None when it has none or several."""
    types = node.get("type")
    if isinstance(types, list):
        non_null = [t for t in types if t != "null"]
        types = non_null[0] if len(non_null) == 1 else None
    if types is None and "enum" in node:
        types = "string"
    return types if isinstance(types, str) else None


def feature_of(node: Mapping[str, Any]) -> Any:
    """The ``datasets`` feature for a JSON Schema node, in the form ``datasets`` serializes it:
    ``{"dtype": "string", "_type": "Value"}``, ``{"feature": …, "_type": "List"}``, or a dict of the properties of
    an object."""
    node = resolve(node)
    types = json_type(node)
    if types in DTYPES:
        return {"dtype": DTYPES[types], "_type": "Value"}
    if types == "array":
        return {"feature": feature_of(node["items"]), "_type": "List"}
    if types == "object":
        return {key: feature_of(child) for key, child in node["properties"].items()}
    raise ZhcorpusError(
        "schema.features",
        Location("schema/"),
        f"no Arrow type for schema node {dict(node)}",
        "give every property a single JSON type (null may be added)",
    )


def record_feature_dict(name: str) -> dict[str, Any]:
    """Features of the records one schema describes, serialized as ``datasets.Features.to_dict`` gives them."""
    schema = load_schemas().documents[name]
    return {key: feature_of(node) for key, node in schema["properties"].items()}


def arrow_type(feature: Any) -> pa.DataType:
    """The Arrow type ``datasets`` gives a serialized feature (a list's item is named ``item``; all nullable)."""
    kind = feature.get("_type")
    if kind == "Value":
        return ARROW_TYPES[feature["dtype"]]
    if kind == "List":
        return pa.list_(arrow_type(feature["feature"]))
    return pa.struct([(key, arrow_type(child)) for key, child in feature.items()])


def record_arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema of the records one schema describes, as ``record_features(name).arrow_schema`` gives it:
    the columns and, in the ``huggingface`` metadata, the features that ``datasets`` reads back."""
    features = record_feature_dict(name)
    metadata = {"huggingface": json.dumps({"info": {"features": features}})}
    return pa.schema([(key, arrow_type(feature)) for key, feature in features.items()], metadata=metadata)


def record_features(name: str) -> datasets.Features:
    """Features of the records one schema describes (``flag`` for the flags of an archive build, say)."""
    import datasets  # only the card and publishing need the features themselves; it costs some 100 MB

    return datasets.Features.from_dict(record_feature_dict(name))


def config_features(config: str) -> datasets.Features:
    return record_features(CONFIG_SCHEMAS[config])


def config_arrow_schema(config: str) -> pa.Schema:
    return record_arrow_schema(CONFIG_SCHEMAS[config])
