"""What each frame of a walk draws, as data: the looks handed to the scene.

A :class:`autograd.viz.views.steps.Walk` says what changes from frame to frame;
this module turns that into :class:`autograd.viz.scene.annotate.Annotations`,
every node's and edge's look made here, so the scene that draws them calls
nothing back up into the views:

- :func:`frame_looks`: frame ``k`` of a player (the static forms draw each);
- :func:`layout_looks`: the one picture every frame is applied to;
- :func:`geometry`: the boxes that the forward and the backward player of one
  graph share, so that they lay it out alike;
- :func:`legend`: the colour key of a backward walk's summary frame.

>>> from autograd import Value
>>> from autograd.viz.views.steps import walk
>>> a = Value(2.0, label="a")
>>> w = walk(a * a)
>>> looks = frame_looks(w, 1)
>>> looks.node(a).grad, looks.node(a).highlight
('4.0', False)
>>> looks.edge(w.root, 0).xlabel     # one use of a: upstream · local = term
'1.0 · 2.0 = 2.0'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from autograd.text import number
from autograd.trace import term
from autograd.value import Value
from autograd.viz.scene.annotate import Annotations, EdgeLook, NodeLook, gradient_flow, uses
from autograd.viz.scene.dot import HIGHLIGHT
from autograd.viz.scene.keys import NOT_COMPUTED, not_reached
from autograd.viz.views.steps import Walk

#: Colour of the edges just used.
USED = HIGHLIGHT
#: Fill of the node being processed.
CURRENT = "#ffe9d2"


def _made(
    w: Walk,
    node: Callable[[Value], NodeLook],
    edge: Callable[[Value, int], EdgeLook],
    legend: str = "",
) -> Annotations:
    """Every node's and edge's look, made now (the scene only reads them)."""
    return Annotations(
        {v: node(v) for v in w.order}, {key: edge(*key) for key in uses(w.order)}, legend
    )


def _term(w: Walk, v: Value, index: int) -> str:
    """The chain-rule term on the edge into ``v``'s op from operand ``index``."""
    if index < 0 or w.direction == "forward":
        return ""
    local, contribution = w.terms.get((v, index), (None, None))
    return term(w.grads[v], local, contribution)


def frame_looks(w: Walk, k: int, texts: Mapping[Value, str] | None = None) -> Annotations:
    """What frame ``k`` draws. ``texts``: ``w.texts_at(k)``, when the caller has it."""
    if w.frames[k].summary:
        return _final(w, w.texts_at(len(w.frames) - 1), layout=False)
    texts = w.texts_at(k) if texts is None else texts
    active = w.frames[k].active
    widths = w.widths

    def node(v: Value) -> NodeLook:
        data = number(v.data) if w.show_data else None
        look = NodeLook(data=data, data_width=widths["data"].get(v, 0.0))
        if w.direction == "forward":
            return dataclasses.replace(look, data=texts[v])
        return dataclasses.replace(
            look,
            grad=texts[v],
            grad_width=widths["grad"][v],
            fill=CURRENT if v is active else "",
            highlight=v is active,
        )

    lit = lit_edges(w, active)

    def edge(v: Value, index: int) -> EdgeLook:
        if (v, index) not in lit:
            return EdgeLook()
        return EdgeLook(color=USED, width=2.0, xlabel=_term(w, v, index))

    # A frame drawn on its own says what "—" means, as a still drawing does
    # (the player's one picture has none: it shows the key apart, key_at).
    unknown = w.direction == "backward" and NOT_COMPUTED in texts.values()
    return _made(w, node, edge, not_reached() if unknown else "")


def lit_edges(w: Walk, active: Value | None) -> set[tuple[Value, int]]:
    """The edges frame's ``active`` node lights: its operands' edges.

    A leaf has none: a backward frame of a leaf (``nn.explain``'s update frame
    of a weight) lights the edges out of it instead, each carrying one of the
    terms that made its gradient.
    """
    if active is None:
        return set()
    if active._args or w.direction == "forward":
        return {(active, i) for i in range(-1, len(active._args))}
    return {(v, i) for v, i in uses(w.order) if i >= 0 and v._args[i] is active}


