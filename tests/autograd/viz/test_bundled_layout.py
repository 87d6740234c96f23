"""Pictures without a system Graphviz: laid out by the bundled graphviz-pure (issue 27).

Each test hides Debian's ``dot`` (``PATH`` holds only a folder with a link to
graphviz-pure) and draws what people draw: a graph as SVG and PNG, the README's
neuron, a player, the network view (``neato``), the lab and ``chainrule draw``.
Then what cannot be done says so in one line: PDF (graphviz-pure writes none),
and a Python that cannot run programs at all (an ``OSError`` from the subprocess).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from autograd import Value
from autograd.cli.draw import run
from autograd.viz import draw_graph, step_through
from autograd.viz.layout import backends, graphviz_program, programs
from autograd.viz.layout.limits import GraphvizNotFound, GraphvizTimeout
from tests.conftest import missing

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def bundled_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    """``dot`` hidden: ``PATH`` is one folder with a link to graphviz-pure, the only program."""
    found = programs.bundled()
    if found is None:
        missing("graphviz-pure", "make test  (or: .venv/bin/pip install -e '.[viz]')")
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / programs.BUNDLED).symlink_to(str(found))
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.delenv(programs.ENVIRONMENT, raising=False)
    before = backends.use(graphviz_program.GraphvizProgram())
    yield backends.program()
    backends.use(before)


def neuron() -> Value:
    x, w = Value(2.0, label="x"), Value(-0.5, label="w")
    o = (x * w + 1.0).tanh()
    o.backward()
    return o


def mlp_loss() -> Value:
    from nn import MLP

    loss = (MLP(2, [3, 1], seed=0)([0.5, -1.0]) - 1.0) ** 2
    assert isinstance(loss, Value)
    loss.backward()
    return loss


def oserror(error: OSError) -> Any:
    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    return refuse


# -- examples: what lays out, where dot is hidden ----------------------------------


@pytest.mark.needs_graphviz_pure
def test_the_bundled_program_lays_out_where_dot_is_missing(bundled_only: str) -> None:
    assert programs.is_bundled(bundled_only)
    assert draw_graph(neuron()).pipe(format="svg").count(b'class="node"') == 9
    assert draw_graph(neuron()).pipe(format="png").startswith(PNG)


@pytest.mark.needs_graphviz_pure
def test_the_readme_neuron_and_a_player_are_drawn(bundled_only: str) -> None:
    from nn.demo import neuron as readme_neuron

    o = readme_neuron()
    o.backward()
    svg = draw_graph(o, rankdir="TB").pipe(format="svg", encoding="utf-8")
    assert "<svg" in svg and "tanh" in svg
    html = step_through(mlp_loss()).to_html()
    assert "data:image/svg+xml;base64," in html and "not found" not in html


@pytest.mark.needs_graphviz_pure
def test_the_network_view_is_laid_out_by_neato(bundled_only: str) -> None:
    from nn import MLP, draw_network

    model = MLP(2, [3, 1], seed=0)
    loss = (model([1.0, 0.5]) - 1.0) ** 2
    picture = draw_network(model, [1.0, 0.5], loss=loss)
    assert picture.engine == "neato"
    assert picture.pipe(format="svg").count(b'class="edge"') == 10


@pytest.mark.needs_graphviz_pure
def test_the_lab_lays_out(bundled_only: str) -> None:
    pytest.importorskip("anywidget")
    from autograd.viz import lab

    w = lab(lambda x: x * x, x=3.0)
    assert "<svg" in w.svg and w.reading.gradient("x") == 6.0


@pytest.mark.needs_graphviz_pure
def test_the_playground_draws_its_network(bundled_only: str) -> None:
    pytest.importorskip("anywidget")
    from nn import playground

    assert "<svg" in playground().svg


@pytest.mark.needs_graphviz_pure
def test_chainrule_draw_writes_svg_and_png(bundled_only: str, tmp_path: Path) -> None:
    said: list[str] = []
    for name in ("g.svg", "g.png"):
        assert run(["x*w", "x=2", "w=3", "-o", str(tmp_path / name)], warn=said.append) == 0
    assert said == []
    assert (tmp_path / "g.png").read_bytes().startswith(PNG)
    assert b"<svg" in (tmp_path / "g.svg").read_bytes()


@pytest.mark.needs_graphviz_pure
def test_the_environment_chooses_the_bundled_program_where_dot_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if programs.bundled() is None:
        missing("graphviz-pure", "make test  (or: .venv/bin/pip install -e '.[viz]')")
    monkeypatch.setenv(programs.ENVIRONMENT, "graphviz-pure")
    assert programs.is_bundled(programs.layout_program())


# -- what it cannot do says so, in one line ----------------------------------------


@pytest.mark.needs_graphviz_pure
def test_pdf_names_the_fix(bundled_only: str, tmp_path: Path) -> None:
    with pytest.raises(GraphvizNotFound, match=r"^PDF needs Graphviz's dot program: graphviz"):
        draw_graph(neuron()).pipe(format="pdf")
    said: list[str] = []
    assert run(["x*w", "x=2", "w=3", "-o", str(tmp_path / "g.pdf")], warn=said.append) == 2
    assert len(said) == 1 and "\n" not in said[0]
    assert "apt-get install graphviz" in said[0] and "brew install graphviz" in said[0]
    assert not (tmp_path / "g.pdf").exists()


@pytest.mark.parametrize(
    "error",
    [
        OSError(38, "emscripten does not support processes"),
        PermissionError(13, "Permission denied"),
    ],
)
def test_a_python_that_cannot_run_programs_gets_the_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, error: OSError
) -> None:
    monkeypatch.setattr(subprocess, "run", oserror(error))
    with pytest.raises(GraphvizNotFound, match=r"cannot be run here .*apt-get install graphviz"):
        draw_graph(neuron()).pipe(format="svg")
    hint = draw_graph(neuron())._repr_mimebundle_()["text/plain"]  # Jupyter: hint and DOT
    assert "cannot be run here" in hint and "apt-get install graphviz" in hint
    html = step_through(neuron())._repr_mimebundle_()["text/html"]
    assert "cannot be run here" in html and "data:image/svg" not in html
    said: list[str] = []
    assert run(["x*w", "x=2", "w=3", "-o", str(tmp_path / "g.svg")], warn=said.append) == 2
    assert len(said) == 1 and "cannot be run here" in said[0]


def test_a_bundled_program_past_its_time_limit_is_stopped_and_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    slow = tmp_path / programs.BUNDLED
    slow.write_text("#!/bin/sh\nexec sleep 5\n")  # answers late, with nothing
    slow.chmod(0o755)
    monkeypatch.setenv(programs.ENVIRONMENT, str(slow))
    with pytest.raises(GraphvizTimeout, match=r"^graphviz-pure was stopped after 0.2 s"):
        draw_graph(neuron(), rankdir="LR").pipe(format="svg", timeout=0.2)


def test_the_choice_is_visible_and_made_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(programs.ENVIRONMENT, str(Path(sys.executable)))
    assert backends.program() == str(Path(sys.executable))
    monkeypatch.setenv(programs.ENVIRONMENT, "no-such-layout-program")
    assert backends.program() == "no-such-layout-program"
    with pytest.raises(GraphvizNotFound, match="pip install 'chainrule\\[viz\\]'"):
        draw_graph(neuron()).pipe(format="svg")
