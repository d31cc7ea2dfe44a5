"""Every kind a detector gives its findings is one the record schemas accept, so `zhcorpus propose` can file it.

lookalike.char@1 and repeat.span@1 first named kinds of their own (lookalike, repeated_span) that no correction may
carry: proposing them on page A1 wrote a record `validate` refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from zhcorpus.detect import REGISTRY
from zhcorpus.evaluate.clean import sample_articles
from zhcorpus.evaluate.inject import FAMILIES, inject

SCHEMA = Path(__file__).resolve().parent.parent / "schema"


def _kinds(name: str) -> set[str]:
    schema = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
    return set(schema["properties"]["kind"]["enum"])


def test_every_finding_kind_is_a_record_kind() -> None:
    corrections, flags = _kinds("correction.json"), _kinds("flag.json")
    seen: dict[str, set[str]] = {}
    for evaluated in inject(sample_articles(30, 0), 0, FAMILIES):
        for detector in REGISTRY.values():
            for finding in detector.run(evaluated.faulty):
                allowed = flags if finding.is_flag else corrections
                assert finding.kind in allowed, (detector.id, finding.kind, finding.is_flag)
                seen.setdefault(detector.id, set()).add(finding.kind)
    # The sample exercises the detectors that named kinds of their own.
    assert "lookalike.char@1" in seen and "repeat.span@1" in seen and "stray.glyph@1" in seen


def test_every_recorded_finding_kind_is_a_record_kind() -> None:
    """The golden recording holds a finding of every registered detector (tests/test_detect_golden.py), so a new
    detector's kinds are checked here even where the harness sample above gives it nothing to find."""
    corrections, flags = _kinds("correction.json"), _kinds("flag.json")
    golden = Path(__file__).resolve().parent / "fixtures" / "detect-golden.jsonl"
    for line in golden.read_text(encoding="utf-8").splitlines():
        finding = json.loads(line)
        is_flag = finding["after"] is None
        allowed, schema = (flags, "flag.json") if is_flag else (corrections, "correction.json")
        assert finding["kind"] in allowed, (
            f"{finding['detector']} names kind {finding['kind']!r}: use a kind of schema/{schema}'s enum, or add it"
        )
