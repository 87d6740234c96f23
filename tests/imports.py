"""The import graph of the project's packages, read from their source.

Every ``import`` and ``from ... import`` counts, at module level or inside a
function (a late import is still a dependency), except those under
``if TYPE_CHECKING:``, which never run. ``from package import name`` leads to
the module that defines ``name`` when the package's ``__init__`` only
re-exports it, so a re-export hides no edge.

>>> from pathlib import Path
>>> graph = import_graph(Path(__file__).parent.parent, ("autograd",))
>>> graph["autograd.gradcheck"]["autograd.differences"].late
False
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edge:
    """One module importing another: the first line that does, and whether it runs late."""

    line: int
    late: bool  # inside a function: runs when called, not when the module loads


Graph = dict[str, dict[str, Edge]]


def modules(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file under the packages."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def import_graph(root: Path, packages: Iterable[str]) -> Graph:
    """``{importer: {imported: Edge}}`` over the packages' own modules."""
    files = modules(root, packages)
    trees = {name: ast.parse(path.read_text(), str(path)) for name, path in files.items()}
    exports = {name: _reexports(name, files, trees[name]) for name in files}

    def target(source: str, name: str) -> str | None:
        for _ in range(5):  # a re-export of a re-export, a few levels at most
            if f"{source}.{name}" in files:
                return f"{source}.{name}"
            if source not in exports or name not in exports[source]:
                break
            source = exports[source][name]
        return source if source in files else None

    graph: Graph = {}
    for name, tree in trees.items():
        edges: dict[str, Edge] = {}
        for node, late in _imports(tree):
            if isinstance(node, ast.Import):
                found = [a.name for a in node.names if a.name in files]
            else:
                source = _absolute(name, files[name], node)
                found = [t for a in node.names if (t := target(source, a.name))]
            for imported in found:
                if imported != name and (imported not in edges or edges[imported].late):
                    edges[imported] = Edge(node.lineno, late)
        graph[name] = edges
    return graph


def circles(graph: Graph) -> list[list[str]]:
    """The strongly connected groups of two or more modules (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, {})))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
    return found


def _imports(tree: ast.Module) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement that can run, and whether it is inside a function."""
    found = []
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, late = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append((node, late))
            continue
        if isinstance(node, ast.If) and _type_checking(node.test):
            stack.extend((child, late) for child in node.orelse)
            continue
        inner = late or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))
    return found


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _absolute(name: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _reexports(name: str, files: dict[str, Path], tree: ast.Module) -> dict[str, str]:
    """For a package: the names its ``__init__`` imports at top level, and from where."""
    if files[name].name != "__init__.py":
        return {}
    found = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            source = _absolute(name, files[name], node)
            for alias in node.names:
                found[alias.asname or alias.name] = source
    return found


def outside_imports(path: Path) -> set[str]:
    """The top-level package of every absolute import in a file, at any depth (late ones too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found
