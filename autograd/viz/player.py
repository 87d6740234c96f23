"""The step-through player: backprop one node at a time, as one self-contained HTML.

``step_through(root)`` makes a :class:`Stepper` holding one frame per step.
In Jupyter it shows as a single HTML output: every frame as inline SVG, a
slider, previous/next/play buttons and the arrow keys, in plain JavaScript
with nothing loaded from anywhere and no kernel needed, so it keeps working in
exported HTML and nbconvert output. Where scripts cannot run (a static
renderer strips them), the first and the last frames show as pictures.

>>> from autograd import Value
>>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
>>> stepper = step_through(a * b)
>>> len(stepper), stepper.highlights
(2, ['', 'L'])
>>> stepper.frames[1].source.count("dL/da = dL/dL · dL/da = 1.0 · -3.0 = -3.0")
1
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from pathlib import Path
from typing import Any

from autograd.value import Value
from autograd.viz.player_page import page, player_markup
from autograd.viz.render import digraph
from autograd.viz.steps import Frame, backward_frames, forward_frames

DIRECTIONS = ("backward", "forward")
DRAW_OPTIONS = ("rankdir", "show_data", "max_nodes")


class Stepper:
    """The frames of a forward or backward pass, shown as a player in Jupyter.

    Attributes:
        direction: "backward" or "forward".
        captions: each frame's caption.
        highlights: each frame's highlighted node name ("" for none).
    """

    __slots__ = ("_frames", "_svgs", "captions", "direction", "highlights")

    def __init__(self, direction: str, frames: list[Frame], graphs: list[Any]) -> None:
        self.direction = direction
        self.captions = [f.caption for f in frames]
        self.highlights = [f.highlight for f in frames]
        self._frames = graphs
        self._svgs: list[str] | None = None

    def __len__(self) -> int:
        return len(self._frames)

    def __repr__(self) -> str:
        return f"<Stepper {self.direction}, {len(self)} frames>"

    @property
    def frames(self) -> list[Any]:
        """The ``graphviz.Digraph`` of each frame (frame 0: before the first step)."""
        return list(self._frames)

    def svgs(self) -> list[str]:
        """Each frame rendered as SVG text (needs Graphviz's ``dot``; computed once)."""
        if self._svgs is None:
            self._svgs = [g.pipe(format="svg", encoding="utf-8") for g in self._frames]
        return list(self._svgs)

    def to_html(self, *, autofocus: bool = False) -> str:
        """The player as an HTML fragment (what Jupyter shows).

        Its id comes from a hash of the content, so it is the same on every
        run and two different players in one notebook never share one.
        With ``autofocus``, the arrow keys work as soon as the page loads.
        """
        svgs = self.svgs()
        digest = hashlib.sha256("\0".join([*svgs, *self.captions]).encode()).hexdigest()
        pid = f"cr-player-{digest[:12]}"
        return player_markup(pid, svgs, self.captions, self.highlights, autofocus=autofocus)

    def _repr_html_(self) -> str:
        return self.to_html()

    def save_html(self, path: str | os.PathLike[str]) -> Path:
        """Write the player as a standalone HTML page to ``path``, atomically.

        Raises:
            GraphvizNotFound: Graphviz's ``dot`` is not installed.
        """
        path = Path(path)
        title = f"chainrule: {self.direction} pass, step by step"
        data = page(html.escape(title), self.to_html(autofocus=True)).encode()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        return path


def step_through(
    root: Value, *, direction: str = "backward", grad: float = 1.0, **draw_options: Any
) -> Stepper:
    """A player of ``root``'s backward (or forward) pass, one node per step.

    Backward frames highlight the node being processed, show the gradients
    known so far (blank where none is known yet) and write the chain-rule
    product on the edges just used; forward frames reveal the values in
    evaluation order. Nothing touches ``.grad``.

    Args:
        root: the output.
        direction: "backward" or "forward".
        grad: the seed dL/droot of the backward pass.
        draw_options: ``rankdir`` (default "TB"), ``show_data`` and
            ``max_nodes``, as for ``draw_graph``; a graph over ``max_nodes`` is
            refused with the same message.

    Raises:
        ValueError: an unknown direction, or a graph larger than ``max_nodes``.
        TypeError: an unknown draw option, or ``root`` not a Value.
        ImportError: the graphviz package is missing.
    """
    if not isinstance(root, Value):
        raise TypeError(f"step_through() needs a Value, got {type(root).__name__}")
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be 'backward' or 'forward', got {direction!r}")
    unknown = sorted(set(draw_options) - set(DRAW_OPTIONS))
    if unknown:
        raise TypeError(
            f"step_through() got unknown draw option(s) {', '.join(unknown)}; "
            f"it takes {', '.join(DRAW_OPTIONS)}"
        )
    show_data = bool(draw_options.get("show_data", True))
    # Top to bottom by default: the chain-rule labels sit beside the edges
    # instead of stretching every rank, so the picture stays legible.
    rankdir = draw_options.get("rankdir", "TB")
    max_nodes = draw_options.get("max_nodes", 500)
    if direction == "backward":
        frames = backward_frames(root, grad, show_data=show_data)
    else:
        frames = forward_frames(root)
    # collapse=False: a folded box would summarise the weights' current .grad,
    # which is not what the frame is about; past max_nodes it is a ValueError.
    graphs = [
        digraph(root, f.annotations, rankdir=rankdir, max_nodes=max_nodes, collapse=False)
        for f in frames
    ]
    return Stepper(direction, frames, graphs)


__all__ = ["Stepper", "step_through"]
