"""``draw_network``: the network view as a still picture (its DOT: :mod:`nn.pictures.network_dot`).

>>> from nn import MLP
>>> graph = draw_network(MLP(2, [3, 1], seed=0), show="weight")
>>> graph.engine, graph.source.count(" -> ")
('neato', 9)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from autograd import Value
from autograd.text import short
from autograd.viz.layout.drawing import Drawing
from nn.layers import MLP
from nn.pictures.heat_picture import HeatmapDrawing, images
from nn.pictures.heatmaps import GRID, Bounds, plane
from nn.pictures.legend import legend
from nn.pictures.network import layers_of, network
from nn.pictures.network_dot import (
    COLUMN_GAP,
    ENDS,
    MAX_ROWS,
    ROW_GAP,
    column_gap,
    network_lines,
    rows,
    scale_of,
)


def _name(model: Any) -> str:
    """``MLP(2, [16, 16, 1])``: the model as its constructor reads, without options."""
    layers = layers_of(model)
    sizes = [len(layer.neurons) for layer in layers]
    nin = len(layers[0].neurons[0].w)
    # An MLP's sizes are a list however many (MLP(1, [1])); a Layer's one number.
    shown = sizes if isinstance(model, MLP) or len(sizes) > 1 else sizes[0]
    return f"{type(model).__name__}({nin}, {shown})"


def draw_network(
    model: Any,
    x: Sequence[Any] | None = None,
    *,
    loss: Value | None = None,
    show: str = "grad",
    scale: tuple[float, float] | None = None,
    heatmaps: bool = False,
    data: Any = None,
    bounds: tuple[float, float, float, float] | None = None,
) -> Any:
    """The network as a slide: inputs, layers and outputs as columns of neurons, weights as wires.

    Each neuron is a rounded box with its number (and, with ``x``, its
    activation for that input); each weight a straight wire. With
    ``show="grad"`` a wire is coloured by the sign and size of its weight's
    gradient (blue positive, orange negative, paler and thinner the smaller
    |grad| is, on a log scale) and a neuron by its bias's gradient, which is
    the gradient reaching the neuron; ``show="weight"`` colours by the weights
    and biases themselves. A layer whose median |grad| is below ``1e-6`` is
    flagged vanishing, one with a |grad| above ``100`` exploding, as
    ``draw_graph(flow=True)`` flags nodes; so are single neurons, and
    vanishing wires are dashed.

    Args:
        model: an ``MLP``, ``Layer`` or ``Neuron``.
        x: one input (a list of numbers, or a 1-D NumPy array): neurons then
            show their outputs, as the model computes them (dropout off).
        loss: a Value to take the gradients of (computed afresh, touching no
            ``.grad``); default: each parameter's ``.grad``, as left by ``backward()``.
        show: "grad" or "weight".
        scale: ``(low, high)``: a fixed colour scale for |grad| (or |w|),
            rounded out to whole decades, so that several pictures (and
            ``draw_graph(flow=True, scale=...)``) can be compared; default: the
            decades this picture spans.
        heatmaps: beside each hidden and output unit, its output over the input
            plane as a small heatmap (16 x 16 cells, on the decision boundary's
            colours: class 1's where positive, class 0's where negative, white at
            0, deepest at +-1); a model with 2 inputs, and ``data`` or ``bounds``.
        data: the points (rows of 2 numbers) whose plane the heatmaps show, with a
            margin, as the playground draws it.
        bounds: ``(x0, x1, y0, y1)``, the plane itself, instead of ``data``.

    Returns:
        a :class:`~autograd.viz.layout.drawing.Drawing` (laid out by ``neato``; SVG in Jupyter);
        with heatmaps, one drawn as SVG only, each heatmap a PNG in it.

    Raises:
        TypeError: ``model`` is not an MLP, Layer or Neuron; ``x`` or ``loss`` of the wrong type.
        ValueError: ``x`` of the wrong length; an unknown ``show``; a bad ``scale``;
            a ``loss`` that does not depend on the model; heatmaps without
            ``data`` or ``bounds`` (or with both), or for a model without 2 inputs;
            ``data`` or ``bounds`` without heatmaps.
        ImportError: the graphviz package is missing (``pip install 'chainrule[viz]'``).

    >>> from nn import MLP
    >>> model = MLP(2, [3, 1], seed=0)
    >>> model([1.0, 0.5]).backward()
    >>> graph = draw_network(model, [1.0, 0.5])
    >>> graph.engine, graph.source.count(" -> ")
    ('neato', 9)
    """
    view = network(model, x, loss=loss, show=show)
    color = scale_of(view, scale)
    what = "weights" if show == "weight" else "gradients"
    if loss is not None:
        what = f"gradients of loss = {short(loss.data)}"
    where = _plane(model, heatmaps, data, bounds)
    lines = network_lines(view, f"{_name(model)} · {what}", color, heatmaps=where is not None)
    if where is None:
        graph = Drawing(engine="neato")
    else:
        graph = HeatmapDrawing(images(model, where, GRID))
        graph.engine, graph.format = "neato", "svg"
    graph.body.extend(lines)
    return graph


def _plane(model: Any, heatmaps: Any, data: Any, bounds: Any) -> Bounds | None:
    """The plane the heatmaps show (None for no heatmaps), every argument checked."""
    if heatmaps is False:
        if data is not None or bounds is not None:
            raise ValueError("draw_network: data= and bounds= are for heatmaps=True")
        return None
    if heatmaps is not True:
        raise TypeError(f"draw_network heatmaps must be True or False, got {heatmaps!r}")
    nin = len(layers_of(model)[0].neurons[0].w)
    if nin != 2:
        raise ValueError(
            "draw_network(heatmaps=True) shows each unit over the input plane: "
            f"the model needs 2 inputs, this one takes {nin}"
        )
    return plane(data, bounds)


__all__ = [
    "COLUMN_GAP",
    "ENDS",
    "MAX_ROWS",
    "ROW_GAP",
    "column_gap",
    "draw_network",
    "legend",
    "network_lines",
    "rows",
    "scale_of",
    "short",
]
