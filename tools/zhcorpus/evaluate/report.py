"""The evaluation report as a readable text table."""

from __future__ import annotations

from collections.abc import Sequence

from zhcorpus.evaluate.harness import EvalReport, FamilyMetrics, GroupCer, TargetCheck
from zhcorpus.evaluate.pairs import PairsReport


def _num(value: float | int | None, digits: int = 3) -> str:
    if isinstance(value, int):
        return str(value)
    return "—" if value is None else f"{value:.{digits}f}"


def _ratio(fm: FamilyMetrics) -> float | None:
    return fm.auto_safe_matched / fm.auto_safe if fm.auto_safe else None


def _pct(value: float) -> str:
    return f"{100 * value:.2f}%"


_HEAD = (
    f"{'family / fault kind':<24}{'faults':>7}{'found':>7}{'recall':>8}"
    f"{'findings':>10}{'FP':>5}{'(own/other/none)':>18}{'precision':>10}{'F0.5':>7}"
    f"{'applied':>9}{'appl.prec':>10}{'fixed':>7}"
)


def _family_row(fm: FamilyMetrics) -> list[str]:
    split = f"{fm.fp_with_fault}/{fm.fp_collateral}/{fm.fp_elsewhere}"
    name = fm.family + (" (auto)" if fm.automatic else "")
    rows = [
        f"{name:<24}{fm.faults:>7}{fm.detected:>7}{_num(fm.recall):>8}"
        f"{fm.findings:>10}{fm.false_positives:>5}{split:>18}{_num(fm.precision):>10}{_num(fm.f05):>7}"
        f"{fm.applied:>9}{_num(fm.applied_precision):>10}{_num(fm.fixed_recall):>7}"
    ]
    if len(fm.kinds) > 1:
        for k in fm.kinds:
            rows.append(
                f"{'  ' + k.kind:<24}{k.faults:>7}{k.detected:>7}{_num(k.recall):>8}"
                f"{'':>10}{'':>5}{'':>18}{'':>10}{'':>7}{'':>9}{'':>10}{_num(k.fixed_recall):>7}"
            )
    return rows


def render(report: EvalReport) -> str:
    o = report.options
    inj = report.injection
    lines = [
        f"zhcorpus eval: {report.articles} articles (seed {o.seed}) drawn from the People's Daily 1998-01 corpus, "
        f"{report.clean_chars:,} characters, {inj.paragraphs} paragraphs, {report.faults} faults injected",
        f"detectors: {', '.join(report.detectors) or 'none'}",
    ]
    if report.undetected_families:
        lines.append(
            f"no detector registered for: {', '.join(report.undetected_families)} (recall 0 by definition; "
            "inject.DETECTED_BY maps a fault family to its detector family)"
        )
    lines += [
        "",
        _HEAD,
        "-" * len(_HEAD),
    ]
    for fm in report.families:
        lines += _family_row(fm)
    lines += [
        "-" * len(_HEAD),
        f"{'all applied fixes':<24}{'':>7}{'':>7}{'':>8}{'':>10}{'':>5}{'':>18}{'':>10}{'':>7}"
        f"{report.applied:>9}{_num(report.applied_precision):>10}",
        "",
        "found: faults some finding of the family matches; FP: findings on the faulty text that match no fault and "
        "are not on the clean text too,",
        "  split by the paragraph they stand in (own: it has a fault of the family / other: of another family / "
        "none: no fault); applied: automatic-safe",
        "  fixes that win their span; fixed: share of faults an applied fix repairs; (auto): the family made "
        "automatic-safe fixes in this run.",
        "automatic-safe findings before contested spans are resolved: "
        + ", ".join(
            f"{fm.family} {fm.auto_safe} (precision {_num(_ratio(fm))})" for fm in report.families if fm.auto_safe
        ),
        "",
        *_cer_lines(report.cer_by_group),
        "",
        *_outcome_lines(report.families),
        "",
        f"clean control: {report.clean.findings} finding(s) on {report.clean.chars:,} untouched characters "
        f"({report.clean.per_10k_chars:.2f} per 10k), {report.clean.changes} change(s) the applied fixes would make "
        f"(CER {_pct(report.clean.cer_after_fixes)})",
    ]
    for d in report.clean.by_detector:
        lines.append(
            f"  {d.detector:<24}{d.findings:>5} finding(s){d.per_10k_chars:>8.2f} per 10k{d.changes:>5} change(s)"
        )
    share = inj.place_names_injectable / inj.place_names if inj.place_names else 0.0
    lines += [
        "",
        f"place names: {inj.place_names} distinct prefecture/county names in the sample ({inj.place_occurrences} "
        f"occurrences); {inj.place_names_injectable} ({100 * share:.0f}%) have a character in the harness's "
        f"look-alike table; {inj.place_occurrences_injected} damaged",
        "",
        *_target_lines(report.targets),
    ]
    if report.examples:
        lines += ["", "examples:"]
        for e in report.examples:
            by = f" {e.detector}" if e.detector else ""
            lines.append(f"  {e.family:<16}{e.what:<18}{e.article}{by}: {e.context}  -- {e.note}")
    lines += ["", f"{report.seconds:.1f} s"]
    return "\n".join(lines)


