"""The harness's real-OCR families: a confusion table counted from real pairs, injectors that put real recognisers'
faults into clean text with exact gold, and a scorer that reports what every detector does to them."""

from __future__ import annotations

import random
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zhcorpus.detect  # noqa: F401 - registers the detectors
from zhcorpus.detect.base import Finding
from zhcorpus.evaluate import EvalOptions, run_eval
from zhcorpus.evaluate.clean import CleanParagraph, sample_articles
from zhcorpus.evaluate.confusables import real_confusions
from zhcorpus.evaluate.harness import ArticleRun, fault_outcomes
from zhcorpus.evaluate.inject import (
    CLASSIC_KINDS,
    DETECTED_BY,
    GROUPS,
    INJECTORS,
    REAL_OCR_FAMILIES,
    STRAY_GLYPHS,
    EvalArticle,
    GoldFault,
    inject,
)
from zhcorpus.evaluate.make_confusions import confusions, main, table_text
from zhcorpus.evaluate.pairs import Pair, read_pairs
from zhcorpus.evaluate.report import render
from zhcorpus.evaluate.score import judge
from zhcorpus.records import LineRange, RawArticle

FIXTURE = Path(__file__).parent / "fixtures" / "realocr" / "fudan_sample_40.tsv"
REAL_KINDS = ("lookalike_real", "misread_neighbour", "misread_pair", "stray_glyph")


# --- the confusion table ----------------------------------------------------------------------------------------


def test_confusions_are_counted_from_same_length_han_positions_of_the_sample() -> None:
    counts = confusions(read_pairs(FIXTURE).pairs)
    # Counted by hand from the fixture's lines: 淄博/溜博, 临淄/临溜 and 淄川/溜川; 凤梨 read 风梨 and 风 read 凤;
    # 不惑不惑 read 不感不感; 圈钱 read 国钱 twice in one line; 检验检疫 read 检验验疫.
    assert counts[("淄", "溜")] == 3
    assert counts[("凤", "风")] == 1 and counts[("风", "凤")] == 1
    assert counts[("惑", "感")] == 2
    assert counts[("圈", "国")] == 2
    assert counts[("检", "验")] == 1
    assert ("j", "i") not in counts and ("”", "。") not in counts  # fiji/fiii, martlock”/。: not Han
    assert sum(counts.values()) == 42 and len(counts) == 38


def test_lines_of_other_lengths_and_shifted_lines_give_no_confusion() -> None:
    shifted = Pair(1, ".巡洋舰舰队巡洋舰是德意志帝国", "巡洋舰舰队巡洋舰是德意志帝国海")  # a real Fudan line
    longer = Pair(2, "馒头和和菜", "慢头和菜")
    assert confusions([shifted, longer]) == Counter()
    assert confusions([Pair(3, "慢头和莱", "馒头和菜")]) == Counter({("馒", "慢"): 1, ("菜", "莱"): 1})


def test_the_script_writes_the_table_or_a_located_error_and_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "table.tsv"
    assert main([str(FIXTURE), str(out)]) == 0
    assert out.read_text(encoding="utf-8") == table_text(confusions(read_pairs(FIXTURE).pairs))
    bad = tmp_path / "bad.tsv"
    bad.write_text("CRNN\t1\tocr\n", encoding="utf-8")  # three columns: FASPell's, whose first is no count
    other = tmp_path / "other.tsv"
    assert main([str(bad), str(other)]) == 1
    assert "bad.tsv:1" in capsys.readouterr().err and not other.exists()
    assert main([]) == 2


def test_the_shipped_table_is_in_the_form_make_confusions_writes() -> None:
    text = files("zhcorpus.evaluate").joinpath("realconfusions.tsv").read_text(encoding="utf-8")
    table = real_confusions()
    counts = Counter(
        {(right, printed): n for right, (chars, ns) in table.items() for printed, n in zip(chars, ns, strict=True)}
    )
    assert table_text(counts) == text
    assert all(right != printed for right, printed in counts) and min(counts.values()) >= 1
    assert table["千"][0][0] == "干"  # the commonest confusion of 千 in the Fudan set


