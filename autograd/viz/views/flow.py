"""Per-layer gradient summaries and the ``plot_grad_flow`` chart.

A mean |grad| per layer hides a layer whose weights mostly vanished behind a
few large ones, so each layer is summarised by its median and its range
(min and max |grad|), and exact zeros are counted apart (a log axis cannot
show them).

>>> from autograd import Value
>>> a, b, c = Value(1.0), Value(2.0), Value(3.0)
>>> a.grad, b.grad, c.grad = 1e-8, 2e-8, 0.5
>>> [s.name for s in grad_flow_summary([("layers.0.w.0", a), ("layers.0.w.1", b),
...                                     ("layers.1.w.0", c)])]
['layers.0', 'layers.1']
>>> first = grad_flow_summary([("layers.0.w.0", a), ("layers.0.w.1", b),
...                            ("layers.0.b", c)])[0]
>>> first.count, first.low, first.median, first.high, first.flag
(3, 1e-08, 2e-08, 0.5, 'vanishing')
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from autograd.names import layer_of
from autograd.value import Value
from autograd.viz.scene import colors
from autograd.viz.views import charts

INSTALL_MATPLOTLIB = "plot_grad_flow needs matplotlib: pip install 'chainrule[nn]'"

#: The least share of the axes' height kept under the lowest marker for the zero counts.
ROOM_BELOW = 0.18
#: What the zero counts under a marker take, in points: the 7-point gap under the
#: marker, two lines of :data:`charts.SMALL` text, and a little air.
COUNTS_PT = 7 + 2 * 1.2 * charts.SMALL + 4
#: The width a layer gets on a chart of its own, and what the rest takes (the
#: |grad| axis and its label on the left, the legend on the right), in inches.
PER_LAYER, FRAME = 0.8, 3.2


@dataclass(frozen=True)
class LayerGrads:
    """One layer's |grad| summary: count, zeros, min, median and max (zeros included)."""

    name: str
    count: int
    zeros: int
    low: float
    median: float
    high: float
    flag: str  # "vanishing" (median below threshold), "exploding" (max above), or ""


def _named(model_or_named_values: Any) -> list[tuple[str, Value]]:
    source = model_or_named_values
    if hasattr(source, "named_parameters"):
        source = source.named_parameters()
    pairs = []
    for i, item in enumerate(source):
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Value)):
            raise TypeError(f"grad flow needs (name, Value) pairs, item {i} is {item!r}")
        pairs.append((str(item[0]), item[1]))
    if not pairs:
        raise ValueError("grad flow needs at least one named Value, got none")
    return pairs


def grad_flow_summary(
    model_or_named_values: Any,
    *,
    vanishing: float = colors.VANISHING,
    exploding: float = colors.EXPLODING,
) -> list[LayerGrads]:
    """|grad| per layer, in first-seen order, from a model or (name, Value) pairs.

    Args:
        model_or_named_values: an object with ``named_parameters()`` or an
            iterable of (dotted name, Value); names group by :func:`layer_of`.

    Raises:
        TypeError: an item is not a (name, Value) pair.
        ValueError: there are no parameters.
    """
    groups: dict[str, list[float]] = {}
    for name, v in _named(model_or_named_values):
        groups.setdefault(layer_of(name), []).append(abs(v.grad))
    summary = []
    for name, mags in groups.items():
        median = statistics.median(mags)
        flag = "exploding" if not max(mags) <= exploding else ""
        if not flag and median < vanishing:
            flag = "vanishing"
        zeros = sum(m == 0 for m in mags)
        summary.append(LayerGrads(name, len(mags), zeros, min(mags), median, max(mags), flag))
    return summary


def plot_grad_flow(
    model_or_named_values: Any,
    *,
    vanishing: float = colors.VANISHING,
    exploding: float = colors.EXPLODING,
    ax: Any = None,
) -> Any:
    """A matplotlib Figure of |grad| per layer: median dot, min-max bar, log axis.

    Dashed red lines mark the vanishing and exploding thresholds; flagged
    layers' names are red; zeros are counted under the axis. A layer whose
    median is exactly 0 (at least half its gradients are 0, as behind dead
    ReLUs) has no place on a log axis: it gets a hollow triangle at the
    bottom instead of a dot, and the legend says "median 0". Layers are named
    as every chart names them, ``layer 1``, ``layer 2``, ... (a summary keeps
    the parameters' own ``layers.0``). The legend stands beside the axes, never
    on a bar, and a figure of its own is at most as wide as every place shows
    it (:mod:`autograd.viz.views.charts`). Pass ``ax`` to draw into an existing Axes
    (its figure's layout is left as it is).

    Raises:
        ImportError: matplotlib is missing (``pip install 'chainrule[nn]'``).
    """
    try:
        from matplotlib.figure import Figure
    except ImportError as error:
        raise ImportError(INSTALL_MATPLOTLIB) from error
    layers = grad_flow_summary(model_or_named_values, vanishing=vanishing, exploding=exploding)
    if ax is None:  # a figure passed in keeps the layout its owner chose
        wanted = charts.width(PER_LAYER * len(layers) + FRAME)
        ax = Figure(figsize=charts.figsize(3.6, wanted), layout="constrained").subplots()
    nonzero = [m for s in layers for m in (s.low, s.median, s.high) if m > 0]
    floor = min([vanishing / 10, *nonzero])
    first_zero = next((s for s in layers if s.median == 0), None)  # the one in the legend
    room = _room(ax, len(layers))
    for x, s in enumerate(layers):
        _draw_layer(ax, x, s, floor, in_legend=s is first_zero, counts=room)
    ax.axhline(vanishing, color=colors.ALARM, linestyle="--", linewidth=1, label="vanishing")
    ax.axhline(exploding, color=colors.ALARM, linestyle=":", linewidth=1, label="exploding")
    ax.set_yscale("log")
    charts.decades(ax.yaxis)
    if any(s.zeros for s in layers):
        _room_below(ax, floor, COUNTS_PT / 72 / _height(ax))
    _name_layers(ax, layers, room)
    ax.set_ylabel("|grad| (median, min to max)")
    ax.set_title("gradient flow per layer")
    charts.legend_beside(ax, fontsize=charts.SMALL)
    return ax.figure


