"""The command line from outside: its version, its help, and a reader that goes away (`zhcorpus ... | head`)."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version

from conftest import REPO, run_cli
from zhcorpus.cli.main import DESCRIPTION, EXIT_PIPE


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
