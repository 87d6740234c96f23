"""Bounded work: a graph too large is refused after counting it, ``dot`` runs under a
time limit, parallel edges are drawn once, and a formula's depth is bounded (issue 15).

Bounds are on work (calls, nodes, traced memory); a wall-clock ceiling appears
only as a hang guard, never as a timing target (those are in ``make bench``).
"""

from __future__ import annotations

import os
import stat
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import autograd
from autograd import Value
from autograd.cli.draw import run
from autograd.viz import GraphvizTimeout, draw_graph, step_through, to_dot
from autograd.viz.scene import annotate
from autograd.viz.views import steps


def chain(n: int) -> Value:
    """``x + x + ... + x``: n additions, each using x again (2n + 1 drawn nodes)."""
    x = Value(0.5, label="x")
    y = x
    for _ in range(n):
        y = y + x
    return y


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Replace ``module.name`` by a wrapper that counts its calls; returns the counter."""
    calls = [0]
    original = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


# -- count first, refuse in linear time and memory ----------------------------


def test_step_through_refuses_100000_nodes_without_ordering_them_in_bounded_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = autograd.sum([Value(float(i)) for i in range(100_000)])
    ordered = counting(monkeypatch, autograd.trace, "topological_order")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ValueError, match=r"100002 nodes to draw.*pass max_nodes=100002"):
            step_through(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ordered == [0]  # refused on the count alone: nothing ordered, traced or named
    assert peak < 100 * 2**20
    assert time.perf_counter() - started < 60  # a hang guard only


def test_draw_graph_with_flow_refuses_before_reading_any_local_derivative(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = chain(20_000)
    root.backward()
    rules = counting(monkeypatch, annotate, "_local_derivatives")
    with pytest.raises(ValueError, match="40001 nodes to draw"):
        draw_graph(root, flow=True)
    with pytest.raises(ValueError, match="40001 nodes to draw"):
        to_dot(root, flow=True)
    assert rules == [0]
    small = chain(3)
    small.backward()  # flow colours computed gradients: a graph backward has reached
    to_dot(small, flow=True)  # a graph within the limit is annotated as before
    assert rules[0] > 0


def test_the_frames_of_a_player_share_one_measure_of_widths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stepper = step_through(chain(200), max_nodes=1000)
    measured = counting(monkeypatch, steps, "_widths")
    frames = stepper.frames
    assert len(frames) == 202
    # Measured once for all frames, not once a frame: each measure reads every
    # frame, so once a frame is quadratic.
    assert measured[0] <= 1


# -- repeated edges drawn once, marked with their count -----------------------


def test_an_operand_used_many_times_by_one_op_is_one_edge_marked_with_the_count() -> None:
    x = Value(0.5, label="x")
    y = autograd.sum([x] * 50) * (x * x)
    y.backward()
    dot = to_dot(y, flow=True)
    into_sum = [line for line in dot.splitlines() if "v0 -> op1" in line]
    assert len(into_sum) == 1 and "×50: " in into_sum[0]
    squares = [line for line in dot.splitlines() if "v0 -> op2" in line]
    assert len(squares) == 2 and "×" not in "".join(squares)  # x * x keeps its two edges
    assert "×50" in to_dot(y)  # unlabelled drawings carry the count too


# -- every run of dot has a time limit -----------------------------------------


@pytest.fixture
def slow_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``dot`` on PATH that never answers (as dot on a graph it takes hours over)."""
    program = tmp_path / "bin" / "dot"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\nexec sleep 600\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{program.parent}{os.pathsep}{os.environ['PATH']}")
    return program


def test_dot_is_stopped_after_its_timeout_with_the_graph_size_and_what_to_pass(
    slow_dot: Path, tmp_path: Path
) -> None:
    graph = draw_graph(chain(3), flow=True, timeout=0.5)  # 7 nodes and its legend
    started = time.perf_counter()
    with pytest.raises(
        GraphvizTimeout, match=r"after 0.5 s .* 8 nodes and 9 edges; pass timeout="
    ):
        graph.pipe(format="svg")
    with pytest.raises(GraphvizTimeout):
        graph.render(tmp_path / "g", format="png")
    with pytest.raises(GraphvizTimeout):
        step_through(chain(3), timeout=0.5).to_html()
    assert time.perf_counter() - started < 30  # a hang guard only
    assert not (tmp_path / "g.png").exists()


def test_chainrule_draw_stops_dot_after_timeout_and_says_what_to_pass(
    slow_dot: Path, tmp_path: Path
) -> None:
    formula = "+".join(["x"] * 76)
    said: list[str] = []
    out = tmp_path / "g.svg"
    code = run([formula, "x=0.5", "--flow", "--timeout", "0.5", "-o", str(out)], warn=said.append)
    assert code == 1 and not out.exists()
    assert "152 nodes and 225 edges; pass --timeout 2" in said[0]


# -- the formula's depth ------------------------------------------------------


def test_330_unary_minus_signs_are_refused_in_words_not_a_recursion_error(
    tmp_path: Path,
) -> None:
    said: list[str] = []
    out = tmp_path / "g.dot"
    code = run(["(" + "-" * 330 + "x)", "x=0.5", "-o", str(out)], warn=said.append)
    assert code == 2 and not out.exists()
    assert "nested 331 deep" in said[0] and "the limit is 200" in said[0]
    # A long sum, 199 deep, is still drawn.
    assert run(["+".join(["x"] * 200), "x=0.5", "-o", str(out)], warn=said.append) == 0
