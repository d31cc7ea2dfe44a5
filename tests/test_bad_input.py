"""Bad input, one fixture file a case under tests/fixtures/bad/: every case is refused, located and harmless.

Raw pages go to `zhcorpus ingest`: exit 2, `error: path:line: [code] ...` on stderr, no output folder.
Corpus cases break a private copy of corpus/: `zhcorpus validate` exits 1 naming the check, the file and the line;
`zhcorpus build` exits 2 and changes no file, or, where the broken file is one build generates (manifest, card),
regenerates exactly the committed bytes.

The CLI runs in this process (conftest.run_cli). Validate builds the whole corpus in memory, so each corpus case
runs once, in its own copy, and the tests of a case read its recorded outcome.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from zhcorpus.sources import MANIFEST

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"
PAGE = "zzrb-20200201-A1"
RAW = f"raw/{PAGE}.txt"
LAYOUT = f"sources/{PAGE}/layout.jsonl"
CORRECTIONS = f"sources/{PAGE}/corrections.jsonl"
ENTITIES = f"sources/{PAGE}/entities.jsonl"
CARD = "README.md"
# One printed character of raw line 31 (a byline) that the raw-edit cases change; the layout fixture makes the
# same change to the layout record of that line.
RAW_EDIT = ("邹家虎", "邹家龙")

# A deep-nesting fixture holds this placeholder, expanded to arrays nested DEEP levels (balanced, and short enough
# for the line limit), so that the file in git stays small; json.loads alone dies of it with a RecursionError.
DEEP = 99_000

# `path:line: [check-id] message ...` (the line is missing when a problem concerns a whole file).
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: \[(?P<check>[^\]]+)\] ")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (temporary files included) as path -> bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Files added, removed or rewritten with other bytes."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{DEEP}", b"[" * DEEP + b"]" * DEEP)


def writable(path: Path) -> Path:
    path.chmod(0o644)  # the committed raw page is read-only; the copy is ours to break
    return path


# ---------------------------------------------------------------------------------------------------------------
# Raw pages given to `zhcorpus ingest`


RAW_CASES = [
    # fixture, error code, line it must name, what the message must say
    pytest.param("raw_gb18030.txt", "raw.encoding", 3, "--encoding gb18030", id="gb18030"),
    pytest.param("raw_bom.txt", "raw.bom", 1, "byte order mark", id="bom"),
    pytest.param("raw_crlf.txt", "raw.line-ends", 3, "carriage return", id="crlf"),
    pytest.param("raw_nul.txt", "raw.control-char", 3, "U+0000", id="nul"),
    pytest.param("raw_control_char.txt", "raw.control-char", 5, "U+0007", id="control-char"),
    # More articles or printed blocks than ids can number (…-A1-99, …-p999): refused, not written with bad ids.
    pytest.param("raw_100_articles.txt", "ingest.page-size", 301, "article 100 of the page", id="100-articles"),
    pytest.param("raw_article_1000_blocks.txt", "ingest.page-size", 1005, "1,000 printed blocks", id="1000-blocks"),
]


@pytest.mark.parametrize(("name", "code", "line", "says"), RAW_CASES)
def test_ingest_refuses_bad_raw_page(tmp_path: Path, name: str, code: str, line: int, says: str) -> None:
    shutil.copyfile(FIXTURES / name, tmp_path / name)

    result = run_cli("ingest", name, "-o", "out", cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    errors = [text for text in result.stderr.splitlines() if text.startswith("error: ")]
    assert errors, result.stderr
    assert errors[0].startswith(f"error: {name}:{line}: [{code}] "), errors[0]
    assert says in errors[0]
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "ingest left files behind"


def _records(folder: Path, name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines()]


def test_ingest_and_fix_delete_a_bidi_control_and_keep_the_raw_page(tmp_path: Path) -> None:
    """A raw page is read with its U+202E; the released text loses it by an accepted, automatic deletion."""
    shutil.copyfile(FIXTURES / "raw_rlo.txt", tmp_path / "page.txt")

    ingested = run_cli("ingest", "page.txt", "-o", "out", "--paper", "zzrb", cwd=tmp_path)
    fixed = run_cli("fix", "page.txt", "-o", "fixed.txt", "--report", "findings.jsonl", cwd=tmp_path)

    assert ingested.returncode == 0, ingested.stderr
    assert (tmp_path / "page.txt").read_bytes() == fixture_bytes("raw_rlo.txt")
    [deletion] = [c for c in _records(tmp_path / "out", "corrections.jsonl") if c["method"].startswith("charpolicy.")]
    assert (deletion["before"], deletion["after"], deletion["kind"], deletion["status"]) == (
        "\u202e",
        "",
        "deletion",
        "accepted",
    )
    assert (deletion["method"], deletion["confidence"]) == ("charpolicy.invisible@1", 1.0)
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in deletion["reason"]
    [article] = _records(tmp_path / "out", "articles.jsonl")
    assert "\u202e" not in article["text"] and "\u202e" in article["text_raw"]
    assert fixed.returncode == 0, fixed.stderr
    assert (tmp_path / "fixed.txt").read_text(encoding="utf-8") == fixture_bytes("raw_rlo.txt").decode().replace(
        "\u202e", ""
    )
    [finding] = [f for f in _records(tmp_path, "findings.jsonl") if f["detector"] == "charpolicy.invisible@1"]
    assert (finding["line"], finding["before"], finding["after"], finding["applied"]) == (34, "\u202e", "", True)


def test_ingest_deletes_a_block_of_invisible_characters_whole(tmp_path: Path) -> None:
    """Line 37 holds two U+200B and nothing else: deleting only them would leave an empty paragraph."""
    shutil.copyfile(FIXTURES / "raw_zwsp_block.txt", tmp_path / "page.txt")

    ingested = run_cli("ingest", "page.txt", "-o", "out", "--paper", "zzrb", cwd=tmp_path)

    assert ingested.returncode == 0, ingested.stderr
    [deletion] = _records(tmp_path / "out", "corrections.jsonl")
    assert (deletion["before"], deletion["after"], deletion["status"]) == ("\n\u200b\u200b", "", "accepted")
    assert "U+200B" in deletion["reason"]
    [article] = _records(tmp_path / "out", "articles.jsonl")
    assert "\u200b" not in article["text"]
    assert [p["id"][-4:] for p in article["paragraphs"]] == ["p001", "p003"]
    assert _records(tmp_path / "out", "flags.jsonl") == []


def test_ingest_and_fix_flag_a_private_use_character(tmp_path: Path) -> None:
    """A private-use character probably stands for a glyph the font lacked: flagged for a person, never deleted."""
    shutil.copyfile(FIXTURES / "raw_pua.txt", tmp_path / "page.txt")

    ingested = run_cli("ingest", "page.txt", "-o", "out", "--paper", "zzrb", cwd=tmp_path)
    fixed = run_cli("fix", "page.txt", "-o", "fixed.txt", "--report", "findings.jsonl", cwd=tmp_path)

    assert ingested.returncode == 0, ingested.stderr
    assert not [c for c in _records(tmp_path / "out", "corrections.jsonl") if "\ue000" in c["before"]]
    [flag] = _records(tmp_path / "out", "flags.jsonl")
    assert (flag["text"], flag["kind"], flag["status"], flag["method"]) == (
        "\ue000",
        "doubtful_char",
        "open",
        "charpolicy.private_use@1",
    )
    assert "U+E000" in flag["note"]
    [article] = _records(tmp_path / "out", "articles.jsonl")
    assert "\ue000" in article["text"] and [f["id"] for f in article["flags"]] == [flag["id"]]
    assert fixed.returncode == 0, fixed.stderr
    assert (tmp_path / "fixed.txt").read_bytes() == fixture_bytes("raw_pua.txt")
    [finding] = [f for f in _records(tmp_path, "findings.jsonl") if f["detector"] == "charpolicy.private_use@1"]
    assert (finding["line"], finding["after"], finding["applied"]) == (36, None, False)


def test_ingest_accepts_gb18030_page_with_encoding_option(tmp_path: Path) -> None:
    data = fixture_bytes("raw_gb18030.txt")
    committed_lines = (CORPUS / RAW).read_text(encoding="utf-8").split("\n")
    fixture_lines = data.decode("gb18030").split("\n")
    # The fixture is the masthead and first article of the committed page, re-encoded: 39 lines and a final LF.
    assert fixture_lines[:-1] == committed_lines[:39]
    assert fixture_lines[-1] == ""
    (tmp_path / "page.txt").write_bytes(data)

    result = run_cli("ingest", "page.txt", "-o", "out", "--encoding", "gb18030", "--paper", "zzrb", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    issue = json.loads((out / "issues.jsonl").read_text(encoding="utf-8"))
    assert (issue["id"], issue["newspaper"]) == (PAGE, "株洲日报")
    article = json.loads((out / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    committed = json.loads((CORPUS / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    for key in ("id", "kicker", "headline", "byline", "text_raw"):
        assert article[key] == committed[key], key


# ---------------------------------------------------------------------------------------------------------------
# Corpus cases for `zhcorpus validate` and `zhcorpus build`


@dataclass(frozen=True)
class Where:
    """Where validate must report a case: a path inside the corpus folder and a line."""

    path: str
    line: int


Mutate = Callable[[Path], Where]


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Mutate
    check: str  # the check id validate must report at `Where`
    says: str  # a fragment of that problem's line (message or hint)
    build: str  # "refuse": exit 2, no file changed; "regenerate": exit 0, every file as committed
    build_names_it: bool = True  # build's error names the same path and line as validate
    also: tuple[str, ...] | None = (MANIFEST,)  # other files the report may name; None: not checked


def append_corrections(fixture: str, report_at: int = 1, source: str = CORRECTIONS) -> Mutate:
    """Append the fixture's lines to the page's corrections (or another source file); validate must report its
    line ``report_at``."""

    def mutate(root: Path) -> Where:
        target = root / source
        existing = target.read_bytes()
        assert existing.endswith(b"\n")
        target.write_bytes(existing + fixture_bytes(fixture))
        return Where(source, existing.count(b"\n") + report_at)

    return mutate


def append_entities(fixture: str) -> Mutate:
    return append_corrections(fixture, source=ENTITIES)


def replace_layout_record(root: Path) -> Where:
    """Replace the layout record of one raw line by the fixture's record for that line, whose text differs."""
    new = json.loads(fixture_bytes("layout_text_differs.jsonl"))
    target = root / LAYOUT
    lines = target.read_bytes().decode("utf-8").splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if json.loads(text)["line"] == new["line"])
    old = json.loads(lines[index])
    assert old["text"] != new["text"]
    assert {**old, "text": new["text"]} == new
    lines[index] = json.dumps(new, ensure_ascii=False) + "\n"
    target.write_bytes("".join(lines).encode("utf-8"))
    return Where(LAYOUT, index + 1)


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, needle
    return text.count("\n", 0, text.index(needle)) + 1


