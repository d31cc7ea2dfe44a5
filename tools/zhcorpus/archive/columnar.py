"""A JSON Schema compiled into vectorised Arrow checks: the schema's rules over a whole record batch at once.

A per-record ``jsonschema`` loop turns every row into Python objects and walks the schema for each; here the
Arrow type of a Parquet file is compared with the schema's once per file (that settles ``type``, ``required``
and ``additionalProperties``), and every remaining keyword becomes one Arrow compute call over a column:
``enum`` an ``is_in``, ``pattern`` one RE2 pass, ``minLength`` a ``utf8_length``, ``items`` a flattened child
array. A keyword with no compiled form is refused when the schema is compiled, never skipped in silence.

Patterns are read as JSON Schema defines them, ECMA-262 regular expressions: ``$`` is the end of the string and
``\\d`` is ``[0-9]``. python-jsonschema hands patterns to Python's ``re``, where ``$`` also matches before a final
newline and ``\\d`` any Unicode digit, so a paragraph text ending in a newline passes it and fails here (a test
holds that difference; everything else agrees).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.schemas import resolve
from zhcorpus.text.charpolicy import policy_of_pattern

# Keywords that describe and never constrain.
_ANNOTATIONS = frozenset({"$schema", "$id", "$ref", "title", "description"})
# Keywords the Arrow type of the column already enforces, once the file's schema equals the expected one.
_BY_ARROW_TYPE = frozenset({"type", "properties", "required", "additionalProperties"})
_COMPILED = frozenset(
    {"enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "items", "format"}
)


@dataclass(frozen=True)
class Scope:
    """Values at one depth of the schema with, for each, its top-level row and its index in each enclosing list."""

    values: pa.Array
    rows: pa.Array  # int64: the batch row each value belongs to
    items: tuple[pa.Array, ...]  # int64 per enclosing list: the value's position in that list

    def keep(self, mask: pa.Array) -> Scope:
        return Scope(self.values.filter(mask), self.rows.filter(mask), tuple(i.filter(mask) for i in self.items))


@dataclass(frozen=True)
class Violation:
    """Values that break one keyword: their rows and a JSON path (``$.paragraphs[3].text``) for each."""

    keyword: str
    path: str  # with ``[*]`` for each enclosing list, filled per value by ``json_path``
    message: str
    scope: Scope

    def __len__(self) -> int:
        return len(self.scope.rows)

    def json_path(self, index: int) -> str:
        path = self.path
        for positions in self.scope.items:
            path = path.replace("[*]", f"[{positions[index].as_py()}]", 1)
        return path


Rule = Callable[[Scope], Iterator[Violation]]


def _located(kind: str, path: str, message: str) -> ZhcorpusError:
    return ZhcorpusError(
        "archive.schema-compile",
        Location("schema/", field=path),
        f"{kind}: {message}",
        "give the keyword a compiled check in archive/columnar.py, or validate this schema record by record",
    )


def failing(keyword: str, path: str, message: str, scope: Scope, ok: pa.Array) -> Iterator[Violation]:
    bad = pc.invert(pc.fill_null(ok, False))
    if pc.any(bad).as_py():
        yield Violation(keyword, path, message, scope.keep(bad))


def _is_date(values: pa.Array) -> pa.Array:
    """RFC 3339 full-date: Arrow's strptime rolls 2020-02-30 over to March, so the date must print back as itself."""
    parsed = pc.strptime(values, format="%Y-%m-%d", unit="s", error_is_null=True)
    printed = pc.strftime(parsed, format="%Y-%m-%d")
    shape = pc.match_substring_regex(values, r"^\d{4}-\d{2}-\d{2}$")
    return pc.and_(pc.and_(shape, pc.equal(printed, values)), pc.invert(pc.starts_with(values, "0000")))


_FORMATS: dict[str, Callable[[pa.Array], pa.Array]] = {"date": _is_date}


_ECMA_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")


def re2_pattern(pattern: str, path: str) -> str:
    """An ECMA-262 pattern in RE2's syntax: ``\\uXXXX`` is written ``\\x{XXXX}``; the pattern must compile."""
    translated = _ECMA_UNICODE_ESCAPE.sub(r"\1\\x{\2}", pattern)
    try:
        pc.match_substring_regex(pa.array([], pa.string()), translated)
    except pa.ArrowInvalid as exc:
        raise _located("pattern", path, f"{pattern!r} is not a regular expression RE2 can run: {exc}") from exc
    return translated


StringTest = tuple[str, str, Callable[[pa.Array], pa.Array]]  # keyword, message, values -> ok

# Below this mean size, a column's strings are tested once per distinct value (dates, pages, versions: a few
# thousand values in a million rows); above it hashing them would cost more than testing each.
_DISTINCT_BELOW_BYTES = 48


def _at_least(values: pa.Array, least: int) -> pa.Array:
    if least <= 1:  # one code point is at least one byte: the byte lengths, with no pass over the text
        return pc.greater_equal(pc.binary_length(values), least)
    return pc.greater_equal(pc.utf8_length(values), least)


def _string_tests(node: Mapping[str, Any], path: str) -> list[StringTest]:
    tests: list[StringTest] = []
    if "pattern" in node:
        policy = policy_of_pattern(node["pattern"])
        pattern = re2_pattern(node["pattern"] if policy is None else policy.byte_pattern, path)
        tests.append(("pattern", f"does not match {node['pattern']!r}", lambda v: pc.match_substring_regex(v, pattern)))
    if "minLength" in node:
        least = int(node["minLength"])
        tests.append(("minLength", f"is shorter than {least}", lambda v: _at_least(v, least)))
    if "maxLength" in node:
        most = int(node["maxLength"])
        tests.append(("maxLength", f"is longer than {most}", lambda v: pc.less_equal(pc.utf8_length(v), most)))
    if "format" in node:
        name = node["format"]
        if name not in _FORMATS:
            raise _located("format", path, f"no compiled check for format {name!r}")
        tests.append(("format", f"is not a valid {name}", _FORMATS[name]))
    return tests


