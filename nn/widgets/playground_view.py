"""The playground's view: the decision boundary, the palette, the key and the static snapshot.

What needs no widget: :mod:`nn.widgets.playground_widget` draws with these, and
its display carries :func:`snapshot` for untrusted notebooks.

>>> svg = boundary_svg([0, 100, 100, 0], 2, [[0.0, 0.0, 1, 1]], (-1.0, 1.0, -1.0, 1.0))
>>> svg.count("<rect"), svg.count("<circle")  # four cells and the frame, one point
(5, 1)
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

from autograd.viz.layout.display import image_url
from autograd.viz.scene import colors
from autograd.viz.views.palette import palette as shared_palette
from nn.widgets.scale_key import scale_svg
from nn.widgets.surface_colors import (
    BANDS,
    FULL,
    HUES,
    Surface,
    cell_colors,
    class_names,
    point_rings,
)

#: Class 0 and class 1 as ``(r, g, b)``: :data:`autograd.viz.scene.colors.CLASS_COLORS`, the
#: colours notebook 03 and the demo give them.
CLASSES = tuple(tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in colors.CLASS_COLORS)
#: The decision boundary's side, in pixels.
SIDE = 260
#: The most points of each loss curve sent (a long run is thinned evenly).
CURVE = 200


def shade(percent: float) -> str:
    """The background at a probability (in percent) of class 1: class 1's colour above 50,
    class 0's below, paler the nearer 50 (a binary surface's cell,
    :func:`nn.widgets.surface_colors.cell_colors`).

    >>> shade(100), shade(50), shade(0)
    ('#76ae87', '#ffffff', '#ad7fb5')
    """
    return cell_colors({"task": "binary", "grid": [percent]})[0]


def boundary_svg(
    surface: Surface | Sequence[int],
    n: int,
    points: Sequence[Sequence[float]],
    bounds: tuple[float, float, float, float],
    discrete: bool = False,
) -> str:
    """The boundary panel as an SVG: n x n cells (rows from the top) coloured as
    :func:`nn.widgets.surface_colors.cell_colors` says, and the points ``[x, y, label,
    train]`` (validation points drawn hollow, :func:`~nn.widgets.surface_colors.point_rings`).

    ``surface``: ``Trainer.surface(n)``'s dict, or a binary grid (percents of class 1).
    ``discrete``: each class's cells at full colour, a prediction in bands.
    """
    surface = _as_surface(surface, n)
    x0, x1, y0, y1 = bounds
    cell = SIDE / n
    fills = cell_colors(surface, discrete)
    parts = [
        f'<rect x="{c * cell:.1f}" y="{r * cell:.1f}" width="{cell + 0.5:.1f}" '
        f'height="{cell + 0.5:.1f}" fill="{fills[r * n + c]}"/>'
        for r in range(n)
        for c in range(n)
    ]
    # A frame, as the canvas has: a regression's surface is white where it is 0.
    parts.append(f'<rect width="{SIDE}" height="{SIDE}" fill="none" stroke="#dddddd"/>')
    for x, y, label, train in points:
        px, py = (x - x0) / (x1 - x0) * SIDE, (y1 - y) / (y1 - y0) * SIDE
        parts += [
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{3.5 * size:g}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width}"/>'
            for size, fill, stroke, width in point_rings(surface, label, bool(train))
        ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIDE}" height="{SIDE}" '
        f'viewBox="0 0 {SIDE} {SIDE}">{"".join(parts)}</svg>'
    )


def _as_surface(surface: Surface | Sequence[int], n: int) -> Surface:
    """``surface`` as a surface dict, its grid checked to have n x n cells."""
    if not isinstance(surface, Mapping):
        surface = {"task": "binary", "grid": surface, "confidence": None, "range": None}
    if len(surface["grid"]) != n * n:
        raise ValueError(
            f"boundary_svg: a grid of {n} x {n} cells needs {n * n} values, "
            f"got {len(surface['grid'])}"
        )
    return surface


def palette(names: Sequence[str] = ("class 0", "class 1")) -> dict[str, Any]:
    """The colours the playground's front end draws with, as data
    (:func:`autograd.viz.views.palette.palette`, the classes called ``names`` in the key,
    each in its colour of :data:`nn.widgets.surface_colors.HUES`; a regression's scale
    is drawn with classes 0 and 1, which are always sent); the network view's wires
    and neurons come coloured in each update.

    >>> palette()["classes"], palette()["names"]
    (['#762a83', '#1b7837'], ['class 0', 'class 1'])
    >>> palette(class_names(3))["classes"][2]
    '#8c564b'
    """
    class_names(len(names))  # refuses more than MOST
    shared = shared_palette(names).json()
    # What surface.js draws with besides the hues: Python's, sent, never copied.
    return {**shared, "classes": list(HUES[: max(2, len(names))]), "full": FULL, "bands": BANDS}


def class_key(names: Sequence[str] = ("class 0", "class 1")) -> str:
    """The classes' key as HTML: a dot in each class's colour, and its name."""
    class_names(len(names))  # refuses more than MOST
    return " ".join(
        f'<span style="color:{c}">\u25cf</span> {html.escape(n)}'
        for c, n in zip(HUES, names, strict=False)
    )


def surface_key(
    surface: Surface, names: Sequence[str] | None = None, discrete: bool = False
) -> str:
    """The boundary panel's key as HTML: the classes' dots (named ``names``, else
    ``class 0`` ...), or a regression's colour bar (:func:`scale_svg`) as an image."""
    task = surface["task"]
    if task == "regression":
        bar = scale_svg(surface["range"], discrete=discrete)
        return f'<img alt="the colour scale" src="{image_url(bar)}" style="vertical-align:middle">'
    k = 2 if task == "binary" else int(surface["classes"])
    return class_key(class_names(k) if names is None else names)


def snapshot(
    boundary: str,
    network: str,
    lines: Sequence[str],
    hint: str,
    key: str | None = None,
    tests: bool = True,
) -> str:
    """The static view: the boundary (with its key: ``key``, HTML from :func:`surface_key`,
    else the two classes') and the network as pictures, and the numbers as text.
    ``tests``: the validation points are drawn ("show test data")."""
    shown = "filled: training, hollow: validation" if tests else "the training points"
    return (
        f'<div><p style="font-size:13px">{html.escape(hint)}</p>'
        f'<img alt="decision boundary" src="{image_url(boundary)}"> '
        f'<p style="font-size:13px">{class_key() if key is None else key}; {shown}</p>'
        f'<div style="overflow-x:auto"><img alt="the network" src="{image_url(network)}" '
        'style="max-width:none"></div>'
        f'<pre style="font-size:13px">{html.escape(chr(10).join(lines))}</pre></div>'
    )


def thin(curve: list[float], most: int = CURVE) -> list[list[float]]:
    """``[[step, value], ...]`` of at most ``most`` points, evenly spaced, the last kept.

    >>> thin([0.5, 0.25, 0.125], 2)
    [[1, 0.5], [3, 0.125]]
    """
    k = max(1, math.ceil(len(curve) / most))
    picked = list(range(len(curve) - 1, -1, -k))[::-1]
    return [[i + 1, curve[i] if math.isfinite(curve[i]) else 1e300] for i in picked]


__all__ = [
    "CLASSES",
    "CURVE",
    "boundary_svg",
    "class_key",
    "palette",
    "shade",
    "snapshot",
    "surface_key",
    "thin",
]