def change_manifest_sha(root: Path) -> Where:
    """Set the sha256 of the manifest entry the fixture names (only those 64 characters change)."""
    patch = json.loads(fixture_bytes("manifest_checksum_mismatch.json"))
    target = root / MANIFEST
    text = target.read_bytes().decode("utf-8")
    old = next(e["sha256"] for e in json.loads(text)["files"] if e["path"] == patch["path"])
    assert old != patch["sha256"]
    assert text.count(old) == 1
    target.write_bytes(text.replace(old, patch["sha256"]).encode("utf-8"))
    return Where(MANIFEST, line_of(text, f'"path": "{patch["path"]}"'))


def replace_manifest(fixture: str) -> Mutate:
    def mutate(root: Path) -> Where:
        (root / MANIFEST).write_bytes(fixture_bytes(fixture))
        return Where(MANIFEST, 1)

    return mutate


def add_card_config(root: Path) -> Where:
    """Put the fixture's config (config_name: nonsense) first in the card's configs."""
    target = root / CARD
    text = target.read_bytes().decode("utf-8")
    marker = "\nconfigs:\n"
    at = text.index(marker, 0, text.index("\n---\n")) + len(marker)
    target.write_bytes((text[:at] + fixture_bytes("card_unknown_config.md").decode("utf-8") + text[at:]).encode())
    return Where(CARD, text.count("\n", 0, at) + 1)


