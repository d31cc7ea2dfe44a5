"""The fast detectors find exactly what the straightforward versions found, recorded before they were rewritten.

Recorded again when the harness gained its garbled-passage fault (the faulty sample changed). The findings of
doubled.char@2 and garbled.passage@1 were added then: for those two the file is a snapshot of their output at
that commit (a change shows up here), not a proof against an earlier version. Recorded again for issue 15: the
ids became doubled.char@3 and confusable.place@2, and three doubled function words between whole words carry their
measured precision (0.99, was 0.92); no finding was added or lost on this sample. Recorded again when the harness
held out the People's Daily lines the character model learns from (its sample changed, the detectors did not: the
file recorded before passed with the lines not held out). Then doubled.char@4 and confusable.place@3: the count
五百县 is no longer read as 五寨县 (twice), and two copies after a word a frequent word extends by one character
(监督督 beside 监督权, 工人人 beside 工人党) name that reading; the first is now a proposal. And with the rendered
glyphs as a second notion of look-alike, 戚阳市 is fixed as 咸阳市 (a flag before). repeat.span@1's findings were
added with it (issue 15); the harness's repeat family, added then too, is left out of the sample so that it stays
the one recorded. Nothing else changed. Then every registered detector, not a list kept by hand: lookalike.char@1's
findings were added (issue 17), and three blocks of tests/fixtures/detect-golden-extra.txt for the detectors that
find nothing in the other samples (an invisible character, a private-use character, a stray stroke); the findings
recorded before are unchanged. Then confusable.place@4, which reads a name before 新区 and 地区 and knows 新疆
and 湘西 as areas: one finding added, the harness's 浦乐新区 proposed as 浦东新区; nothing else changed but the id.
Then confusable.place@5, which reads a name after a place jieba reads whole (浙江|宁披市) and a longer name at a
suffix where only it is near one in the article's area (江苏省张冢港市): nothing on this sample changed but the id.

tests/fixtures/detect-golden.jsonl holds every finding of every registered detector on a fixed sample: the seed
page's articles as the corpus lays them out, 60 harness articles (seed 0), clean and with faults injected, and the
extra blocks, one an article.
A detector whose findings change on purpose gets a new version; the file is then written again with
``.venv/bin/python tests/test_detect_golden.py``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conftest import CORPUS
from zhcorpus.detect import REGISTRY
from zhcorpus.evaluate.clean import sample_articles
from zhcorpus.evaluate.inject import GROUPS, inject
from zhcorpus.ingest.assemble import assemble_articles
from zhcorpus.records import RawArticle
from zhcorpus.sources import CorpusPaths, load_sources

GOLDEN = Path(__file__).parent / "fixtures" / "detect-golden.jsonl"
EXTRA = Path(__file__).parent / "fixtures" / "detect-golden-extra.txt"
# Every registered detector: one added by CONTRIBUTING's recipe fails the recording until it is recorded again.
DETECTORS = tuple(REGISTRY)
HARNESS_ARTICLES = 60
HARNESS_SEED = 0
# The families injected when the sample was recorded: a family added later (repeat) would change the faulty sample.
RECORDED_FAMILIES = tuple(f for f in GROUPS["classic"] if f != "repeat")


def _articles() -> Iterator[tuple[str, RawArticle]]:
    for page_sources in load_sources(CorpusPaths(CORPUS)).pages:
        for art in assemble_articles(page_sources.raw, page_sources.layout, page_sources.page_id).articles:
            yield "page", art
    # The classic families the file was recorded on: not the real-OCR copy, not the repeat family added since.
    for evaluated in inject(sample_articles(HARNESS_ARTICLES, HARNESS_SEED), HARNESS_SEED, RECORDED_FAMILIES):
        yield "clean", evaluated.clean
        yield "faulty", evaluated.faulty
    for n, block in enumerate(EXTRA.read_text(encoding="utf-8").splitlines(), start=1):
        yield "extra", RawArticle.of_body(f"extra-{n:02d}", [block])


def findings() -> list[dict[str, Any]]:
    return [
        {"sample": sample, "article": art.id, **dataclasses.asdict(finding)}
        for sample, art in _articles()
        for detector in DETECTORS
        for finding in REGISTRY[detector].run(art)
    ]


def test_detectors_reproduce_the_recorded_findings() -> None:
    recorded = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    found = findings()
    added = [f for f in found if f not in recorded]
    lost = [f for f in recorded if f not in found]
    assert found == recorded, (
        f"{len(added)} finding(s) not recorded, {len(lost)} recorded but not found (first: {(added or lost)[:1]}): "
        "a new detector, or a change meant with a new version, is recorded with "
        "`.venv/bin/python tests/test_detect_golden.py`; any other difference is a regression"
    )


def test_the_recording_covers_every_detector() -> None:
    """Each registered detector finds something in the recording (a detector that finds nothing there proves
    nothing by it); a new one is recorded with `.venv/bin/python tests/test_detect_golden.py`."""
    recorded = {json.loads(line)["detector"] for line in GOLDEN.read_text(encoding="utf-8").splitlines()}
    assert sorted(set(DETECTORS) - recorded) == [], (
        "a detector finds nothing in the recording: add a block it finds to tests/fixtures/detect-golden-extra.txt, "
        "then record with `.venv/bin/python tests/test_detect_golden.py`"
    )


if __name__ == "__main__":
    GOLDEN.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings()), encoding="utf-8")
