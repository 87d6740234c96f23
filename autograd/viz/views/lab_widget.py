"""The lab widget (anywidget): traitlets on this side, ``lab.js`` in the browser.

Python is the source of truth. The front end sets ``inputs`` as the learner
drags; every change (from either side) is first checked and read here, in the
trait's validation (:func:`live.read`, a new picture if the graph's shape
changed, the player in "steps" mode), so that a change that fails is refused
before anything changes (:class:`~autograd.viz.views.widgets.RollsBack`). Once it is
accepted, it is sent back as data: ``view`` holds each node's texts and
colours, the readout and the derivations, which ``lab.js`` applies to the one
picture in ``svg``. In "steps" mode, ``player`` holds this evaluation's
step-through player, whose step the front end reports in ``step``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from autograd.viz.layout.svg import Layout
from autograd.viz.views.esm import join
from autograd.viz.views.frames import Picture
from autograd.viz.views.lab_inputs import MAX_NODES, changed
from autograd.viz.views.lab_view import Reading, layout_of, read, scale_of, snapshot
from autograd.viz.views.palette import palette as drawn_with
from autograd.viz.views.player import Stepper
from autograd.viz.views.player_page import player_parts
from autograd.viz.views.steps import walk
from autograd.viz.views.widgets import RollsBack, asset, save_page, with_snapshot

MODES = ("gradients", "steps")
HINT = "A static view: run this cell to drag the inputs and watch the gradients change."
#: The longest message of ``f``'s own that a refusal quotes, in characters.
LONGEST = 300


@dataclass(frozen=True)
class _Ready:
    """A change read and drawn, not yet shown: what the inputs' validation checks."""

    inputs: dict[str, float]
    reading: Reading
    view: dict[str, Any]  # what the front end applies to the picture
    layout: Layout | None  # a new picture, when the graph's shape changed
    player: dict[str, Any] | None  # the step-through player, in "steps" mode


