"""The package's data flow is one way: each subpackage imports only the ones below it.

The order, bottom to top, is the README's flow
``model -> load -> outputs -> render -> site | printed -> pipeline``; ``site`` and ``printed``
are siblings and never import each other. Top-level modules (``paths``) may be imported by
any subpackage; the commands (``cli``, ``pdf_cli``, ``schema``) import from anything and are
imported by nothing.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coalition_kit"

LAYERS: list[set[str]] = [{"model"}, {"load"}, {"outputs"}, {"render"}, {"site", "printed"}, {"pipeline", "fork"}]
LEVEL = {name: level for level, names in enumerate(LAYERS) for name in names}
SHARED_MODULES = {"paths"}
COMMANDS = {"cli", "pdf_cli", "schema"}


def _unit(path: Path) -> str:
    """The subpackage (or top-level module) a file belongs to."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def _imported_units(path: Path) -> set[str]:
    """Every coalition_kit unit a module imports, at any depth of the file (lazy imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, f"{path}: use absolute imports (from coalition_kit.… import …)"
            names = [node.module or ""]
            if node.module == "coalition_kit":
                names = [f"coalition_kit.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "coalition_kit" and len(parts) > 1:
                found.add(parts[1])
    return found


def import_graph() -> dict[str, set[str]]:
    """unit -> the other units it imports."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__init__.py" and path.parent == PACKAGE:
            continue
        unit = _unit(path)
        graph[unit] |= _imported_units(path) - {unit}
        graph.setdefault(unit, set())
    return dict(graph)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle found by depth-first search (enough to name the loops)."""
    found: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        for target in sorted(graph.get(node, ())):
            if target == path[0]:
                found.append(path + [target])
            elif target not in path and target > path[0]:
                visit(target, path + [target])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_every_unit_is_placed_in_the_documented_order() -> None:
    units = set(import_graph())
    unplaced = units - set(LEVEL) - SHARED_MODULES - COMMANDS
    assert not unplaced, f"add these to LAYERS (and the README's flow): {sorted(unplaced)}"


def test_no_import_cycle_between_subpackages() -> None:
    assert _cycles(import_graph()) == []


def test_each_subpackage_imports_only_those_below_it() -> None:
    wrong = []
    for unit, targets in import_graph().items():
        if unit in COMMANDS:
            continue
        for target in targets:
            if target in SHARED_MODULES:
                continue
            if target in COMMANDS or unit in SHARED_MODULES or LEVEL[target] >= LEVEL[unit]:
                wrong.append(f"{unit} imports {target}")
    assert not wrong, "imports against the flow model -> load -> outputs -> render -> site|printed -> pipeline: " \
                      + ", ".join(sorted(wrong))


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("unit", ["pipeline", "site", "printed"])
def test_the_graph_sees_real_imports(unit: str) -> None:
    """Guard against a parser that finds nothing (and so passes everything)."""
    assert import_graph()[unit], unit


def test_nothing_but_the_loader_and_the_site_engine_reads_yaml() -> None:
    """One door to YAML: the loader reads data files; MkDocs' own loader reads mkdocs.yml."""
    readers = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                     if "yaml" in _imported_modules(p))
    assert readers == ["load/yaml_source.py"], readers


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names
