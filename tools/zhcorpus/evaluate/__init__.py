"""`zhcorpus eval`: faults of every family injected into clean newspaper text, the detectors scored on them.

Pipeline, one module a step: ``clean`` (articles from the People's Daily 1998-01 corpus), ``inject`` (faults with
their gold corrections), ``score`` (findings judged against the gold), ``harness`` (metrics), ``report`` (text).
"""

from __future__ import annotations

from zhcorpus.evaluate.harness import EvalOptions, EvalReport, run_eval
from zhcorpus.evaluate.inject import FAMILIES, KIND_FAMILY

__all__ = ["FAMILIES", "KIND_FAMILY", "EvalOptions", "EvalReport", "run_eval"]
