"""The architecture holds (docs/architecture.md): the import contracts in pyproject.toml are
kept, each of them fails on a deliberate violation, no two modules import each other, and no
module grows past 400 lines."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import grimp
import importlinter.api  # noqa: F401 - configures import-linter's settings, as lint-imports does
import pytest
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.layers import LayersContract

from tests.architecture.contracts import PublicApiContract

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
CONTRACT_TYPES = {
    "layers": LayersContract,
    "public_api": PublicApiContract,
    "acyclic_siblings": AcyclicSiblingsContract,
}
MAX_LINES = 400


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("engage")


def contract(contract_id: str):
    options = next(c for c in CONFIG["contracts"] if c["id"] == contract_id)
    return CONTRACT_TYPES[options["type"]](
        name=options["name"],
        session_options={"root_packages": ["engage"]},
        contract_options={k: v for k, v in options.items() if k not in ("id", "name", "type")},
    )


@pytest.mark.parametrize("contract_id", [c["id"] for c in CONFIG["contracts"]])
def test_each_contract_is_kept(graph, contract_id):
    check = contract(contract_id).check(copy.deepcopy(graph), verbose=False)
    assert check.kept, f"{contract_id} is broken: {check.metadata}"


@pytest.mark.parametrize(
    ("contract_id", "importer", "imported"),
    [
        # core imports no feature
        ("layers", "engage.core.db", "engage.recruitment.models"),
        # shared domain packages import no feature
        ("layers", "engage.monitoring.services", "engage.panels.api"),
        # accounts tells others about events instead of importing them
        ("layers", "engage.accounts.routes", "engage.recruitment.api"),
        # a feature reaches another only through its api module
        ("public-api", "engage.recruitment.decide.services", "engage.panels.models"),
        ("public-api", "engage.panels.services", "engage.accounts.roles"),
        # no two stages of a feature import each other
        (
            "no-cycles-between-packages",
            "engage.recruitment.manage.services",
            "engage.recruitment.report.services",
        ),
    ],
)
def test_a_deliberate_violation_breaks_the_contract(graph, contract_id, importer, imported):
    broken = copy.deepcopy(graph)
    broken.add_import(importer=importer, imported=imported, line_number=1, line_contents="x")
    if contract_id == "no-cycles-between-packages":  # a cycle needs the other direction too
        broken.add_import(importer=imported, imported=importer, line_number=1, line_contents="x")
    assert not contract(contract_id).check(broken, verbose=False).kept


def strongly_connected(graph: grimp.ImportGraph) -> list[list[str]]:
    """Groups of two or more modules that import each other, directly or through others."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's algorithm
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_two_modules_import_each_other(graph):
    assert strongly_connected(graph) == []


def test_the_cycle_check_finds_a_cycle(graph):
    broken = copy.deepcopy(graph)
    broken.add_import(importer="engage.core.db", imported="engage.core.audit")
    broken.add_import(importer="engage.core.audit", imported="engage.core.db")
    assert ["engage.core.audit", "engage.core.db"] in strongly_connected(broken)


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "engage").rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}, f"Split these by job (no file over {MAX_LINES} lines): {long}"