def insert_line(fixture: str) -> Mutate:
    """Insert the fixture's line after the line holding its needle in a whole-file JSON (a key written twice)."""

    def mutate(root: Path) -> Where:
        patch = json.loads(fixture_bytes(fixture))
        target = root / patch["file"]
        text = target.read_bytes().decode("utf-8")
        line = line_of(text, patch["after"])
        lines = text.split("\n")
        lines.insert(line, patch["insert"])
        target.write_bytes("\n".join(lines).encode("utf-8"))
        return Where(patch["file"], line + 1)

    return mutate


def edit_raw(root: Path) -> Where:
    """Change one printed character of the raw page (same byte length, other sha256)."""
    target = writable(root / RAW)
    old, new = (s.encode("utf-8") for s in RAW_EDIT)
    data = target.read_bytes()
    assert data.count(old) == 1
    assert len(old) == len(new)
    target.write_bytes(data.replace(old, new))
    return Where(MANIFEST, line_of((root / MANIFEST).read_text(encoding="utf-8"), f'"path": "{RAW}"'))


def edit_raw_and_layout(root: Path) -> Where:
    """The raw edit, with the layout edited to follow it, so that raw and layout agree again."""
    assert RAW_EDIT[1] in json.loads(fixture_bytes("layout_text_differs.jsonl"))["text"]
    replace_layout_record(root)
    return edit_raw(root)


