"""The whole build in memory: sources -> records -> every output file's bytes, then one atomic write."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import version as package_version
from typing import Any

from zhcorpus.checkids import MANIFEST_CHECKSUMS, SOURCES_SCHEMA
from zhcorpus.dataset.card import (
    card_header,
    code_block,
    fields_block,
    fill_generated,
    flags_block,
    render_card,
    split_card,
)
from zhcorpus.dataset.croissant import croissant_bytes
from zhcorpus.dataset.manifest import Manifest, ManifestFile, Role, read_manifest
from zhcorpus.dataset.page import PageBuild, build_page
from zhcorpus.dataset.writers import arrow_table, parquet_bytes
from zhcorpus.errors import Location, ZhcorpusError, raise_all
from zhcorpus.io.atomic import write_all
from zhcorpus.io.jsonlines import encode_jsonl
from zhcorpus.records import Article
from zhcorpus.sources import ANNOTATIONS_FILE, CONFIGS, MANIFEST, SOURCE_FILES, CorpusPaths, Sources, load_sources

# Croissant metadata at the dataset folder's root, where its relative file paths point from.
CROISSANT = "croissant.json"


@dataclass
class BuildResult:
    pages: list[PageBuild]
    files: dict[str, bytes]  # path inside the corpus folder -> bytes

    @property
    def articles(self) -> list[Article]:
        return [a for p in self.pages for a in p.articles]


def _check_raw_unchanged(paths: CorpusPaths, sources: Sources) -> None:
    """A raw page the manifest already vouches for is evidence: a build never accepts a changed copy."""
    if not paths.manifest.exists():
        return  # a first build: nothing vouched for yet
    try:
        recorded = read_manifest(paths.manifest, paths.shown(paths.manifest)).checksums("raw")
    except ZhcorpusError as exc:
        raise ZhcorpusError(
            MANIFEST_CHECKSUMS,
            exc.location,
            f"cannot read the manifest: {exc.message}",
            "restore MANIFEST.json from git before building: it vouches for the raw pages",
        ) from exc
    for page_sources in sources.pages:
        rel = paths.rel(paths.raw(page_sources.page_id))
        if rel in recorded and recorded[rel] != page_sources.raw.sha256:
            raise ZhcorpusError(
                MANIFEST_CHECKSUMS,
                Location(paths.shown(paths.raw(page_sources.page_id))),
                "raw page differs from the copy the manifest records",
                "raw pages are evidence and never change: restore it from git (a deliberate replacement removes "
                "its entry from MANIFEST.json in the same commit, with the reason in the message)",
            )


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(
    paths: CorpusPaths, sources: Sources, version: str, outputs: dict[str, bytes], rows: dict[str, int]
) -> bytes:
    entries: list[ManifestFile] = [
        ManifestFile(paths.rel(paths.raw(page_sources.page_id)), "raw", page_sources.raw.sha256, page_sources.raw.size)
        for page_sources in sources.pages
    ]
    source_files = [paths.settings] + [
        paths.page_dir(page_sources.page_id) / name
        for page_sources in sources.pages
        for name in (*SOURCE_FILES, ANNOTATIONS_FILE)
        if name != ANNOTATIONS_FILE or (paths.page_dir(page_sources.page_id) / name).exists()
    ]
    for path in source_files:
        data = path.read_bytes()
        entries.append(ManifestFile(paths.rel(path), "source", _sha(data), len(data)))
    for rel, data in sorted(outputs.items()):
        role: Role = "card" if rel == "README.md" else "metadata" if rel == CROISSANT else "data"
        config = rel.split("/")[-1].removesuffix(".jsonl") if rel.startswith("jsonl/") else rel.split("/")[0]
        built: dict[str, Any] = {}
        if config in rows:
            built = {"config": config, "format": "jsonl" if rel.endswith(".jsonl") else "parquet", "rows": rows[config]}
        entries.append(ManifestFile(rel, role, _sha(data), len(data), **built))
    return Manifest(
        sources.settings.name if sources.settings else "",
        version,
        {"zhcorpus": package_version("zhcorpus"), "pyarrow": package_version("pyarrow")},
        tuple(entries),
    ).to_bytes()


def compute_build(paths: CorpusPaths) -> BuildResult:
    """Every output file's bytes, computed without touching the disk; raises with every source problem."""
    sources = load_sources(paths)
    raise_all(sources.problems)
    _check_raw_unchanged(paths, sources)
    if sources.settings is None:
        raise ZhcorpusError(SOURCES_SCHEMA, Location(paths.shown(paths.settings)), "no dataset settings")
    settings = sources.settings
    pages = [
        build_page(
            page_sources,
            paths.rel(paths.raw(page_sources.page_id)),
            paths.shown(paths.page_dir(page_sources.page_id) / "layout.jsonl"),
            settings.version,
        )
        for page_sources in sources.pages
    ]
    config_rows: dict[str, list[dict[str, Any]]] = {
        "issues": [p.page.to_row() for p in pages],
        "articles": [a.to_row() for p in pages for a in p.articles],
        "corrections": [c.to_row() for p in pages for _, c in p.sources.corrections],
        "entities": [e.to_row() for p in pages for e in p.entities],
    }
    outputs: dict[str, bytes] = {}
    counts: dict[str, tuple[int, int]] = {}
    for config in CONFIGS:
        if config not in config_rows:  # a config added to CONFIGS by the recipe, its rows not made yet
            raise ValueError(f"no rows for config {config!r}: make them in config_rows of zhcorpus/dataset/pipeline.py")
        table = arrow_table(config, config_rows[config])
        outputs[paths.rel(paths.parquet(config))] = parquet_bytes(table)
        outputs[paths.rel(paths.jsonl(config))] = encode_jsonl(config_rows[config])
        counts[config] = (table.num_rows, table.nbytes)
    card_text = paths.card.read_text(encoding="utf-8") if paths.card.exists() else ""
    existing, body = split_card(card_text, paths.shown(paths.card))
    articles = [a for p in pages for a in p.articles]
    version_line = f"This card describes version {settings.version} (git tag `v{settings.version}` once released).\n"
    blocks = {"version": version_line, "fields": fields_block(), "flags": flags_block(articles)}
    if settings.citation:
        blocks["citation"] = code_block(settings.citation, "bibtex", paths.shown(paths.settings), "citation")
    body = fill_generated(body, blocks)
    # Generated keys are rewritten from the schemas; keys a person added (tags, task_categories) are kept.
    header = card_header(settings, counts)
    header.update((key, value) for key, value in existing.items() if key not in header)
    outputs["README.md"] = render_card(header, body)
    outputs[CROISSANT] = croissant_bytes(settings, outputs)
    outputs[MANIFEST] = _manifest(
        paths, sources, settings.version, outputs, {c: len(r) for c, r in config_rows.items()}
    )
    return BuildResult(pages, outputs)


def write_build(paths: CorpusPaths, result: BuildResult) -> list[str]:
    return write_all(paths.root, result.files, last=MANIFEST)
