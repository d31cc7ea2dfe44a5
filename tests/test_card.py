"""The dataset card: loads with huggingface_hub, declares every config, and its generated sections follow the data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from huggingface_hub import DatasetCard

from conftest import CORPUS, run_cli
from zhcorpus.dataset.card import fill_generated, size_category, split_card
from zhcorpus.dataset.fileset import release_files
from zhcorpus.dataset.pipeline import compute_build
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.schemas import CONFIG_SCHEMAS, config_features, load_schemas
from zhcorpus.sources import CONFIGS, CorpusPaths

SECTIONS = (
    "## Loading",
    "## Structure",
    "## How it was made",
    "## Known faults and open flags",
    "## Citation",
    "## Contributing a correction",
    "## Rights",
)


def rows(config: str) -> list[dict[str, Any]]:
    text = (CORPUS / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_card_loads_with_huggingface_hub_and_declares_the_configs() -> None:
    card = DatasetCard.load(CORPUS / "README.md")
    data = card.data
    assert [c["config_name"] for c in data.configs] == list(CONFIGS)
    assert [c["config_name"] for c in data.configs if c.get("default")] == ["articles"]
    assert all(f["path"].endswith(".parquet") for c in data.configs for f in c["data_files"])
    assert data.language == ["zh"]
    assert data.license == "other"
    assert data.size_categories == ["n<1K"]
    assert data.task_categories and data.pretty_name
    for section in SECTIONS:
        assert section in card.text, section


def test_card_lists_every_schema_field_and_every_open_flag() -> None:
    text = (CORPUS / "README.md").read_text(encoding="utf-8")
    for config in CONFIGS:
        for key in load_schemas().documents[CONFIG_SCHEMAS[config]]["properties"]:
            assert f"| `{key}` |" in text, (config, key)
    open_flags = [f["id"] for a in rows("articles") for f in a["flags"] if f["status"] == "open"]
    assert open_flags
    for flag_id in open_flags:
        assert f"`{flag_id}`" in text
    version = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))["version"]
    assert f"This card describes version {version}" in text


def test_every_config_loads_with_datasets_in_a_fresh_cache(tmp_path: Path) -> None:
    import datasets

    for config in CONFIGS:
        loaded = datasets.load_dataset(str(CORPUS), config, split="train", cache_dir=str(tmp_path / config))
        assert loaded.features == config_features(config), config
        assert loaded.to_list() == rows(config), config


def test_parquet_reads_directly_with_pandas() -> None:
    for config in CONFIGS:
        frame = pd.read_parquet(CORPUS / config / "train-00000-of-00001.parquet")
        assert list(frame["id"]) == [r["id"] for r in rows(config)]


def test_generated_blocks_are_replaced_and_other_text_kept() -> None:
    body = "intro\n<!-- zhcorpus:x -->\nold\n<!-- /zhcorpus:x -->\nend\n"
    filled = fill_generated(body, {"x": "new", "y": "ignored"})
    assert filled == "intro\n<!-- zhcorpus:x -->\nnew\n<!-- /zhcorpus:x -->\nend\n"
    assert fill_generated(filled, {"x": "new"}) == filled
    assert fill_generated("no markers\n", {"x": "new"}) == "no markers\n"


def test_size_categories() -> None:
    assert [size_category(n) for n in (8, 999, 1000, 250_000, 5_000_000)] == [
        "n<1K",
        "n<1K",
        "1K<n<10K",
        "100K<n<1M",
        "n>1M",
    ]


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "card"


def _fixture(name: str) -> dict[str, str]:
    value: dict[str, str] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return value


def _with_settings(corpus: Path, name: str) -> CorpusPaths:
    """The corpus with the fixture's keys written into sources/dataset.json."""
    paths = CorpusPaths(corpus)
    settings = json.loads(paths.settings.read_text(encoding="utf-8")) | _fixture(name)
    paths.settings.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return paths


def _fenced_content(text: str) -> str:
    """What a CommonMark reader takes as the content of the fenced code block ``text`` starts with: the lines up to
    the first line of at least as many backticks as the opening fence, and nothing else."""
    opening, *lines = text.split("\n")
    fence = len(opening) - len(opening.lstrip("`"))
    assert fence >= 3, opening
    closing = re.compile(f"^ {{0,3}}`{{{fence},}}[ \t]*$")
    end = next(i for i, line in enumerate(lines) if closing.match(line))
    return "\n".join(lines[:end])


