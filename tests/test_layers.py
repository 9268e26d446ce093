# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Imports point down only and form no circle, TYPE_CHECKING and lazy imports included."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "openresponses_min"
LAYERS = [  # lowest first: {group: the first path components in it}
    {"leaf": {"_version"}},
    {"model": {"_model", "errors", "events", "response"}},  # the data modules are public
    {"wire": {"_wire"}},
    {"core": {"_core"}},
    {"sync": {"_sync"}, "asyncio": {"_asyncio"}},  # groups of one layer ignore each other
    {"face": {"__init__", "__main__", "_generate", "_mock", "cli", "mock", "tools"}},
]
BY_NAME = {"__import__", "import_module"}  # only where this test knows what they import
WHERE = {n: (rank, g) for rank, gs in enumerate(LAYERS) for g, ns in gs.items() for n in ns}


def imports() -> dict[str, dict[str, int]]:
    """{module: {module it imports: line}}, each named by its path in the package."""
    graph: dict[str, dict[str, int]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        *package, stem = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(package if stem == "__init__" and package else [*package, stem])
        found = graph[name] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1]
                base += node.module.split(".") if node.module else []
                for alias in node.names:  # `from . import x` imports the module x
                    sub = PACKAGE.joinpath(*base, alias.name)
                    is_module = sub.with_suffix(".py").is_file() or sub.is_dir()
                    target = [*base, alias.name] if is_module else base
                    found[".".join(target) or "__init__"] = node.lineno
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in BY_NAME:
                assert name in {"__init__", "_generate"}, f"{name}:{node.lineno}: import by name"
    return graph


def test_every_module_has_a_layer() -> None:
    assert not {name.split(".")[0] for name in imports()} - set(WHERE)


def test_the_folders_import_nothing_themselves() -> None:
    # Importing the package must import only what it uses: a folder's __init__ that
    # re-exported its modules would load them all at the first import of any one.
    for init in PACKAGE.glob("*/__init__.py"):
        body = ast.parse(init.read_text(encoding="utf-8")).body
        assert all(isinstance(node, ast.Expr) for node in body), init.parent.name


def test_imports_point_down() -> None:
    wrong = []
    for name, found in imports().items():
        for target, line in found.items():
            mine, my_group = WHERE[name.split(".")[0]]
            theirs, their_group = WHERE[target.split(".")[0]]
            if theirs > mine or (theirs == mine and their_group != my_group):
                wrong.append(f"{name}:{line} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_circle() -> None:
    graph, done, path = imports(), set(), list[str]()

    def visit(name: str) -> None:
        assert name not in path, " -> ".join([*path[path.index(name) :], name])
        if name not in done:
            path.append(name)
            for target in sorted(graph.get(name, ())):
                visit(target)
            path.pop()
            done.add(name)

    for name in sorted(graph):
        visit(name)
