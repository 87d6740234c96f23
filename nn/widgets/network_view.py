"""The playground's network view: laid out once by Graphviz, recoloured from data on every update.

:func:`network_svg` draws the network view (:func:`nn.pictures.draw.network_lines`, without
its legend, which the playground draws itself) and tags it as every recoloured
picture is tagged, by the one tagging contract (:func:`autograd.viz.layout.svg.tag`):
each neuron is a node (``data-n="c_k"``: unit ``k`` of column ``c``, inputs are
column 0; its shape both background and outline) and each wire an edge
(``data-e="c_i_j"``: from unit ``i`` of column ``c`` to unit ``j`` of the next;
its path the outline).
:func:`network_colors` says, after each step, what every neuron and wire
shows, on the shared colour scale (:mod:`autograd.viz.scene.colors`), as a
:class:`autograd.viz.views.frames.Network` frame: the front end paints it on the one
picture, and :func:`apply` does the same here for the static view.

>>> from nn import MLP
>>> svg = network_svg(MLP(2, [3, 1], seed=0))
>>> svg.count("data-n="), svg.count("data-e="), 'data-title="MLP(2, [3, 1])"' in svg
(6, 9, True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from autograd.viz.layout.drawing import Drawing
from autograd.viz.layout.svg import tag
from autograd.viz.scene import colors
from autograd.viz.views.frames import Network, Paint, Scale
from autograd.viz.views.paint import paint
from nn.features import feature_map
from nn.pictures.draw import _name, network_lines, scale_of
from nn.pictures.heatmaps import GRID, Bounds, levels, place_images, png_url, unit_grids
from nn.pictures.network import Network as View
from nn.pictures.network import network
from nn.pictures.network_dot import rows


def network_svg(model: Any, heatmaps: bool = False, inputs: Sequence[str] | None = None) -> str:
    """The network view of ``model`` as a tagged SVG document (Graphviz's neato, once).

    Its title (``MLP(2, [3, 1])``) is the root's ``data-title``, which the widget shows
    in its own heading, not drawn: without it and with a narrow margin the picture is
    a title's height shorter, which keeps it in view under the boundary and the loss.
    ``heatmaps``: an empty ``<image data-h="c_k">`` right of each hidden and output
    unit, which the front end draws each update's heatmap in.
    ``inputs``: what each input node says (the features the first layer takes:
    ``["x1", "x1·x2", "sin x1"]``), else ``x1``, ``x2``, ...
    """
    view = named(network(model, show="weight"), inputs)
    lines = [
        line
        for line in network_lines(view, _name(model), ids=True, heatmaps=heatmaps)
        if not line.startswith("\tlegend ")
    ]
    graph = Drawing(engine="neato")
    # A later graph statement overrides the earlier label and pad.
    graph.body.extend([*lines, '\tgraph [label="" pad="0.05"]\n'])
    svg = place_images(str(graph.pipe(format="svg", encoding="utf-8")), {})
    return tag(svg, title(model)).svg


def named(view: View, inputs: Sequence[str] | None) -> View:
    """``view`` with its input nodes called ``inputs`` (as is, if None).

    >>> from nn import MLP
    >>> view = named(network(MLP(2, [1], seed=0)), ["x1²", "sin x2"])
    >>> [(u.name, u.tip) for u in view.columns[0].units]
    [('x1²', 'input 1: x1²'), ('sin x2', 'input 2: sin x2')]
    """
    if inputs is None:
        return view
    first = view.columns[0]
    if isinstance(inputs, str) or len(inputs) != len(first.units):
        raise ValueError(
            f"network_svg: the model takes {len(first.units)} inputs, "
            f"got {len(inputs)} input names: {list(inputs)!r}"
        )
    units = [
        replace(u, name=str(name), tip=f"{u.tip}: {name}")
        for u, name in zip(first.units, inputs, strict=True)
    ]
    return replace(view, columns=[replace(first, units=units), *view.columns[1:]])


def heat(
    model: Any, bounds: Bounds, n: int = GRID, features: Sequence[str] = ("x1", "x2")
) -> dict[str, list[int]]:
    """Each hidden and output unit's heatmap now, by key ``c_k``: the :func:`levels` of its
    output at the centres of n x n cells on ``bounds``, rows from the top; only the units the
    view shows (:func:`nn.pictures.network_dot.rows`: a column of 64 shows 18). The model
    takes each point as its ``features`` (:func:`nn.features.feature_map`)."""
    grids = unit_grids(model, bounds, n, feature_map(features))
    return {
        f"{c}_{k}": levels(layer[k])
        for c, layer in enumerate(grids, start=1)
        for k in rows(len(layer))
        if k is not None
    }


def with_heat(svg: str, shown: dict[str, list[int]], n: int) -> str:
    """``svg`` (from :func:`network_svg`) with each heatmap in ``shown`` drawn, as a PNG."""

    def image(found: re.Match[str]) -> str:
        cells = shown.get(found[1])
        return found[0] if cells is None else found[0][:-1] + png_url(cells, n) + '"'

    return re.sub(r'<image data-h="(\d+_\d+)"[^>]*href=""', image, svg)


def title(model: Any) -> str:
    """The network view's title: ``MLP(2, [3, 1])``, the model as its constructor reads."""
    return _name(model)


def network_colors(model: Any, show: str = "grad") -> Network:
    """What every neuron and wire shows now (see :class:`autograd.viz.views.frames.Network`).

    ``show``: "grad" (each parameter's ``.grad``, from the last backward) or "weight".
    """
    view = network(model, show=show)
    scale = scale_of(view)
    units: dict[str, Paint] = {}
    for c, column in enumerate(view.columns[1:], start=1):
        for k, unit in enumerate(column.units):
            amount = 0.0 if unit.amount is None else unit.amount
            fill = colors.signed(amount, scale)
            flagged = show == "grad" and colors.classify(amount) in ("vanishing", "exploding")
            units[f"{c}_{k}"] = Paint(
                fill=fill,
                ink=colors.text_color(fill),
                stroke=colors.ALARM if flagged else colors.OUTLINE,
                width=2.5 if flagged else 1.0,
            )
    wires = {
        f"{w.column}_{w.source}_{w.target}": Paint(
            stroke=colors.signed(w.amount, scale),
            width=scale.width(w.amount, 0.4, 3.5),
            dashed=show == "grad" and colors.classify(w.amount) == "vanishing",
        )
        for w in view.wires
    }
    flags = [column.flag for column in view.columns[1:]]
    ticks = [colors.tick(scale.low), colors.tick(scale.high)]
    return Network(units, wires, flags, Scale(scale.low, scale.high, ticks))


def apply(svg: str, shown: Network) -> str:
    """``svg`` (from :func:`network_svg`) coloured as ``shown`` says (:func:`network_colors`)."""
    return paint(svg, shown.units, shown.wires)


__all__ = ["apply", "heat", "named", "network_colors", "network_svg", "title", "with_heat"]
