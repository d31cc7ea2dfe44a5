"""Entry point: parse the command line, run the subcommand, turn located errors into messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from zhcorpus.cli import (
    annotate,
    archive,
    bench,
    build,
    correct,
    decide,
    diff,
    fix,
    ingest,
    propose,
    publish,
    release,
    review,
    stats,
    synth,
    validate,
    version,
)
from zhcorpus.cli import eval as eval_cli
from zhcorpus.errors import ZhcorpusError

EXIT_ERROR = 2


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="zhcorpus", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    for module in (
        ingest,
        build,
        validate,
        fix,
        propose,
        review,
        correct,
        decide,
        annotate,
        stats,
        release,
        version,
        diff,
        publish,
        eval_cli,
        synth,
        archive,
        bench,
    ):
        module.add_parser(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except ZhcorpusError as exc:
        for problem in exc.problems():
            print(f"error: {problem.render()}", file=sys.stderr)
        return EXIT_ERROR
    return code


if __name__ == "__main__":
    sys.exit(main())
