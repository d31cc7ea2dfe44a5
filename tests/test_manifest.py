"""MANIFEST.json and sources/dataset.json as typed records: what the build writes reads back to the same bytes, and a
file the schema refuses is a located error, never a KeyError."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS
from zhcorpus.checkids import MANIFEST_CHECKSUMS
from zhcorpus.dataset.manifest import Manifest, ManifestFile, read_manifest
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.release.snapshot import read_snapshot
from zhcorpus.sources import CONFIGS, MANIFEST, CorpusPaths, read_settings, write_version


def test_the_built_manifest_reads_back_to_its_bytes() -> None:
    data = (CORPUS / MANIFEST).read_bytes()
    manifest = Manifest.from_bytes(data, MANIFEST)
    assert manifest.to_bytes() == data
    assert set(manifest.rows("parquet")) == set(CONFIGS) == set(manifest.rows("jsonl"))
    raw = manifest.checksums("raw")
    assert list(raw) == ["raw/zzrb-20200201-A1.txt"]


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda m: m.pop("version"), None),
        (lambda m: m["files"][0].update(sha256="not a checksum"), "sha256"),
        (lambda m: m["files"][0].update(role="secret"), "role"),
    ],
    ids=["no-version", "bad-sha256", "unknown-role"],
)
def test_a_manifest_the_schema_refuses_is_a_located_error(tmp_path: Path, edit: object, field: str | None) -> None:
    value = json.loads((CORPUS / MANIFEST).read_text(encoding="utf-8"))
    edit(value)  # type: ignore[operator]
    path = tmp_path / MANIFEST
    path.write_text(json.dumps(value), encoding="utf-8")
    with pytest.raises(ZhcorpusError) as raised:
        read_manifest(path, "corpus/MANIFEST.json")
    assert raised.value.code == MANIFEST_CHECKSUMS
    assert raised.value.location.path == "corpus/MANIFEST.json"
    if field is not None:
        assert raised.value.location.field is not None
        assert field in raised.value.location.field


def test_an_unreadable_manifest_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_bytes(b"\xff\xfe")
    with pytest.raises(ZhcorpusError) as raised:
        read_manifest(tmp_path / MANIFEST, "m.json")
    assert (raised.value.code, raised.value.location.path) == (MANIFEST_CHECKSUMS, "m.json")
    with pytest.raises(ZhcorpusError) as missing:
        read_manifest(tmp_path / "absent.json", "absent.json")
    assert missing.value.code == MANIFEST_CHECKSUMS


def test_settings_are_read_typed_and_their_version_written_in_place(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS / "sources", root / "sources", ignore=shutil.ignore_patterns("zzrb-*"))
    paths = CorpusPaths(root)
    before = paths.settings.read_text(encoding="utf-8")
    settings = read_settings(paths)
    write_version(paths, "9.8.7", None)
    assert read_settings(paths).version == "9.8.7"
    assert paths.settings.read_text(encoding="utf-8") == before.replace(f'"{settings.version}"', '"9.8.7"', 1)
    write_version(paths, "9.8.8", "2026-12-07")  # a release dates its version, beside it
    assert (read_settings(paths).version, read_settings(paths).published) == ("9.8.8", "2026-12-07")
    assert '"version": "9.8.8",\n  "published": "2026-12-07",' in paths.settings.read_text(encoding="utf-8")
    write_version(paths, "9.8.9", None)  # the next version is not released yet
    assert paths.settings.read_text(encoding="utf-8") == before.replace(f'"{settings.version}"', '"9.8.9"', 1)
    paths.settings.write_text(json.dumps({"name": "x"}), encoding="utf-8")
    with pytest.raises(ZhcorpusError) as raised:
        read_settings(paths)
    assert raised.value.code == "sources.schema@1"
    assert raised.value.location.path == paths.shown(paths.settings)


def test_an_entry_writes_back_only_the_keys_it_has() -> None:
    """A data file of no config (croissant.json) has no config, format or rows, and none is written as null."""
    entry = ManifestFile("croissant.json", "metadata", "0" * 64, 1)
    assert entry.to_json() == {"path": "croissant.json", "role": "metadata", "sha256": "0" * 64, "bytes": 1}
    assert ManifestFile("a/x.parquet", "data", "0" * 64, 1, "a").to_json()["config"] == "a"


def test_a_manifest_frozen_in_a_release_is_read_as_it_was_written() -> None:
    """Not held to today's schema: a key added since (or one an old manifest lacks) leaves an old release readable."""
    value = json.loads((CORPUS / MANIFEST).read_text(encoding="utf-8"))
    value["files"][0]["added_later"] = True
    del value["generator"]
    recorded = Manifest.as_recorded(value, Location("releases/v0.1.0.json"))
    assert recorded.checksums() == Manifest.from_bytes((CORPUS / MANIFEST).read_bytes(), MANIFEST).checksums()
    with pytest.raises(ZhcorpusError) as raised:
        Manifest.as_recorded({"version": "0.1.0"}, Location("releases/v0.1.0.json", field="manifest"))
    assert raised.value.location.field == "manifest"


@pytest.mark.parametrize(
    "value",
    [
        {"version": "0.1.0", "files": {}},
        {"version": "0.1.0", "files": ["README.md"]},
        {"version": "0.1.0", "files": [{"path": "a", "role": "data", "sha256": "0", "bytes": 1e400}]},
        {"version": "0.1.0", "files": [{"path": "a", "role": "data", "sha256": "0", "bytes": 1, "config": [1]}]},
        {"files": []},
    ],
    ids=["files-object", "entry-string", "bytes-float", "config-list", "no-version"],
)
def test_a_recorded_manifest_of_the_wrong_shape_is_a_located_error(value: object) -> None:
    with pytest.raises(ZhcorpusError) as raised:
        Manifest.as_recorded(value, Location("releases/v0.1.0.json", field="manifest"))
    assert (raised.value.code, raised.value.location.path) == (MANIFEST_CHECKSUMS, "releases/v0.1.0.json")


def test_a_manifest_at_a_tag_that_is_no_utf8_is_a_located_error() -> None:
    with pytest.raises(ZhcorpusError) as raised:
        read_snapshot("v0.1.0", lambda rel: b"\xff{}" if rel == MANIFEST else None)
    assert raised.value.location.path == "v0.1.0:MANIFEST.json"
