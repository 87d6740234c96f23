"""A Value's graph drawn: ``draw_graph``, and its pictures as bytes and files.

``draw_graph`` gives a :class:`~autograd.viz.layout.drawing.Drawing`: its DOT text
(``to_dot``, built by a ``graphviz.Digraph``, its ``.digraph``) and its
pictures, laid out by the chosen backend (:mod:`autograd.viz.layout.backends`). The
Python ``graphviz`` package (the ``viz`` extra) is imported only when a drawing
is made, so ``to_dot`` works without it. The ``dot`` executable is needed only
to lay out and render: when it is missing, rendering raises
:class:`GraphvizNotFound` with the command that installs it, the DOT text stays
available as ``.source``, and in Jupyter the graph shows that hint and the DOT
text instead of a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from autograd.checks import real
from autograd.files import write_atomic
from autograd.value import Value
from autograd.viz.layout.drawing import Drawing
from autograd.viz.layout.limits import (
    MAX_DPI,
    MIN_DPI,
    TIMEOUT,
    GraphvizNotFound,
    GraphvizTimeout,
    seconds,
)
from autograd.viz.layout.svg import PX_PER_PT, READABLE
from autograd.viz.scene import colors
from autograd.viz.scene.annotate import Annotations
from autograd.viz.scene.dot import annotated, graph_lines
from autograd.viz.scene.places import PAGE
from autograd.viz.scene.sizing import node_limit, size

#: The widest picture that reads whole in a page's 800-px column (less its border),
#: in points: its 11-pt text may be shown at 11 px (``READABLE``) and no smaller.
READS_WHOLE = (PAGE.width - 2) / (PX_PER_PT * READABLE)
#: Graphs up to this many drawn nodes get their direction chosen by laying them
#: out (tens of milliseconds each); a larger one is drawn left to right.
CHOSEN_UP_TO = 200


class EmptyPicture(RuntimeError):
    """Graphviz's ``dot`` gave back no bytes for a picture; nothing is written."""


def digraph(
    root: Value,
    annotations: Annotations | Callable[[list[Value]], Annotations],
    *,
    rankdir: str = "LR",
    max_nodes: int = 500,
    collapse: bool | None = None,
) -> Drawing:
    """A Drawing of ``root``'s graph with the given per-node and per-edge annotations.

    The building block for drawings with their own annotations (the player's frames).
    """
    lines = graph_lines(root, annotations, rankdir=rankdir, max_nodes=max_nodes, collapse=collapse)
    graph = Drawing()
    graph.body.extend(lines)
    return graph


def draw_graph(
    root: Value | Any,
    *,
    rankdir: str | None = None,
    show_data: bool = True,
    show_grad: bool = True,
    flow: bool = False,
    highlight: Collection[Value] = (),
    max_nodes: int = 500,
    collapse: bool | None = None,
    vanishing: float = colors.VANISHING,
    exploding: float = colors.EXPLODING,
    contributions: bool | None = None,
    scale: tuple[float, float] | None = None,
    timeout: float = TIMEOUT,
    check: bool = True,
) -> Drawing:
    """The computation graph of ``root`` as a :class:`~.drawing.Drawing` (SVG in Jupyter).

    Its ``.digraph`` is the ``graphviz.Digraph`` of the DOT text, and everything
    a Digraph does works on the Drawing itself (``.source``, ``.attr()``,
    ``.pipe()``, ``.render()``...), laid out by the chosen backend.

    Each Value is a box with its label, data and grad; each op a small ellipse
    between operands and result; ``x * x`` draws two edges; constants are small
    notes. Its ``.source`` is exactly ``to_dot(root, ...)`` with the same options.

    Text is 11 pt, 14.7 px at the picture's own size, and a picture should
    not be shown below three quarters of that (11 px): up to 1,064 px wide
    (798 pt) it reads in an 800-px column scaled to fit. A larger graph is
    not shrunk but turned, folded or split: ``rankdir="TB"`` for a chain
    (chosen for you, see ``rankdir``), ``collapse=True`` for a network (one
    box per neuron), or a smaller part of the graph (the README's "Where a
    picture is shown, and how it fits").

    Args:
        rankdir: layout direction, "LR", "RL", "TB" or "BT". None (the
            default): left to right where that reads whole in an 800-px
            column, else top to bottom where that is narrower, decided by
            laying both out (graphs of up to 200 drawn nodes; a larger one,
            or one Graphviz cannot lay out now, left to right).
        show_data, show_grad: show those cells in each box.
        flow: colour and size boxes and edges by |grad| on a log scale, with a
            legend; zeros grey, |grad| < ``vanishing`` or > ``exploding`` flagged.
        highlight: Values drawn with a thick orange border.
        max_nodes: the most DOT nodes drawn; past it each neuron's ``dot``/``sum``
            is collapsed, and if that is not enough, ValueError.
        collapse: True always folds a neuron's weights into its ``dot`` box,
            False never, None when over ``max_nodes``.
        contributions: label each edge into an op with local derivative ×
            upstream gradient (only with ``flow``; defaults to on there).
        scale: ``(low, high)``, with ``flow``: fix the |grad| colour scale
            (rounded out to whole decades) so that a series of pictures, and
            ``nn.draw_network`` and ``step_through`` given the same scale, share
            colours and legend; default: the decades this graph's gradients span.
        timeout: the most seconds Graphviz's ``dot`` may take to render it
            (the drawing's ``timeout`` attribute; default 60).
        check: for a learner's own engine's root (below), mark each grad the
            chain rule disagrees with (default True); ignored for a Value.

    A learner's own micrograd-style node works as ``root`` too (``data``,
    ``grad``, ``_prev`` or ``_children``, ``_op`` a string; maybe ``label``;
    :mod:`autograd.engines.foreign`): the drawing shows the engine's own data
    and grads (a ``grad`` of 0 is drawn as 0.0: an engine cannot tell it from
    "not computed"), its op strings read as rows of chainrule's table
    (``'**2'`` is ``x ** 2``). With ``check``, each grad that differs from what
    the chain rule gives from its users' grads is flagged in red,
    "⚠ should be 2.0", and a legend says so; an op string the table lacks is
    drawn with its own text and listed there as not checked.
    ``highlight`` then takes the learner's nodes.

    Raises:
        TypeError: ``root`` is neither a Value nor node-like (named by module).
        ImportError: the graphviz package is missing (``pip install 'chainrule[viz]'``).
        ValueError: the graph is larger than ``max_nodes`` even collapsed; a bad
            ``scale``, or ``scale`` without ``flow``; ``max_nodes`` not a whole number >= 1.
        GraphvizNotFound: from ``.pipe()``/``.render()`` when ``dot`` is not installed.
        GraphvizTimeout: from ``.pipe()``/``.render()`` when ``dot`` runs past ``timeout``.
    """
    limit = seconds(timeout)  # a bad timeout is refused before any work
    max_nodes = node_limit(max_nodes, "draw_graph()")  # and so is a bad max_nodes
    root, annotations = annotated(
        root,
        check,
        show_data=show_data,
        show_grad=show_grad,
        flow=flow,
        highlight=highlight,
        vanishing=vanishing,
        exploding=exploding,
        contributions=contributions,
        scale=scale,
    )
    if rankdir is None:
        return _turned(root, annotations, limit, max_nodes, collapse)
    graph = digraph(root, annotations, rankdir=rankdir, max_nodes=max_nodes, collapse=collapse)
    graph.timeout = limit
    return graph


