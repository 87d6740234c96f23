"""The playground's still picture: what a notebook shows where no script runs.

The boundary, the network (coloured as the live view last was, heatmaps
included) and the lines under them: the model, the step and losses, the flags,
and why training stopped if it did. Kept apart from the widget
(:mod:`nn.widgets.playground_widget`) so each stays one idea.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nn.pictures.heatmaps import GRID as HEAT  # cells a side of a unit's heatmap
from nn.widgets.network_view import apply, network_colors, title, with_heat
from nn.widgets.playground_view import boundary_svg, snapshot, surface_key
from nn.widgets.surface_colors import class_names

if TYPE_CHECKING:
    from nn.widgets.playground_widget import Playground

#: Cells a side of the decision boundary's grid.
GRID = 32
HINT = "A static view: run this cell to train the network live."
#: The words name the hues of classes 1 and 0 (nn.widgets.surface_colors.HUES), which a
#: unit's heatmap is drawn in whatever the task: a regression's or k classes' too.
HEAT_KEY = "beside each unit: its output over the plane (green +, purple −, white 0)"


def still(pg: Playground, hint: str = HINT) -> str:
    """The still picture of ``pg`` as it stands, as HTML (an image form, no script), under
    ``hint`` (what a notebook says: run the cell to train it live)."""
    with pg.lock:
        t = pg.trainer
        surface = t.surface(GRID)
        points = [p for p in pg.points["xy"] if pg.show_test or p[3]]  # show test data?
        boundary = boundary_svg(surface, GRID, points, t.bounds(), pg.discretize)
        names = class_names(t.task.k) if t.task.kind == "classes" else None
        key = surface_key(surface, names, pg.discretize)
        shown = network_colors(t.model, pg.show)
        network = with_heat(apply(pg.svg, shown), pg.heat.get("units", {}), HEAT)
        flags = [f"layer {k}: {flag}" for k, flag in enumerate(shown.flags, 1) if flag]
        lines = [title(t.model), t.summary(), *flags, *([pg.error] if pg.error else [])]
        lines += [HEAT_KEY] if pg.heat else []
    return snapshot(boundary, network, lines, hint, key, pg.show_test)


__all__ = ["GRID", "HEAT_KEY", "HINT", "still"]