CASES = [
    Case(
        "corrections_schema_invalid",
        append_corrections("corrections_schema_invalid.jsonl"),
        "sources.schema@1",
        "'reason' is a required property",
        "refuse",
    ),
    Case(
        "corrections_duplicate_id",
        append_corrections("corrections_duplicate_id.jsonl"),
        "ids.unique@1",
        "id zzrb-20200201-A1-02-c001 already used at",
        "refuse",
    ),
    Case(
        "corrections_offset_past_end",
        append_corrections("corrections_offset_past_end.jsonl"),
        "offsets.range@1",
        "span 284-286 is outside text (length 284)",
        "refuse",
    ),
    Case(
        "corrections_before_mismatch",
        append_corrections("corrections_before_mismatch.jsonl"),
        "offsets.range@1",
        "before '株洲晚报讯' does not match",
        "refuse",
    ),
    Case(
        "corrections_overlap",
        append_corrections("corrections_overlap.jsonl", report_at=2),
        "corrections.overlap@1",
        "overlaps zzrb-20200201-A1-01-c001",
        "refuse",
    ),
    Case(
        "corrections_trailing_comma",
        append_corrections("corrections_trailing_comma.jsonl"),
        "sources.syntax@1",
        "no trailing comma",
        "refuse",
    ),
    # A key written twice: the diff shows the first value, json.loads kept the last.
    Case(
        "corrections_duplicate_key",
        append_corrections("corrections_duplicate_key.jsonl"),
        "sources.syntax@1",
        "key 'after' appears twice",
        "refuse",
    ),
    Case(
        "dataset_duplicate_key",
        insert_line("dataset_duplicate_key.json"),
        "sources.syntax@1",
        "key 'license' appears twice",
        "refuse",
    ),
    Case(
        "manifest_duplicate_key",
        insert_line("manifest_duplicate_key.json"),
        "manifest.checksums@1",
        "key 'version' appears twice",
        "refuse",
        build_names_it=False,
        also=(),
    ),
    Case(
        "corrections_deep_nesting",
        append_corrections("corrections_deep_nesting.jsonl"),
        "sources.syntax@1",
        "nested more than 64 levels deep",
        "refuse",
    ),
    Case(
        "corrections_lone_surrogate",
        append_corrections("corrections_lone_surrogate.jsonl"),
        "sources.syntax@1",
        "lone surrogate \\udfff",
        "refuse",
    ),
    Case(
        "manifest_deep_nesting",
        replace_manifest("manifest_deep_nesting.json"),
        "manifest.checksums@1",
        "nested more than 64 levels deep",
        "refuse",
    ),
    Case(
        "entities_text_mismatch",
        append_entities("entities_text_mismatch.jsonl"),
        "entities.align@1",
        "reads '毛腾飞', not '毛腾龙'",
        "refuse",
    ),
    Case(
        "entities_crossing",
        append_entities("entities_crossing.jsonl"),
        "entities.links@1",
        "crosses zzrb-20200201-A1-02-e009",
        "refuse",
    ),
    Case(
        "entities_role_not_title",
        append_entities("entities_role_not_title.jsonl"),
        "entities.links@1",
        "role zzrb-20200201-A1-02-e010 of zzrb-20200201-A1-02-e903 is not a TITLE mention",
        "refuse",
    ),
    Case(
        "entities_code_unknown",
        append_entities("entities_code_unknown.jsonl"),
        "entities.values@1",
        "code 430213 is not in the gazetteer",
        "refuse",
    ),
    Case("layout_text_differs", replace_layout_record, "layout.raw@1", f"text differs from corpus/{RAW}:31", "refuse"),
    Case(
        "manifest_checksum_mismatch",
        change_manifest_sha,
        "manifest.checksums@1",
        "jsonl/articles.jsonl: sha256 or size differs",
        "regenerate",
        also=(),
    ),
    Case("card_unknown_config", add_card_config, "card.configs@1", "unknown config 'nonsense'", "regenerate"),
    Case(
        "raw_edited",
        edit_raw,
        "manifest.checksums@1",
        "raw pages are evidence",
        "refuse",
        build_names_it=False,
        also=(LAYOUT,),
    ),
    Case(
        "raw_and_layout_edited",
        edit_raw_and_layout,
        "manifest.checksums@1",
        "raw pages are evidence",
        "refuse",
        build_names_it=False,
        also=None,
    ),
]
# An accepted correction that writes a character of the character policy into the released text: a located
# problem naming the record, the field and the code point; build refuses it.
CASES += [
    Case(
        f"corrections_after_{name}",
        append_corrections(f"corrections_after_{name}.jsonl"),
        "sources.schema@1",
        f"holds {code}",
        "refuse",
    )
    for name, code in (
        ("rlo", "U+202E RIGHT-TO-LEFT OVERRIDE (bidi control)"),
        ("lri", "U+2066 LEFT-TO-RIGHT ISOLATE (bidi control)"),
        ("nel", "U+0085 (control)"),
        ("vs16", "U+FE0F VARIATION SELECTOR-16 (variation selector)"),
        ("pua", "U+E000 (private use)"),
        ("nonchar", "U+FDD0 (noncharacter)"),
        ("zwsp", "U+200B ZERO WIDTH SPACE (format character)"),
    )
]
BY_NAME = {case.name: case for case in CASES}
JSON_CASE = "corrections_offset_past_end"


