"""The command line from outside: its version, its help, and a reader that goes away (`zhcorpus ... | head`)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version

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


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    """stdout a pipe whose reader is gone, as when `head` has read enough: no traceback, no error line, and the
    exit status a shell gives a program that SIGPIPE stopped. A fresh interpreter: the pipe is its stdout."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        ran = subprocess.run(
            [sys.executable, "-m", "zhcorpus.cli.main", "validate", "--list"],
            cwd=REPO,
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(writer)
    assert ran.returncode == EXIT_PIPE == 141
    assert ran.stderr == ""


def test_every_option_says_what_it_is_for_and_its_default() -> None:
    unexplained = [f"{path} {a.option_strings or a.dest}" for path, a in options(parser()) if not a.help]
    assert unexplained == []
    silent = [
        f"{path} {a.option_strings}"
        for path, a in options(parser())
        if a.option_strings and a.default not in (None, False, argparse.SUPPRESS) and "default" not in (a.help or "")
    ]
    assert silent == [], "an option with a default whose help does not name it"
