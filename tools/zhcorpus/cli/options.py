"""Options several subcommands share."""

from __future__ import annotations

import argparse
from pathlib import Path

from zhcorpus.sources import CorpusPaths


def add_corpus_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="the dataset folder (default: ./corpus)")


def add_format_option(p: argparse.ArgumentParser, forms: dict[str, str]) -> None:
    """``--format``: each form (the first the default) with what it writes, as the commands' help shows it."""
    described = "; ".join(f"{name}: {what}" for name, what in forms.items())
    p.add_argument(
        "--format", choices=tuple(forms), default=next(iter(forms)), help=described + " (default: %(default)s)"
    )


def corpus_paths(args: argparse.Namespace) -> CorpusPaths:
    return CorpusPaths(args.corpus)


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def unit_interval(value: str) -> float:
    """An argparse type: a number from 0 to 1 (a confidence)."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is no number: give one from 0 to 1") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is outside 0 to 1: give a confidence from 0 to 1")
    return number
