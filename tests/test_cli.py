"""The command line from outside: its version, its help, and a reader that goes away (`zhcorpus ... | head`)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from zhcorpus.cli.main import DESCRIPTION, EXIT_PIPE, parser


def options(top: argparse.ArgumentParser, path: str = "zhcorpus") -> Iterator[tuple[str, argparse.Action]]:
    """Every option and argument of every command (subcommands included), with the command's words."""
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                yield from options(command, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction | argparse._VersionAction):
            yield path, action


def test_version_names_the_installed_package() -> None:
    shown = run_cli("--version")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == f"zhcorpus {version('zhcorpus')}\n"


def test_help_speaks_to_a_user() -> None:
    shown = run_cli("--help")
    assert shown.returncode == 0, shown.stderr
    assert " ".join(DESCRIPTION.split()[:4]) in " ".join(shown.stdout.split())
    assert "Entry point" not in shown.stdout  # the module's docstring is for the code's readers
    assert "--version" in shown.stdout


# A command whose run prints a line and then raises what the test names; run in a fresh interpreter.
FAILING_COMMAND = """
import sys
from zhcorpus.cli import stats
from zhcorpus.cli.main import main
from zhcorpus.errors import Location, ZhcorpusError

def run(args):
    print("printed before it failed")
    raise {raised}

stats.run = run
sys.exit(main(["stats"]))
"""


def closed_pipe_run(*command: str) -> subprocess.CompletedProcess[str]:
    """``command`` with stdout a pipe whose reader is gone, as when `head` has read enough; buffered, as a shell
    runs it (PYTHONUNBUFFERED would hide the flush at exit)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, *command], cwd=REPO, env=env, stdout=writer, stderr=subprocess.PIPE, text=True, check=False
        )
    finally:
        os.close(writer)


@pytest.mark.parametrize("words", [("validate", "--list"), ("--help",), ("--version",), ("bench", "--help")])
def test_a_closed_pipe_ends_the_command_quietly(words: tuple[str, ...]) -> None:
    """No traceback, no error line, and the exit status a shell gives a program that SIGPIPE stopped."""
    ran = closed_pipe_run("-m", "zhcorpus.cli.main", *words)
    assert ran.returncode == EXIT_PIPE == 141
    assert ran.stderr == ""


def test_a_failure_keeps_its_code_when_the_reader_is_gone() -> None:
    raised = 'ZhcorpusError("x.y", Location("f.txt", 3), "broken", "mend it")'
    ran = closed_pipe_run("-c", FAILING_COMMAND.format(raised=raised))
    assert ran.returncode == 2
    assert ran.stderr == "error: f.txt:3: [x.y] broken; mend it\n"


def test_a_broken_pipe_that_is_not_stdout_is_an_error(tmp_path: Path) -> None:
    """A pipe of the command's own (a child process gone) is no reader leaving: an error, and stdout kept."""
    out = tmp_path / "out.txt"
    with out.open("w", encoding="utf-8") as stdout:
        ran = subprocess.run(
            [sys.executable, "-c", FAILING_COMMAND.format(raised="BrokenPipeError(32, 'Broken pipe')")],
            cwd=REPO,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert ran.returncode == 2
    assert "[io.error] Broken pipe" in ran.stderr
    assert out.read_text(encoding="utf-8") == "printed before it failed\n"


def test_every_option_says_what_it_is_for_and_its_default() -> None:
    unexplained = [f"{path} {a.option_strings or a.dest}" for path, a in options(parser()) if not a.help]
    assert unexplained == []
    silent = [
        f"{path} {a.option_strings}"
        for path, a in options(parser())
        if a.option_strings and a.default not in (None, False, argparse.SUPPRESS) and "default" not in (a.help or "")
    ]
    assert silent == [], "an option with a default whose help does not name it"
