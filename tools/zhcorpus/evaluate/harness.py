"""The evaluation run: sample clean articles, inject faults, run the detectors on both versions, score.

Per fault family: precision, recall and F0.5 of every finding, and the precision of the fixes that would be
applied without review; per detector: false alarms on the clean text; overall: the character error rate of the
faulty text and of the text after the applied fixes, both against the clean text.

Each group of families (``inject.GROUPS``) is scored on its own copy of the sample. The classic group runs the
detectors of its families, as it always has; the real-OCR group runs every detector, so that what any of them
does to a real recogniser's fault (finds it, repairs it, or makes it worse) shows in the family's outcomes. The
clean control is measured once, on the first group's clean articles.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from zhcorpus.detect import REGISTRY, Detector, Finding, findings_of
from zhcorpus.evaluate.clean import sample_articles
from zhcorpus.evaluate.distance import cer
from zhcorpus.evaluate.inject import (
    ALL_KINDS,
    DETECTED_BY,
    FAMILIES,
    GROUPS,
    KIND_FAMILY,
    EvalArticle,
    GoldFault,
    InjectionStats,
    inject,
)
from zhcorpus.evaluate.inject import injection_stats as _injection_stats
from zhcorpus.evaluate.score import Judged, choose_applied, fixed_fields, judge, overlaps, same_result, scored_family
from zhcorpus.records import ARTICLE_TEXT_FIELDS, RawArticle

DEFAULT_ARTICLES = 200
TARGET_APPLIED_PRECISION = 0.99
TARGET_RECALL = 0.9
BETA = 0.5


@dataclass(frozen=True)
class EvalOptions:
    articles: int = DEFAULT_ARTICLES
    seed: int = 0
    families: tuple[str, ...] = FAMILIES
    examples: int = 3  # of misses and false alarms kept per family


@dataclass(frozen=True)
class KindMetrics:
    kind: str
    faults: int
    detected: int  # faults some finding of the family matches
    fixed: int  # faults an applied fix repairs
    recall: float | None
    fixed_recall: float | None


@dataclass(frozen=True)
class FaultOutcomes:
    """What every detector run on a family's faults does to them, whatever family the detector is of.

    A finding is *on* a fault when its span overlaps the fault's region; it is *right* when it is a change that
    gives the gold correction. A fault is found (a finding on it), rightly suggested (a right finding), fixed (an
    applied right fix) or harmed (an applied change on it that is not right).
    """

    faults: int
    found: int
    suggested: int
    fixed: int
    harmed: int
    applied: int  # applied changes on a fault of the family
    applied_right: int
    applied_precision: float | None
    found_share: float | None
    suggested_share: float | None


@dataclass(frozen=True)
class FamilyMetrics:
    family: str
    group: str  # the group of families it is injected with (inject.GROUPS)
    detected_by: str | None  # the detector family scored against it (inject.DETECTED_BY); None: no detector yet
    detectors: tuple[str, ...]
    automatic: bool  # its detectors made automatic-safe fixes in this run
    faults: int
    detected: int
    fixed: int
    findings: int  # on the faulty text, less those the clean text has too
    matched: int
    false_positives: int
    fp_with_fault: int  # in a paragraph carrying a fault of the family: wrong fixes, rival readings
    fp_collateral: int  # in a paragraph carrying another family's fault
    fp_elsewhere: int  # in text no fault touched
    applied: int  # applied fixes among the findings
    applied_matched: int
    auto_safe: int  # findings with ``applies`` set, before contested spans are resolved
    auto_safe_matched: int
    precision: float | None
    recall: float | None
    f05: float | None
    applied_precision: float | None
    fixed_recall: float | None
    kinds: tuple[KindMetrics, ...]
    outcomes: FaultOutcomes  # what every detector run on the faults does to them


@dataclass(frozen=True)
class DetectorAlarms:
    detector: str
    family: str
    findings: int
    per_10k_chars: float
    changes: int  # applied fixes it makes to the clean text


@dataclass(frozen=True)
class CleanControl:
    chars: int
    findings: int
    per_10k_chars: float
    changes: int
    cer_after_fixes: float
    by_detector: tuple[DetectorAlarms, ...]


@dataclass(frozen=True)
class Cer:
    before: float
    after: float


@dataclass(frozen=True)
class GroupCer:
    group: str
    articles: int
    faults: int
    cer: Cer


@dataclass(frozen=True)
class TargetCheck:
    name: str
    goal: str
    value: float | int | None
    met: bool


@dataclass(frozen=True)
class Example:
    what: Literal["miss", "false_positive", "clean_false_alarm", "harm"]
    family: str
    article: str
    detector: str | None
    context: str  # the text around it, the span in 【】, a line break shown as ⏎
    note: str


@dataclass(frozen=True)
class EvalReport:
    options: EvalOptions
    articles: int
    clean_chars: int
    faults: int
    detectors: tuple[str, ...]
    undetected_families: tuple[str, ...]  # families with faults but no registered detector
    families: tuple[FamilyMetrics, ...]
    applied: int
    applied_matched: int
    applied_precision: float | None
    clean: CleanControl
    cer: Cer  # of the first group (the classic one unless only real-OCR families were asked for)
    cer_by_group: tuple[GroupCer, ...]
    injection: InjectionStats
    targets: tuple[TargetCheck, ...]
    examples: tuple[Example, ...]
    seconds: float = field(compare=False)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ArticleRun:
    """One article's findings: judged on the faulty text, raw on the clean text, and what each would apply."""

    article: EvalArticle
    judged: tuple[Judged, ...]
    clean_findings: tuple[Finding, ...]
    clean_applied: tuple[Finding, ...]


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def f_beta(precision: float | None, recall: float | None, beta: float = BETA) -> float | None:
    if precision is None or recall is None:
        return None
    if precision == 0 and recall == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


