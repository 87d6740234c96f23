"""Graphviz in WebAssembly (viz-js) as the layout backend in Pyodide, with Pyodide faked."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from autograd import Value
from autograd.viz import GraphvizNotFound, backends, draw_graph
from autograd.viz.layout.graphviz_program import GraphvizProgram
from autograd.viz.layout.wasm import CHEAP_ATTRIBUTES, VizJs

# -- Graphviz in WebAssembly (viz-js), in Pyodide -----------------------------------

#: A warning viz-js gives for the player's "·", and one worth showing.
NO_WIDTH = "Warning: no value for width of non-ASCII character 194. Falling back to space\n"
OTHER = "Warning: a -> b: tail not inside tail cluster\n"


@dataclass
class FakeViz:
    """viz-js's instance as Pyodide shows it to Python: ``render`` keeps its options."""

    status: str = "success"
    options: list[dict[str, Any]] = field(default_factory=list)

    def render(self, source: str, options: dict[str, Any]) -> Any:
        self.options.append(options)
        errors = [SimpleNamespace(level="warning", message=m) for m in (NO_WIDTH, OTHER)]
        output = "<svg/>" if self.status == "success" else None
        return SimpleNamespace(status=self.status, output=output, errors=errors)


def fake_modules(monkeypatch: pytest.MonkeyPatch, fakes: dict[str, dict[str, Any]]) -> None:
    """Modules named in ``fakes``, with those attributes, put in ``sys.modules`` for a test."""
    for name, attributes in fakes.items():
        module = ModuleType(name)
        module.__dict__.update(attributes)
        monkeypatch.setitem(sys.modules, name, module)


@pytest.fixture
def pyodide(monkeypatch: pytest.MonkeyPatch) -> FakeViz:
    """Pyodide faked on CPython: ``js``, ``to_js``, and viz-js's instance, already imported."""
    viz = FakeViz()
    fake_modules(
        monkeypatch,
        {
            "js": {"Object": SimpleNamespace(fromEntries=dict)},
            "pyodide": {},
            "pyodide.ffi": {"to_js": lambda value, dict_converter: value},
        },
    )
    monkeypatch.setattr(VizJs, "_instance", lambda self: viz)
    return viz


def test_pyodide_chooses_graphviz_in_webassembly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert isinstance(backends.default(), VizJs)
    monkeypatch.setattr(sys, "platform", "linux")
    assert backends.default() == GraphvizProgram()


def test_vizjs_refuses_png_in_one_line() -> None:
    with pytest.raises(GraphvizNotFound, match=r"^PNG is not drawn in the browser: [^\n]*$"):
        VizJs().lay_out("digraph { a }", "png:cairo", timeout=1.0)


def test_vizjs_outside_pyodide_says_so() -> None:
    with pytest.raises(GraphvizNotFound, match="viz-js runs only in Pyodide"):
        VizJs().lay_out("digraph { a }", "svg", timeout=1.0)


def test_vizjs_lays_out_with_viz_js_and_shows_its_warnings(
    pyodide: FakeViz, capsys: pytest.CaptureFixture[str]
) -> None:
    viz = pyodide
    assert VizJs().lay_out("digraph { a }", "svg", engine="neato", timeout=1.0) == b"<svg/>"
    assert viz.options == [{"format": "svg", "engine": "neato"}]
    assert capsys.readouterr().err == OTHER  # not the one for each non-ASCII byte
    VizJs().lay_out("digraph { a }", "svg", timeout=1.0, quiet=True)
    assert capsys.readouterr().err == ""


def test_vizjs_gives_a_strained_graph_cheap_settings(pyodide: FakeViz) -> None:
    viz = pyodide
    x = Value(0.5, label="x")
    total = x
    for _ in range(39):
        total = total + x  # 40 terms: 1,572 ms in Chromium, 13 ms with the cheap settings
    VizJs().lay_out(draw_graph(total, flow=True).source, "svg", timeout=1.0)
    assert (
        viz.options[0]["graphAttributes"]
        == CHEAP_ATTRIBUTES
        == {"nslimit": "0", "splines": "line"}
    )


def test_vizjs_raises_graphvizs_messages_when_it_fails(pyodide: FakeViz) -> None:
    pyodide.status = "failure"
    with pytest.raises(ValueError, match=r"could not lay the graph out:\n.*tail not inside"):
        VizJs().lay_out("digraph { a -> }", "svg", timeout=1.0)


def test_vizjs_imports_viz_js_next_to_pyodide_once(monkeypatch: pytest.MonkeyPatch) -> None:
    run: list[str] = []
    viz = FakeViz()
    config = SimpleNamespace(indexURL="/static/pyodide/")  # where Pyodide's runtime is
    fake_modules(
        monkeypatch,
        {
            "pyodide_js": {"_api": SimpleNamespace(config=config)},
            "pyodide": {},
            "pyodide.code": {"run_js": lambda code: run.append(code) or "promise"},
            "pyodide.ffi": {  # the import's promise gives the module, instance() gives viz
                "run_sync": lambda a: (
                    SimpleNamespace(instance=lambda: viz) if a == "promise" else a
                )
            },
        },
    )
    backend = VizJs()
    assert backend._instance() is viz and backend._instance() is viz
    assert run == ['import("/static/pyodide/viz.js")']
