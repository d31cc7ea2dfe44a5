"""`zhcorpus eval --pairs FILE`: the detectors measured on real OCR output paired with its correct text.

The OCR lines and, separately, the correct lines are laid out as pages of plain text (``ingest.plain``: one line
an article of one paragraph, so no detector compares unrelated lines) and run through ``fix``'s own path
(``corrections.fixpage``). Each finding maps back to its line. Per line, with the OCR line O, the correct line C and
F the line after the applied fixes:

- *erroneous*: O != C; its *errors* are the stretches of O that ``difflib.SequenceMatcher`` does not match to C (a
  point where C has text O lacks);
- *changed*: F != O; *corrected*: changed and F == C; *harmed*: changed and F != C (a line whose fixes repair one
  error and miss another is harmed too: the line is still wrong); applied precision = corrected / changed;
- *found*: an erroneous line with a finding whose span overlaps one of its errors (``score.overlaps``);
- a finding's suggestion is *right* when it has an ``after`` and, applied alone to O, brings the line closer to C
  (a smaller edit distance); a line is *rightly suggested* when one of its findings is;
- the clean side: the detectors run on the correct lines, where every change is a harm and every finding false.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Literal

from zhcorpus.corrections.fixpage import PageFinding, apply_fixes, find_in_articles
from zhcorpus.detect import REGISTRY
from zhcorpus.detect.base import AUTO_THRESHOLD
from zhcorpus.errors import Location, ZhcorpusError, display_path
from zhcorpus.evaluate.distance import edit_distance
from zhcorpus.evaluate.harness import TargetCheck, ratio
from zhcorpus.evaluate.score import overlaps
from zhcorpus.ingest.plain import plain_articles
from zhcorpus.text.rawtext import RawPage, decode_raw

PairFormat = Literal["plain", "faspell", "fudan"]
# Columns of each format, told apart by their count.
FORMATS: dict[int, tuple[PairFormat, tuple[str, ...]]] = {
    2: ("plain", ("ocr", "correct")),
    3: ("faspell", ("n_errors", "ocr", "correct")),
    4: ("fudan", ("model", "idx", "ocr", "correct")),
}
# Lines laid out on one page: enough that a set of thousands of lines is a few pages.
LINES_PER_PAGE = 1000
# A recognised line, not a page: each finding is scored against its whole line, so a page-long pair costs the
# square of its length (the shared sets' lines are under 100 characters).
MAX_PAIR_CHARS = 1000
# The targets on each real set.
TARGET_APPLIED_PRECISION = 0.99
TARGET_FOUND = 0.6
TARGET_RIGHT = 0.4
TARGET_CLEAN_FINDINGS_PER_LINE = 0.1


@dataclass(frozen=True)
class Pair:
    line: int  # in the pairs file, 1-based
    ocr: str
    correct: str


@dataclass(frozen=True)
class PairSet:
    path: str
    format: PairFormat
    columns: tuple[str, ...]
    header: bool  # the first line named the columns and was skipped
    pairs: tuple[Pair, ...]


@dataclass(frozen=True)
class LineFinding:
    """A finding on one line, its span in code points of that line."""

    detector: str
    kind: str
    start: int
    end: int
    before: str
    after: str | None
    applied: bool


@dataclass(frozen=True)
class SideLine:
    findings: tuple[LineFinding, ...]
    fixed: str  # the line after the applied fixes


@dataclass(frozen=True)
class DetectorPairs:
    detector: str
    findings: int  # on the OCR lines
    on_error: int  # of them, overlapping an error of their line
    suggestions: int  # with an ``after``
    right: int  # suggestions that bring their line closer to the truth
    applied: int
    applied_right: int
    clean_findings: int
    clean_changes: int


@dataclass(frozen=True)
class HarmedLine:
    line: int
    ocr: str
    fixed: str
    correct: str
    detectors: tuple[str, ...]


@dataclass(frozen=True)
class PairsReport:
    path: str
    format: PairFormat
    columns: tuple[str, ...]
    header: bool
    lines: int
    erroneous: int
    changed: int
    corrected: int
    harmed: int
    applied_precision: float | None
    findings: int
    found: int  # erroneous lines with a finding on an error
    found_share: float | None
    rightly_suggested: int  # erroneous lines with a right suggestion
    right_share: float | None
    clean_changed: int
    clean_findings: int
    clean_findings_per_line: float | None
    detectors: tuple[DetectorPairs, ...]
    targets: tuple[TargetCheck, ...]
    examples: tuple[HarmedLine, ...]
    seconds: float = field(compare=False)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _bad(shown: str, line: int, message: str, hint: str) -> ZhcorpusError:
    return ZhcorpusError("pairs.format", Location(shown, line), message, hint)


def _is_header(cells: list[str]) -> bool:
    """A first line of column names (model, idx, ocr_pred, ground_truth), not a pair."""
    return all(c.isascii() and c.replace("_", "").isalpha() for c in cells)


def parse_pairs(text: str, shown: str) -> PairSet:
    """The pairs of a file's text; the format from the column count of its first line; each bad line located."""
    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    if not rows:
        raise _bad(shown, 1, "no pairs: the file is empty", "give one pair a line, columns separated by tabs")
    first = rows[0].split("\t")
    if len(first) not in FORMATS:
        raise _bad(
            shown,
            1,
            f"{len(first)} tab-separated column(s); the format is told by the count: "
            + "; ".join(f"{n} ({', '.join(cols)})" for n, (_, cols) in FORMATS.items()),
            "separate the columns with one tab each",
        )
    name, columns = FORMATS[len(first)]
    header = name != "plain" and _is_header(first)
    pairs = []
    for number, row in enumerate(rows, start=1):
        if number == 1 and header:
            continue
        cells = row.split("\t")
        if len(cells) != len(columns):
            raise _bad(
                shown,
                number,
                f"{len(cells)} tab-separated column(s) where the file's format ({name}, from line 1) has "
                f"{len(columns)}: {', '.join(columns)}",
                "give every line the same columns, separated by one tab each",
            )
        count = {"faspell": 0, "fudan": 1}.get(name)
        if count is not None and not cells[count].isdigit():
            raise _bad(
                shown,
                number,
                f"column {columns[count]} is {cells[count]!r}, not a whole number",
                f"the {name} format is {', '.join(columns)}",
            )
        longest = max(len(cells[-2]), len(cells[-1]))
        if longest > MAX_PAIR_CHARS:
            raise _bad(
                shown,
                number,
                f"a line of the pair is {longest} characters long (limit {MAX_PAIR_CHARS})",
                "one pair is one recognised line and its truth, not a page: split it into lines",
            )
        pairs.append(Pair(number, cells[-2], cells[-1]))
    return PairSet(shown, name, columns, header, tuple(pairs))