def chars(article: RawArticle) -> int:
    return sum(len(article.fields.get(f) or "") for f in ARTICLE_TEXT_FIELDS)


def _article_run(article: EvalArticle, findings: list[Finding], clean_findings: list[Finding]) -> ArticleRun:
    judged = judge(article.faulty, article.faults, findings, clean_findings)
    clean_applied = choose_applied(clean_findings)
    return ArticleRun(
        article,
        tuple(judged),
        tuple(clean_findings),
        tuple(f for i, f in enumerate(clean_findings) if i in clean_applied),
    )


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    shown = text[max(0, start - width) : start] + "【" + text[start:end] + "】" + text[end : end + width]
    return shown.replace("\n", "⏎")


def group_of(family: str) -> str:
    return next(group for group, members in GROUPS.items() if family in members)


def fault_outcomes(family: str, runs: Sequence[ArticleRun]) -> FaultOutcomes:
    faults = found = suggested = fixed = harmed = applied = applied_right = 0
    for run in runs:
        for g in run.article.faults:
            if g.family != family:
                continue
            text = run.article.faulty.fields.get(g.field) or ""
            faults += 1
            on = [
                j
                for j in run.judged
                if j.finding.field == g.field and overlaps(j.finding.start, j.finding.end, g.region_start, g.region_end)
            ]
            right = [j.finding.after is not None and same_result(text, j.finding, g) for j in on]
            changes = [(j, r) for j, r in zip(on, right, strict=True) if j.applied and j.finding.after is not None]
            found += bool(on)
            suggested += any(right)
            fixed += any(r for _, r in changes)
            harmed += any(not r for _, r in changes)
            applied += len(changes)
            applied_right += sum(1 for _, r in changes if r)
    return FaultOutcomes(
        faults,
        found,
        suggested,
        fixed,
        harmed,
        applied,
        applied_right,
        ratio(applied_right, applied),
        ratio(found, faults),
        ratio(suggested, faults),
    )


def _family_metrics(family: str, detectors: Sequence[Detector], runs: Sequence[ArticleRun]) -> FamilyMetrics:
    group = group_of(family)
    runs = [run for run in runs if run.article.group == group]
    ids = tuple(d.id for d in detectors if DETECTED_BY[family] is not None and d.family == DETECTED_BY[family])
    faults = [(run, n, g) for run in runs for n, g in enumerate(run.article.faults) if g.family == family]
    judged = [j for run in runs for j in run.judged if j.family == family and j.verdict != "clean"]
    detected: set[tuple[str, int]] = set()
    fixed: set[tuple[str, int]] = set()
    for run in runs:
        for j in run.judged:
            if j.family == family and j.fault is not None:
                detected.add((run.article.faulty.id, j.fault))
                if j.applied:
                    fixed.add((run.article.faulty.id, j.fault))
    kinds = []
    for kind in (k for k in ALL_KINDS if KIND_FAMILY[k] == family):
        of_kind = [(run.article.faulty.id, n) for run, n, g in faults if g.kind == kind]
        hit = sum(1 for f in of_kind if f in detected)
        repaired = sum(1 for f in of_kind if f in fixed)
        kinds.append(
            KindMetrics(kind, len(of_kind), hit, repaired, ratio(hit, len(of_kind)), ratio(repaired, len(of_kind)))
        )
    matched = sum(1 for j in judged if j.verdict == "match")
    applied = [j for j in judged if j.applied]
    applied_matched = sum(1 for j in applied if j.verdict == "match")
    auto_safe = [j for j in judged if j.finding.applies]
    automatic = any(
        f.applies and f.detector in ids for run in runs for f in (*(j.finding for j in run.judged), *run.clean_findings)
    )
    precision = ratio(matched, len(judged))
    recall = ratio(len(detected), len(faults))
    return FamilyMetrics(
        family=family,
        group=group,
        detected_by=DETECTED_BY[family],
        detectors=ids,
        automatic=automatic,
        faults=len(faults),
        detected=len(detected),
        fixed=len(fixed),
        findings=len(judged),
        matched=matched,
        false_positives=sum(1 for j in judged if j.verdict == "false_positive"),
        fp_with_fault=sum(1 for j in judged if j.place == "with_fault"),
        fp_collateral=sum(1 for j in judged if j.place == "collateral"),
        fp_elsewhere=sum(1 for j in judged if j.place == "elsewhere"),
        applied=len(applied),
        applied_matched=applied_matched,
        auto_safe=len(auto_safe),
        auto_safe_matched=sum(1 for j in auto_safe if j.verdict == "match"),
        precision=precision,
        recall=recall,
        f05=f_beta(precision, recall),
        applied_precision=ratio(applied_matched, len(applied)),
        fixed_recall=ratio(len(fixed), len(faults)),
        kinds=tuple(kinds),
        outcomes=fault_outcomes(family, runs),
    )


