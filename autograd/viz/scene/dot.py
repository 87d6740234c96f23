"""DOT text for a computation graph: pure string building, no Graphviz needed.

Each Value is a box showing its label, data and grad; each op is a small
ellipse between its operands and its result; a repeated operand (``x * x``)
gets one edge per use; a plain-number constant is a small note feeding its op.
DOT names come from the node's position in ``forward_steps`` (``v0``, ``op1``,
``c1_1``), never from ``id()``, so the same graph always gives the same text; an
unlabelled node shows its name from ``node_names`` (``mul1``, ``L``) in italics.

>>> from autograd import Value
>>> x = Value(2.0, label="x")
>>> dot = to_dot(x * x)
>>> [line.strip() for line in dot.splitlines() if "->" in line]  # x * x: two edges
['v0 -> op1', 'v0 -> op1', 'op1 -> v1']
>>> "<B>x</B></TD><TD>data 2.0</TD><TD>grad —</TD>" in dot  # no backward yet: not 0.0
True
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from autograd.engines.foreign import SHAPE, is_node, read
from autograd.engines.mirror import mirror
from autograd.kinds import class_name
from autograd.text import escape, number
from autograd.trace import forward_steps, node_names
from autograd.value import Value
from autograd.viz.scene import colors
from autograd.viz.scene.annotate import Annotations, gradient_flow, plain
from autograd.viz.scene.body import emit
from autograd.viz.scene.boxes import DATA, FLAG, FONT, HIGHLIGHT, LIVE, SMALL
from autograd.viz.scene.fold import Folds, fold
from autograd.viz.scene.learner import marked
from autograd.viz.scene.sizing import count, node_limit


def graph_lines(
    root: Value,
    annotations: Annotations | Callable[[list[Value]], Annotations],
    *,
    rankdir: str = "LR",
    max_nodes: int = 500,
    collapse: bool | None = None,
) -> list[str]:
    """The body of the DOT text, one ``"\\t...\\n"`` line each, as graphviz keeps it.

    Args:
        annotations: the looks, or a function making them from
            ``forward_steps(root)``, called only once the graph is counted.
        collapse: fold each neuron (a ``dot`` or ``sum`` node with the weights
            and bias only it uses, and its activation) into one box titled in
            words (see :mod:`autograd.viz.scene.fold`). None: only when the graph is
            larger than ``max_nodes``.

    Raises:
        ValueError: the drawing has more than ``max_nodes`` nodes even after
            collapsing; the message gives the count and what to pass.
    """
    if rankdir not in ("LR", "RL", "TB", "BT"):
        raise ValueError(f"rankdir must be one of LR, RL, TB, BT, got {rankdir!r}")
    order = forward_steps(root)
    names = node_names(root, order)
    folds = folds_for(order, max_nodes, collapse, names)
    if not isinstance(annotations, Annotations):  # counted first, then annotated
        annotations = annotations(order)
    return emit(order, names, annotations, rankdir=rankdir, folds=folds)


def folds_for(
    order: Sequence[Value],
    max_nodes: int,
    collapse: bool | None = None,
    names: Mapping[Value, str] | None = None,
) -> Folds:
    """The folds to draw ``order`` with (see ``graph_lines``), or ValueError past ``max_nodes``.

    Linear in the graph: a graph is counted, and refused, before any drawing
    work is done for it. ``max_nodes`` is checked by ``sizing.node_limit``
    (``nan``, ``2.5``: ValueError; ``True``, ``"500"``: TypeError), rather
    than taken as a limit never reached.

    Args:
        names: each node's display name (``node_names``), which titles a
            folded neuron whose parameters are not named like ``nn``'s.
    """
    max_nodes = node_limit(max_nodes)
    total = count(order, Folds())
    folds = Folds()
    if collapse or (collapse is None and total > max_nodes):
        folds = fold(order, names)
    drawn = count(order, folds) if folds.neurons else total
    if drawn > max_nodes:
        hint = "" if collapse is False or drawn == total else f" ({total} before collapsing)"
        raise too_many(drawn, max_nodes, hint)
    return folds


def too_many(drawn: int, max_nodes: int, hint: str = "", anyway: str = "") -> ValueError:
    """The refusal of a graph of ``drawn`` nodes, more than ``max_nodes``.

    ``anyway`` says how to draw it all the same; default: pass ``max_nodes=drawn``.

    >>> print(too_many(737, 500, anyway="call lab(f, 737, **inputs)"))
    the graph has 737 nodes to draw, more than max_nodes=500; call lab(f, 737, **inputs) \
