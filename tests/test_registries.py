"""Registries fail loudly at registration, naming what to do, rather than later and silently."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import zhcorpus.annotate
import zhcorpus.checks
import zhcorpus.cli
import zhcorpus.detect
from conftest import REPO
from zhcorpus import checkids
from zhcorpus.annotate import REGISTRY as ANNOTATORS
from zhcorpus.annotate.base import ArticleText, Mention
from zhcorpus.annotate.base import register as register_annotator
from zhcorpus.checks.base import REGISTRY as CHECKS
from zhcorpus.checks.base import Context
from zhcorpus.checks.base import register as register_check
from zhcorpus.cli.main import COMMANDS
from zhcorpus.cli.main import parser as cli_parser
from zhcorpus.detect.base import REGISTRY as DETECTORS
from zhcorpus.errors import Problem
from zhcorpus.evaluate.inject import DETECTED_BY, FAMILIES, INJECTORS, KIND_FAMILY, NOT_INJECTED
from zhcorpus.schemas import CONFIG_SCHEMAS, SCHEMA_NAMES
from zhcorpus.sources import CONFIGS


def no_problems(ctx: Context) -> Iterator[Problem]:
    yield from ()


def no_mentions(article: ArticleText) -> Iterator[Mention]:
    yield from ()


def test_a_check_of_no_stage_is_refused_when_registered() -> None:
    """It once made `zhcorpus validate` die with a bare StopIteration."""
    before = dict(CHECKS)
    with pytest.raises(ValueError, match=r"check id spelling\.words@1 starts with no stage .*add its stage there"):
        register_check("spelling.words@1", "a check of a stage nobody placed")(no_problems)
    assert before == CHECKS


def test_annotators_run_in_the_order_of_their_priorities() -> None:
    order = [a.id for a in sorted(ANNOTATORS.values(), key=lambda a: a.priority)]
    assert order == ["annotate.dates@1", "annotate.places@1", "annotate.people@1", "annotate.orgs@1"]


def test_an_annotator_needs_a_priority_of_its_own() -> None:
    """An annotator once had to be named in a list in another module as well, or it never ran."""
    before = dict(ANNOTATORS)
    with pytest.raises(ValueError, match=r"priority 2, as annotate\.places@1 has"):
        register_annotator("annotate.ships@1", ("ORG",), "ships by name", priority=2)(no_mentions)
    assert before == ANNOTATORS


# Run in a fresh interpreter: in the test run every module is already imported (the tests import the modules they
# test), so a module the package's import list forgets would be registered all the same.
_ADDED_BY_MODULES = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
registry = getattr(importlib.import_module(sys.argv[1] + sys.argv[2]), "REGISTRY")
registered = set(registry)
added = {}
for module in pkgutil.iter_modules(package.__path__):
    importlib.import_module(f"{package.__name__}.{module.name}")
    added[module.name] = sorted(set(registry) - registered)
    registered = set(registry)
print(json.dumps({name: ids for name, ids in added.items() if ids}))
"""


@pytest.mark.parametrize(
    ("package", "registry_module"),
    [("zhcorpus.detect", ".base"), ("zhcorpus.checks", ".base"), ("zhcorpus.annotate", ".base")],
    ids=["detectors", "checks", "annotators"],
)
def test_the_package_registers_every_member_its_modules_define(package: str, registry_module: str) -> None:
    """A member registers when its module is imported: a module the package's import list forgets would define a
    member that never runs. In a fresh interpreter, importing every module of the package must add none."""
    ran = subprocess.run(
        [sys.executable, "-c", _ADDED_BY_MODULES, package, registry_module],
        capture_output=True,
        text=True,
        check=True,
    )
    added = json.loads(ran.stdout)
    assert added == {}, f"{package} does not import {sorted(added)}, whose members never run: import it there"


# A versioned problem code written as a string literal: `"stage.name@N"`.
ID_LITERAL = re.compile(r'"[a-z_]+\.[a-z_-]+@[0-9]+"')