def _turned(
    root: Value,
    annotations: Callable[[list[Value]], Annotations],
    limit: float,
    max_nodes: int,
    collapse: bool | None,
) -> Drawing:
    """The drawing left to right where it reads whole in a page's column, else the
    narrower of it and the one top to bottom (see ``draw_graph``'s ``rankdir``)."""
    across = digraph(root, annotations, rankdir="LR", max_nodes=max_nodes, collapse=collapse)
    across.timeout = limit
    if size(root) > CHOSEN_UP_TO:
        return across
    try:
        wide = _width(across)
        if wide <= READS_WHOLE:
            return across
        down = digraph(root, annotations, rankdir="TB", max_nodes=max_nodes, collapse=collapse)
        down.timeout = limit
        return down if _width(down) < wide else across
    except (GraphvizNotFound, GraphvizTimeout):  # rendering says so, where it is asked for
        return across


def _width(graph: Drawing) -> float:
    """A drawing's width in points, laid out (Graphviz's SVG says it on its root)."""
    head = graph.pipe(format="svg", encoding="utf-8")[:2000]
    found = re.search(r'<svg width="([\d.]+)pt"', head)
    return float(found.group(1)) if found else 0.0


def render_bytes(graph: Drawing, fmt: str, *, dpi: float | None = None) -> bytes:
    """``graph`` rendered as ``fmt`` ("svg", "png", "pdf" or "dot"), as bytes.

    ``dpi`` sets a PNG's resolution (Graphviz's own is 96). It goes on a copy of
    the graph, so ``graph.source`` and every other format stay as they were.

    Raises:
        ValueError: ``dpi`` with a format other than PNG, or outside 10 to 2400.
        GraphvizNotFound: ``dot`` is not installed (DOT needs no ``dot``).
        EmptyPicture: ``dot`` gave back nothing (never written as a picture).

    >>> from autograd import Value
    >>> render_bytes(draw_graph(Value(0.5)), "dot").startswith(b"digraph {")
    True
    >>> render_bytes(draw_graph(Value(0.5)), "png", dpi=0.01)
    Traceback (most recent call last):
    ...
    ValueError: dpi must be a number in [10, 2400], got 0.01
    """
    if dpi is not None and fmt != "png":
        raise ValueError(f"dpi applies to PNG only, not {fmt}")
    if fmt == "dot":
        return graph.source.encode()
    if dpi is not None:
        graph = graph.copy()
        graph.attr(dpi=f"{real(dpi, 'dpi', low=MIN_DPI, high=MAX_DPI):g}")
    data: bytes = graph.pipe(format=fmt)
    if not data:
        raise EmptyPicture(f"Graphviz's dot gave an empty {fmt.upper()}: nothing written")
    return data


def save(graph: Drawing, path: str | Path, fmt: str, *, dpi: float | None = None) -> Path:
    """Write ``graph`` rendered as ``fmt`` to ``path``, atomically; see :func:`render_bytes`."""
    path = Path(path)
    write_atomic(path, render_bytes(graph, fmt, dpi=dpi))
    return path