# --- injectors --------------------------------------------------------------------------------------------------

PARAGRAPH = CleanParagraph("他在旁边的小区里静静地看看书，累得要命。", "")


def printed(kind: str, seed: int) -> str | None:
    injection = INJECTORS[kind](PARAGRAPH, random.Random(seed))  # noqa: S311 - reproducible faults
    if injection is None:
        return None
    e = injection.edit
    return injection.clean[: e.start] + e.new + injection.clean[e.end :]


def test_lookalike_real_replaces_a_character_by_a_real_confusion() -> None:
    assert [printed("lookalike_real", seed) for seed in range(3)] == [
        "他在旁边的小区里静静电看看书，累得要命。",
        "他在旁边的小五里静静地看看书，累得要命。",
        "他举旁边的小区里静静地看看书，累得要命。",
    ]


def test_misread_neighbour_makes_a_doubled_character_of_a_neighbour() -> None:
    assert [printed("misread_neighbour", seed) for seed in range(3)] == [
        "他在旁边的小里里静静地看看书，累得要命。",
        "他在边边的小区里静静地看看书，累得要命。",
        "他他旁边的小区里静静地看看书，累得要命。",
    ]


def test_misread_pair_prints_both_copies_of_a_reduplication_wrong() -> None:
    assert [printed("misread_pair", seed) for seed in range(3)] == [
        "他在旁边的小区里静静地重重书，累得要命。",
        "他在旁边的小区里游游地看看书，累得要命。",
        "他在旁边的小区里并并地看看书，累得要命。",
    ]
    assert INJECTORS["misread_pair"](CleanParagraph("没有重叠的字。", ""), random.Random(0)) is None  # noqa: S311


def test_stray_glyph_goes_between_two_han_characters() -> None:
    assert [printed("stray_glyph", seed) for seed in range(3)] == [
        "他在旁边的小区里静静地看看一书，累得要命。",
        "他在旁边的。小区里静静地看看书，累得要命。",
        "他在。旁边的小区里静静地看看书，累得要命。",
    ]


