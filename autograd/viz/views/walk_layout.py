"""One layout per player: the graph rendered once by Graphviz, then tagged for the front end.

Every frame of a player is applied to this one picture, so nothing moves from
step to step. The picture is the walk's last frame (for a backward walk, the
summary: every gradient coloured by |grad|), with every cell as wide as its
longest text in any frame, tagged by :func:`autograd.viz.layout.svg.tag`.
The colour legend is a picture of its own, and so is, for a graph too wide
to read whole in a column even at 11 px, the summary frame's :func:`folded`
picture: one box per neuron.
"""

from __future__ import annotations

import dataclasses

from autograd.viz.layout.draw import READS_WHOLE
from autograd.viz.layout.limits import TIMEOUT
from autograd.viz.layout.svg import READABLE, Layout, _pipe, tag
from autograd.viz.scene.annotate import Annotations, gradient_flow
from autograd.viz.scene.dot import FONT, SMALL, emit, folds_for
from autograd.viz.views.looks import geometry, layout_looks
from autograd.viz.views.looks import legend as key
from autograd.viz.views.steps import Walk

#: The stages a layout is chosen for, in CSS pixels: the narrowest column a
#: player is shown in (a standalone page's 800 px, less the stage's border; a
#: notebook's in JupyterLab at 1280x800 with the file browser open is 828 px)
#: at the tallest its stage grows to (560 px, player.js), then a 1280x720 slide.
STAGES = ((798.0, 560.0), (1280.0, 720.0))
#: Graphs up to this many nodes are laid out every way that may fit, and the
#: best one kept; a larger one never fits whole at a readable size.
SMALL_GRAPH = 40
#: The space between ranks of a player's picture, in inches.
RANKSEP = 0.15


def shapes(w: Walk, rankdir: str | None = None) -> list[tuple[str, bool]]:
    """The (rankdir, stacked) drawings worth trying for ``w``, the default first.

    A small graph is tried top to bottom and left to right, with each box's
    name, data and grad side by side or stacked (half as wide); a large one is
    drawn left to right, side by side, where a neuron's weights stack in a
    column beside its op and can be seen at once. ``rankdir`` fixes the direction.

    >>> from autograd import Value
    >>> from autograd.viz.views.steps import walk
    >>> shapes(walk(Value(1.0) * 2.0))
    [('TB', False), ('TB', True), ('LR', False), ('LR', True)]
    >>> shapes(walk(Value(1.0) * 2.0), "LR")
    [('LR', False), ('LR', True)]
    """
    small = len(w.order) <= SMALL_GRAPH
    directions = [rankdir] if rankdir else ["TB", "LR"] if small else ["LR"]
    return [(d, stacked) for d in directions for stacked in ((False, True) if small else (False,))]


def best(drawn: list[Layout]) -> Layout:
    """The drawing to keep: the rule by which a player's picture fits where it is shown.

    First one readable whole in the column of :data:`STAGES` (every text at
    11 px or more, nothing cut off), then the one shown largest there, then
    on a slide; ties go to the first tried. A graph none of whose drawings is
    readable whole is followed step by step, and shown whole at 11 px in a
    stage that scrolls sideways (the player says so).
    """
    column = STAGES[0]
    return max(
        drawn,
        key=lambda d: (d.fit(*column) >= READABLE, *(d.fit(*stage) for stage in STAGES)),
    )


def lay_out(
    w: Walk,
    *,
    rankdir: str | None = None,
    timeout: float = TIMEOUT,
    look: Annotations | None = None,
) -> Layout:
    """Lay ``w``'s graph out with Graphviz and tag it (see the module docstring).

    ``look``: what the picture shows, default ``layout_looks(w)`` (the player's).

    Each of :func:`shapes` is laid out with the boxes of ``geometry(w)``
    (the same for the forward and the backward walk of one graph, so that
    the two players share a layout) and :func:`best` keeps one (a few tens
    of milliseconds each, for graphs of up to ``SMALL_GRAPH`` nodes); it is
    then drawn with ``look``, edge labels and all, which moves no node.

    Raises:
        GraphvizNotFound: Graphviz's ``dot`` is not installed.
        GraphvizTimeout: one run of ``dot`` took longer than ``timeout`` seconds.
    """
    shape = best(drawings(w, rankdir=rankdir, timeout=timeout, look=geometry(w))).shape
    layout = drawings(w, shape=shape, timeout=timeout, look=look)[0]
    layout = dataclasses.replace(layout, folded=folded(w, layout, timeout))
    legend = key(w)
    if not legend:
        return layout
    markup = (
        f"\tnode [fontname={FONT} fontsize={SMALL}]\n\tlegend [shape=plain label=<{legend}>]\n"
    )
    return dataclasses.replace(layout, legend=tag(_pipe([markup], timeout)).svg)


def folded(w: Walk, layout: Layout, timeout: float = TIMEOUT) -> Layout | None:
    """The summary frame's picture of a network too wide to read whole: one box per neuron.

    Where ``layout``, the picture every frame is applied to, is wider than
    the column of :data:`STAGES` even at 11-px text, the summary frame would
    show a corner or scroll sideways through a picture as tall as a page. A
    backward walk through neurons then gets this one as well: each neuron
    folded into one box (its data, gradient and its weights' largest
    |grad|), coloured from the walk's gradients on the same scale, left to
    right and without the chain-rule labels, which only the steps need (an
    ``MLP(2, [8, 8, 1])``: 845 px wide, against 3,285 px unfolded). None for
    a graph that reads whole, a forward walk, or a graph with no neuron.
    """
    if w.direction != "backward" or layout.width <= READS_WHOLE:  # draw_graph's rule too
        return None
    folds = folds_for(w.order, len(w.order) * 4, collapse=True, names=w.names)
    if not folds.neurons:
        return None
    look = gradient_flow(
        w.order,
        grads=w.grads,
        terms=w.terms,
        show_data=w.show_data,
        contributions=False,
        scale=w.scale,
    )
    look = dataclasses.replace(look, legend="")  # the player shows the legend apart
    lines = emit(w.order, w.names, look, rankdir="LR", folds=folds)
    return tag(_pipe(lines, timeout))


def drawings(
    w: Walk,
    *,
    rankdir: str | None = None,
    timeout: float = TIMEOUT,
    look: Annotations | None = None,
    shape: tuple[str, bool] | None = None,
) -> list[Layout]:
    """Every one of :func:`shapes` (or only ``shape``) laid out, without a legend."""
    drawn = []
    for rd, stacked in [shape] if shape else shapes(w, rankdir):
        lines = emit(
            w.order,
            w.names,
            look or layout_looks(w),
            rankdir=rd,
            ids=True,
            groups=True,
            stacked=stacked,
        )
        # Ranks closer than a still picture's (a later graph attribute wins):
        # a 15-node MLP then fits an 800-px column whole at 11 px.
        lines.append(f"\tranksep={RANKSEP}\n")
        drawn.append(dataclasses.replace(tag(_pipe(lines, timeout)), shape=(rd, stacked)))
    return drawn


__all__ = ["RANKSEP", "SMALL_GRAPH", "STAGES", "best", "drawings", "lay_out", "shapes"]
