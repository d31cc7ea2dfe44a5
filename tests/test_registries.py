"""Registries fail loudly at registration, naming what to do, rather than later and silently."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import zhcorpus.annotate
import zhcorpus.checks
import zhcorpus.detect
from zhcorpus import checkids
from zhcorpus.annotate import REGISTRY as ANNOTATORS
from zhcorpus.annotate.base import ArticleText, Mention
from zhcorpus.annotate.base import register as register_annotator
from zhcorpus.checks.base import REGISTRY as CHECKS
from zhcorpus.checks.base import Context
from zhcorpus.checks.base import register as register_check
from zhcorpus.detect.base import REGISTRY as DETECTORS
from zhcorpus.errors import Problem
from zhcorpus.evaluate.inject import DETECTED_BY, FAMILIES, INJECTORS, KIND_FAMILY, NOT_INJECTED


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
    assert sorted(set(CHECKS) - known) == []
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
