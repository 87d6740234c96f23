"""Graphviz in WebAssembly (viz-js) as the layout backend in Pyodide, with Pyodide faked."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from autograd import Value
from autograd.viz import GraphvizNotFound, backends, draw_graph, step_through
from autograd.viz.layout.graphviz_program import GraphvizProgram
from autograd.viz.layout.limits import GraphvizTimeout, GraphvizTooLarge
from autograd.viz.layout.wasm import CHEAP_ATTRIBUTES, MAX_NODES, VizJs

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


class JsException(Exception):
    """Pyodide's error for a JavaScript exception (here: wasm out of memory)."""


@pytest.fixture
def pyodide(monkeypatch: pytest.MonkeyPatch) -> FakeViz:
    """Pyodide faked on CPython: ``js``, ``to_js``, and viz-js's instance, already imported."""
    viz = FakeViz()
    fake_modules(
        monkeypatch,
        {
            "js": {"Object": SimpleNamespace(fromEntries=dict)},
            "pyodide": {},
            "pyodide.ffi": {
                "to_js": lambda value, dict_converter: value,
                "JsException": JsException,
            },
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
    total.backward()  # flow's edge labels are the chain-rule terms of computed gradients
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
    fake_modules(
        monkeypatch,
        {  # Pyodide's public name for the folder its lock's wheels are in (the site's)
            "pyodide_js": {"lockfileBaseUrl": "/static/pyodide/"},
            "pyodide": {},
            "pyodide.code": {"run_js": lambda code: run.append(code) or "promise"},
            "pyodide.ffi": {  # the import's promise gives the module, instance() gives viz
                "run_sync": lambda a: (
                    SimpleNamespace(instance=lambda: viz) if a == "promise" else a
                ),
                "can_run_sync": lambda: True,
            },
        },
    )
    backend = VizJs()
    assert backend._instance() is viz and backend._instance() is viz
    assert run == ['import("/static/pyodide/viz.js")']


def chain(nodes: int) -> str:
    """DOT text of a chain of ``nodes`` nodes, a statement a line (as the graphviz package)."""
    statements = [f"\t{i} [label=x]\n" for i in range(nodes)]
    statements += [f"\t{i} -> {i + 1}\n" for i in range(nodes - 1)]
    return "digraph {\n" + "".join(statements) + "}\n"


def test_vizjs_refuses_a_graph_past_its_size_limit_before_layout(pyodide: FakeViz) -> None:
    VizJs().lay_out(chain(MAX_NODES), "svg", timeout=1.0)  # at the limit: laid out
    assert len(pyodide.options) == 1
    with pytest.raises(GraphvizTooLarge) as refused:
        VizJs().lay_out(chain(MAX_NODES + 1), "svg", timeout=86_400.0)
    assert len(pyodide.options) == 1  # refused before viz-js was called
    error = refused.value
    assert (error.nodes, error.edges, error.limit) == (1001, 1000, 1000)
    assert isinstance(error, GraphvizTimeout)  # handled wherever a timeout is
    message = str(error)
    assert "\n" not in message and "1001 nodes and 1000 edges" in message
    assert "cannot be stopped" in message and "smaller max_nodes" in message


def test_vizjs_size_limit_is_its_own(pyodide: FakeViz) -> None:
    with pytest.raises(GraphvizTooLarge, match="at most 10 nodes, and this one has 11"):
        VizJs(max_nodes=10).lay_out(chain(11), "svg", timeout=1.0)


def test_step_through_in_the_browser_refuses_past_the_size_limit(pyodide: FakeViz) -> None:
    x = Value(1.0, label="x")
    y = x
    for _ in range(400):  # 1,201 nodes drawn: x, and a node and a constant per product
        y = y * 1.0
    y.backward()
    before = backends.use(VizJs())
    try:
        with pytest.raises(GraphvizTooLarge, match="this one has 1201 nodes"):
            step_through(y, max_nodes=2000).to_html()
    finally:
        backends.use(before)
    assert pyodide.options == []


def test_vizjs_failing_in_javascript_says_so_and_starts_afresh(
    pyodide: FakeViz, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Any] = []

    class Dying:
        def render(self, source: str, options: dict[str, Any]) -> Any:
            raise JsException("RuntimeError: Aborted(OOM)")

    def instance(self: VizJs) -> Any:
        if self._viz is None:
            self._viz = Dying()
            made.append(self._viz)
        return self._viz

    monkeypatch.setattr(VizJs, "_instance", instance)  # in place of the fixture's
    backend = VizJs()
    for _ in range(2):
        with pytest.raises(ValueError, match=r"failed on a graph of 2 nodes and 1 edges \(.*OOM"):
            backend.lay_out(chain(2), "svg", timeout=1.0)
    assert len(made) == 2  # the broken instance was dropped, not reused


def test_vizjs_in_a_browser_without_jspi_says_which_browsers_draw(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def run_sync(awaitable: object) -> object:
        raise RuntimeError("Cannot stack switch")  # what Pyodide raises without JSPI

    fake_modules(
        monkeypatch,
        {
            "pyodide_js": {"lockfileBaseUrl": "/static/pyodide/"},
            "pyodide": {},
            "pyodide.code": {"run_js": lambda code: "promise"},
            "pyodide.ffi": {"run_sync": run_sync, "can_run_sync": lambda: False},
        },
    )
    with pytest.raises(GraphvizNotFound, match=r"^pictures .*\(JSPI\).*Chrome or Edge 137[^\n]*$"):
        VizJs().lay_out("digraph { a }", "svg", timeout=1.0)


def test_the_cli_says_a_size_refusal_as_it_is_not_as_a_timeout() -> None:
    from autograd.cli.draw import _graphviz_trouble

    refused = GraphvizTooLarge(1200, 1800, 1000, "viz-js", "2,003 nodes took 31 s")
    assert _graphviz_trouble(refused) == str(refused)
    assert "stopped after" not in _graphviz_trouble(refused)
    assert "--timeout 2" in _graphviz_trouble(GraphvizTimeout(8, 9, 0.5))