def _clean_control(detectors: Sequence[Detector], runs: Sequence[ArticleRun]) -> CleanControl:
    size = sum(chars(run.article.clean) for run in runs)
    found = Counter(f.detector for run in runs for f in run.clean_findings)
    changes = Counter(f.detector for run in runs for f in run.clean_applied)
    per_10k = 10_000 / size if size else 0.0
    pairs: list[tuple[str, str]] = []
    for run in runs:
        fixed = fixed_fields(run.article.clean, run.clean_applied)
        pairs.extend((fixed[f], run.article.clean.fields.get(f) or "") for f in ARTICLE_TEXT_FIELDS)
    return CleanControl(
        chars=size,
        findings=sum(found.values()),
        per_10k_chars=sum(found.values()) * per_10k,
        changes=sum(changes.values()),
        cer_after_fixes=cer(pairs),
        by_detector=tuple(
            DetectorAlarms(d.id, d.family, found[d.id], found[d.id] * per_10k, changes[d.id]) for d in detectors
        ),
    )


def _cer(runs: Sequence[ArticleRun]) -> Cer:
    before: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    for run in runs:
        faulty, clean = run.article.faulty, run.article.clean
        fixed = fixed_fields(faulty, [j.finding for j in run.judged if j.applied])
        for f in ARTICLE_TEXT_FIELDS:
            reference = clean.fields.get(f) or ""
            before.append((faulty.fields.get(f) or "", reference))
            after.append((fixed[f], reference))
    return Cer(cer(before), cer(after))


def _examples(families: Sequence[str], runs: Sequence[ArticleRun], per_family: int) -> list[Example]:
    out: list[Example] = []
    for family in families:
        misses: list[Example] = []
        false: list[Example] = []
        alarms: list[Example] = []
        harms: list[Example] = []
        for run in (run for run in runs if run.article.group == group_of(family)):
            faulty = run.article.faulty
            hit = {j.fault for j in run.judged if j.family == family and j.fault is not None}
            for n, g in enumerate(run.article.faults):
                if g.family == family and n not in hit:
                    text = faulty.fields.get(g.field) or ""
                    misses.append(
                        Example("miss", family, faulty.id, None, _context(text, g.start, g.end), f"{g.kind}: {g.note}")
                    )
                if g.family == family:
                    harms.extend(_harms(run, g))
            for j in run.judged:
                if j.family == family and j.verdict == "false_positive":
                    f = j.finding
                    text = faulty.fields.get(f.field) or ""
                    note = f"{'applied ' if j.applied else ''}{f.kind} ({j.place}): "
                    context = _context(text, f.start, f.end)
                    false.append(Example("false_positive", family, faulty.id, f.detector, context, note + f.reason))
            for f in run.clean_findings:
                if scored_family(REGISTRY[f.detector].family) == family:
                    text = run.article.clean.fields.get(f.field) or ""
                    context = _context(text, f.start, f.end)
                    alarms.append(
                        Example("clean_false_alarm", family, faulty.id, f.detector, context, f"{f.kind}: {f.reason}")
                    )
        out.extend(misses[:per_family] + false[:per_family] + alarms[:per_family] + harms[:per_family])
    return out


