"""Annotators: people and titles, organisations, places with their codes, dates; each under a versioned id."""

from __future__ import annotations

from zhcorpus.annotate import dates, orgs, people, places  # noqa: F401 - importing an annotator registers it
from zhcorpus.annotate.base import REGISTRY, ArticleText, Mention

__all__ = ["REGISTRY", "ArticleText", "Mention"]
