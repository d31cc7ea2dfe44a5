"""Entry point: parse the command line, run the subcommand, turn located errors into messages and exit codes."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from zhcorpus.charpolicy import escaped
from zhcorpus.errors import ZhcorpusError

EXIT_ERROR = 2
EXIT_BUG = 3


# Each command, in the order of the help, and the module of zhcorpus.cli that defines it. A run imports only the
# module of its command: `zhcorpus archive build` pays nothing for the corpus build's card (datasets) or the
# annotators. The help, or a name that is no command, imports them all.
COMMANDS = {
    "ingest": "ingest",
    "build": "build",
    "validate": "validate",
    "fix": "fix",
    "propose": "propose",
    "review": "review",
    "correct": "correct",
    "accept": "decide",
    "reject": "decide",
    "resolve": "decide",
    "annotate": "annotate",
    "stats": "stats",
    "release": "release",
    "version": "version",
    "diff": "diff",
    "publish": "publish",
    "eval": "eval",
    "synth": "synth",
    "archive": "archive",
    "bench": "bench",
}


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line of one command (what usage and errors show is the same), or of every command."""
    top = argparse.ArgumentParser(prog="zhcorpus", description=__doc__)
    one = COMMANDS.get(command or "")
    # With one command defined, the usage an error shows still lists every command, as argparse writes it.
    shown = None if one is None else "{" + ",".join(COMMANDS) + "}"
    sub = top.add_subparsers(dest="command", required=True, metavar=shown)
    modules = list(dict.fromkeys(COMMANDS.values())) if one is None else [one]
    for module in modules:
        importlib.import_module(f"zhcorpus.cli.{module}").add_parser(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    # The top parser has no option but --help: a first word that is no option names the command.
    command = words[0] if words and not words[0].startswith("-") else None
    args = parser(command).parse_args(words)
    try:
        code: int = args.run(args)
    except ZhcorpusError as exc:
        for problem in exc.problems():
            print(f"error: {escaped(problem.render())}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # a read or write no module turned into a located error: still the user's to fix
        where = exc.filename if isinstance(exc.filename, str) else f"zhcorpus {args.command}"
        print(f"error: {where}: [io.error] {exc.strerror or exc}; fix the cause and run it again", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        if os.environ.get("ZHCORPUS_DEBUG"):
            raise
        print(
            f"error: zhcorpus {args.command}: [internal.bug] {type(exc).__name__}: {exc}; this is a bug: report it "
            "with the command line (ZHCORPUS_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_BUG
    return code


if __name__ == "__main__":
    sys.exit(main())
