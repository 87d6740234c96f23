"""The Layout layer: one backend, chosen in one place, lays every picture out.

A :class:`~autograd.viz.layout.drawing.Drawing` builds DOT text with a plain
``graphviz.Digraph`` and reads or sets everything else through it; only the
backend chosen with ``backends.use`` turns DOT text into a picture, and only
the Graphviz-program backend runs a program.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import graphviz  # type: ignore[import-untyped]
import pytest

from autograd import Value
from autograd.viz import GraphvizNotFound, GraphvizTimeout, backends, draw_graph, step_through
from autograd.viz.layout.draw import render_bytes, save
from autograd.viz.layout.drawing import Drawing
from autograd.viz.layout.graphviz_program import GraphvizProgram
from tests.imports import outside_imports

ROOT = Path(__file__).parents[3]
#: What the fake backend draws: an SVG with nothing in it, which every reader takes.
EMPTY_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10" width="20pt"></svg>'


@dataclass
class Fake:
    """A backend that lays nothing out: it keeps each call and gives back ``picture``."""

    picture: bytes = EMPTY_SVG
    calls: list[dict[str, Any]] = field(default_factory=list)

    def lay_out(
        self, source: str, fmt: str, *, engine: str = "dot", timeout: float, quiet: bool = False
    ) -> bytes:
        self.calls.append(
            {"source": source, "fmt": fmt, "engine": engine, "timeout": timeout, "quiet": quiet}
        )
        return self.picture


@pytest.fixture
def fake() -> Iterator[Fake]:
    """A :class:`Fake` chosen as the backend for the test, the one before restored after."""
    chosen = Fake()
    before = backends.use(chosen)
    try:
        yield chosen
    finally:
        backends.use(before)


@pytest.fixture
def no_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting any program fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a program was run: {args[:1]}")

    monkeypatch.setattr(subprocess, "Popen", refuse)


def neuron() -> Value:
    x, w = Value(2.0, label="x"), Value(-0.5, label="w")
    o = (x * w + 1.0).tanh()
    o.backward()
    return o


# -- examples: the backend chosen in one place is the one used ------------------


def test_the_default_backend_is_the_graphviz_program() -> None:
    assert backends.current() == GraphvizProgram()  # the program found at each layout


def test_use_returns_the_backend_used_until_then(fake: Fake) -> None:
    assert backends.current() is fake
    other = Fake()
    assert backends.use(other) is fake and backends.current() is other
    assert backends.use(fake) is other


def test_pipe_render_and_display_go_through_the_chosen_backend(
    fake: Fake, no_programs: None, tmp_path: Path
) -> None:
    graph = draw_graph(neuron(), rankdir="LR", timeout=7)  # no layout to choose one
    assert graph.pipe(format="svg") == EMPTY_SVG
    assert graph.pipe(format="svg", encoding="utf-8") == EMPTY_SVG.decode()
    assert fake.calls[0] == {
        "source": graph.source,
        "fmt": "svg",
        "engine": "dot",
        "timeout": 7.0,
        "quiet": False,
    }
    written = graph.render(tmp_path / "g", format="png")
    assert written == os.fspath(tmp_path / "g.png")
    assert (tmp_path / "g.png").read_bytes() == EMPTY_SVG
    assert (tmp_path / "g").read_text() == graph.source  # the DOT text, saved as graphviz does
    assert graph.render(outfile=tmp_path / "h.pdf") == os.fspath(tmp_path / "h.pdf")
    assert (tmp_path / "h.pdf").read_bytes() == EMPTY_SVG
    assert (tmp_path / "h.gv").read_text() == graph.source  # beside it, as graphviz saves it
    bundle = graph._repr_mimebundle_()
    assert bundle["image/svg+xml"] == EMPTY_SVG.decode()
    assert render_bytes(graph, "png", dpi=300) == EMPTY_SVG
    assert "dpi=300" in fake.calls[-1]["source"] and "dpi" not in graph.source
    assert save(graph, tmp_path / "g.svg", "svg").read_bytes() == EMPTY_SVG
    assert [c["fmt"] for c in fake.calls] == ["svg", "svg", "png", "pdf", "svg", "png", "svg"]


def test_pipes_own_options_reach_the_backend(fake: Fake) -> None:
    graph = Drawing(engine="neato", format="png")
    graph.pipe(renderer="cairo", quiet=True, timeout=2.5)
    graph.pipe("svg", engine="circo")
    assert [(c["fmt"], c["engine"], c["timeout"], c["quiet"]) for c in fake.calls] == [
        ("png:cairo", "neato", 2.5, True),
        ("svg", "circo", 60.0, False),
    ]


def test_bad_options_are_refused_before_the_backend_is_called(fake: Fake) -> None:
    graph = Drawing()
    with pytest.raises(ValueError, match="format"):
        graph.pipe(format="nope")
    with pytest.raises(ValueError, match="engine"):
        graph.pipe(format="svg", engine="nope")
    with pytest.raises(ValueError, match="needs a renderer"):
        graph.pipe(format="svg", formatter="core")
    with pytest.raises(ValueError, match=r"timeout must be a number in \(0, 86400\], got 0"):
        graph.pipe(format="svg", timeout=0)
    assert fake.calls == []


def test_every_picture_is_laid_out_by_the_chosen_backend_and_no_program_runs(
    fake: Fake, no_programs: None
) -> None:
    from nn import MLP, draw_network
    from nn.widgets.network_view import network_svg

    o = neuron()
    player = step_through(o, timeout=9)
    assert 'id="cr-player-' in player.to_html()
    assert {c["timeout"] for c in fake.calls} == {9.0}
    frames = player.frames
    frames[0].pipe(format="svg")
    assert fake.calls[-1]["source"] == frames[0].source
    model = MLP(2, [2, 1], seed=0)
    assert "<svg" in network_svg(model)
    assert fake.calls[-1]["engine"] == "neato"
    draw_network(model).pipe(format="svg")
    assert fake.calls[-1]["engine"] == "neato"


# -- a Drawing is its Digraph for everything but laying out ---------------------


def test_a_drawing_reads_and_sets_its_digraphs_attributes() -> None:
    graph = Drawing(engine="neato", comment="c")
    assert isinstance(graph.digraph, graphviz.Digraph)
    graph.attr(rankdir="TB")
    graph.node("a", label="x")
    graph.edge("a", "b")
    graph.format = "png"
    graph.engine = "dot"
    graph.graph_attr["pad"] = "0.5"
    graph.body.append("\tc\n")
    digraph = graph.digraph
    assert (digraph.format, digraph.engine, digraph.comment) == ("png", "dot", "c")
    assert graph.body is digraph.body and graph.graph_attr is digraph.graph_attr
    assert graph.source == digraph.source == str(graph) == "".join(graph)
    assert graph.source == (
        "// c\ndigraph {\n\tgraph [pad=0.5]\n\trankdir=TB\n\ta [label=x]\n\ta -> b\n\tc\n}\n"
    )
    with pytest.raises(ValueError, match="format"):
        graph.format = "nope"  # graphviz's own checks still apply
    with pytest.raises(AttributeError):
        graph.no_such_attribute  # noqa: B018
    assert not hasattr(graph, "_repr_image_svg_xml")  # graphviz's display would run dot itself
    assert {"node", "edge", "attr", "pipe", "_repr_mimebundle_"} <= set(dir(graph))
    assert "_repr_image_svg_xml" not in dir(graph)


def test_a_drawing_wraps_a_digraph_it_is_given() -> None:
    digraph = graphviz.Digraph(name="g")
    graph = Drawing(digraph, timeout=3)
    assert graph.digraph is digraph and graph.name == "g" and graph.timeout == 3.0


def test_copy_keeps_the_time_limit_and_shares_nothing() -> None:
    graph = Drawing(timeout=5)
    graph.node("a")
    twin = graph.copy()
    twin.node("b")
    assert isinstance(twin, Drawing) and twin.timeout == 5.0
    assert "b" not in graph.source and twin.source.endswith("\ta\n\tb\n}\n")


def test_the_time_limit_is_checked_when_set() -> None:
    graph = Drawing()
    assert graph.timeout == 60.0
    with pytest.raises(ValueError, match="timeout must be a number"):
        graph.timeout = -1
    with pytest.raises(ValueError, match="timeout must be a number"):
        Drawing(timeout=float("nan"))
    assert "timeout" not in graph.digraph.__dict__  # the Drawing's own, not the Digraph's


# -- the Graphviz program backend ------------------------------------------------


def test_the_program_backend_names_a_missing_program() -> None:
    with pytest.raises(GraphvizNotFound, match="apt-get install graphviz"):
        GraphvizProgram("no-such-dot-program").lay_out("digraph {}", "svg", timeout=5)


def test_the_program_backend_stops_a_program_past_its_time_limit(tmp_path: Path) -> None:
    slow = tmp_path / "dot"
    slow.write_text("#!/bin/sh\nexec sleep 5\n")  # answers late, with nothing
    slow.chmod(slow.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(GraphvizTimeout, match=r"after 0.2 s .* 1 nodes and 1 edges"):
        GraphvizProgram(str(slow)).lay_out(
            "digraph {\n\ta [x=1]\n\ta -> b\n}\n", "svg", timeout=0.2
        )


@pytest.mark.needs_dot
def test_the_program_backend_draws_with_dot(dot_program: str) -> None:
    svg = GraphvizProgram().lay_out("digraph {\n\ta -> b\n}\n", "svg", engine="neato", timeout=30)
    assert b"<svg" in svg and svg.count(b'class="node"') == 2


# -- nothing else runs a program ---------------------------------------------------


def test_only_the_program_backend_imports_subprocess_and_only_drawing_imports_graphviz() -> None:
    files = sorted((ROOT / "autograd" / "viz").rglob("*.py")) + sorted((ROOT / "nn").rglob("*.py"))
    users = {
        name: [str(p.relative_to(ROOT)) for p in files if name in outside_imports(p)]
        for name in ("subprocess", "graphviz")
    }
    assert users == {
        "subprocess": ["autograd/viz/layout/graphviz_program.py"],
        "graphviz": ["autograd/viz/layout/drawing.py"],
    }
