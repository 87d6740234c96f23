"""The playground's Python side: a model trained one step at a time, read for the front end.

A :class:`Trainer` holds the model, its optimizer, the data split into train
and validation sets (each point as the chosen features, :mod:`nn.features`),
and the loss curves. The targets choose the task (:mod:`nn.widgets.task`): two
classes, k classes or a regression, each with its outputs and loss.
:meth:`Trainer.step` is one step exactly as :func:`nn.fit` takes it with the
settings' ``batch_size`` and seed (zero the gradients, run the batch, the mean
loss, one backward, one optimizer step), plus the chosen penalty.
:meth:`Trainer.surface` is the boundary panel as data, computed on floats (no
graph), since it runs after every step, as is the validation loss; both run
the model in evaluation mode (dropout off), as ``fit`` evaluates.

A step after which anything is NaN or infinite (the network's output, the
loss, a gradient, a weight, the validation loss) diverged: it raises
``FloatingPointError`` saying what, at which step and with which learning
rate, and where the first non-finite value appeared (:mod:`nn.widgets.divergence`),
and leaves the model and its optimizer as they were before it.

>>> t = Trainer("moons", Settings(hidden=[4]), points=40)
>>> before = t.validation_loss()
>>> for _ in range(20):
...     _ = t.step()
>>> t.steps, t.validation_loss() < before, len(t.grid(8))
(20, True, 64)
>>> bad = Trainer("moons", Settings(hidden=[4], activation="relu", lr=1e200), points=40)
>>> bad.step()
Traceback (most recent call last):
...
FloatingPointError: training diverged at step 1: the network's output on a validation point \
became inf with learning rate 1e+200; the model is kept as it was after step 0: lower the \
learning rate and play again, or press Reset
Step 1 re-run under detect_anomaly: ... inf, from dot ... neuron 1, on the validation point ...
>>> bad.steps, bad.loss
(0, [])
"""

from __future__ import annotations

import math
from typing import Any

from autograd import Value
from nn.data import train_test_split
from nn.features import features
from nn.float_forward import evaluating
from nn.layers import MLP
from nn.losses import l1_penalty, l2_penalty
from nn.module import Module
from nn.pictures.heatmaps import bounds_of
from nn.step import train_step
from nn.widgets.divergence import first_non_finite
from nn.widgets.fit_order import FitOrder, held_out
from nn.widgets.playground_settings import (
    ACTIVATIONS,
    DATASETS,
    INIT_RULES,
    MAX_POINTS,
    OPTIMIZERS,
    PENALTIES,
    Settings,
    dataset,
    task_of,
)
from nn.widgets.rollback import NotFinite, finite, kept, restore
from nn.widgets.surface import cells, outputs_of, surface
from nn.widgets.task import Task