@dataclass(frozen=True)
class Outcome:
    where: Where | None
    before: dict[str, bytes]  # the corpus copy once broken
    validate: subprocess.CompletedProcess[str]
    validate_json: subprocess.CompletedProcess[str] | None
    after_validate: dict[str, bytes]
    build: subprocess.CompletedProcess[str]
    after_build: dict[str, bytes]


def run_case(case: Case | None, base: Path) -> Outcome:
    """Copy the corpus to ``base/corpus``, break it (no case: leave it as committed), validate, then build."""
    root = base / "corpus"
    shutil.copytree(CORPUS, root)
    where = case.mutate(root) if case else None
    before = snapshot(root)
    validate = run_cli("validate", "--corpus", "corpus", cwd=base)
    as_json = None
    if case is not None and case.name == JSON_CASE:
        as_json = run_cli("validate", "--corpus", "corpus", "--format", "json", cwd=base)
    after_validate = snapshot(root)
    build = run_cli("build", "--corpus", "corpus", cwd=base)
    return Outcome(where, before, validate, as_json, after_validate, build, snapshot(root))


@pytest.fixture(scope="module")
def pristine() -> dict[str, bytes]:
    return snapshot(CORPUS)


Outcomes = Callable[[str], Outcome]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    """Each corpus case (and the committed corpus as "committed") run once, in its own copy."""
    return cache(lambda name: run_case(BY_NAME.get(name), tmp_path_factory.mktemp(name)))


