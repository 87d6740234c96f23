"""The lab widget (anywidget): traitlets on this side, ``lab.js`` in the browser.

Python is the source of truth. The front end sets ``inputs`` as the learner
drags; every change (from either side) is read here (:func:`live.read`) and
sent back as data: ``view`` holds each node's texts and colours, the readout
and the derivations, which ``lab.js`` applies to the one picture in ``svg``.
In "steps" mode, ``player`` holds this evaluation's step-through player,
whose step the front end reports in ``step``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from autograd.viz.layout import Layout
from autograd.viz.live import Reading, picture, read, scale_of, snapshot
from autograd.viz.player import Stepper
from autograd.viz.player_page import player_parts
from autograd.viz.steps import walk
from autograd.viz.widgets import module, with_snapshot

MODES = ("gradients", "steps")
HINT = "A static view: run this cell to drag the inputs and watch the gradients change."


class Lab(anywidget.AnyWidget):
    """The widget :func:`autograd.viz.lab` returns (see there)."""

    _esm = module("autograd.viz", ("player.js", "render", "renderPlayer"), ("lab.js", "", ""))
    _css = module("autograd.viz", ("lab.css", "", ""))

    inputs = traitlets.Dict().tag(sync=True)
    ranges = traitlets.Dict().tag(sync=True)
    svg = traitlets.Unicode("").tag(sync=True)
    size: traitlets.List[float] = traitlets.List().tag(sync=True)
    view = traitlets.Dict().tag(sync=True)
    mode = traitlets.Unicode("gradients").tag(sync=True)
    player = traitlets.Dict().tag(sync=True)
    step = traitlets.Int(0).tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)

    def __init__(self, f: Callable[..., Any], ranges: dict[str, list[float]]) -> None:
        self._f = f
        self._layout: Layout | None = None
        self._shape: Any = None
        self.reading: Reading = read(f, {name: r[0] for name, r in ranges.items()})
        super().__init__(ranges=ranges)
        self.inputs = {name: r[0] for name, r in ranges.items()}

    @property
    def model(self) -> Callable[..., Any]:
        """What the lab evaluates: ``f`` itself (a function, or a Module), live, not a copy."""
        return self._f

    def refresh(self) -> None:
        """Evaluate again at the same inputs, after a change the lab cannot see (weights)."""
        self._inputs_changed({"new": dict(self.inputs)})

    def __repr__(self) -> str:
        return f"<Lab of {', '.join(self.ranges)}: {self.reading.output} = {self.reading.value}>"

    @traitlets.validate("inputs")
    def _check_inputs(self, proposal: Any) -> dict[str, float]:
        given = dict(proposal["value"])
        unknown = sorted(set(given) - set(self.ranges))
        if unknown:
            raise traitlets.TraitError(
                f"lab has no input {', '.join(unknown)}; its inputs are {', '.join(self.ranges)}"
            )
        old = dict(self.inputs) or {name: r[0] for name, r in self.ranges.items()}
        return {**old, **{name: float(x) for name, x in given.items()}}

    @traitlets.validate("mode")
    def _check_mode(self, proposal: Any) -> str:
        if proposal["value"] not in MODES:
            raise traitlets.TraitError(
                f"lab mode must be 'gradients' or 'steps', got {proposal['value']!r}"
            )
        return str(proposal["value"])

    @traitlets.observe("inputs")
    def _inputs_changed(self, change: Any) -> None:
        start = time.perf_counter()
        try:
            reading = read(self._f, change["new"])
        except (ArithmeticError, ValueError) as error:  # log(-1), 1/0: say so, keep the picture
            self.error = f"at {self._where(change['new'])}: {error}"
            return
        self.reading, self.error = reading, ""
        with self.hold_sync():
            if reading.shape() != self._shape:
                self._relayout(reading)
            scale = scale_of(reading)
            self.view = {
                "nodes": reading.nodes(scale),
                "derivations": reading.derivations,
                "readout": reading.readout(),
                "scale": [scale.low, scale.high],
                "ms": round((time.perf_counter() - start) * 1000, 1),
            }
            if self.mode == "steps":
                self._play()

    @traitlets.observe("mode")
    def _mode_changed(self, change: Any) -> None:
        if change["new"] == "steps":
            self._play()

    def _relayout(self, reading: Reading) -> None:
        self._layout = picture(reading)
        self._shape = reading.shape()
        self.svg = self._layout.svg
        self.size = [self._layout.width, self._layout.height, self._layout.smallest]

    def _play(self) -> None:
        """This evaluation's backward pass as the player, on a layout of the same direction."""
        rankdir = self._layout.shape[0] if self._layout else None
        stepper = Stepper(walk(self.reading.root), rankdir=rankdir)
        static, data = player_parts(
            stepper.layout(),
            stepper.frame_data(),
            hint="The backward pass of this evaluation, step by step.",
            title="the graph after the backward pass",
        )
        self.step = min(self.step, len(stepper) - 1)
        self.player = {"html": static, "data": data}

    @staticmethod
    def _where(inputs: dict[str, float]) -> str:
        return ", ".join(f"{name} = {x}" for name, x in inputs.items())

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        layout = self._layout or picture(self.reading)
        return with_snapshot(
            super()._repr_mimebundle_(**kwargs), snapshot(layout, self.reading, HINT)
        )


__all__ = ["HINT", "MODES", "Lab"]