def _cer_lines(groups: Sequence[GroupCer]) -> list[str]:
    return [
        f"character error rate vs clean, {g.group} faults ({g.faults} in a copy of the {g.articles} articles): "
        f"before {_pct(g.cer.before)}, after the applied fixes {_pct(g.cer.after)}"
        for g in groups
    ]


def _outcome_lines(families: Sequence[FamilyMetrics]) -> list[str]:
    """What every detector run does on each real-OCR family's faults (the classic families are scored above)."""
    shown = [fm for fm in families if fm.group != "classic"]
    if not shown:
        return []
    head = (
        f"{'real-OCR family':<18}{'detector':>18}{'faults':>8}{'found':>7}{'share':>7}{'right sugg.':>12}"
        f"{'fixed':>7}{'harmed':>8}{'applied':>9}{'appl.prec':>10}"
    )
    lines = [
        "what every detector does on the real-OCR families' faults (found: a finding overlaps the fault; right "
        "sugg.: a change gives the gold; harmed: an applied change on it does not):",
        head,
        "-" * len(head),
    ]
    for fm in shown:
        o = fm.outcomes
        lines.append(
            f"{fm.family:<18}{fm.detected_by or 'none yet':>18}{o.faults:>8}{o.found:>7}{_num(o.found_share):>7}"
            f"{o.suggested:>12}{o.fixed:>7}{o.harmed:>8}{o.applied:>9}{_num(o.applied_precision):>10}"
        )
    return lines


def _target_lines(targets: Sequence[TargetCheck]) -> list[str]:
    """The targets block both reports end with: each target, met or not, with its figure."""
    return ["targets:", *(f"  [{'met' if t.met else 'NOT MET'}] {t.name} {t.goal}: {_num(t.value)}" for t in targets)]


def _share(part: int, value: float | None) -> str:
    return f"{part} ({_num(value)})"


def render_pairs(report: PairsReport) -> str:
    """The real-pairs report: line figures overall, then a table a detector, then harmed lines."""
    header = ", header line skipped" if report.header else ""
    lines = [
        f"zhcorpus eval --pairs {report.path}: format {report.format} ({len(report.columns)} columns: "
        f"{', '.join(report.columns)}{header}), {report.lines} line(s), {report.erroneous} with an error",
        "",
        f"OCR side:   {report.changed} line(s) changed by applied fixes: {report.corrected} corrected exactly, "
        f"{report.harmed} harmed; applied precision {_num(report.applied_precision)}",
        f"            {report.findings} finding(s); erroneous lines with a finding on an error "
        f"{_share(report.found, report.found_share)}, with a right suggestion "
        f"{_share(report.rightly_suggested, report.right_share)}",
        f"clean side: {report.clean_changed} line(s) changed, {report.clean_findings} finding(s) "
        f"({_num(report.clean_findings_per_line)} a line)",
        "",
    ]
    head = (
        f"{'detector':<26}{'findings':>9}{'on error':>9}{'suggest':>8}{'right':>7}{'applied':>8}{'appl.right':>11}"
        f"{'clean find':>11}{'clean chg':>10}"
    )
    lines += [head, "-" * len(head)]
    for d in report.detectors:
        lines.append(
            f"{d.detector:<26}{d.findings:>9}{d.on_error:>9}{d.suggestions:>8}{d.right:>7}{d.applied:>8}"
            f"{d.applied_right:>11}{d.clean_findings:>11}{d.clean_changes:>10}"
        )
    lines += [
        "",
        "on error: the finding's span overlaps a stretch where the OCR line differs from the truth; right: a "
        "suggestion that, applied alone, brings its line closer to the truth (smaller edit distance).",
        "",
        *_target_lines(report.targets),
    ]
    if report.examples:
        lines += ["", "harmed lines (file line: OCR -> after the fixes | truth):"]
        for e in report.examples:
            lines.append(f"  {e.line}: {e.ocr} -> {e.fixed} | {e.correct}  [{', '.join(e.detectors)}]")
    lines += ["", f"{report.seconds:.1f} s"]
    return "\n".join(lines)