def params(cases: list[Case] | None = None) -> list[object]:
    # The tests of one case share a worker (pytest -n with --dist loadgroup), so each case runs once.
    return [
        pytest.param(c, id=c.name, marks=pytest.mark.xdist_group(c.name)) for c in (CASES if cases is None else cases)
    ]


def problems(stdout: str) -> list[re.Match[str]]:
    found = [PROBLEM_LINE.match(text) for text in stdout.splitlines()]
    assert all(found), f"a line of validate's output is not `path:line: [check] message`:\n{stdout}"
    return [m for m in found if m]


def test_committed_corpus_is_clean(outcomes: Outcomes, pristine: dict[str, bytes]) -> None:
    """The premise of every case: the committed corpus validates, and a build of it changes nothing."""
    out = outcomes("committed")
    assert out.validate.returncode == 0, out.validate.stdout + out.validate.stderr
    assert out.build.returncode == 0, out.build.stderr
    assert changed(pristine, out.after_build) == []


@pytest.mark.parametrize("case", params())
def test_validate_reports_case(case: Case, outcomes: Outcomes) -> None:
    out = outcomes(case.name)
    assert out.where is not None
    assert out.validate.returncode == 1, out.validate.stdout + out.validate.stderr
    prefix = f"corpus/{out.where.path}:{out.where.line}: [{case.check}] "
    hits = [text for text in out.validate.stdout.splitlines() if text.startswith(prefix)]
    assert hits, f"no problem starting {prefix!r} in:\n{out.validate.stdout}"
    assert any(case.says in text for text in hits), hits
    assert all("; " in text for text in hits), hits  # every problem ends with what to do about it
    assert changed(out.before, out.after_validate) == [], "validate wrote files"


@pytest.mark.parametrize("case", params())
def test_build_refuses_or_regenerates(case: Case, outcomes: Outcomes, pristine: dict[str, bytes]) -> None:
    out = outcomes(case.name)
    assert out.where is not None
    if case.build == "regenerate":
        # The broken file is one build writes: the rebuild gives back exactly the committed corpus.
        assert out.build.returncode == 0, out.build.stderr
        assert changed(pristine, out.after_build) == []
        return
    assert out.build.returncode == 2, out.build.stderr
    errors = [text for text in out.build.stderr.splitlines() if text.startswith("error: ")]
    assert errors, out.build.stderr
    if case.build_names_it:
        prefix = f"error: corpus/{out.where.path}:{out.where.line}: [{case.check}]"
        assert any(text.startswith(prefix) for text in errors), f"no {prefix!r} in:\n{out.build.stderr}"
    assert changed(out.before, out.after_build) == [], "build changed files"


@pytest.mark.parametrize("case", params([c for c in CASES if c.also is not None]))
def test_validate_names_only_the_cause(case: Case, outcomes: Outcomes) -> None:
    """Every problem is about the broken file, or a file that legitimately vouches for it (the manifest)."""
    out = outcomes(case.name)
    assert out.where is not None
    assert case.also is not None
    allowed = {f"corpus/{p}" for p in (out.where.path, *case.also)}
    named = {m["path"] for m in problems(out.validate.stdout)}
    assert named <= allowed, out.validate.stdout


@pytest.mark.xdist_group(JSON_CASE)
def test_validate_json_report(outcomes: Outcomes) -> None:
    out = outcomes(JSON_CASE)
    assert out.where is not None
    assert out.validate_json is not None
    assert out.validate_json.returncode == 1, out.validate_json.stderr
    report = json.loads(out.validate_json.stdout)
    assert report["ok"] is False
    assert BY_NAME[JSON_CASE].check in report["checks"]
    assert report["problems"]
    for problem in report["problems"]:
        assert {"check", "path", "line", "record", "field", "message", "hint"} <= problem.keys(), problem
    wanted = {
        "check": "offsets.range@1",
        "path": f"corpus/{out.where.path}",
        "line": out.where.line,
        "record": "zzrb-20200201-A1-01-c001",
        "field": "end",
    }
    assert [p for p in report["problems"] if {k: p[k] for k in wanted} == wanted], report["problems"]
    # The same problems as the text report, in the same order.
    text = [(m["path"], m["check"]) for m in problems(out.validate.stdout)]
    assert [(p["path"], p["check"]) for p in report["problems"]] == text
