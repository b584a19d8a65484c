"""The apps import one another one way: no cycle, only downwards through the layers
of ``duluan/core/layers.py``, and docs/architecture.md shows the graph as it is.

Imports inside functions count (a lazy import is still a dependency); a higher
app reaches a lower one through a registry or a signal instead. When this fails,
the message names the file that imports upwards.
"""

from __future__ import annotations

from pathlib import Path

from duluan.core.layers import (
    BEGIN,
    END,
    LAYERS,
    PACKAGE,
    apps,
    cycles,
    docs_block,
    import_edges,
    layer_of,
)

ROOT = PACKAGE.parent


def test_every_app_has_one_layer() -> None:
    declared = [app for layer in LAYERS for app in layer]
    assert len(declared) == len(set(declared)), "an app is in two layers"
    assert sorted(declared) == apps(), "add the new app to LAYERS in duluan/core/layers.py"


def test_the_app_graph_has_no_cycle() -> None:
    assert cycles(list(import_edges())) == []


def test_apps_import_only_lower_layers() -> None:
    upward = [
        f"{a} -> {b} ({', '.join(files)})"
        for (a, b), files in import_edges().items()
        if layer_of(b) >= layer_of(a)
    ]
    assert upward == [], "imports against the layers of duluan/core/layers.py:\n" + "\n".join(
        upward
    )


def test_the_graph_in_the_docs_is_the_generated_one() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == docs_block(), "run: python scripts/import-graph.py"


def test_lazy_and_relative_imports_are_read(tmp_path: Path) -> None:
    package = tmp_path / "duluan"
    for app in ("low", "high"):
        (package / app / "sub").mkdir(parents=True)
        (package / app / "__init__.py").write_text("")
        (package / app / "sub" / "__init__.py").write_text("")
    (package / "low" / "sub" / "mod.py").write_text(
        "from .. import models\nfrom . import x\n\n"
        "def f():\n    from duluan.high.views import v\n    import duluan.high.models\n"
    )
    (package / "low" / "tests").mkdir()
    (package / "low" / "tests" / "test_x.py").write_text("import duluan.high\n")
    (package / "high" / "sub" / "mod.py").write_text("from ...low import models\n")
    edges = import_edges(package)
    assert edges == {
        ("high", "low"): ["high/sub/mod.py"],
        ("low", "high"): ["low/sub/mod.py"],
    }
    assert cycles(list(edges)) == [["high", "low"]]
