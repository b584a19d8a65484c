"""Which app may import which: the layers, and the app graph read from the source.

Each top-level package under ``duluan/`` is an app. An app may import an app of
a lower layer, never one of its own layer or a higher one, so the graph has no
cycle. Every import counts: at module level, inside a function (a lazy import),
under ``if TYPE_CHECKING``; ``tests/`` and ``migrations/`` do not. A higher app
reaches a lower one's events through hooks and registries
(``core.extensions``, ``intake.signals``), never by being imported.

``duluan/core/tests/test_import_graph.py`` checks the graph against the layers
and against the Mermaid picture in ``docs/architecture.md``, which
``scripts/import-graph.py`` writes.
"""

from __future__ import annotations

import ast
from pathlib import Path

# Lowest first.
LAYERS: list[tuple[str, ...]] = [
    ("core",),
    ("org",),
    ("privacy",),
    ("audit",),
    ("notifications",),
    ("jobs",),
    ("intake",),
    ("nlp",),
    ("cases",),
    ("reporting", "surveys", "media", "channels"),
    ("network",),
    ("dashboard", "api"),
    ("demo",),
]

PACKAGE = Path(__file__).resolve().parent.parent  # duluan/
SKIPPED = {"tests", "migrations", "__pycache__"}
BEGIN = "<!-- import-graph:begin (scripts/import-graph.py writes this) -->"
END = "<!-- import-graph:end -->"


def layer_of(app: str) -> int:
    for index, layer in enumerate(LAYERS):
        if app in layer:
            return index
    raise KeyError(app)


def apps(package: Path = PACKAGE) -> list[str]:
    return sorted(p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def _imported(node: ast.AST, module: list[str], is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if not node.level:
            return [node.module or ""]
        base = module if is_package else module[:-1]
        base = base[: len(base) - node.level + 1]
        return [".".join([*base, *([node.module] if node.module else [])])]
    return []


def import_edges(package: Path = PACKAGE) -> dict[tuple[str, str], list[str]]:
    """``(importer, imported) -> files`` over every app's source (relative paths)."""
    known = set(apps(package))
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if len(rel.parts) < 2 or SKIPPED & set(rel.parts[:-1]):
            continue  # duluan/cli.py, duluan/conftest.py: entry points, not an app
        app = rel.parts[0]
        is_package = rel.name == "__init__.py"
        module = [package.name, *rel.with_suffix("").parts]
        if is_package:
            module = module[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for name in _imported(node, module, is_package):
                parts = name.split(".")
                if parts[0] == package.name and len(parts) > 1 and parts[1] in known - {app}:
                    edges.setdefault((app, parts[1]), []).append(str(rel))
    return {edge: sorted(set(files)) for edge, files in sorted(edges.items())}


def cycles(edges: set[tuple[str, str]] | list[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected components of more than one app (Tarjan)."""
    graph: dict[str, list[str]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
        graph.setdefault(b, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def mermaid(edges: set[tuple[str, str]] | list[tuple[str, str]], names: list[str]) -> str:
    """The graph as a Mermaid flowchart: an arrow from the importer to the imported,
    the apps listed by layer (highest first)."""
    lines = ["```mermaid", "flowchart TD"]
    for index in reversed(range(len(LAYERS))):
        for app in LAYERS[index]:
            if app in names:
                lines.append(f"    {app}")
    lines += [f"    {a} --> {b}" for a, b in sorted(edges)]
    lines.append("```")
    return "\n".join(lines)


def docs_block(package: Path = PACKAGE) -> str:
    return f"{BEGIN}\n{mermaid(set(import_edges(package)), apps(package))}\n{END}"