def read_pairs(path: Path) -> PairSet:
    """A pairs file read strictly (UTF-8, LF line ends, no control characters), every error located."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ZhcorpusError("pairs.unreadable", Location(shown), f"cannot read the pairs: {exc.strerror}") from exc
    return parse_pairs(decode_raw(data, path), shown)


def _page(lines: Sequence[str], name: str) -> RawPage:
    text = "\n".join(lines)
    data = text.encode("utf-8")
    return RawPage(Path(name), text, hashlib.sha256(data).hexdigest(), len(data))


def run_side(lines: Sequence[str], name: str, min_confidence: float = AUTO_THRESHOLD) -> list[SideLine]:
    """Every detector on the lines, laid out as pages of plain text; each line's findings and its fixed text."""
    out: list[SideLine] = []
    for first in range(0, len(lines), LINES_PER_PAGE):
        chunk = lines[first : first + LINES_PER_PAGE]
        page = _page(chunk, f"<{name} page {first // LINES_PER_PAGE + 1}>")
        findings = find_in_articles(
            page, plain_articles(page.nonblank_lines(), f"{name}-{first // LINES_PER_PAGE + 1}", 1), min_confidence
        )
        fixed = apply_fixes(page.text, findings).split("\n")
        if len(fixed) != len(chunk):
            raise ZhcorpusError(
                "pairs.layout",
                Location(name),
                "an applied fix joined or split lines, though each line is an article of its own",
                "report this: a detector changed text outside its article",
            )
        by_line: dict[int, list[LineFinding]] = {}
        for pf in findings:
            by_line.setdefault(pf.line, []).append(_on_line(pf))
        out.extend(SideLine(tuple(by_line.get(n, [])), fixed[n - 1]) for n in range(1, len(chunk) + 1))
    return out


def _on_line(pf: PageFinding) -> LineFinding:
    start = pf.column - 1
    f = pf.finding
    return LineFinding(f.detector, f.kind, start, start + (pf.end - pf.start), f.before, f.after, pf.applied)


def error_spans(ocr: str, correct: str) -> list[tuple[int, int]]:
    """The stretches of the OCR line that do not match the correct line (empty where text is missing)."""
    matcher = SequenceMatcher(None, ocr, correct, autojunk=False)
    return [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]


def is_right(pair: Pair, finding: LineFinding, distance: int) -> bool:
    """A suggestion that, applied alone, brings the OCR line closer to the correct line."""
    if finding.after is None:
        return False
    changed = pair.ocr[: finding.start] + finding.after + pair.ocr[finding.end :]
    return edit_distance(changed, pair.correct) < distance