def test_a_citation_that_closes_its_fence_stays_inside_its_code_block(corpus_copy: Path) -> None:
    paths = _with_settings(corpus_copy, "citation_closes_its_fence.json")
    card = compute_build(paths).files["README.md"].decode("utf-8")
    block = card.split("<!-- zhcorpus:citation -->\n", 1)[1].split("<!-- /zhcorpus:citation -->", 1)[0]
    # The whole citation, <script> and link included, is the code block's text: shown as it is, never rendered.
    assert _fenced_content(block) == _fixture("citation_closes_its_fence.json")["citation"]


def test_a_citation_holding_a_card_marker_is_refused_at_its_field(corpus_copy: Path) -> None:
    paths = _with_settings(corpus_copy, "citation_holds_a_marker.json")
    with pytest.raises(ZhcorpusError) as caught:
        compute_build(paths)
    assert caught.value.location == Location(paths.shown(paths.settings), field="citation")
    assert "marker" in caught.value.message


def test_a_flag_note_shows_as_text_in_the_card(corpus_copy: Path) -> None:
    patch = _fixture("flag_note_markup.json")
    flags = corpus_copy / "sources" / "zzrb-20200201-A1" / "flags.jsonl"
    lines = flags.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if json.loads(line)["id"] == patch["id"])
    lines[index] = json.dumps(json.loads(lines[index]) | patch, ensure_ascii=False)
    flags.write_text("\n".join(lines) + "\n", encoding="utf-8")
    card = compute_build(CorpusPaths(corpus_copy)).files["README.md"].decode("utf-8")
    (row,) = [line for line in card.split("\n") if line.startswith(f"| `{patch['id']}` |")]
    note = row.rsplit(" | ", 1)[1].removesuffix(" |")
    assert note == (
        "&lt;img src=x onerror=alert(1)&gt; \\[see the print\\](https://evil.example/steal) \\*\\*now\\*\\* "
        "\\`code\\` a\\_b \\| c"
    )


def test_the_card_names_its_licence_and_the_release_carries_its_text() -> None:
    header, _ = split_card((CORPUS / "README.md").read_text(encoding="utf-8"), "README.md")
    assert (header["license"], header["license_name"], header["license_link"]) == (
        "other",
        "zhcorpus-research-use",
        "LICENSE.md",
    )
    assert "LICENSE.md" in [f.path for f in release_files(CorpusPaths(CORPUS)).files]


def test_a_missing_licence_text_is_reported_at_the_settings(corpus_copy: Path) -> None:
    (corpus_copy / "LICENSE.md").unlink()
    result = run_cli("validate", "--corpus", corpus_copy)
    assert result.returncode == 1
    assert "dataset.json: [card.license@1] the card links its licence to LICENSE.md" in result.stdout


@pytest.mark.parametrize(
    ("link", "reported"),
    [
        ("README.md", True),  # a file of the release, but no document beside the card
        ("http://", True),  # no host
        ("../LICENSE.md", True),
        ("HTTPS://example.org/terms", False),
        ("link", True),  # LICENSE.md made a symlink below
    ],
)
def test_the_licence_link_names_a_document_of_the_release_or_a_web_address(
    corpus_copy: Path, link: str, reported: bool
) -> None:
    settings = corpus_copy / "sources" / "dataset.json"
    value = json.loads(settings.read_text(encoding="utf-8"))
    if link == "link":
        (corpus_copy / "LICENSE.md").unlink()
        (corpus_copy / "LICENSE.md").symlink_to(corpus_copy / "ANNOTATION.md")
    else:
        value["license_link"] = link
    settings.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    result = run_cli("validate", "--corpus", corpus_copy, "--check", "card.license@1")
    assert ("[card.license@1]" in result.stdout) is reported, result.stdout


def test_a_licence_the_hub_does_not_know_needs_its_name_and_link(corpus_copy: Path) -> None:
    settings = corpus_copy / "sources" / "dataset.json"
    value = json.loads(settings.read_text(encoding="utf-8"))
    del value["license_name"]
    settings.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    result = run_cli("validate", "--corpus", corpus_copy)
    assert result.returncode == 1
    assert "[sources.schema@1]" in result.stdout
    assert "license_name" in result.stdout
