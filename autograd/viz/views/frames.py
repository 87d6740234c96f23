"""What every view sends its front end: named, versioned JSON frames, each field documented once.

A view is Python state read for a front end: the player (``player.js``), the
lab (``lab.js``), the playground and its network view (``playground.js``), and
the static snapshots, which apply the same frames here. Each frame is a
dataclass below; :meth:`Frame.json` makes it the JSON object the front end
reads by name, with its ``kind`` and the schema's ``version``. A field is
documented where it is declared (its ``doc``), and nowhere else: the front
ends read the names, and ``tests/autograd/viz/test_frames.py`` checks that
every frame sent carries only these.

>>> frame = PlayerFrame(active=2, view=2, caption="Step 1", changes=[[0, "1.0"]], counter="1 of 1")
>>> frame.json()  # doctest: +NORMALIZE_WHITESPACE
{'kind': 'player.frame', 'version': 1, 'active': 2, 'view': 2, 'caption': 'Step 1',
 'changes': [[0, '1.0']], 'summary': False, 'counter': '1 of 1', 'blanks': False,
 'lit': []}
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

#: The schema's version, sent in every frame: bumped when a field changes name or meaning.
VERSION = 1


class Frame:
    """A frame: a dataclass whose every field is ``Annotated[type, "what it holds"]``."""

    kind: ClassVar[str] = ""

    def json(self) -> dict[str, Any]:
        """The frame as the front end reads it: ``kind``, ``version``, then each field."""
        out: dict[str, Any] = {"kind": self.kind, "version": VERSION}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def documented(cls) -> dict[str, str]:
        """Each field's name and what it holds."""
        hints = typing.get_type_hints(cls, include_extras=True)
        return {
            f.name: hints[f.name].__metadata__[0]
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        }


def _plain(value: Any) -> Any:
    if isinstance(value, Frame):
        return value.json()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# -- shared --------------------------------------------------------------------


@dataclass(frozen=True)
class Picture(Frame):
    """A tagged SVG's size, by which a front end fits it (stage.js's ``natural``, ``floor``)."""

    kind: ClassVar[str] = "picture"
    width: Annotated[float, "its width in points (Graphviz's units: 1 pt = 4/3 px)"]
    height: Annotated[float, "its height in points"]
    smallest: Annotated[float, "its smallest font size, in points"]


@dataclass(frozen=True)
class Scale(Frame):
    """A colour scale's ends, and their labels as the key writes them."""

    kind: ClassVar[str] = "scale"
    low: Annotated[float, "the smallest magnitude on the scale"]
    high: Annotated[float, "the largest"]
    ticks: Annotated[list[str], "the two ends as text: 0.01, 1, 1e+03 (colors.tick)"]


@dataclass(frozen=True)
class Paint(Frame):
    """How one tagged element of a picture is coloured (``paint`` in ``stage.js`` and
    :func:`autograd.viz.views.paint.paint`): the empty string leaves a property as drawn."""

    kind: ClassVar[str] = "paint"
    fill: Annotated[str, "the background (class cr-bg) colour"] = ""
    ink: Annotated[str, "every text's colour"] = ""
    stroke: Annotated[str, "the outline's (class cr-bd) colour"] = ""
    width: Annotated[float, "the outline's width, 0 for as drawn"] = 0.0
    dashed: Annotated[bool, "the outline dashed"] = False
    texts: Annotated[
        dict[str, str], "the new text of a text, by its class (cr-d: data, cr-t: grad)"
    ] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Palette(Frame):
    """The colours and sizes every front end draws with, Python's (``palette.palette``):
    ``stage.js`` sets the colours as CSS properties (``--cr-alarm``, ...) on the widget."""

    kind: ClassVar[str] = "palette"
    min_px: Annotated[float, "no text is drawn smaller than this, in CSS pixels"]
    px_per_pt: Annotated[float, "CSS pixels per point (Graphviz draws in points)"]
    ramp: Annotated[list[str], "the |grad| colour ramp's stops, low to high, evenly spaced"]
    zero: Annotated[str, "an exact zero's colour"]
    alarm: Annotated[str, "what marks a flagged node, neuron or edge"]
    highlight: Annotated[str, "the node being processed: its outline and its edges"]
    current: Annotated[str, "the node being processed: its background"]
    outline: Annotated[str, "the outline of what nothing flags"]
    classes: Annotated[list[str], "each class's colour, class 0 first"]
    names: Annotated[list[str], "each class's name, for the key"]


# -- the player ------------------------------------------------------------------