def _harms(run: ArticleRun, g: GoldFault) -> list[Example]:
    """An applied change on the fault that does not give the gold correction, by any detector."""
    text = run.article.faulty.fields.get(g.field) or ""
    return [
        Example(
            "harm",
            g.family,
            run.article.faulty.id,
            f.detector,
            _context(text, f.start, f.end),
            f"{f.before!r} -> {f.after!r} on {g.kind}: {g.note}",
        )
        for f in (j.finding for j in run.judged if j.applied)
        if f.field == g.field
        and f.after is not None
        and overlaps(f.start, f.end, g.region_start, g.region_end)
        and not same_result(text, f, g)
    ]


def _targets(families: Sequence[FamilyMetrics], applied_precision: float | None, changes: int) -> list[TargetCheck]:
    targets = [
        TargetCheck(
            "precision of applied fixes",
            f">= {TARGET_APPLIED_PRECISION}",
            applied_precision,
            applied_precision is not None and applied_precision >= TARGET_APPLIED_PRECISION,
        ),
        TargetCheck("changes to clean text", "== 0", changes, changes == 0),
    ]
    real = [fm for fm in families if fm.group != "classic"]
    if real:
        harmed = sum(fm.outcomes.harmed for fm in real)
        targets.append(TargetCheck("real-OCR faults an applied change makes worse", "== 0", harmed, harmed == 0))
    for fm in families:
        if fm.automatic:
            targets.append(
                TargetCheck(
                    f"recall of {fm.family} (automatic)",
                    f">= {TARGET_RECALL}",
                    fm.recall,
                    fm.recall is not None and fm.recall >= TARGET_RECALL,
                )
            )
    return targets


def evaluate(articles: Sequence[EvalArticle], detectors: Mapping[str, Sequence[Detector]]) -> list[ArticleRun]:
    """Each article run through the detectors of its group, in the order given; a group's articles are read
    together (``findings_of``), faulty and clean."""
    runs: dict[int, ArticleRun] = {}
    for group in dict.fromkeys(article.group for article in articles):
        members = [i for i, article in enumerate(articles) if article.group == group]
        faulty = findings_of([articles[i].faulty for i in members], detectors[group])
        clean = findings_of([articles[i].clean for i in members], detectors[group])
        for i, findings, clean_findings in zip(members, faulty, clean, strict=True):
            runs[i] = _article_run(articles[i], findings, clean_findings)
    return [runs[i] for i in range(len(articles))]


def _detectors(families: Sequence[str]) -> dict[str, list[Detector]]:
    """The classic group: the detectors of its families asked for; the real-OCR group: every detector."""
    wanted = {DETECTED_BY[f] for f in families}
    return {
        "classic": [d for d in REGISTRY.values() if d.family in wanted],
        "real-ocr": list(REGISTRY.values()),
    }


def run_eval(options: EvalOptions) -> EvalReport:
    started = time.perf_counter()
    unknown = sorted(set(options.families) - set(FAMILIES))
    if unknown:
        raise ValueError(f"unknown fault families: {', '.join(unknown)} (known: {', '.join(FAMILIES)})")
    families = tuple(f for f in FAMILIES if f in options.families)
    by_group = _detectors(families)
    detectors = list({d.id: d for group in by_group.values() for d in group}.values())
    sample = sample_articles(options.articles, options.seed)
    articles = inject(sample, options.seed, families)
    runs = evaluate(articles, by_group)
    metrics = tuple(_family_metrics(family, detectors, runs) for family in families)
    applied = sum(fm.applied for fm in metrics)
    applied_matched = sum(fm.applied_matched for fm in metrics)
    applied_precision = ratio(applied_matched, applied)
    groups = [g for g in GROUPS if any(run.article.group == g for run in runs)]
    first = groups[0]
    clean = _clean_control(by_group[first], [run for run in runs if run.article.group == first])
    all_faults: list[GoldFault] = [g for a in articles for g in a.faults]
    by_cer = [
        GroupCer(
            g,
            sum(1 for a in articles if a.group == g),
            sum(len(a.faults) for a in articles if a.group == g),
            _cer([run for run in runs if run.article.group == g]),
        )
        for g in groups
    ]
    return EvalReport(
        options=options,
        articles=len(sample),
        clean_chars=clean.chars,
        faults=len(all_faults),
        detectors=tuple(d.id for d in detectors),
        undetected_families=tuple(
            f for f in families if not any(d.family == DETECTED_BY[f] for d in REGISTRY.values())
        ),
        families=metrics,
        applied=applied,
        applied_matched=applied_matched,
        applied_precision=applied_precision,
        clean=clean,
        cer=by_cer[0].cer,
        cer_by_group=tuple(by_cer),
        injection=_injection_stats(sample, articles),
        targets=tuple(_targets(metrics, applied_precision, clean.changes)),
        examples=tuple(_examples(families, runs, options.examples)),
        seconds=time.perf_counter() - started,
    )
