"""Options several subcommands share."""

from __future__ import annotations

import argparse
from pathlib import Path

from zhcorpus.sources import CorpusPaths


def add_corpus_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="the dataset folder (default: ./corpus)")


def corpus_paths(args: argparse.Namespace) -> CorpusPaths:
    return CorpusPaths(args.corpus)