def evaluate_pairs(
    pairs: PairSet, limit: int | None = None, examples: int = 3, min_confidence: float = AUTO_THRESHOLD
) -> PairsReport:
    """The detectors on both sides of the pairs, fixes applied from ``min_confidence`` as `fix` applies them."""
    started = time.perf_counter()
    chosen = pairs.pairs[:limit] if limit is not None else pairs.pairs
    ocr_side = run_side([p.ocr for p in chosen], "ocr", min_confidence)
    clean_side = run_side([p.correct for p in chosen], "correct", min_confidence)
    counts: dict[str, Counter[str]] = {d: Counter() for d in REGISTRY}
    erroneous = changed = corrected = found = rightly = 0
    harmed: list[HarmedLine] = []
    for pair, side in zip(chosen, ocr_side, strict=True):
        distance = edit_distance(pair.ocr, pair.correct)
        errors = error_spans(pair.ocr, pair.correct)
        on_error = right = False
        for f in side.findings:
            c = counts[f.detector]
            c["findings"] += 1
            c["suggestions"] += f.after is not None
            c["applied"] += f.applied
            hit = any(overlaps(f.start, f.end, a, b) for a, b in errors)
            good = is_right(pair, f, distance)
            c["on_error"] += hit
            c["right"] += good
            c["applied_right"] += f.applied and good
            on_error |= hit
            right |= good
        if distance:
            erroneous += 1
            found += on_error
            rightly += right
        if side.fixed != pair.ocr:
            changed += 1
            if side.fixed == pair.correct:
                corrected += 1
            else:
                used = tuple(sorted({f.detector for f in side.findings if f.applied}))
                harmed.append(HarmedLine(pair.line, pair.ocr, side.fixed, pair.correct, used))
    clean_changed = 0
    for pair, side in zip(chosen, clean_side, strict=True):
        clean_changed += side.fixed != pair.correct
        for f in side.findings:
            counts[f.detector]["clean_findings"] += 1
            counts[f.detector]["clean_changes"] += f.applied
    findings = sum(c["findings"] for c in counts.values())
    clean_findings = sum(c["clean_findings"] for c in counts.values())
    precision = ratio(corrected, changed)
    found_share = ratio(found, erroneous)
    right_share = ratio(rightly, erroneous)
    per_line = ratio(clean_findings, len(chosen))
    detectors = tuple(
        DetectorPairs(
            d,
            c["findings"],
            c["on_error"],
            c["suggestions"],
            c["right"],
            c["applied"],
            c["applied_right"],
            c["clean_findings"],
            c["clean_changes"],
        )
        for d, c in counts.items()
    )
    return PairsReport(
        path=pairs.path,
        format=pairs.format,
        columns=pairs.columns,
        header=pairs.header,
        lines=len(chosen),
        erroneous=erroneous,
        changed=changed,
        corrected=corrected,
        harmed=changed - corrected,
        applied_precision=precision,
        findings=findings,
        found=found,
        found_share=found_share,
        rightly_suggested=rightly,
        right_share=right_share,
        clean_changed=clean_changed,
        clean_findings=clean_findings,
        clean_findings_per_line=per_line,
        detectors=detectors,
        targets=_targets(precision, clean_changed, found_share, right_share, per_line),
        examples=tuple(harmed[: max(0, examples)]),
        seconds=time.perf_counter() - started,
    )


def _targets(
    precision: float | None, clean_changed: int, found: float | None, right: float | None, per_line: float | None
) -> tuple[TargetCheck, ...]:
    def at_least(value: float | None, goal: float) -> bool:
        return value is not None and value >= goal

    return (
        TargetCheck(
            "applied precision",
            f">= {TARGET_APPLIED_PRECISION}",
            precision,
            at_least(precision, TARGET_APPLIED_PRECISION),
        ),
        TargetCheck("clean lines changed", "== 0", clean_changed, clean_changed == 0),
        TargetCheck(
            "erroneous lines with a finding on an error", f">= {TARGET_FOUND}", found, at_least(found, TARGET_FOUND)
        ),
        TargetCheck(
            "erroneous lines with a right suggestion", f">= {TARGET_RIGHT}", right, at_least(right, TARGET_RIGHT)
        ),
        TargetCheck(
            "findings per clean line",
            f"<= {TARGET_CLEAN_FINDINGS_PER_LINE}",
            per_line,
            per_line is not None and per_line <= TARGET_CLEAN_FINDINGS_PER_LINE,
        ),
    )
