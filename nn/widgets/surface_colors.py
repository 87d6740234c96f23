"""The colour of every cell and point of the playground's boundary panel, for each task.

The trainer's surface (``Trainer.surface(n)``) says what the model predicts on n x n
cell centres, rows from the top: a dict ``{"task", "grid", "confidence", "range",
"classes"}``. Three tasks, one rule for paleness: a cell is its hue mixed with white,
``t`` of the hue (:data:`FULL` at most, so the points, in the full hue, stand out):

- ``"binary"``: ``grid`` is the percent of class 1; the more probable class's colour,
  ``t = FULL * |p - 50| / 50`` (white at 50 %);
- ``"classes"``: ``grid`` is the most probable class, ``confidence`` its percent; with
  k classes ``t = FULL * (c - 100/k) / (100 - 100/k)``, white at 1/k (a guess), full
  at 100 %: the binary rule is this rule for k = 2;
- ``"regression"``: ``grid`` is the prediction; a diverging scale over ``range``
  (the training targets' least and greatest; :func:`scale_ends`) with white at its
  middle: 0 if the targets have both signs.

``discrete`` (TensorFlow Playground's "discretize output"): every class cell at FULL,
and a prediction in one of :data:`BANDS` equal bands, each at its centre's colour.
A cell with no finite output is grey (the palette's zero). ``canvases.js`` draws with
the same rules (``surface.js``); the tests compare the two pixel by pixel.

>>> cell_colors({"task": "binary", "grid": [100, 50, 0]})
['#76ae87', '#ffffff', '#ad7fb5']
>>> cell_colors({"task": "classes", "grid": [2, -1], "confidence": [100, 50], "classes": 3})
['#ba9a93', '#bdbdbd']
>>> cell_colors({"task": "regression", "grid": [0.0, 1.0, None], "range": [-1.0, 1.0]})
['#ffffff', '#76ae87', '#bdbdbd']
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from autograd.viz.scene import colors

#: Each class's colour, class 0 first: classes 0 and 1 are every picture's
#: (:data:`autograd.viz.scene.colors.CLASS_COLORS`), then the chart series' brown,
#: pink, cyan and olive (:data:`~autograd.viz.scene.colors.SERIES`; not its near-black
#: and grey, which fade to the grey of a cell with no output): none is a sign's blue
#: or orange or the alarm's red, and each stays told apart from the others when pale.
HUES = (*colors.CLASS_COLORS, *colors.SERIES[1:5])
#: The most classes the playground draws: past six hues, pale cells of different
#: classes are no longer told apart at a glance.
MOST = len(HUES)
#: The most of a hue a cell takes (at 100 % confidence, or at the end of the scale).
FULL = 0.6
#: How many bands a discretized regression surface is drawn in (odd: the middle one white).
BANDS = 5
#: A cell whose output was not finite.
NONE = colors.ZERO
TASKS = ("binary", "classes", "regression")

Surface = Mapping[str, Any]


def tint(hue: str, t: float) -> str:
    """``hue`` mixed with white, ``t`` of the hue, each channel rounded as ``round`` does
    (half to even, as the heatmaps' PNGs are; ``surface.js`` rounds so too, so the canvas
    and the SVG agree to the unit).

    >>> tint("#762a83", 0.0), tint("#762a83", 1.0), tint("#000000", 0.5)
    ('#ffffff', '#762a83', '#808080')
    >>> tint("#787878", 0.3)  # 214.5, to even
    '#d6d6d6'
    """
    rgb = (int(hue[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 + (c - 255) * t):02x}" for c in rgb)


def class_names(k: int) -> list[str]:
    """``["class 0", ...]`` for ``k`` classes, refused past :data:`MOST`.

    >>> class_names(3)
    ['class 0', 'class 1', 'class 2']
    """
    return [f"class {i}" for i in range(_classes(k))]


def class_color(label: int, confidence: float, k: int, discrete: bool = False) -> str:
    """A cell of class ``label`` at ``confidence`` percent, of ``k`` classes."""
    if discrete:
        return tint(HUES[label], FULL)
    guess = 100 / k
    # In shade()'s order of operations, so that a binary cell is its colour to the bit.
    t = min(max(FULL * (confidence - guess) / (100 - guess), 0.0), FULL)
    return tint(HUES[label], t)


def value_color(
    value: float, span: Sequence[float], discrete: bool = False, most: float = FULL
) -> str:
    """A prediction (or a target) of ``value`` on the scale over ``span`` = [lo, hi],
    ``most`` of the hue at the ends: a cell's :data:`FULL`, a point's all of it (a point
    on a surface that fits it is its colour, darker, as a class's point is).

    Orange-white-blue, TensorFlow Playground's scale, means a weight's sign in the
    network view beside it, and the ramp means |grad|; so class 0's purple (low),
    white (the middle) and class 1's green (high): the output unit's heatmap beside
    the network is drawn in the same two hues, and ColorBrewer's PRGn is read with
    colour-blind sight too. Diverging, not sequential, so that over- and
    under-predicting read as two hues; clamped past the ends.

    >>> value_color(-1.0, [-1.0, 1.0]), value_color(0.1, [-1.0, 1.0], discrete=True)
    ('#ad7fb5', '#ffffff')
    >>> value_color(0.25, [-1.0, 1.0], discrete=True)  # the band [0.2, 0.6) of [-1, 1]
    '#c8dfcf'
    """
    lo, hi = scale_ends(span)
    half = (hi - lo) / 2
    s = min(max((value - (lo + hi) / 2) / half, -1.0), 1.0)
    if discrete:  # the centre of its band, of BANDS equal ones over [-1, 1]
        s = (2 * min(math.floor((s + 1) / 2 * BANDS), BANDS - 1) + 1) / BANDS - 1
    return tint(HUES[1] if s >= 0 else HUES[0], most * abs(s))


def scale_ends(span: Sequence[float]) -> tuple[float, float]:
    """The scale's ends for targets spanning ``span`` = [lo, hi]: symmetric about 0 if the
    targets have both signs, so that white means 0 (where a bump ends, what an untrained
    network says), else the span itself; one unit either side if every target is the
    same (a scale needs a length).

    >>> scale_ends([-2.0, 0.5]), scale_ends([1.0, 4.0]), scale_ends([3.0, 3.0])
    ((-2.0, 2.0), (1.0, 4.0), (2.0, 4.0))
    """
    lo, hi = (float(v) for v in span)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo <= hi):
        raise ValueError(f"a regression's range needs finite lo <= hi, got {list(span)}")
    if lo < 0 < hi:
        return -max(-lo, hi), max(-lo, hi)
    return (lo - 1.0, hi + 1.0) if lo == hi else (lo, hi)


def cell_colors(surface: Surface, discrete: bool = False) -> list[str]:
    """Every cell's colour, row by row from the top (see the module docstring)."""
    task, grid = _task(surface), surface["grid"]
    if task == "binary":
        return [class_color(int(p >= 50), max(p, 100 - p), 2, discrete) for p in grid]
    if task == "classes":
        k = _classes(surface["classes"])
        return [
            NONE if c < 0 else class_color(c, p, k, discrete)
            for c, p in zip(grid, surface["confidence"], strict=True)
        ]
    span = surface["range"]
    return [NONE if v is None else value_color(v, span, discrete) for v in grid]


#: A circle drawn for a point: (radius as a multiple of the point's, fill, stroke, width).
Ring = tuple[float, str, str, float]


def point_rings(surface: Surface, label: float, train: bool) -> list[Ring]:
    """How a point is drawn, as circles one over the other: a class's point is filled in
    its colour (hollow, white, for validation); a target's point is filled in its
    colour on the scale (at full strength) with a dark outline, and for validation it
    is a white disc ringed in that colour, inside a dark ring.

    >>> point_rings({"task": "binary"}, 1, True)
    [(1.0, '#1b7837', '#1b7837', 1.5)]
    >>> point_rings({"task": "regression", "range": [0.0, 2.0]}, 2.0, False)
    [(1.45, 'none', '#555555', 1.0), (1.0, '#ffffff', '#1b7837', 2.5)]
    """
    if _task(surface) != "regression":
        hue = HUES[int(label)]
        return [(1.0, hue if train else "#ffffff", hue, 1.5)]
    color = value_color(label, surface["range"], most=1.0)
    if train:
        return [(1.0, color, colors.OUTLINE, 1.5)]
    return [(1.45, "none", colors.OUTLINE, 1.0), (1.0, "#ffffff", color, 2.5)]


def _task(surface: Surface) -> str:
    task = surface.get("task")
    if task not in TASKS:
        raise ValueError(f"the boundary panel draws a task of {TASKS}, got {task!r}")
    return str(task)


def _classes(k: int) -> int:
    if not 2 <= k <= MOST:
        raise ValueError(f"the playground draws 2 to {MOST} classes, got {k}")
    return k


__all__ = [
    "BANDS",
    "FULL",
    "HUES",
    "MOST",
    "NONE",
    "TASKS",
    "Ring",
    "Surface",
    "cell_colors",
    "class_color",
    "class_names",
    "point_rings",
    "scale_ends",
    "tint",
    "value_color",
]
