"""Neuron heatmaps: each hidden and output unit's output over the input plane.

:func:`unit_grids` evaluates a two-input model at the centre of each of
``n x n`` cells on the data's bounds, every unit in one pass per point (on
floats, :func:`nn.float_forward.float_layers`, no graph; a model that is not a
plain MLP is run as itself, each neuron's output noted). :func:`levels` turns a
unit's outputs into what the canvas and the picture colour by, on the decision
boundary's scale (:func:`nn.widgets.playground_view.shade`): class 1's colour
where the output is positive, class 0's where it is negative, white at 0, the
deepest at +-1 and beyond. :func:`png_url` draws one as a tiny PNG (standard
library only), which :func:`place_images` puts in a Graphviz SVG where the
network view left room for it.

>>> from nn import MLP
>>> model = MLP(2, [3, 1], seed=0)
>>> grids = unit_grids(model, (-1.0, 1.0, -1.0, 1.0), 4)
>>> [len(layer) for layer in grids], len(grids[0][0])
([3, 1], 16)
>>> levels([-2.0, -0.5, 0.0, 0.25, float("nan")])
[0, 25, 50, 62, 50]
"""

from __future__ import annotations

import base64
import math
import re
import struct
import zlib
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from typing import Any

from autograd.kinds import class_name
from autograd.viz.scene import colors
from nn.examples import rows as checked_rows
from nn.float_forward import evaluating, float_layers
from nn.module import Module

#: Cells a side of a unit's heatmap: MLP(2, [8, 8, 1])'s 17 units take 1.6 ms at 16,
#: 2.5 ms at 20 and 6.5 ms at 32 (median of 30, the 2-core machine of benchmarks/
#: results.md), where a playground step takes 9.8 ms; the heatmap is 31 px wide at
#: most on screen, so 16 is already 2 px a cell, and more would not show.
GRID = 16
#: The side of a heatmap in the network view, in inches (a unit's row is 0.36).
SIDE = 0.32

Bounds = tuple[float, float, float, float]


def bounds_of(points: Sequence[Sequence[float]]) -> Bounds:
    """The plane drawn for these points: every point, with a margin, as ``(x0, x1, y0, y1)``.

    >>> bounds_of([[0.0, 0.0], [0.0, 0.0]])
    (-0.1, 0.1, -0.1, 0.1)
    """
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    mx, my = 0.1 * (max(xs) - min(xs)) + 0.1, 0.1 * (max(ys) - min(ys)) + 0.1
    return min(xs) - mx, max(xs) + mx, min(ys) - my, max(ys) + my


def plane(data: Any, bounds: Any, where: str = "draw_network") -> Bounds:
    """The plane of ``data=X`` (rows of 2 numbers) or of ``bounds=(x0, x1, y0, y1)``: one of them.

    Raises:
        ValueError: neither or both given; rows not of 2 numbers; bounds not increasing.
        TypeError: bounds not 4 numbers.
    """
    if (data is None) == (bounds is None):
        raise ValueError(
            f"{where}(heatmaps=True) draws each unit over the input plane: pass data=X "
            "(the points, 2 numbers each) or bounds=(x0, x1, y0, y1), one of them"
        )
    if data is not None:
        return bounds_of(checked_rows(data, f"{where} data=", 2))
    if not isinstance(bounds, (tuple, list)) or len(bounds) != 4:
        raise TypeError(f"{where} bounds must be (x0, x1, y0, y1), got {class_name(bounds)}")
    found = checked_rows([bounds], f"{where} bounds")[0]
    x0, x1, y0, y1 = found
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"{where} bounds must have x0 < x1 and y0 < y1, got {tuple(found)}")
    return x0, x1, y0, y1


def centres(bounds: Bounds, n: int) -> list[list[float]]:
    """The centre of each of n x n cells, rows from the top (largest y) down, as the canvas draws.

    >>> centres((0.0, 2.0, 0.0, 2.0), 2)
    [[0.5, 1.5], [1.5, 1.5], [0.5, 0.5], [1.5, 0.5]]
    """
    x0, x1, y0, y1 = bounds
    return [
        [x0 + (c + 0.5) * (x1 - x0) / n, y1 - (r + 0.5) * (y1 - y0) / n]
        for r in range(n)
        for c in range(n)
    ]


