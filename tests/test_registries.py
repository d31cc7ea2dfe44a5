"""Registries fail loudly at registration, naming what to do, rather than later and silently."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from types import ModuleType

import pytest

import zhcorpus.annotate
import zhcorpus.checks
import zhcorpus.detect
from zhcorpus.annotate import REGISTRY as ANNOTATORS
from zhcorpus.annotate.base import ArticleText, Mention
from zhcorpus.annotate.base import register as register_annotator
from zhcorpus.checks.base import REGISTRY as CHECKS
from zhcorpus.checks.base import Context
from zhcorpus.checks.base import register as register_check
from zhcorpus.errors import Problem


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


@pytest.mark.parametrize(
    ("package", "registry"),
    [
        (zhcorpus.detect, zhcorpus.detect.REGISTRY),
        (zhcorpus.checks, CHECKS),
        (zhcorpus.annotate, ANNOTATORS),
    ],
    ids=["detectors", "checks", "annotators"],
)
def test_the_package_registers_every_member_its_modules_define(
    package: ModuleType, registry: dict[str, object]
) -> None:
    """A member registers when its module is imported: a module the package's import list forgets would define a
    member that never runs. Importing every module of the package must add none."""
    registered = set(registry)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
        added = set(registry) - registered
        assert not added, f"{package.__name__}.{module.name} registers {sorted(added)}: import it in {package.__name__}"