def shown_name(layer: str) -> str:
    """What a chart calls a layer: ``layer 1`` for ``layers.0``, other names as they are.

    >>> shown_name("layers.0"), shown_name("layers.11"), shown_name("head")
    ('layer 1', 'layer 12', 'head')
    """
    last = layer.rsplit(".", 1)[-1]
    return f"layer {int(last) + 1}" if last.isdigit() else layer


def _text_inches(text: str, points: float) -> float:
    """How wide ``text`` is in the default font at ``points``, in inches."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(size=points)
    measure = TextToPath().get_text_width_height_descent
    return max(float(measure(line, font, False)[0]) for line in text.split("\n")) / 72


def _room(ax: Any, n: int) -> float:
    """The width each layer gets, in inches, less half an em of air between neighbours.

    Estimated before the layout: the axes' columns of its figure, less the frame
    (the |grad| axis and the legend beside it).
    """
    spec = ax.get_subplotspec()
    share = len(spec.colspan) / spec.get_gridspec().ncols if spec else 1.0
    width = float(ax.figure.get_figwidth()) * share - FRAME
    return width / max(n, 1) - charts.SMALL / 144


def _name_layers(ax: Any, layers: list[LayerGrads], room: float) -> None:
    """Each layer's name under it, in red if flagged; turned upright if the names would touch."""
    names = [shown_name(s.name) for s in layers]
    widest = max(_text_inches(name, 10.0) for name in names)
    ax.set_xticks(range(len(layers)), names, rotation=0 if widest <= room else 90)
    for tick, s in zip(ax.get_xticklabels(), layers, strict=True):
        tick.set_color(colors.ALARM if s.flag else "black")


def _draw_layer(
    ax: Any, x: int, s: LayerGrads, floor: float, *, in_legend: bool, counts: float
) -> None:
    """One layer's min-max bar, its median, and its count of zeros under the axis.

    The count says "zeros" under its number where ``counts`` inches leave room for
    it, else the number alone (the legend then says what it counts).
    """
    color = colors.ALARM if s.flag else "#21918c"
    if s.high > 0:
        ax.vlines(x, s.low if s.low > 0 else floor, s.high, color=color, linewidth=3, alpha=0.5)
    if s.median > 0:
        ax.plot([x], [s.median], "o", color=color, markersize=8)
    else:
        # A median of 0 is not left out: a layer that mostly gets nothing is the one to see.
        # Labels starting with "_" stay out of the legend, so "median 0" shows once.
        label = "median 0" if in_legend else "_median 0"
        hollow = {"markerfacecolor": "white", "markeredgewidth": 2, "markersize": 8}
        ax.plot([x], [floor], "v", color=color, label=label, **hollow)
    if s.zeros:
        # Two short lines under the marker, half an em apart from the neighbours' at least.
        word = "\nzero" + ("s" if s.zeros > 1 else "")
        label = f"{s.zeros}" + (word if _text_inches("zeros", charts.SMALL) <= counts else "")
        under = {"xytext": (0, -7), "textcoords": "offset points", "ha": "center", "va": "top"}
        ax.annotate(label, (x, floor), fontsize=charts.SMALL, **under)


def _height(ax: Any) -> float:
    """The axes' height in inches, estimated before the layout (which takes about a third)."""
    return float(ax.get_position().height * ax.figure.get_figheight()) * 2 / 3


def _room_below(ax: Any, floor: float, share: float) -> None:
    """Lower the log axis, if need be, so the counts under ``floor`` stay inside it.

    ``share`` is the part of the axes' height they need (at least :data:`ROOM_BELOW`).
    A shared axis keeps the lowest bottom any of its charts asked for.
    """
    share = min(max(share, ROOM_BELOW), 0.5)
    low, high = ax.get_ylim()
    top, bottom = math.log10(high), math.log10(floor)
    # (bottom - b) / (top - b) = share, solved for b, the new bottom's log.
    wanted = 10 ** ((bottom - share * top) / (1 - share))
    if wanted < low:
        ax.set_ylim(bottom=wanted)
