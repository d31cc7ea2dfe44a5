"""Options several subcommands share."""

from __future__ import annotations

import argparse
from pathlib import Path

from zhcorpus.sources import CorpusPaths


def add_corpus_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="the dataset folder (default: ./corpus)")


def corpus_paths(args: argparse.Namespace) -> CorpusPaths:
    return CorpusPaths(args.corpus)


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number