@dataclass(frozen=True)
class PlayerFrame(Frame):
    """One step of the player: what changes from the frame before."""

    kind: ClassVar[str] = "player.frame"
    active: Annotated[int, "the index of the node being processed; -1 for none"]
    view: Annotated[int, "the node the view centres on"]
    caption: Annotated[str, "the step in words, lines separated by newlines"]
    changes: Annotated[list[list[Any]], "[node index, text] of each cell this frame rewrites"]
    summary: Annotated[bool, "the last frame: every gradient coloured, the whole graph"] = False
    counter: Annotated[str, "the counter's text: start, step k of n, done"] = ""
    blanks: Annotated[
        bool, "some cell still reads the player's blank (a gradient not computed yet)"
    ] = False
    lit: Annotated[
        list[list[int]],
        "[node index, operand place] of each edge lit beside the active node's own: "
        "a leaf's edges out, each carrying a term of its gradient (nn.explain's updates)",
    ] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class Player(Frame):
    """Everything ``player.js``'s ``render`` reads beside the static view's pictures."""

    kind: ClassVar[str] = "player"
    cell: Annotated[str, 'the word before each rewritten text: "grad" or "data"']
    blank: Annotated[
        str, 'the text of a cell no frame has written yet: "—" (not computed yet) or ""'
    ]
    blank_key: Annotated[str, "what the blank means, shown beside a caption while a cell reads it"]
    frames: Annotated[list[PlayerFrame], "the frames, first to last"]
    picture: Annotated[Picture, "the picture's size"]
    folded: Annotated[
        Picture | None,
        "the size of the summary frame's picture of a network too wide to read whole, "
        "one box per neuron (the static view's img.cr-folded); None: the summary "
        "frame shows the picture",
    ]
    palette: Annotated[Palette, "the colours and sizes it draws with"]
    interval: Annotated[int, "milliseconds between two frames while playing"]
    autofocus: Annotated[bool, "take the keys as the page loads (a standalone page)"]
    css: Annotated[str, "the player's stylesheet, which a notebook output carries itself"]


# -- the lab ---------------------------------------------------------------------


@dataclass(frozen=True)
class LabView(Frame):
    """One evaluation of the lab's function, applied to its one picture."""

    kind: ClassVar[str] = "lab.view"
    nodes: Annotated[list[Paint], "each node's texts and colours, in the picture's numbering"]
    derivations: Annotated[list[str], "each node's derivation, in the same order"]
    readout: Annotated[list[str], "the output's value and each input's gradient, a line each"]
    scale: Annotated[Scale, "the |grad| colour scale"]
    ms: Annotated[float, "milliseconds Python took to read and draw this evaluation"]


# -- the playground ----------------------------------------------------------------


@dataclass(frozen=True)
class Network(Frame):
    """What every neuron and wire of the network view shows now."""

    kind: ClassVar[str] = "network"
    units: Annotated[dict[str, Paint], 'each neuron by its tag ("c_k"): fill, ink, alarm outline']
    wires: Annotated[dict[str, Paint], 'each wire by its tag ("c_i_j"): colour, width, dashed']
    flags: Annotated[list[str], 'one per layer: "vanishing", "exploding" or "" for none']
    scale: Annotated[Scale, "the |amount| scale the colours are on"]


@dataclass(frozen=True)
class PlaygroundFrame(Network):
    """One update of the playground: the network view's colours (the fields of
    :class:`Network`), and the boundary, the curves and the counters."""

    kind: ClassVar[str] = "playground"
    surface: Annotated[
        dict[str, Any],
        "the boundary: Trainer.surface(n) (task, grid, confidence, range, classes), n x n "
        "cells, top row first",
    ]
    n: Annotated[int, "cells a side of the grid"]
    loss: Annotated[list[list[float]], "[step, training loss] points"]
    val: Annotated[list[list[float]], "[step, validation loss] points"]
    steps: Annotated[int, "steps taken"]
    text: Annotated[str, "the summary line: step, losses, accuracy"]
    rate: Annotated[float, "updates sent a second, lately"] = 0.0


#: Every frame a view sends, by kind.
FRAMES: dict[str, type[Frame]] = {
    f.kind: f
    for f in (
        Picture,
        Scale,
        Paint,
        Palette,
        PlayerFrame,
        Player,
        LabView,
        Network,
        PlaygroundFrame,
    )
}

__all__ = [
    "FRAMES",
    "VERSION",
    "Frame",
    "LabView",
    "Network",
    "Paint",
    "Palette",
    "Picture",
    "Player",
    "PlayerFrame",
    "PlaygroundFrame",
    "Scale",
]