def unit_grids(
    model: Any, bounds: Bounds, n: int = GRID, inputs: Callable[[Any], Any] | None = None
) -> list[list[list[float]]]:
    """Every unit's output at every cell's centre: ``[layer][unit][cell]`` (dropout off).

    A plain MLP runs on floats, all its units in one pass a point; any other
    model (a layer norm, an activation of the user's own) is run as itself.
    ``inputs``: what the model takes at a point of the plane (the playground's
    features, :func:`nn.features.feature_map`); None: the point itself.
    """
    points = centres(bounds, n)
    if inputs is not None:
        points = [inputs(p) for p in points]
    with evaluating(model) if isinstance(model, Module) else nullcontext():
        fast = float_layers(model)
        found = None if fast is None else [fast(p) for p in points]
    if found is None:  # each neuron's output noted as the model runs (dropout off there too)
        from nn.pictures.network import _activations, layers_of

        layers = layers_of(model)
        found = [_activations(model, layers, p) for p in points]
    return [
        [[point[k][j] for point in found] for j in range(len(found[0][k]))]
        for k in range(len(found[0]))
    ]


def level(v: float) -> int:
    """What a unit's output ``v`` is coloured by, in percent, as the boundary's probability:
    50 at 0 (white), 100 at +1 and beyond (class 1), 0 at -1 and beyond (class 0); NaN is 50.

    >>> level(0.5), level(-3.0), level(float("inf"))
    (75, 0, 100)
    """
    if math.isnan(v):
        return 50
    return round(50 + 50 * max(-1.0, min(1.0, v)))


def levels(outputs: Sequence[float]) -> list[int]:
    """:func:`level` of each output."""
    return [level(v) for v in outputs]


def _rgb(percent: int) -> bytes:
    """:func:`nn.widgets.playground_view.shade` as bytes (its colour, not its text)."""
    hue = colors.CLASS_COLORS[1 if percent >= 50 else 0]
    t = 0.6 * abs(percent - 50) / 50
    return bytes(round(255 + (int(hue[i : i + 2], 16) - 255) * t) for i in (1, 3, 5))


def png_url(cells: Sequence[int], n: int) -> str:
    """A heatmap's levels (n x n, rows from the top) as a ``data:`` URL of an n x n PNG.

    Each row of an 8-bit RGB PNG is a filter byte (0, none) and its pixels; zlib does the rest.

    >>> png_url([0, 100, 50, 50], 2)[:30]
    'data:image/png;base64,iVBORw0K'
    """
    palette = {p: _rgb(p) for p in set(cells)}
    raw = b"".join(
        b"\x00" + b"".join(palette[p] for p in cells[r * n : (r + 1) * n]) for r in range(n)
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()


#: A heatmap's room in Graphviz's SVG: the node with id ``h<c>_<k>``, its one polygon
#: (inside its tooltip's link, where the image goes too, so the tooltip is the image's).
_ROOM = re.compile(
    r'<g id="h(?P<key>\d+_\d+)" class="node">\s*(?:<title>[^<]*</title>\s*)?'
    r'(?:<g id="a_[^"]*"><a [^>]*>\s*)?<polygon [^>]*?points="(?P<points>[^"]*)"/>'
)


def place_images(svg: str, images: dict[str, str]) -> str:
    """Graphviz's SVG with an ``<image data-h="c_k">`` filling the room left for each heatmap.

    ``images``: a data URL by key ``c_k`` (unit ``k`` of column ``c``); a room not
    in it gets an image with no picture yet (the playground draws it).
    """

    def image(found: re.Match[str]) -> str:
        xs, ys = zip(*(map(float, p.split(",")) for p in found["points"].split()), strict=True)
        key = found["key"]
        return (
            found[0] + f'<image data-h="{key}" x="{min(xs):.2f}" y="{min(ys):.2f}" '
            f'width="{max(xs) - min(xs):.2f}" height="{max(ys) - min(ys):.2f}" '
            f'preserveAspectRatio="none" style="image-rendering:pixelated" '
            f'href="{images.get(key, "")}"/>'
        )

    return _ROOM.sub(image, svg)


__all__ = [
    "GRID",
    "SIDE",
    "bounds_of",
    "centres",
    "level",
    "levels",
    "place_images",
    "plane",
    "png_url",
    "unit_grids",
]
