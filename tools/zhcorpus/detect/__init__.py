"""OCR fault detectors, one module a family, each registered under a stable versioned id."""

from __future__ import annotations

from zhcorpus.detect import (  # noqa: F401 - importing a detector module registers it
    charpolicy,
    column_breaks,
    confusable,
    doubled,
    duplicates,
    garbled,
    lookalike,
    quotes,
    repeats,
    stray,
    tokens,
    traditional,
)
from zhcorpus.detect.base import REGISTRY, Detector, Finding, findings_of, known_ids, load_tables
from zhcorpus.detect.speed import throughput

__all__ = ["REGISTRY", "Detector", "Finding", "findings_of", "known_ids", "load_tables", "throughput"]