class Trainer:
    """A model, its optimizer, its data and its curves (see the module docstring).

    Attributes:
        model: the live MLP (the user's, or one built from ``settings``).
        task: what the targets ask for (:class:`~nn.widgets.task.Task`).
        data: every point and target, ``(X, y)``, as checked.
        X, y, X_val, y_val: the points (2-D) and targets, split for training and validation.
        features: the features the inputs hold (the settings' at the last split).
        inputs, inputs_val: the same points as the model takes them, the chosen features.
        steps: optimizer steps taken.
        loss, val_loss: the training and validation loss after each step.

    Raises:
        TypeError, ValueError: a setting or the data, as
            :mod:`nn.widgets.playground_settings` checks them; ``points`` (or
            the user's data) beyond ``max_points``; a split that leaves a part
            empty; a ``model`` whose inputs or outputs do not fit the features or task.
    """

    def __init__(
        self,
        data: Any,
        settings: Settings,
        model: Module | None = None,
        points: int = 200,
        max_points: int = MAX_POINTS,
    ) -> None:
        settings.check()
        self.data = dataset(data, points, settings.seed, max_points)
        self.task = Task(*task_of(self.data[1]))
        self.settings = settings
        self.split()
        if model is not None:
            self.task.check_model(model, settings.features)
        self.model = model if model is not None else self.build()
        self.optimizer = OPTIMIZERS[settings.optimizer](self.model.parameters(), settings.lr)
        self._optimizer_name = settings.optimizer
        self.steps = 0
        self.loss: list[float] = []
        self.val_loss: list[float] = []
        self.gradients()

    def new_data(self, data: tuple[list[Any], list[Any]]) -> None:
        """Learn ``data`` (checked, as :func:`dataset` gives it) from now on: its task, a
        split, a fresh model and optimizer, no steps (:meth:`restart`)."""
        self.data, self.task = data, Task(*task_of(data[1]))
        self.restart()

    def split(self) -> None:
        """The data split by the settings' ``test_fraction``, each point as its features;
        the plane drawn, fixed until the next split (a point added keeps the picture still)."""
        X, y = self.data
        self._bounds = bounds_of(X)
        s = self.settings
        held = held_out(s.test_fraction, len(X))
        self.X, self.X_val, self.y, self.y_val = train_test_split(X, y, held, seed=s.seed)
        self.features = s.features  # what the inputs are, until the next split
        self.featurise()
        self._order = FitOrder(len(self.X), s.batch_size, s.seed)

    def featurise(self) -> None:
        """Each point as the model takes it, its chosen features (again when the points change)."""
        f = self.features
        self.inputs, self.inputs_val = features(self.X, f), features(self.X_val, f)

    def new_optimizer(self) -> None:
        """The settings' optimizer for the model: the same one keeps its state, with a new lr."""
        s = self.settings
        if s.optimizer == self._optimizer_name:
            self.optimizer.lr = s.lr
        else:
            self.optimizer = OPTIMIZERS[s.optimizer](self.model.parameters(), s.lr)
            self._optimizer_name = s.optimizer

    def restart(self) -> None:
        """The data split again (features, fraction), a fresh model and optimizer, no steps."""
        self.split()
        self.model = self.build()
        self._optimizer_name = ""
        self.new_optimizer()
        self.steps = 0
        self.loss, self.val_loss = [], []
        self.gradients()

    def gradients(self) -> float:
        """Backpropagate the loss as the model stands, without a step; the loss.

        So the network view shows real gradients before the first step (all 0.0
        would read as "vanishing"); ``step`` zeroes them first, as ``fit`` does.
        A model whose output is not finite keeps gradients 0.0 (the loss: nan).
        """
        self.optimizer.zero_grad()
        try:
            value = self._checked([self.model(x) for x in self.inputs], list(self.y))
        except NotFinite:
            return math.nan
        value.backward()
        return value.data

    def summary(self) -> str:
        """The step and the latest losses, in words (:meth:`Task.summary`)."""
        val = self.val_loss[-1] if self.loss else self.validation_loss()
        loss = self.loss[-1] if self.loss else None
        accuracy = self.accuracy() if self.task.kind == "classes" else None  # k classes say it
        return self.task.summary(self.steps, loss, val, accuracy)

    def build(self) -> Module:
        """A fresh MLP(len(features), hidden + [outputs]) from the settings (the same seed: the
        same start): one output, or one per class.

        The init is the control's name as :mod:`nn.init` takes it: "normal(0, 0.01)" is
        ``("normal", 0.0, 0.01)``.
        """
        s = self.settings
        sizes = [*s.hidden, self.task.outputs]
        return MLP(len(s.features), sizes, s.activation, seed=s.seed, init=INIT_RULES[s.init])

    def objective(self, preds: list[Any], targets: list[Any]) -> Value:
        """The task's loss (:class:`~nn.widgets.task.Task`), plus the penalty if any."""
        loss = self.task.loss(preds, targets)
        s = self.settings
        if s.penalty == "l1":
            loss = loss + s.rate * l1_penalty(self.model.parameters())
        elif s.penalty == "l2":
            loss = loss + s.rate * l2_penalty(self.model.parameters())
        return loss

    def batch(self) -> list[int]:
        """The training points of the next step, by index, in the order ``fit(...,
        batch_size, seed)`` visits them (:class:`~nn.widgets.fit_order.FitOrder`)."""
        size = self.settings.batch_size
        if (self._order.size, self._order.n) != (size, len(self.inputs)):
            self._order = FitOrder(len(self.inputs), size, self.settings.seed)
        return self._order.batch(self.steps)

    def step(self) -> float:
        """One step, as ``fit(..., batch_size, seed)`` takes it; the loss before it.

        Raises:
            FloatingPointError: training diverged: the network's output, the loss, a
                gradient, a weight or the validation loss became NaN or infinite. The
                message says which, at which step, and the learning rate.
        Whatever it raises, the weights, their gradients and the optimizer's state are
        left as they were before the step: the last good ones.
        """
        before = kept(self.optimizer)
        try:
            loss, val = self._step()
        except NotFinite as error:
            restore(self.optimizer, before)
            raise FloatingPointError(self._diverged(str(error))) from None
        except BaseException:
            restore(self.optimizer, before)
            raise
        self.steps += 1
        self.loss.append(loss)
        self.val_loss.append(val)
        return loss

    def _step(self) -> tuple[float, float]:
        """The step itself (``fit``'s own): the loss before it and the validation loss after it."""
        params = self.optimizer.params
        names = [p.label or f"parameter {i}" for i, p in enumerate(params)]

        def gradients_finite() -> None:
            finite("the gradient of", [p.grad for p in params], names)

        chosen = self.batch()
        xb, yb = [self.inputs[i] for i in chosen], [self.y[i] for i in chosen]
        value, _ = train_step(
            self.model, xb, yb, self._checked, self.optimizer, after_backward=(gradients_finite,)
        )
        finite("the weight", [p.data for p in params], names)
        outputs = self._validation_outputs()
        finite("the network's output on a validation point", [z for o in outputs for z in o])
        val = self.task.validation(outputs, self.y_val)
        finite("the validation loss", [val])
        return value.data, val

    def _checked(self, preds: list[Any], targets: list[Any]) -> Value:
        """:meth:`objective`, if the network's output and the objective are finite."""
        finite("the network's output", self.task.flat(preds))
        value = self.objective(preds, targets)
        finite("the training loss", [value.data])
        return value

    def _diverged(self, what: str) -> str:
        """The message of a step that diverged (``what`` became NaN or infinite)."""
        penalty = " or the penalty's rate" if self.settings.penalty != "none" else ""
        found = first_non_finite(self)  # the model is back as it was: re-run the step on copies
        return (
            f"training diverged at step {self.steps + 1}: {what} with learning rate "
            f"{self.optimizer.lr:g}; the model is kept as it was after step {self.steps}: "
            f"lower the learning rate{penalty} and play again, or press Reset"
        ) + (f"\n{found}" if found else "")

    def validation_loss(self) -> float:
        """The validation loss of the model as it is now (no penalty, no graph, no dropout).

        The model runs on floats (:func:`float_outputs`, as it runs after every
        step) in evaluation mode, as :func:`nn.train.evaluate` runs it; the loss
        is the task's own, nan if an output is not finite.
        """
        return self.task.validation(self._validation_outputs(), self.y_val)

    def accuracy(self) -> float | None:
        """The share of validation points whose class the model gives (None for regression)."""
        return self.task.accuracy(self._validation_outputs(), self.y_val)

    def _validation_outputs(self) -> list[list[float]]:
        with evaluating(self.model):
            forward = outputs_of(self.model)
            return [forward(x) for x in self.inputs_val]

    def bounds(self) -> tuple[float, float, float, float]:
        """The region drawn: every point at the last split, with a margin (x0, x1, y0, y1)."""
        return self._bounds

    def surface(self, n: int = 32) -> dict[str, Any]:
        """The boundary panel's data on n x n cells (:func:`nn.widgets.surface.surface`):
        ``task``, ``grid``, ``confidence``, ``range`` (the training targets') and ``classes``."""
        return surface(self.task, cells(self.model, self.features, self.bounds(), n), self.y)

    def grid(self, n: int = 32) -> list[Any]:
        """:meth:`surface`'s grid: for two classes, P(class 1) in int percent per cell, rows
        from the top (largest y) down, as the canvas draws them (dropout off)."""
        return list(self.surface(n)["grid"])


__all__ = ["ACTIVATIONS", "DATASETS", "OPTIMIZERS", "PENALTIES", "Settings", "Trainer", "dataset"]
