"""The import graph of linter/: no cycles, and each pipeline stage imports only the stages before it.

Every import counts, at the top of a module or inside a function, except those under
``if TYPE_CHECKING:`` (annotations only).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "linter"


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(name: str) -> set[str]:
    """The linter modules ``name`` imports: ``from a import b`` is a.b if that is a module, else a."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                out.update(a.name for a in child.names if a.name in MODULES)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join(parts + ([child.module] if child.module else []))
                for a in child.names:
                    full = f"{base}.{a.name}"
                    out.add(full if full in MODULES else base)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    out.discard(name)
    return {m for m in out if m in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


GRAPH = {name: imports(name) for name in MODULES}


def test_the_graph_is_read() -> None:
    assert len(GRAPH) > 90
    assert {"linter.checks.bindings", "linter.checks.localize", "linter.ruleset.expr"} <= GRAPH[
        "linter.checks.relations"
    ]
    assert "linter.run.check" in GRAPH["linter.run.pool"] and "linter.checks.equation" in GRAPH["linter.checks"]


def test_no_import_cycles() -> None:
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# What a stage must not import: the stages after it, and for readers whatever knows the regulation.
FORBIDDEN = {
    "linter.readers": (
        "linter.recognise",
        "linter.ruleset",
        "linter.checks",
        "linter.engine",
        "linter.run",
        "linter.config.configuration",
        "linter.reporters",
        "linter.annotate",
        "linter.serve",
    ),
    "linter.recognise": (
        "linter.readers",
        "linter.checks",
        "linter.engine",
        "linter.run",
        "linter.reporters",
        "linter.annotate",
        "linter.serve",
    ),
    "linter.ruleset": (
        "linter.readers",
        "linter.recognise",
        "linter.checks",
        "linter.engine",
        "linter.run",
        "linter.reporters",
        "linter.annotate",
        "linter.serve",
    ),
    "linter.checks": (
        "linter.readers",
        "linter.engine",
        "linter.run",
        "linter.reporters",
        "linter.annotate",
        "linter.serve",
    ),
    "linter.engine": ("linter.readers", "linter.run", "linter.reporters", "linter.annotate", "linter.serve"),
    "linter.i18n": ("linter.config",),
    "linter.verdict": ("linter.run",),
    "linter.model": ("linter.readers", "linter.recognise", "linter.ruleset"),
}


# The one edge against the stage order: a rule set is compiled by its checks' kinds (each reads and
# compiles its own parameters), so the loader reads the kinds' registry. The kinds import only the
# rule set's specs, its parameter reader and expression language, never the loader.
ALLOWED = {("linter.ruleset.loader", "linter.checks")}


def test_the_kinds_know_the_rule_set_specs_not_its_loader() -> None:
    assert (
        sorted(
            (name, dep)
            for name, deps in GRAPH.items()
            if _within(name, "linter.checks") or _within(name, "linter.recognise")
            for dep in deps
            if dep == "linter.ruleset.loader"
        )
        == []
    )


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_each_stage_imports_only_the_stages_before_it() -> None:
    leaks = sorted(
        (name, dep)
        for name, deps in GRAPH.items()
        for stage, banned in FORBIDDEN.items()
        if _within(name, stage)
        for dep in deps
        if any(_within(dep, b) for b in banned) and (name, dep) not in ALLOWED
    )
    assert leaks == []


def test_one_reader_does_not_reach_into_another() -> None:
    """The readers share readers/*.py and the text reader's decoding of bytes (HTML is text too),
    not each other's modules."""
    formats = ("docx", "html", "pdf", "text")
    shared = {"linter.readers.text.decode"}
    leaks = []
    for name, deps in GRAPH.items():
        own = next((f for f in formats if _within(name, f"linter.readers.{f}")), None)
        if own is None:
            continue
        leaks += [(name, d) for d in deps - shared for f in formats if f != own and _within(d, f"linter.readers.{f}")]
    assert leaks == []
