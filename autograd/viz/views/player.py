"""The step-through player: backprop one node at a time, on one steady picture.

``step_through(root)`` traces the pass once (:func:`autograd.viz.views.steps.walk`),
lays the graph out once (:mod:`autograd.viz.views.walk_layout`) and shows it in Jupyter as
one HTML output (:mod:`autograd.viz.views.player_page`): a slider, previous / play /
next buttons and the arrow keys step through frames that are data applied to
that one picture, so nothing moves and the output grows linearly with nodes +
steps. Text is never drawn below 11 px: when the whole graph does not fit at
that size, the view follows the step (the active node and its operands), with
an overview and a "whole graph" button; that view and the summary frame show
the whole graph at 11 px or more, scrolling sideways where it is wider than
the column (the player says so). Where scripts do not run, the output shows
the last frame as a picture that fits the column (or, larger, at 11 px in a
box that scrolls sideways) and the steps as text. The forward and the
backward player of one graph share one layout (:func:`autograd.viz.views.walk_layout.best`).

>>> from autograd import Value
>>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
>>> stepper = step_through(a * b)
>>> len(stepper), stepper.highlights
(3, ['', 'L', ''])
>>> print(stepper.captions[1].split(". ")[0])
Step 1 of 1: L = a * b, and dL/dL = 1.0 is complete
>>> print(*stepper.captions[1].splitlines()[1:], sep="\\n")
  dL/da = dL/dL · ∂L/∂a = 1.0 · (-3.0) = -3.0
  dL/db = dL/dL · ∂L/∂b = 1.0 · 2.0 = 2.0
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import itertools
import os
from pathlib import Path
from typing import Any

from autograd.engines.foreign import SHAPE, is_node, read
from autograd.files import write_atomic
from autograd.kinds import class_name
from autograd.value import Value, as_real
from autograd.viz.layout.drawing import Drawing
from autograd.viz.layout.limits import TIMEOUT, GraphvizNotFound, seconds
from autograd.viz.layout.svg import Layout, unflagged
from autograd.viz.scene import colors
from autograd.viz.scene.dot import emit, too_many
from autograd.viz.scene.sizing import node_limit, size
from autograd.viz.views.frames import PlayerFrame
from autograd.viz.views.learner_walk import learner_walk
from autograd.viz.views.looks import frame_looks, lit_indices
from autograd.viz.views.player_page import HINTS, page, player_markup, steps_text
from autograd.viz.views.steps import Walk, walk
from autograd.viz.views.walk_layout import lay_out, shapes

DIRECTIONS = ("backward", "forward")
DRAW_OPTIONS = ("rankdir", "show_data", "max_nodes", "scale", "timeout")
#: The largest graph shown by default. The player's work is linear in the
#: graph; this bounds the size of one notebook output (about 1.5 kB a node).
MAX_NODES = 1000
#: The summary's last line where its picture is folded (``walk_layout.folded``).
FOLDED = (
    "Here each neuron is one box (its output's data and grad, its weights' largest"
    " |grad|); Whole graph (W) shows every Value."
)
#: Numbers each display, so that two copies of one player on a page have two ids.
_shown = itertools.count(1)


class Stepper:
    """The frames of a forward or backward pass, shown as a player in Jupyter.

    Attributes:
        direction: "backward" or "forward".
        captions: each frame's caption.
        highlights: each frame's active node name ("" for none).
    """

    __slots__ = (
        "_layout",
        "_rankdir",
        "_timeout",
        "_walk",
        "captions",
        "direction",
        "highlights",
    )

    def __init__(self, w: Walk, *, rankdir: str | None = None, timeout: float = TIMEOUT) -> None:
        self._walk = w
        self._rankdir = rankdir
        self._timeout = timeout
        self._layout: Layout | None = None
        self.direction = w.direction
        self.captions = [f.caption for f in w.frames]
        self.highlights = [w.names[f.active] if f.active is not None else "" for f in w.frames]

    def __len__(self) -> int:
        return len(self._walk.frames)

    def __repr__(self) -> str:
        return f"<Stepper {self.direction}, {len(self)} frames>"

    @property
    def frames(self) -> list[Any]:
        """A ``graphviz.Digraph`` of each frame, built on demand (frame 0: before any step)."""
        w = self._walk
        try:
            rankdir, stacked = self.layout().shape
        except GraphvizNotFound:  # the drawing the player would try first
            rankdir, stacked = shapes(w, self._rankdir)[0]
        graphs = []
        for k, texts in enumerate(w.texts()):  # each frame's texts from the last: linear
            lines = emit(
                w.order,
                w.names,
                frame_looks(w, k, texts),
                rankdir=rankdir,
                groups=True,
                stacked=stacked,
            )
            graph = Drawing()
            graph.body.extend(lines)
            graphs.append(graph)
        return graphs

    def layout(self) -> Layout:
        """The one picture every frame is applied to (needs Graphviz's ``dot``; made once)."""
        if self._layout is None:
            layout = lay_out(self._walk, rankdir=self._rankdir, timeout=self._timeout)
            self._layout = unflagged(layout) if self.direction == "forward" else layout
        return self._layout

    def frame_data(self) -> list[PlayerFrame]:
        """Each frame as the front end reads it (:class:`autograd.viz.views.frames.PlayerFrame`).

        Nodes are given by their index in ``forward_steps(root)``; the view
        centres on the active node, else on the first step's node. The counter
        reads as the captions count: "start", "step k of n", "done", or a
        frame's own ``counter`` where it has one (``nn.explain``'s "update k of n").
        """
        w = self._walk
        index = {v: i for i, v in enumerate(w.order)}
        actives = [index[f.active] if f.active is not None else -1 for f in w.frames]
        first = next((a for a in actives if a >= 0), index[w.root])
        steps = sum(a >= 0 and not f.counter for a, f in zip(actives, w.frames, strict=True))
        labels = iter(f"step {k} of {steps}" for k in range(1, steps + 1))
        return [
            PlayerFrame(
                active=a,
                view=a if a >= 0 else first,
                caption=f.caption,
                changes=[[index[v], text] for v, text in f.changes],
                summary=f.summary,
                counter=f.counter
                or ("done" if f.summary else next(labels) if a >= 0 else "start"),
                blanks=blank,
                lit=lit_indices(w, f.active, index),
            )
            for a, f, blank in zip(actives, w.frames, w.blanks(), strict=True)
        ]

    def to_html(self, *, autofocus: bool = False, hint: str = HINTS["notebook"]) -> str:
        """The player as an HTML fragment (what Jupyter shows).

        Its id is a hash of its content and a count of displays, so it is the
        same on every run of a notebook and two copies never share one. With
        ``autofocus``, the arrow keys work as soon as the page loads.

        Raises:
            GraphvizNotFound: Graphviz's ``dot`` is not installed.
        """
        layout = self.layout()
        frames = self.frame_data()
        if layout.folded is not None:  # said second, where a six-line caption shows it
            first, _, rest = frames[-1].caption.partition("\n")
            caption = "\n".join(filter(None, [first, FOLDED, rest]))
            frames[-1] = dataclasses.replace(frames[-1], caption=caption)
        digest = hashlib.sha256("\0".join([layout.svg, *self.captions]).encode()).hexdigest()
        return player_markup(
            f"cr-player-{digest[:12]}-{next(_shown)}",
            layout,
            frames,
            hint=hint,
            cell=self._walk.cell,
            title=f"the graph after the {self.direction} pass",
            autofocus=autofocus,
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        try:
            markup = self.to_html()
        except GraphvizNotFound as error:  # missing, unable to run here: its own message
            steps = steps_text(self.captions, "The steps", True)
            markup = f"<div><p>{html.escape(str(error))}</p>{steps}</div>"
        return {"text/html": markup, "text/plain": repr(self)}

    def save_html(self, path: str | os.PathLike[str]) -> Path:
        """Write the player as a standalone HTML page to ``path``, atomically.

        Raises:
            GraphvizNotFound: Graphviz's ``dot`` is not installed.
        """
        path = Path(path)
        title = f"chainrule: {self.direction} pass, step by step"
        body = self.to_html(autofocus=True, hint=HINTS["page"])
        write_atomic(path, page(html.escape(title), body).encode())
        return path


def step_through(
    root: Value | Any, *, direction: str = "backward", grad: float = 1.0, **draw_options: Any
) -> Stepper:
    """A player of ``root``'s backward (or forward) pass, one node per step.

    Backward: the first frame knows only the output's gradient; each step
    highlights the node being processed, writes the chain rule for each of its
    operands in the caption (and on the edges, where there is room) and gives
    each operand its share; the last frame shows every gradient, coloured by
    |grad|. Forward: the leaves are given, and the other nodes are evaluated
    layer by layer. Nothing touches ``.grad``.

    ``root`` may be a node of a learner's own micrograd-style engine
    (``data``, ``grad``, ``_prev`` or ``_children``, ``_op``): the player then
    shows **that engine's own** ``_backward`` calls, one a frame, recorded as
    its ``root.backward()`` runs from zero grads (every ``.grad`` and
    ``_backward`` is put back as found, even if it raises), each checked
    against the chain rule: a call that overwrote a grad, ran too early or
    ran again, or gave a wrong local derivative is flagged in its caption,
    a grad that went wrong reads "3.0 (should be 7.0)", and the last frame
    lists every grad the chain rule disagrees with, or what ``backward()``
    raised (see :mod:`autograd.viz.views.learner_walk`).

    Args:
        root: the output (a Value, or a learner's node).
        direction: "backward" or "forward" (a learner's node: "backward").
        grad: the seed dL/droot of the backward pass.
        draw_options: ``rankdir`` ("TB", "LR", "BT" or "RL"; default, for
            a graph of up to 40 nodes: the first that reads whole at 11 px in
            an 800 x 560 px stage, else the one shown largest there; for a
            larger one "LR"; the same for both directions),
            ``show_data`` (default True) and ``max_nodes`` (default 1000: the
            most nodes drawn, counted as ``draw_graph`` counts them; a larger
            graph is refused before any work is done on it) and ``scale``
            (``(low, high)``: the last frame's fixed |grad| colour scale, as
            ``draw_graph(flow=True, scale=...)``; default: the decades its
            gradients span), ``timeout`` (the most seconds Graphviz's ``dot``
            may take to lay the player out; default 60).

    Raises:
        ValueError: an unknown direction or rankdir, a bad ``scale`` or
            ``timeout``, ``max_nodes`` not a whole number >= 1 (``nan``,
            ``10.5``), or a graph larger than ``max_nodes``.
        TypeError: an unknown draw option, ``root`` neither a Value nor
            node-like (its class named by module), ``grad`` or
            ``max_nodes`` not a number.
        ImportError: the graphviz package is missing (when the player is drawn).
    """
    learner = not isinstance(root, Value) and is_node(root)
    if not isinstance(root, Value) and not learner:
        raise TypeError(
            f"step_through() needs a Value or your own engine's node ({SHAPE}), "
            f"got {class_name(root)}"
        )
    if learner and (direction != "backward" or as_real(grad, "step_through(grad=...)") != 1.0):
        raise ValueError(
            "step_through() plays your engine's own backward(): "
            "direction='forward' and grad= are for a Value only"
        )
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be 'backward' or 'forward', got {direction!r}")
    unknown = sorted(set(draw_options) - set(DRAW_OPTIONS))
    if unknown:
        raise TypeError(
            f"step_through() got unknown draw option(s) {', '.join(unknown)}; "
            f"it takes {', '.join(DRAW_OPTIONS)}"
        )
    rankdir = draw_options.get("rankdir")
    if rankdir is not None and rankdir not in ("LR", "RL", "TB", "BT"):
        raise ValueError(f"rankdir must be one of LR, RL, TB, BT, got {rankdir!r}")
    seed = as_real(grad, "step_through(grad=...)")
    timeout = seconds(draw_options.get("timeout", TIMEOUT))
    # Counted first: a graph too large is refused in one walk over a set, before
    # it is ordered or traced (10^5 nodes: 0.15 s, against 1.4 s to order them).
    max_nodes = node_limit(draw_options.get("max_nodes", MAX_NODES), "step_through()")
    drawn = size(root) if not learner else len(read(root).nodes)
    if drawn > max_nodes:
        raise too_many(drawn, max_nodes)
    show_data = bool(draw_options.get("show_data", True))
    scale = draw_options.get("scale")
    if scale is not None:
        colors.scale_for(scale, ())  # a bad scale is refused before the trace
    if learner:
        w = learner_walk(root, show_data=show_data, scale=scale)
    else:
        w = walk(root, direction, seed, show_data=show_data, scale=scale)
    return Stepper(w, rankdir=rankdir, timeout=timeout)


__all__ = ["Stepper", "step_through"]