class Lab(RollsBack, anywidget.AnyWidget):
    """The widget :func:`autograd.viz.lab` returns (see there)."""

    _esm = join("autograd.viz.web", "lab.js")
    _css = asset("autograd.viz.web", "lab.css")

    inputs = traitlets.Dict().tag(sync=True)
    ranges = traitlets.Dict().tag(sync=True)
    svg = traitlets.Unicode("").tag(sync=True)
    size = traitlets.Dict().tag(sync=True)
    view = traitlets.Dict().tag(sync=True)
    mode = traitlets.Unicode("gradients").tag(sync=True)
    player = traitlets.Dict().tag(sync=True)
    step = traitlets.Int(0).tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)
    #: The colours and sizes the front end draws with (:func:`autograd.viz.views.palette.palette`).
    palette = traitlets.Dict().tag(sync=True)

    def __init__(
        self, f: Callable[..., Any], ranges: dict[str, list[float]], max_nodes: int = MAX_NODES
    ) -> None:
        self._f = f
        self._max_nodes = max_nodes
        self._layout: Layout | None = None
        self._shape: Any = None
        start = {name: r[0] for name, r in ranges.items()}
        self._shown: dict[str, float] = {}  # the inputs of the reading shown
        # Read before the widget exists: what f raises here reaches lab()'s caller as it is.
        self._ready: _Ready | None = self._prepare(start, "gradients")
        self.reading: Reading = self._ready.reading
        super().__init__(ranges=ranges, palette=drawn_with().json())
        self.inputs = start

    @property
    def model(self) -> Callable[..., Any]:
        """What the lab evaluates: ``f`` itself (a function, or a Module), live, not a copy."""
        return self._f

    def refresh(self) -> None:
        """Evaluate again at the same inputs, after a change the lab cannot see (weights).

        Raises:
            traitlets.TraitError: ``f`` fails at these inputs now; the widget
                keeps its last reading and its ``error`` says why.
        """
        try:
            ready = self._checked(self._shown, self.mode)
        except traitlets.TraitError as error:
            self.error = str(error)
            raise
        self._show(ready)

    def __repr__(self) -> str:
        return f"<Lab of {', '.join(self.ranges)}: {self.reading.output} = {self.reading.value}>"

    @traitlets.validate("inputs")
    def _check_inputs(self, proposal: Any) -> dict[str, float]:
        try:
            given = changed(proposal["value"], self.ranges)
        except (TypeError, ValueError) as error:
            raise traitlets.TraitError(str(error)) from None
        # Against the inputs shown, not self.inputs: from the browser, the value
        # proposed is already in the trait when it is validated.
        new = {**self._shown, **given}
        if new != self._shown and (self._ready is None or self._ready.inputs != new):
            self._ready = self._checked(new, self.mode)
        return new

    @traitlets.validate("mode")
    def _check_mode(self, proposal: Any) -> str:
        if proposal["value"] not in MODES:
            raise traitlets.TraitError(
                f"lab mode must be 'gradients' or 'steps', got {proposal['value']!r}"
            )
        return str(proposal["value"])

    def _prepare(self, inputs: dict[str, float], mode: str) -> _Ready:
        """Read ``f`` at ``inputs`` and draw what must be drawn anew (raises what fails)."""
        began = time.perf_counter()
        reading = read(self._f, inputs, self._max_nodes)  # a graph too large: before any layout
        scale = scale_of(reading)
        view = reading.view(scale, round((time.perf_counter() - began) * 1000, 1)).json()
        layout = layout_of(reading) if reading.shape() != self._shape else None
        player = self._player(reading, layout or self._layout) if mode == "steps" else None
        return _Ready(inputs, reading, view, layout, player)

    def _checked(self, inputs: dict[str, float], mode: str) -> _Ready:
        """:meth:`_prepare`, any failure (``f``'s own exceptions included) a ``TraitError``."""
        try:
            return self._prepare(inputs, mode)
        except Exception as error:
            said = str(error)
            said = said if len(said) <= LONGEST else said[: LONGEST - 1] + "…"
            where = ", ".join(f"{name} = {x}" for name, x in inputs.items())
            raise traitlets.TraitError(
                f"lab inputs refused, at {where}: {type(error).__name__}: {said}"
            ) from error

    @traitlets.observe("inputs")
    def _inputs_changed(self, change: Any) -> None:
        ready = self._ready
        if ready is None or ready.inputs != change["new"]:
            ready = self._checked(change["new"], self.mode)
        self._show(ready)

    def _show(self, ready: _Ready) -> None:
        """Make ``ready`` what the widget shows (nothing here can fail on ``f``'s account)."""
        self._ready, self._shown = None, ready.inputs
        self.reading, self.error = ready.reading, ""
        with self.hold_sync():
            if ready.layout is not None:
                self._layout, self._shape = ready.layout, ready.reading.shape()
                self.svg = ready.layout.svg
                layout = ready.layout
                self.size = Picture(layout.width, layout.height, layout.smallest).json()
            self.view = ready.view
            if ready.player is not None:
                self._show_player(ready.player)

    @traitlets.observe("mode")
    def _mode_changed(self, change: Any) -> None:
        if change["new"] == "steps":
            self._show_player(self._player(self.reading, self._layout))

    @staticmethod
    def _player(reading: Reading, layout: Layout | None) -> dict[str, Any]:
        """This evaluation's backward pass as the player, on a layout of the same direction."""
        rankdir = layout.shape[0] if layout else None
        stepper = Stepper(walk(reading.root), rankdir=rankdir)
        static, data = player_parts(
            stepper.layout(),
            stepper.frame_data(),
            hint="The backward pass of this evaluation, step by step.",
            title="the graph after the backward pass",
        )
        return {"html": static, "data": data}

    def _show_player(self, player: dict[str, Any]) -> None:
        self.step = min(self.step, len(player["data"]["frames"]) - 1)
        self.player = player

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        layout = self._layout or layout_of(self.reading)
        return with_snapshot(
            super()._repr_mimebundle_(**kwargs), snapshot(layout, self.reading, HINT)
        )

    def save_html(self, path: str | os.PathLike[str]) -> Path:
        """Write a standalone page of the lab as it stands (its picture, inputs and readout,
        no script) to ``path``, atomically; returns the path.

        Raises:
            TypeError: ``path`` is not a file name.
            ValueError, OSError: as :func:`autograd.files.write_atomic` refuses.
        """
        inputs = ", ".join(f"{k}={v!r}" for k, v in self.inputs.items())
        hint = f"The lab at {inputs}, saved with save_html: run lab() to move its inputs."
        shown = snapshot(self._layout or layout_of(self.reading), self.reading, hint)
        return save_page(path, "chainrule lab", shown, "save_html()")


__all__ = ["HINT", "MODES", "Lab"]