def _string_rules(node: Mapping[str, Any], path: str) -> list[Rule]:
    tests = _string_tests(node, path)
    if not tests:
        return []

    def run(scope: Scope) -> Iterator[Violation]:
        values = scope.values
        size = pc.sum(pc.binary_length(values)).as_py() or 0
        if size < _DISTINCT_BELOW_BYTES * len(values):
            encoded = pc.dictionary_encode(values)
            for keyword, message, test in tests:
                ok = pc.take(test(encoded.dictionary), encoded.indices)
                yield from failing(keyword, path, message, scope, ok)
        else:
            for keyword, message, test in tests:
                yield from failing(keyword, path, message, scope, test(values))

    return [run]


def _number_rules(node: Mapping[str, Any], path: str) -> list[Rule]:
    rules: list[Rule] = []
    if "minimum" in node:
        low = node["minimum"]
        rules.append(
            lambda s: failing("minimum", path, f"is less than the minimum of {low}", s, pc.greater_equal(s.values, low))
        )
    if "maximum" in node:
        high = node["maximum"]
        rules.append(
            lambda s: failing(
                "maximum", path, f"is greater than the maximum of {high}", s, pc.less_equal(s.values, high)
            )
        )
    return rules


def list_scope(scope: Scope) -> Scope:
    """The items of a list column, each knowing its row and its position in its list."""
    values = scope.values
    parents = pc.list_parent_indices(values)
    flat = pc.list_flatten(values)
    offsets = pc.take(values.offsets, parents)
    position = pc.subtract(pa.array(range(len(flat)), pa.int64()), pc.cast(offsets, pa.int64()))
    # Offsets of a sliced list array start where the slice does; flatten starts at the first item.
    position = pc.add(position, pc.cast(values.offsets[0], pa.int64()))
    return Scope(flat, pc.take(scope.rows, parents), (*(pc.take(i, parents) for i in scope.items), position))


def _array_rules(node: Mapping[str, Any], path: str) -> list[Rule]:
    rules: list[Rule] = []
    if "minItems" in node:
        least = int(node["minItems"])
        rules.append(
            lambda s: failing(
                "minItems",
                path,
                f"has fewer than {least} items",
                s,
                pc.greater_equal(pc.list_value_length(s.values), least),
            )
        )
    if "maxItems" in node:
        most = int(node["maxItems"])
        rules.append(
            lambda s: failing(
                "maxItems", path, f"has more than {most} items", s, pc.less_equal(pc.list_value_length(s.values), most)
            )
        )
    if "items" in node:
        child = compile_node(node["items"], f"{path}[*]")
        rules.append(lambda s: child(list_scope(s)))
    return rules


def _object_rules(node: Mapping[str, Any], path: str) -> list[Rule]:
    children = {name: compile_node(child, f"{path}.{name}") for name, child in node.get("properties", {}).items()}

    def run(scope: Scope) -> Iterator[Violation]:
        for name, child in children.items():
            yield from child(Scope(pc.struct_field(scope.values, name), scope.rows, scope.items))

    return [run]


def compile_node(raw: Mapping[str, Any], path: str = "$") -> Rule:
    """The rule of one schema node: nulls where the type allows none, then every keyword on the non-null values."""
    node = resolve(raw)
    unknown = set(node) - _ANNOTATIONS - _BY_ARROW_TYPE - _COMPILED
    if unknown:
        raise _located("keyword", path, f"no compiled check for {sorted(unknown)}")
    types = node.get("type")
    kinds = set(types) if isinstance(types, list) else ({types} if types else set())
    nullable = "null" in kinds or None in node.get("enum", ())
    rules: list[Rule] = []
    if "enum" in node:
        allowed = pa.array([v for v in node["enum"] if v is not None])
        listed = ", ".join(map(repr, allowed.to_pylist()))
        rules.append(lambda s: failing("enum", path, f"is not one of {listed}", s, pc.is_in(s.values, allowed)))
    if kinds & {"string"}:
        rules += _string_rules(node, path)
    if kinds & {"integer", "number"}:
        rules += _number_rules(node, path)
    if "array" in kinds:
        rules += _array_rules(node, path)
    if "object" in kinds:
        rules += _object_rules(node, path)

    def run(scope: Scope) -> Iterator[Violation]:
        valid = pc.is_valid(scope.values)
        if not nullable:
            yield from failing("type", path, "is null", scope, valid)
        present = scope if scope.values.null_count == 0 else scope.keep(valid)
        if len(present.values):
            for rule in rules:
                yield from rule(present)

    return run


@dataclass(frozen=True)
class CompiledSchema:
    """Rules per top-level property, and the Arrow schema a file must have for the rules to be complete."""

    arrow: pa.Schema
    columns: Mapping[str, Rule]

    def violations(self, batch: pa.RecordBatch) -> Iterator[Violation]:
        rows = pa.array(range(batch.num_rows), pa.int64())
        for name, rule in self.columns.items():
            yield from rule(Scope(batch.column(name), rows, ()))


def compile_schema(document: Mapping[str, Any], arrow: pa.Schema) -> CompiledSchema:
    properties = document.get("properties", {})
    return CompiledSchema(arrow, {name: compile_node(node, f"$.{name}") for name, node in properties.items()})
