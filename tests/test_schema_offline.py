"""The schema files as standard tools use them, offline and given nothing else: jsonschema-rs and
`check-jsonschema --schemafile` validate every released row and the manifest. A schema that references another
(article -> paragraph, entity and annotation -> normalized) holds a copy of it under `$defs` with its `$id`, so
no tool has to fetch the `$id`'s host (which does not exist); the copy must be the file itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from conftest import CORPUS, REPO
from zhcorpus.schemas import CONFIG_SCHEMAS

SCHEMAS = REPO / "schema"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def document(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def rows(config: str) -> list[dict[str, Any]]:
    lines = (CORPUS / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def references(node: object) -> set[str]:
    """Every `$ref` below ``node`` (the bundled copies included)."""
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(references(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(references(value) for value in node))
    return set()


def test_every_reference_is_bundled_as_the_file_it_names() -> None:
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = document(path.stem)
        for ref in (r for r in references(schema) if not r.startswith("#")):
            name = ref.removesuffix(".json")
            assert schema.get("$defs", {}).get(name) == document(name), (
                f"schema/{path.name}: $defs.{name} is not schema/{name}.json; copy the file there whole"
            )


@pytest.mark.parametrize(("config", "schema"), sorted(CONFIG_SCHEMAS.items()))
def test_jsonschema_rs_validates_every_row_from_the_schema_file_alone(config: str, schema: str) -> None:
    validator = jsonschema_rs.validator_for(document(schema))
    released = rows(config)
    assert released
    assert [r["id"] for r in released if not validator.is_valid(r)] == []


def test_jsonschema_rs_applies_the_bundled_paragraph_schema() -> None:
    validator = jsonschema_rs.validator_for(document("article"))
    article = rows("articles")[0]
    article["paragraphs"][0]["kind"] = "caption"  # no kind paragraph.json allows
    assert not validator.is_valid(article)


def test_check_jsonschema_validates_rows_and_the_manifest_offline(tmp_path: Path) -> None:
    files = []
    for n, row in enumerate(rows("articles")):
        files.append(tmp_path / f"article-{n}.json")
        files[-1].write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    broken = rows("articles")[0]
    broken["paragraphs"][0]["kind"] = "caption"
    (tmp_path / "broken.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")

    def check(schema: str, *instances: Path) -> subprocess.CompletedProcess[str]:
        command: list[str | Path] = [CHECK_JSONSCHEMA, "--schemafile", SCHEMAS / f"{schema}.json", *instances]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    good = check("article", *files)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = check("article", tmp_path / "broken.json")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "'caption' is not one of" in bad.stdout  # the paragraph schema ran: its reference was resolved here
    manifest = check("manifest", CORPUS / "MANIFEST.json")
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