# Characters with real confusions, and others: a paragraph of them gives every injector somewhere to act.
HAN = "".join(sorted(real_confusions()))[::4] + "他在旁边的小区里静看书累得要命"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=HAN + "，。、“”", min_size=2, max_size=40),
    st.integers(min_value=0, max_value=2**32),
    st.sampled_from(REAL_KINDS),
)
def test_every_injection_is_recorded_exactly_and_undoing_it_gives_back_the_clean_text(
    text: str, seed: int, kind: str
) -> None:
    doubled = text[: len(text) // 2] + text[len(text) // 2] + text[len(text) // 2 :]  # a pair to misread
    for clean in (text, doubled):
        injection = INJECTORS[kind](CleanParagraph(clean, ""), random.Random(seed))  # noqa: S311
        if injection is None:
            continue
        e = injection.edit
        assert injection.clean == clean
        faulty = clean[: e.start] + e.new + clean[e.end :]
        assert faulty != clean
        assert faulty[e.start : e.start + len(e.new)] == e.new
        assert e.region[0] <= e.start <= e.start + len(e.new) <= e.region[1] <= len(faulty)
        assert faulty[: e.start] + clean[e.start : e.end] + faulty[e.start + len(e.new) :] == clean
        old = clean[e.start : e.end]
        if kind == "lookalike_real":
            assert len(e.new) == 1 and e.new in real_confusions()[old][0]
        elif kind == "misread_neighbour":
            a, b = e.region
            assert b - a == 2 and faulty[a] == faulty[a + 1] and len(old) == 1
        elif kind == "misread_pair":
            assert e.new[0] == e.new[1] and old[0] == old[1] and e.new[0] in real_confusions()[old[0]][0]
        else:
            assert old == "" and e.new in STRAY_GLYPHS


def test_the_real_ocr_group_leaves_the_classic_injections_alone() -> None:
    sample = sample_articles(20, 5)
    classic = inject(sample, 5, GROUPS["classic"])
    both = inject(sample, 5)
    assert [a for a in both if a.group == "classic"] == classic
    real = [a for a in both if a.group == "real-ocr"]
    assert len(real) == len(classic) == 20
    assert {g.family for a in real for g in a.faults} == set(REAL_OCR_FAMILIES)
    assert {g.kind for a in real for g in a.faults} >= {"lookalike_real", "misread_neighbour", "stray_glyph"}
    assert "lookalike_real" not in CLASSIC_KINDS and len(CLASSIC_KINDS) == 10  # zhcorpus synth's kinds


# --- scoring ----------------------------------------------------------------------------------------------------


def misread_run(findings: list[Finding]) -> ArticleRun:
    """旁边的 printed as 旁的的: the fault, and the findings of a detector run on it."""
    text = "他在旁的的小区。"
    fields: dict[str, str | None] = {"headline": "标题", "text": text}
    faulty = RawArticle("eval-19980101-A1-01", "news", fields, ["paragraph"], None, None, LineRange(1, 1))
    clean = RawArticle(faulty.id, "news", {"headline": "标题", "text": "他在旁边的小区。"}, ["paragraph"], None, None,
                       LineRange(1, 1))  # fmt: skip
    fault = GoldFault(faulty.id, "misread_neighbour", "doubled.misread", "text", 3, 4, "的", "边", 3, 5, 0, 8, "")
    article = EvalArticle(clean, faulty, (fault,), "real-ocr")
    return ArticleRun(article, tuple(judge(faulty, [fault], findings, [])), (), ())


def deletion(start: int, confidence: float = 0.95) -> Finding:
    return Finding("doubled.char@4", "doubled", "text", start, start + 1, "的", "", confidence, True, "test")


def test_a_doubled_character_fix_on_a_misread_neighbour_is_scored_a_harm_of_the_family() -> None:
    run = misread_run([deletion(3)])
    (judged,) = run.judged
    assert DETECTED_BY["doubled.misread"] is None  # no detector yet: the deletion is no match
    assert judged.verdict == "false_positive" and judged.family == "doubled" and judged.place == "collateral"
    outcomes = fault_outcomes("doubled.misread", [run])
    assert (outcomes.faults, outcomes.found, outcomes.suggested, outcomes.fixed, outcomes.harmed) == (1, 1, 0, 0, 1)
    assert outcomes.applied_precision == 0.0


def test_a_right_proposal_on_a_misread_neighbour_is_a_suggestion_and_a_match_once_mapped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proposal = Finding("doubled.char@4", "doubled", "text", 3, 4, "的", "边", 0.6, False, "test")
    outcomes = fault_outcomes("doubled.misread", [misread_run([proposal])])
    assert (outcomes.found, outcomes.suggested, outcomes.fixed, outcomes.harmed) == (1, 1, 0, 0)
    monkeypatch.setitem(DETECTED_BY, "doubled.misread", "doubled")
    (judged,) = misread_run([proposal]).judged
    assert judged.verdict == "match" and judged.family == "doubled.misread" and judged.fault == 0


def test_the_report_shows_the_real_ocr_families_and_those_with_no_detector_yet() -> None:
    report = run_eval(EvalOptions(articles=10, seed=1, families=REAL_OCR_FAMILIES))
    families = {fm.family: fm for fm in report.families}
    assert set(families) == set(REAL_OCR_FAMILIES)
    assert report.undetected_families == ("doubled.misread",)
    assert families["lookalike.real"].detected_by == "lookalike"
    for fm in families.values():
        assert fm.group == "real-ocr" and (fm.detected_by is not None or fm.findings == 0)
        assert fm.outcomes.faults == fm.faults > 0 and fm.outcomes.found <= fm.faults
    assert [g.group for g in report.cer_by_group] == ["real-ocr"] and report.cer.before > 0
    (harm,) = [t for t in report.targets if t.name == "real-OCR faults an applied change makes worse"]
    assert harm.value == sum(fm.outcomes.harmed for fm in families.values()) and harm.met == (harm.value == 0)
    text = render(report)
    assert "none yet" in text and "doubled.misread" in text and "lookalike.real" in text