def lit_indices(w: Walk, active: Value | None, index: Mapping[Value, int]) -> list[list[int]]:
    """A leaf's edges out as ``[node index, operand place]``, when a backward frame lights
    it (the player finds the active node's own edges by its index alone).

    >>> from autograd.viz.views.steps import walk
    >>> a = Value(2.0, label="a")
    >>> w = walk(a * a + a)
    >>> lit_indices(w, a, {v: i for i, v in enumerate(w.order)})  # a*a's two, and + 's
    [[1, 0], [1, 1], [2, 1]]
    """
    if active is None or active._args or w.direction == "forward":
        return []
    return sorted([index[v], i] for v, i in lit_edges(w, active))


def layout_looks(w: Walk) -> Annotations:
    """The one layout every frame is applied to.

    A backward walk's last frame (its summary), with every cell as wide as
    its longest text in any frame, the cells the frames rewrite marked, and
    each edge's chain-rule term as a label placed where it fits. A forward
    walk takes its twin's boxes (:func:`geometry`).
    """
    if w.twin is not None:
        return geometry(w)
    return _final(w, w.texts_at(len(w.frames) - 1), layout=True)


def _final(w: Walk, final: Mapping[Value, str], layout: bool) -> Annotations:
    live = w.cell if layout else ""
    widths = w.widths
    if w.direction == "forward":
        base = Annotations({v: NodeLook(data=final[v]) for v in w.order})
    else:
        base = gradient_flow(
            w.order, grads=w.grads, terms=w.terms, show_data=w.show_data, scale=w.scale
        )

    def node(v: Value) -> NodeLook:
        return dataclasses.replace(
            base.node(v),
            data_width=widths["data"].get(v, 0.0),
            grad_width=widths["grad"].get(v, 0.0),
            live=live,
            flag=w.flags.get(v) or base.node(v).flag,
        )

    def edge(v: Value, index: int) -> EdgeLook:
        look = dataclasses.replace(base.edge(v, index), label="")
        return dataclasses.replace(look, xlabel=_term(w, v, index)) if layout else look

    # The player shows the legend apart (Layout.legend): inside the picture it
    # would take room from the graph in every frame but the last.
    return _made(w, node, edge, "" if layout else base.legend)


def geometry(w: Walk) -> Annotations:
    """The layout's boxes with plain edges: the same for both walks of one graph.

    A forward walk's boxes are its twin's (the backward walk's): name,
    data, a grad cell left blank (no gradient is known going forward), any
    flag, each cell as wide; only the cell the frames rewrite differs. So
    the forward and the backward player of a graph lay it out alike, node
    for node. The edges are plain but for the backward walk's chain-rule
    labels, which move no node but may widen the picture (the forward
    player's picture drops their text: ``layout.unflagged``).
    """
    if w.twin is None:
        base = layout_looks(w)
        return _made(w, base.node, lambda v, i: EdgeLook(xlabel=base.edge(v, i).xlabel))
    back = geometry(w.twin)
    final = w.texts_at(len(w.frames) - 1)

    def node(v: Value) -> NodeLook:
        return dataclasses.replace(back.node(v), data=final[v], grad="", fill="", live="data")

    return _made(w, node, back.edge)


def legend(w: Walk) -> str:
    """The colour legend of the summary frame (DOT markup), "" for a forward walk."""
    if w.direction == "forward":
        return ""
    # A learner's walk (w.flags): red also marks a grad the chain rule disagrees with.
    flow = gradient_flow(
        w.order,
        grads=w.grads,
        terms=w.terms,
        legend="strip",
        scale=w.scale,
        disagree=bool(w.flags),
    )
    return flow.legend
