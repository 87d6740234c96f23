"""The playground widget (anywidget): its controls, what it sends; ``playground.js`` draws it.

Training, in a thread or a task, is :class:`nn.widgets.playing.Playing`; a
point's explanation :class:`nn.widgets.explain_view.Explaining`; its lesson
(settings, hidden controls, a saved page) :class:`nn.widgets.share_view.Sharing`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import time
from collections import deque
from collections.abc import Sequence
from typing import Any

import anywidget
import traitlets

from autograd.checks import choice, real
from autograd.viz.views.esm import join
from autograd.viz.views.frames import PlaygroundFrame
from autograd.viz.views.widgets import RollsBack, asset, with_snapshot
from nn.features import FEATURES
from nn.module import Module
from nn.pictures.heatmaps import GRID as HEAT  # cells a side of a unit's heatmap
from nn.widgets.explain_view import Explaining
from nn.widgets.network_view import heat, network_colors, network_svg
from nn.widgets.own_points import Edits
from nn.widgets.playground_settings import (
    CONTROLS,
    DATASETS,
    MAX_POINTS,
    NOISE,
    check_setting,
    dataset,
)
from nn.widgets.playground_still import GRID, HINT, still
from nn.widgets.playground_view import CURVE, palette, thin
from nn.widgets.playing import INTERVAL, Playing
from nn.widgets.points_view import Editing
from nn.widgets.share_view import Sharing
from nn.widgets.surface_colors import class_names
from nn.widgets.trainer import Settings, Trainer

#: Heatmaps on at the start: MLP(2, [8, 8, 1]) on 200 moons keeps 15.3 to 17.2 updates/s
#: with them (18.1 to 18.4 without), over the 8 a second issue 29 asks (benchmarks/live.py).
HEATMAPS = True
#: The settings after which the model starts again: its shape, its start, its inputs, its split.
_REBUILD = ("hidden", "activation", "init", "features", "test_fraction")


class _Setting(traitlets.Any):
    """A control's trait: what it takes is decided by its check alone (``_check`` below),
    in the words of autograd.checks; traitlets' own casts would read True as 1.0, and
    an Any trait would let None past the check."""

    allow_none = False


class Playground(RollsBack, Explaining, Editing, Playing, Sharing, anywidget.AnyWidget):
    """The widget :func:`nn.playground` returns (see there).

    Every control is checked as it is set (:func:`nn.widgets.playground_settings.check_setting`):
    a value refused from Python raises ``traitlets.TraitError`` and the control keeps
    its value; one refused from the browser is rolled back and shown in ``error``.
    Anything that stops training (a step that diverges, any other error) is shown
    in ``error`` too, and ``playing`` turns False.
    """

    _esm = join("nn.widgets", "playground.js")
    _css = asset("nn.widgets", "playground.css")

    hidden = _Setting([8, 8]).tag(sync=True)
    activation = _Setting("tanh").tag(sync=True)
    init = _Setting("default").tag(sync=True)
    optimizer = _Setting("sgd").tag(sync=True)
    lr = _Setting(0.1).tag(sync=True)
    penalty = _Setting("none").tag(sync=True)
    rate = _Setting(1e-3).tag(sync=True)
    show = _Setting("grad").tag(sync=True)
    features = _Setting(["x1", "x2"]).tag(sync=True)
    batch_size = traitlets.Any(None).tag(sync=True)  # None: every training point, as fit's
    test_fraction = _Setting(0.25).tag(sync=True)
    #: The data set by name ("own": the points the playground was given), and its noise.
    data = _Setting("moons").tag(sync=True)
    noise = _Setting(0.0).tag(sync=True)
    #: TensorFlow Playground's two view toggles: the validation points drawn; each cell
    #: at its class's full colour (a regression's in bands).
    show_test = traitlets.Bool(True).tag(sync=True)
    #: What the data's controls offer: the data sets by name ("own" too, if given), the features.
    choices = traitlets.Dict().tag(sync=True)
    discretize = traitlets.Bool(False).tag(sync=True)
    step = traitlets.Int(0).tag(sync=True)
    svg = traitlets.Unicode("").tag(sync=True)
    frame = traitlets.Dict().tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)
    #: The colours the front end draws with: one palette, Python's
    #: (:func:`nn.widgets.playground_view.palette`).
    palette = traitlets.Dict().tag(sync=True)
    #: Each hidden and output unit's heatmap (:func:`nn.widgets.network_view.heat`), on:
    #: ``heat`` is ``{"n": cells a side, "units": {"c_k": levels}}`` each update ({} off).
    heatmaps = traitlets.Bool(HEATMAPS).tag(sync=True)
    heat = traitlets.Dict().tag(sync=True)

    def __init__(
        self,
        data: Any,
        settings: Settings,
        model: Module | None,
        points: int,
        max_points: int = MAX_POINTS,
        heatmaps: bool = HEATMAPS,
        *,
        show: str = "grad",
        source: dict[str, Any] | None = None,
        hide: Sequence[str] = (),
    ) -> None:
        self.lock = threading.RLock()
        self.trainer = Trainer(data, settings, model, points, max_points)
        self._given = self.trainer.data  # the data as given, with the learner's edits
        self._remember()  # and without them: a rebuild splits these, then edits again
        self._own, self._max_points = data, max_points
        # The controls start at the settings without a rebuild: a model passed in is trained.
        self._ready = False
        self._sent: deque[float] = deque(maxlen=20)
        # How the data was chosen, and a passed model's weights (settings_of reads them).
        self.source = source if source is not None else {"X": data[0], "y": data[1]}
        # "own" is offered for good when points were given: a named set chosen later replaces
        # the source, and the select must still lead back to them.
        self._has_own = source is None
        self.start = model.state_dict() if model is not None else None
        s = settings
        named = source or {"data": "own", "noise": 0.0}
        super().__init__(
            hidden=s.hidden, activation=s.activation, init=s.init, optimizer=s.optimizer,
            lr=s.lr, penalty=s.penalty, rate=s.rate, heatmaps=heatmaps, show=show,
            hide=list(hide), features=list(s.features), batch_size=s.batch_size,
            test_fraction=s.test_fraction, data=named["data"], noise=named["noise"],
        )  # fmt: skip
        self._ready = True
        self.on_msg(self._message)
        own = ["own"] if self._has_own else []
        self.choices = {"data": [*DATASETS, *own], "features": list(FEATURES)}
        self._show_data()

    @property
    def model(self) -> Module:
        """The live model (take ``self.lock`` to read it while training runs)."""
        return self.trainer.model

    def __repr__(self) -> str:
        return f"<Playground {self.model!r}, step {self.trainer.steps}>"

    def _message(self, _: Any, content: Any, buffers: Any) -> None:
        if content == {"do": "step"} and not self.playing:
            # Shown in self.error by train(); raised here it would reach only the kernel's log.
            with contextlib.suppress(Exception):
                self.train(1)
        elif content in ({"do": "reset"}, {"do": "reset", "lr": "tenth"}):
            # 12 digits: the control shows 0.0003, not 0.003 / 10 = 0.00030000000000000003.
            self.reset(float(f"{self.lr / 10:.12g}") if "lr" in content else None)

    # -- controls ------------------------------------------------------------------

    @traitlets.validate(*CONTROLS, "data", "noise")
    def _check(self, proposal: Any) -> Any:
        name, value = proposal["trait"].name, proposal["value"]
        try:
            if name == "data":
                return value if value == "own" and self._has_own else choice(
                    value, "playground data", DATASETS
                )  # fmt: skip
            if name == "noise":
                return real(value, "playground noise", low=0.0)
            value = check_setting(name, value)
            if name == "test_fraction":  # a split that leaves a part (too) empty: refused now
                self._check_fraction(value)
            return value
        except (TypeError, ValueError) as error:
            raise traitlets.TraitError(str(error)) from None

    @traitlets.observe("data", "noise")
    def _data_changed(self, change: Any) -> None:
        if not self._ready or (change["name"] == "noise" and self.data == "own"):
            return
        if change["name"] == "data" and self.data != "own":
            # Each set's noise is on its own scale (blobs' std 1.0, spiral's 0.05): a set
            # chosen comes with its own, as at the door; set quietly, the data made once.
            self._ready = False
            self.noise = NOISE[self.data]
            self._ready = True
        with self.lock:
            self.error = ""
            if self.data == "own":
                data = dataset(self._own, max_points=self._max_points)
                self.source = {"X": self._own[0], "y": self._own[1]}
            else:
                n = self.source.get("points", len(self._given[0]))
                data = dataset(self.data, n, self.trainer.settings.seed, self._max_points,
                               noise=self.noise)  # fmt: skip
                self.source = {"data": self.data, "points": n, "noise": self.noise}
            self.trainer.new_data(data)
            self._given, self.edits, self.start = self.trainer.data, Edits(), None
            self._remember()
            self._show_data()

    @traitlets.observe(*_REBUILD, "optimizer", "lr", "penalty", "rate", "batch_size")
    def _setting_changed(self, change: Any) -> None:
        if not self._ready:
            return
        name = change["name"]
        with self.lock:
            setattr(self.trainer.settings, name, change["new"])  # checked by _check
            self.error = ""
            if name in _REBUILD:
                self._rebuild()
            elif name in ("optimizer", "lr"):
                self.trainer.new_optimizer()
        self.publish()

    @traitlets.observe("show")
    def _show_changed(self, change: Any) -> None:
        self.publish()

    @traitlets.observe("heatmaps")
    def _heatmaps_changed(self, change: Any) -> None:
        if self._ready:  # the network view gets (or loses) its heatmaps' room, in one message
            with self.lock, self.hold_sync():
                t = self.trainer
                self.svg = network_svg(t.model, self.heatmaps, inputs=list(t.features))
                self.publish()

    def _rebuild(self) -> None:
        with self.lock:
            self._split_again()  # the learner's points kept, as the settings rebuild them
            self.start = None  # built from the settings now, as settings_of says
            self._show_data()

    def _show_data(self) -> None:
        """Send what changes with the data or the model's shape: the palette (its classes),
        the points (a new split), the network (its inputs), then an update."""
        t = self.trainer
        with self.lock, self.hold_sync():
            self.palette = (
                palette(class_names(t.task.k)) if t.task.kind == "classes" else palette()
            )
            self.send_points()
            self.svg = network_svg(t.model, self.heatmaps, inputs=list(t.features))
        self.publish()

    # -- what the front end shows ------------------------------------------------------

    def publish(self) -> None:
        """Send the current state: the boundary, the curves, the network's colours."""
        with self.lock:
            frame = self._frame()
            t = self.trainer
            units = heat(t.model, t.bounds(), HEAT, t.features) if self.heatmaps else None
            shown = {"n": HEAT, "units": units} if units is not None else {}
        now = time.perf_counter()
        self._sent.append(now)
        span = now - self._sent[0]
        rate = round((len(self._sent) - 1) / span, 1) if span > 0 else 0.0
        with self.hold_sync():
            self.frame = dataclasses.replace(frame, rate=rate).json()
            self.heat = shown
            self.step = self.trainer.steps

    def _frame(self) -> PlaygroundFrame:
        t = self.trainer
        network = network_colors(t.model, "weight" if self.show == "weight" else "grad")
        return PlaygroundFrame(
            **{f.name: getattr(network, f.name) for f in dataclasses.fields(network)},
            surface=t.surface(GRID),
            n=GRID,
            loss=thin(t.loss),
            val=thin(t.val_loss),
            steps=t.steps,
            text=t.summary(),
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        return with_snapshot(super()._repr_mimebundle_(**kwargs), still(self))


__all__ = ["CURVE", "GRID", "HINT", "INTERVAL", "Playground", "thin"]