def test_check_ids_are_spelt_once_in_checkids() -> None:
    """zhcorpus.checkids holds every check id; a module that writes one out again must import it instead.
    Detectors and annotators name their own ids where they register."""
    package = Path(zhcorpus.checks.__file__).parent.parent
    spelt = [
        p.relative_to(package).as_posix()
        for p in sorted(package.rglob("*.py"))
        if p.name != "checkids.py"
        and not {"detect", "annotate"} & set(p.relative_to(package).parts)
        and ID_LITERAL.search(p.read_text(encoding="utf-8"))
    ]
    assert spelt == [], "use the constant of zhcorpus.checkids (add it there if the id is new)"


def test_every_registered_check_is_in_checkids() -> None:
    known = {v for k, v in vars(checkids).items() if k.isupper()}
    assert sorted(set(CHECKS) - known) == [], "give the check's id a constant in zhcorpus/checkids.py"
    assert len(known) == len([k for k in vars(checkids) if k.isupper()]), "two constants hold one id"


def test_every_fault_kind_has_its_family_and_injector() -> None:
    assert sorted(set(KIND_FAMILY) ^ set(INJECTORS)) == [], (
        "a kind needs KIND_FAMILY and INJECTORS (evaluate/inject.py)"
    )
    assert sorted(set(FAMILIES) ^ set(DETECTED_BY)) == [], "a fault family needs its DETECTED_BY entry"


def test_every_detector_family_is_scored_by_the_harness_or_says_why_not() -> None:
    families = {d.family for d in DETECTORS.values()}
    scored = {f for f in DETECTED_BY.values() if f is not None}
    assert sorted(scored - families) == [], "DETECTED_BY names a detector family nobody registers"
    missing = sorted(families - scored - set(NOT_INJECTED))
    assert missing == [], "map a fault family to it in DETECTED_BY, or say why not in NOT_INJECTED (evaluate/inject.py)"
    assert sorted(set(NOT_INJECTED) & scored) == [], "a family in NOT_INJECTED is scored after all: drop it there"


def test_every_command_module_is_in_commands_and_every_command_runs_something() -> None:
    """A module of zhcorpus.cli with add_parser is a command: its name in COMMANDS, its parser with a help line and
    `set_defaults(run=run)` (without it the command ends in an internal error)."""
    package = Path(zhcorpus.cli.__file__).parent
    defining = {p.stem for p in package.glob("*.py") if "def add_parser(" in p.read_text(encoding="utf-8")}
    assert sorted(defining - set(COMMANDS.values())) == [], "name the command in COMMANDS of zhcorpus/cli/main.py"
    for name, sub, helped in _commands(cli_parser()):
        assert callable(sub.get_default("run")), f"{name}: call p.set_defaults(run=run) in its add_parser"
        assert helped, f"{name}: give its sub.add_parser(...) a help line"


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> Iterator[tuple[str, argparse.ArgumentParser, bool]]:
    """(command line, parser, has a help line) of every command that runs: the leaves below subcommands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helped = {choice.dest for choice in action._choices_actions if choice.help}
            for name, sub in action.choices.items():
                below = list(_commands(sub, f"{prefix}{name} "))
                yield from below or [(f"{prefix}{name}", sub, name in helped)]


def test_every_config_has_its_row_schema_and_every_schema_file_is_loaded() -> None:
    assert sorted(set(CONFIGS) ^ set(CONFIG_SCHEMAS)) == [], "map each config to its row schema in CONFIG_SCHEMAS"
    assert sorted(set(CONFIG_SCHEMAS.values()) - set(SCHEMA_NAMES)) == [], "list the schema in SCHEMA_NAMES"
    files = {p.stem for p in (REPO / "schema").glob("*.json")}
    assert sorted(files ^ set(SCHEMA_NAMES)) == [], "each schema/*.json is named in SCHEMA_NAMES (zhcorpus/schemas.py)"
