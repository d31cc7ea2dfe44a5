"""Entry point: parse the command line, run the subcommand, turn located errors into messages and exit codes."""

from __future__ import annotations

import argparse
import importlib
import io
import os
import select
import signal
import sys
from collections.abc import Sequence
from importlib.metadata import version

from zhcorpus.errors import ZhcorpusError
from zhcorpus.text.charpolicy import escaped

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
    try:
        args = parser(command).parse_args(words)
    except SystemExit as exc:  # --help, --version or a usage error: argparse has written what it had to say
        if not isinstance(exc.code, int):
            raise
        return _flushed(exc.code)
    try:
        code: int = args.run(args)
    except BrokenPipeError as exc:
        if _stdout_broken():
            _quiet_stdout()
            return EXIT_PIPE
        code = _io_error(exc, args.command)  # a pipe of the command's own (a child process's), not stdout
    except ZhcorpusError as exc:
        for problem in exc.problems():
            print(f"error: {escaped(problem.render())}", file=sys.stderr)
        code = EXIT_ERROR
    except OSError as exc:  # a read or write no module turned into a located error: still the user's to fix
        code = _io_error(exc, args.command)
    except Exception as exc:
        if os.environ.get("ZHCORPUS_DEBUG"):
            raise
        print(
            f"error: zhcorpus {args.command}: [internal.bug] {type(exc).__name__}: {exc}; this is a bug: report it "
            "with the command line (ZHCORPUS_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        code = EXIT_BUG
    return _flushed(code)


def _io_error(exc: OSError, command: str) -> int:
    where = exc.filename if isinstance(exc.filename, str) else f"zhcorpus {command}"
    print(f"error: {where}: [io.error] {exc.strerror or exc}; fix the cause and run it again", file=sys.stderr)
    return EXIT_ERROR


def _flushed(code: int) -> int:
    """``code``, once what is buffered for stdout is written: here, where a reader that went away (`| head`) is
    caught, not at exit, where Python would print a traceback and exit 120. A failure keeps its own code."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE if code == 0 else code
    return code


def _stdout_descriptor() -> int | None:
    try:
        return sys.stdout.fileno()
    except (AttributeError, io.UnsupportedOperation):  # stdout replaced by an object with no descriptor
        return None


def _stdout_broken() -> bool:
    """Whether stdout is a pipe whose reader has gone: poll reports an error on its descriptor."""
    descriptor = _stdout_descriptor()
    if descriptor is None:
        return False
    poller = select.poll()
    poller.register(descriptor, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poller.poll(0))


def _quiet_stdout() -> None:
    """The reader of stdout went away: what is still buffered goes nowhere, so that the flush at exit does not
    raise again (and print a traceback) on the closed pipe."""
    descriptor = _stdout_descriptor()
    if descriptor is None:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
