"""Workload 11: the two layout programs, Graphviz's ``dot`` and the bundled graphviz-pure.

Each picture is drawn as people draw it (``draw_graph``'s SVG, a player's HTML,
the network view's SVG), once per round with each program that is installed,
interleaved; ``CHAINRULE_LAYOUT_PROGRAM`` chooses the program for each call.
docs/drawing.md's "Which program lays pictures out" quotes these figures.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from autograd import Value
from benchmarks.report import Section, Target
from benchmarks.timing import interleaved, seconds
from benchmarks.visuals import squared_error

#: The most one of these pictures may take with graphviz-pure, in seconds.
LIMIT = 1.0


def chain(steps: int) -> Value:
    """``x * 1.0``, ``steps`` times: the long chain Graphviz 16.1 was reported slow on."""
    y = Value(2.0, label="x")
    for _ in range(steps):
        y = y * 1.0
    y.backward()
    return y


def _pictures() -> dict[str, Callable[[], object]]:
    from autograd.viz import draw_graph, step_through
    from nn import MLP, draw_network
    from nn.demo import neuron

    o = neuron()
    o.backward()
    loss, long = squared_error([8, 8, 1]), chain(200)
    model = MLP(2, [16, 16, 1], seed=0)
    wide = (model([0.5, -1.0]) - 1.0) ** 2
    return {
        "the README's neuron, draw_graph, SVG": lambda: draw_graph(o).pipe(format="svg"),
        "MLP(2, [8, 8, 1]) player, to_html": lambda: step_through(loss).to_html(),
        "MLP(2, [16, 16, 1]) network view (neato), SVG": lambda: draw_network(
            model, [0.5, -1.0], loss=wide
        ).pipe(format="svg"),
        "200-op chain player, to_html": lambda: step_through(long, timeout=60).to_html(),
    }


def _with(program: str, draw: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        before = os.environ.get("CHAINRULE_LAYOUT_PROGRAM")
        os.environ["CHAINRULE_LAYOUT_PROGRAM"] = program
        try:
            return draw()
        finally:
            if before is None:
                del os.environ["CHAINRULE_LAYOUT_PROGRAM"]
            else:
                os.environ["CHAINRULE_LAYOUT_PROGRAM"] = before

    return run


def layouts(cfg: Any) -> tuple[Section, list[Target]]:
    """Each picture's median time with each installed program."""
    import shutil

    from autograd.viz.layout.programs import bundled

    programs = [
        p for p in ("dot", "graphviz-pure") if (shutil.which(p) if p == "dot" else bundled())
    ]
    pictures = _pictures()
    impls = {
        f"{name}\0{program}": _with(program, draw)
        for name, draw in pictures.items()
        for program in programs
    }
    timed = interleaved(impls, cfg.player_rounds)
    rows = [
        [name, *(seconds(timed[f"{name}\0{p}"].median) for p in programs)] for name in pictures
    ]
    section = Section(
        "Layout programs: Graphviz's dot and graphviz-pure",
        [f"Median of {cfg.player_rounds} rounds, interleaved; a missing program has no column."],
        ["picture", *programs],
        rows,
    )
    pure = [timed[f"{n}\0graphviz-pure"].median for n in pictures if "graphviz-pure" in programs]
    worst = max((t or float("inf") for t in pure), default=None)
    target = Target(
        f"graphviz-pure: each of these pictures ≤ {LIMIT:g} s",
        "graphviz-pure not installed" if worst is None else f"slowest {seconds(worst)}",
        worst is not None and worst <= LIMIT,
    )
    return section, [target]
