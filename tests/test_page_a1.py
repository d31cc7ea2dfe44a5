"""Page A1 as committed: the eight articles load with `datasets` and their metadata is what the page prints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import datasets
import pytest

from conftest import CORPUS, RAW_A1, SOURCES_A1, run_cli, run_cli_fresh, snapshot
from zhcorpus.dataset.pipeline import compute_build
from zhcorpus.ingest.accounting import unaccounted
from zhcorpus.ingest.heuristics import propose_layout
from zhcorpus.sources import CorpusPaths
from zhcorpus.text.rawtext import read_raw

# Read off the printed page by a person: (kicker, headline, subtitle, column, genre, authors, dateline,
# event_date, continued_on).
EXPECTED: list[tuple[Any, ...]] = [
    (
        "市委组织部出台措施：",
        "在一线提拔使用优秀干部和发展党员",
        None,
        None,
        "news",
        [("邹家虎", "reporter"), ("王益恒", "correspondent")],
        "株洲日报讯 1月30日",
        "2020-01-30",
        "A2",
    ),
    (
        "毛腾飞主持召开疫情防控工作专家会商会时强调",
        "再接再厉 当好人民群众生命安全的“守护神”",
        None,
        None,
        "news",
        [("胡文洁", "reporter")],
        "株洲日报讯 1月31日",
        "2020-01-31",
        None,
    ),
    (
        "阳卫国调度疫情防控工作",
        "持续用力推进各项任务落实",
        None,
        None,
        "news",
        [("陈正明", "reporter")],
        "株洲日报讯 1月31日",
        "2020-01-31",
        None,
    ),
    (
        "阳卫国深入高铁站、高速出口等处督导疫情防控工作",
        "严把入口关 坚决防止疫情扩散",
        None,
        None,
        "news",
        [("邓伟勇", "reporter")],
        "株洲日报讯 1月31日",
        "2020-01-31",
        None,
    ),
    (
        "蔡溪赴云龙示范区督导疫情防控工作",
        "更加细致落实疫情防控各项措施",
        None,
        None,
        "news",
        [("邓伟勇", "reporter")],
        "株洲日报讯 1月31日",
        "2020-01-31",
        None,
    ),
    (
        "市纪委、市委组织部联合下发通知",
        "严明疫情防控工作纪律 10种情形将被问责",
        None,
        None,
        "news",
        [("陈正明", "reporter")],
        "株洲日报讯 1月30日",
        "2020-01-30",
        None,
    ),
    (
        None,
        "让党旗在防控疫情斗争第一线高高飘扬",
        "——坚决打赢疫情防控阻击战系列评论之四",
        None,
        "commentary",
        [("朱理平", "author")],
        None,
        None,
        None,
    ),
    (
        None,
        "战“疫”的堡垒 防控的屏障",
        "——株洲各级基层党组织抗击疫情综述",
        "让党旗在防控疫情斗争第一线高高飘扬",
        "feature",
        [("李支国", "reporter"), ("尹二荣", "reporter"), ("沈全华", "reporter"), ("邹怡敏", "reporter")],
        None,
        None,
        None,
    ),
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, datasets.Dataset]:
    # A fresh cache: a folder dataset is cached by its file patterns, so a warm cache could serve stale rows.
    cache = tmp_path_factory.mktemp("hf-cache")
    return {
        config: datasets.load_dataset(str(CORPUS), config, split="train", cache_dir=str(cache))
        for config in ("articles", "issues")
    }


def test_eight_articles_load_with_their_printed_metadata(loaded: dict[str, datasets.Dataset]) -> None:
    rows = list(loaded["articles"])
    assert [r["id"] for r in rows] == [f"zzrb-20200201-A1-{n:02d}" for n in range(1, 9)]
    for row, want in zip(rows, EXPECTED, strict=True):
        got = (
            row["kicker"],
            row["headline"],
            row["subtitle"],
            row["column"],
            row["genre"],
            [(a["name"], a["role"]) for a in row["authors"]],
            row["dateline"],
            row["event_date"],
            row["continued_on"],
        )
        assert got == want
        assert (row["newspaper"], row["date"], row["page"], row["issue_number"]) == (
            "株洲日报",
            "2020-02-01",
            "A1",
            22153,
        )


def test_feature_keeps_its_section_heads(loaded: dict[str, datasets.Dataset]) -> None:
    feature = loaded["articles"][7]
    heads = [p["text"] for p in feature["paragraphs"] if p["kind"] == "section_head"]
    assert heads == ["把最美的身影留在战“疫”最前线", "党旗在群众最需要的地方飘扬"]


def test_masthead_is_read(loaded: dict[str, datasets.Dataset]) -> None:
    (page,) = list(loaded["issues"])
    assert {
        k: page[k]
        for k in (
            "newspaper",
            "newspaper_en",
            "publisher",
            "cn_number",
            "date",
            "weekday",
            "lunar_date",
            "issue_number",
            "page",
            "page_count",
            "weather",
            "temperature",
            "temperature_min_c",
            "temperature_max_c",
        )
    } == {
        "newspaper": "株洲日报",
        "newspaper_en": "ZHUZHOU DAILY",
        "publisher": "中共株洲市委主管、主办",
        "cn_number": "CN 43—0005",
        "date": "2020-02-01",
        "weekday": "星期六",
        "lunar_date": "庚子年正月初八",
        "issue_number": 22153,
        "page": "A1",
        "page_count": 4,
        "weather": "多云转小雨",
        "temperature": "6℃~12℃",
        "temperature_min_c": 6,
        "temperature_max_c": 12,
    }
    assert [(d["line"], d["reason"]) for d in page["dropped"]] == [(38, "continuation marker, kept as continued_on=A2")]


def test_features_are_the_ones_the_card_declares(loaded: dict[str, datasets.Dataset]) -> None:
    from zhcorpus.schemas import config_features

    for config, ds in loaded.items():
        assert ds.features == config_features(config)


def test_column_breaks_are_merged_and_recorded() -> None:
    corrections = [json.loads(line) for line in (SOURCES_A1 / "corrections.jsonl").read_text().splitlines()]
    merges = [c for c in corrections if c["kind"] == "column_break"]
    assert len(merges) == 8
    article = next(a for a in compute_build(CorpusPaths(CORPUS)).articles if a.id.endswith("-07"))
    assert "逆行奔向疫情中心" in article.text
    assert "逆行奔\n" in article.text_raw


def test_nothing_of_the_raw_page_is_lost() -> None:
    (page,) = compute_build(CorpusPaths(CORPUS)).pages
    assert unaccounted(page.sources.raw, page.page, page.raw_articles) == []


def test_heuristics_propose_the_reviewed_layout() -> None:
    proposed = [layout_line.to_json() for layout_line in propose_layout(read_raw(RAW_A1))]
    reviewed = [json.loads(line) for line in (SOURCES_A1 / "layout.jsonl").read_text(encoding="utf-8").splitlines()]
    assert proposed == reviewed


def test_ingest_reproduces_the_committed_corpus(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        "ingest",
        RAW_A1,
        "-o",
        out,
        "--layout",
        SOURCES_A1 / "layout.jsonl",
        "--corrections",
        SOURCES_A1 / "corrections.jsonl",
        "--flags",
        SOURCES_A1 / "flags.jsonl",
        "--dataset-version",
        "0.1.0",
    )
    assert result.returncode == 0, result.stderr
    for config in ("articles", "issues"):
        assert (out / f"{config}.jsonl").read_bytes() == (CORPUS / "jsonl" / f"{config}.jsonl").read_bytes()


def test_committed_corpus_validates() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr


def test_rebuild_is_byte_identical(corpus_copy: Path) -> None:
    before = snapshot(corpus_copy)
    for seed in ("1", "4242"):  # a different hash seed must not reorder anything that is written
        assert run_cli_fresh("build", "--corpus", corpus_copy, env={"PYTHONHASHSEED": seed}).returncode == 0
        assert snapshot(corpus_copy) == before
