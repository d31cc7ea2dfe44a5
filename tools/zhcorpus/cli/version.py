"""`zhcorpus version [--bump {major,minor,patch}]`: print the version, or start the next one (no tag)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.dataset.history import dated_release, load_releases
from zhcorpus.dataset.semver import PARTS, Version
from zhcorpus.release.cut import set_version
from zhcorpus.sources import read_settings


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "version", help="print the corpus version, or start the next one after the last release and rebuild"
    )
    add_corpus_option(p)
    p.add_argument("--bump", choices=PARTS, help="raise this part of the last released version")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = corpus_paths(args)
    settings = read_settings(paths)
    current = Version.parse(settings.version)
    releases, _ = load_releases(paths)
    last = releases[-1].version if releases else None
    if args.bump is None:
        state = "released" if last == current else "not released yet"
        print(f"{current} ({state}; last release: {last.tag if last else 'none'})")
        return 0
    target = (last or current).bump(args.bump)
    # The version changed by hand may keep the date of the release before it: the next version has none yet.
    stale = settings.published is not None and dated_release(releases, settings.version, settings.published) is None
    if target != current or stale:
        set_version(paths, target)
    print(f"{target}: run `zhcorpus release` to release it", file=sys.stderr)
    return 0
