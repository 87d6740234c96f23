"""The packages' layers depend only downward (see the style guide's "Shape of the code").

- No circle of imports among ``autograd``'s and ``nn``'s modules; a late
  import (inside a function) counts, as it is a dependency all the same.
- No engine module (``autograd`` outside ``autograd.viz``) imports the viz,
  and ``nn``'s models do not import its pictures or widgets.
- The only exceptions are the public names that open a picture or a widget
  from below, listed in :data:`CALL_TIME` with the reason: each is a late
  import, run when the user calls it, never when a module loads.
- ``import autograd, nn`` loads no picture or widget module, nor Graphviz.
- Inside ``autograd.viz`` the folders depend only downward: scene, then layout,
  then views (the web folder holds no Python); the scene runs nothing: no
  Graphviz package, no subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.imports import Graph, circles, import_graph, modules, outside_imports

ROOT = Path(__file__).parent.parent
PACKAGES = ("autograd", "nn")

#: The pictures and widgets: a module counts as one if its name starts with a prefix here.
VIEWS = (
    "autograd.viz",
    "nn.pictures",
    "nn.widgets",
    "nn.demo",
    "autograd.cli",
    "nn.__main__",
)

#: The viz's layers, lowest first: each may import only those before it.
VIZ_LAYERS = ("autograd.viz.scene", "autograd.viz.layout", "autograd.viz.views")
#: What the scene never imports: building a picture's text runs nothing.
SCENE_NEVER = ("graphviz", "subprocess")

#: Upward imports allowed at call time only: (importer, imported) -> why.
CALL_TIME = {
    ("autograd.value", "autograd.viz"): "Value.draw()",
    ("nn", "nn.pictures.draw"): "nn.draw_network, loaded on first use",
    ("nn", "nn.widgets.playground"): "nn.playground, loaded on first use",
    ("nn", "nn.pictures.explain"): "nn.explain, loaded on first use",
    ("nn.module", "nn.pictures.draw"): "Module.draw_network()",
    ("autograd.testing", "autograd.engines"): "check_engine, which builds on expressions()",
}


def _is_view(module: str) -> bool:
    return any(
        module == v or module.startswith(v + ".") or module.startswith(v + "_") for v in VIEWS
    )


def _allowed(importer: str, imported: str) -> bool:
    return any(
        importer == low and (imported == high or imported.startswith(high + "."))
        for low, high in CALL_TIME
    )


@pytest.fixture(scope="module")
def graph() -> Graph:
    return import_graph(ROOT, PACKAGES)


def _without_call_time(graph: Graph) -> Graph:
    return {m: {t: e for t, e in ts.items() if not _allowed(m, t)} for m, ts in graph.items()}


def test_the_reader_finds_a_late_import_and_skips_type_checking_ones(tmp_path: Path) -> None:
    # A circle made only of late imports, and one made through TYPE_CHECKING.
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("def f():\n    from pkg import g\n    return g\n")
    (package / "b.py").write_text("from pkg.a import f\ndef g():\n    return f\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.d import x\n"
    )
    (package / "d.py").write_text("from pkg.c import TYPE_CHECKING as x\n")
    (package / "__init__.py").write_text("from pkg.a import f\nfrom pkg.b import g\n")
    graph = import_graph(tmp_path, ["pkg"])
    assert graph["pkg.a"]["pkg.b"].late  # through the package's re-export of g
    assert not graph["pkg.b"]["pkg.a"].late
    assert "pkg.d" not in graph["pkg.c"]
    assert circles(graph) == [["pkg.a", "pkg.b"]]


def test_no_circle_of_imports(graph: Graph) -> None:
    found = circles(_without_call_time(graph))
    described = [
        ", ".join(f"{m} -> {t} (line {graph[m][t].line})" for m in g for t in g if t in graph[m])
        for g in found
    ]
    assert found == [], "import circles:\n" + "\n".join(described)


def test_the_engine_imports_no_picture_or_widget(graph: Graph) -> None:
    breaches = [
        f"{importer} imports {imported} (line {edge.line})"
        for importer, edges in graph.items()
        if not _is_view(importer)
        for imported, edge in edges.items()
        if _is_view(imported) and not _allowed(importer, imported)
    ]
    assert breaches == []


def test_every_upward_import_runs_at_call_time(graph: Graph) -> None:
    for (importer, imported), why in CALL_TIME.items():
        edges = {t: e for t, e in graph[importer].items() if _allowed(importer, t)}
        assert edges, f"{importer} no longer imports {imported} ({why}): drop it from CALL_TIME"
        early = [f"{t} (line {e.line})" for t, e in edges.items() if not e.late]
        assert early == [], f"{importer} imports {early} when it loads, not when {why} is called"


def test_importing_the_packages_loads_no_picture_widget_or_graphviz() -> None:
    code = "import sys, json, autograd, nn; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.check_output([sys.executable, "-c", code], cwd=ROOT))
    ours = [m for m in loaded if m.split(".")[0] in PACKAGES]
    assert "nn.layers" in ours and "autograd.value" in ours  # the check sees our modules
    assert [m for m in ours if _is_view(m)] == []
    assert [m for m in loaded if m.split(".")[0] in ("graphviz", "matplotlib", "anywidget")] == []


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _layer_breaches(graph: Graph) -> list[str]:
    """Every import, late ones included, from a viz layer into one above it."""
    return [
        f"{importer} imports {imported} (line {edge.line})"
        for k, low in enumerate(VIZ_LAYERS)
        for importer, edges in graph.items()
        if _in(importer, low)
        for imported, edge in edges.items()
        if any(_in(imported, high) for high in VIZ_LAYERS[k + 1 :])
    ]


def test_the_viz_folders_depend_only_downward(graph: Graph) -> None:
    assert any(_in(m, VIZ_LAYERS[0]) for m in graph)  # the check sees the layers
    assert _layer_breaches(graph) == []
    scene = {m: p for m, p in modules(ROOT, PACKAGES).items() if _in(m, VIZ_LAYERS[0])}
    runs = {m: sorted(outside_imports(p) & set(SCENE_NEVER)) for m, p in scene.items()}
    assert {m: found for m, found in runs.items() if found} == {}


def test_the_layer_check_finds_an_upward_or_late_import(tmp_path: Path) -> None:
    viz = tmp_path / "autograd" / "viz"
    for layer in ("scene", "layout", "views"):
        (viz / layer).mkdir(parents=True)
        (viz / layer / "__init__.py").write_text("")
    (tmp_path / "autograd" / "__init__.py").write_text("")
    (viz / "__init__.py").write_text("")
    (viz / "views" / "steps.py").write_text("X = 1\n")
    (viz / "layout" / "svg.py").write_text("from autograd.viz.scene import dot\n")
    (viz / "scene" / "dot.py").write_text(
        "import subprocess\ndef f():\n    from autograd.viz.views.steps import X\n    return X\n"
    )
    graph = import_graph(tmp_path, ["autograd"])
    assert _layer_breaches(graph) == [
        "autograd.viz.scene.dot imports autograd.viz.views.steps (line 3)"
    ]
    assert outside_imports(viz / "scene" / "dot.py") & set(SCENE_NEVER) == {"subprocess"}
