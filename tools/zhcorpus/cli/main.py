"""Entry point: parse the command line, run the subcommand, turn located errors into messages and exit codes."""

from __future__ import annotations

import argparse
import importlib
import io
import os
import signal
import sys
from collections.abc import Sequence
from importlib.metadata import version

from zhcorpus.charpolicy import escaped
from zhcorpus.errors import ZhcorpusError

EXIT_ERROR = 2
EXIT_BUG = 3
# What a shell reports for a program that a closed pipe stopped (`zhcorpus validate --list | head`).
EXIT_PIPE = 128 + signal.SIGPIPE
DESCRIPTION = (
    "Build, check, correct and publish an annotated corpus of OCR'd newspaper pages, and archives of pages at "
    "scale. `zhcorpus COMMAND --help` tells what a command does."
)


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
    top = argparse.ArgumentParser(prog="zhcorpus", description=DESCRIPTION)
    top.add_argument("--version", action="version", version=f"%(prog)s {version('zhcorpus')}")
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
    # The top parser has no option but --help and --version: a first word that is no option names the command.
    command = words[0] if words and not words[0].startswith("-") else None
    args = parser(command).parse_args(words)
    try:
        code: int = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
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


def _quiet_stdout() -> None:
    """The reader of stdout went away: what is still buffered goes nowhere, so that the flush at exit does not
    raise again (and print a traceback) on the closed pipe."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, io.UnsupportedOperation):  # stdout replaced by an object with no descriptor
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