to draw it anyway (the picture will be huge), or draw a smaller part of the graph
    """
    anyway = anyway or f"pass max_nodes={drawn}"
    return ValueError(
        f"the graph has {drawn} nodes to draw{hint}, more than max_nodes={max_nodes}; "
        f"{anyway} to draw it anyway (the picture will be huge), "
        "or draw a smaller part of the graph"
    )


def annotations_for(
    root: Value,
    *,
    show_data: bool = True,
    show_grad: bool = True,
    flow: bool = False,
    highlight: Collection[Value] = (),
    vanishing: float = colors.VANISHING,
    exploding: float = colors.EXPLODING,
    contributions: bool | None = None,
    scale: tuple[float, float] | None = None,
    order: Sequence[Value] | None = None,
) -> Annotations:
    """The annotations that ``to_dot`` and ``draw_graph`` options ask for.

    Args:
        order: ``forward_steps(root)``, when the caller has it already.

    Raises:
        TypeError: ``root`` is not a Value.
    """
    _check_root(root)
    if scale is not None and not flow:
        raise ValueError("scale= sets the colours of flow=True: pass flow=True with it")
    order = forward_steps(root) if order is None else order
    if not flow:
        return plain(order, show_data=show_data, show_grad=show_grad, highlight=highlight)
    return gradient_flow(
        order,
        show_data=show_data,
        highlight=highlight,
        vanishing=vanishing,
        exploding=exploding,
        contributions=True if contributions is None else contributions,
        scale=scale,
    )


def _check_root(root: object) -> None:
    if not isinstance(root, Value):
        raise TypeError(
            "to_dot() and draw_graph() draw the graph of a Value, or of your own engine's "
            f"node ({SHAPE}), got {class_name(root)}: {root!r}"
        )


def annotated(
    root: object, check: bool = True, **options: Any
) -> tuple[Value, Callable[[list[Value]], Annotations]]:
    """The Value to draw and its ``annotator``: a learner's node is drawn as its copy.

    A learner's graph (:mod:`autograd.engines.foreign`) is drawn with its own
    data and grads and, with ``check``, each grad the chain rule disagrees
    with marked (:func:`autograd.viz.scene.learner.marked`); ``highlight``
    names the learner's own nodes.
    """
    if isinstance(root, Value):
        return root, annotator(root, **options)
    if not is_node(root):
        _check_root(root)
    graph = read(root)
    copies = mirror(graph)
    where = graph.index()
    options["highlight"] = [
        copies[where[id(v)]] for v in options.get("highlight", ()) if id(v) in where
    ]
    base = annotator(copies[-1], **options)
    return copies[-1], lambda order: marked(base(order), graph, copies, check)


def annotator(root: Value, **options: Any) -> Callable[[list[Value]], Annotations]:
    """``annotations_for(root, **options)``, made only once the graph is counted.

    A graph too large is refused before its gradients are read and coloured;
    a ``scale`` without ``flow`` is refused at once.
    """
    _check_root(root)
    if options.get("scale") is not None and not options.get("flow"):
        annotations_for(root, scale=options["scale"])
    return lambda order: annotations_for(root, order=order, **options)


def to_dot(
    root: Value | Any,
    *,
    rankdir: str = "LR",
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
    check: bool = True,
) -> str:
    """The DOT text of every node ``root`` depends on; the options are ``draw_graph``'s.

    ``root`` may be a node of a learner's own micrograd-style engine (``data``,
    ``grad``, ``_prev`` or ``_children``, ``_op``): see ``draw_graph``.

    Raises:
        TypeError: ``root`` is neither a Value nor node-like (named by module).
        ValueError: as ``draw_graph`` (a bad ``max_nodes``, too many nodes, a bad ``scale``).
        TypeError: ``max_nodes`` is not a number (``"500"``, ``True``).

    >>> from autograd import Value
    >>> print(to_dot(Value(0.5, label="a|b")))
    digraph {
        rankdir=LR
        ranksep=0.3 nodesep=0.2
        node [fontname="Helvetica" fontsize=11]
        edge [fontname="Helvetica" fontsize=11 arrowsize=0.6]
        v0 [shape=plain label=<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">...
    }
    """
    max_nodes = node_limit(max_nodes, "to_dot()")
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
    body = graph_lines(root, annotations, rankdir=rankdir, max_nodes=max_nodes, collapse=collapse)
    return "digraph {\n" + "".join(body) + "}\n"


__all__ = [
    "DATA",
    "FLAG",
    "FONT",
    "HIGHLIGHT",
    "LIVE",
    "SMALL",
    "annotated",
    "annotations_for",
    "annotator",
    "emit",
    "escape",
    "folds_for",
    "graph_lines",
    "number",
    "to_dot",
    "too_many",
]
