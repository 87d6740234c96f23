"""The playground's Python side: a model trained one step at a time, read for the front end.

A :class:`Trainer` holds the model, its optimizer, the data split into train
and validation sets, and the loss curves. :meth:`Trainer.step` is one
full-batch step exactly as :func:`nn.fit` takes it (``batch_size=None``: zero
the gradients, run every example, the mean loss, one backward, one optimizer
step), plus the chosen penalty. :meth:`Trainer.grid` is the decision boundary
as data: the model's probability on a grid over the data, computed on floats
(no graph), since it runs after every step. Both run the model in evaluation
mode (dropout off), as ``fit`` evaluates; the steps run it in training mode.

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
from collections.abc import Sequence
from typing import Any

from autograd import Value, no_grad
from autograd.text import number
from nn.data import train_test_split
from nn.float_forward import FLOAT, evaluating, float_forward
from nn.layers import MLP
from nn.losses import binary_cross_entropy_with_logits, l1_penalty, l2_penalty
from nn.module import Module
from nn.pictures.heatmaps import bounds_of
from nn.step import train_step
from nn.widgets.divergence import first_non_finite
from nn.widgets.playground_settings import (
    ACTIVATIONS,
    DATASETS,
    INIT_RULES,
    MAX_POINTS,
    OPTIMIZERS,
    PENALTIES,
    Settings,
    dataset,
)


class _NotFinite(ArithmeticError):
    """What became NaN or infinite during a step, in words ("the validation loss became nan")."""


def _finite(what: str, values: list[float], names: Sequence[str] = ()) -> None:
    """Raise :class:`_NotFinite` naming the first of ``values`` that is NaN or infinite."""
    if all(map(math.isfinite, values)):  # the common case: one pass in C
        return
    i = next(i for i, v in enumerate(values) if not math.isfinite(v))
    name = f" {names[i]}" if names else ""
    raise _NotFinite(f"{what}{name} became {values[i]!r}")


def _validation(logits: list[float], targets: list[int]) -> float:
    """The mean binary cross-entropy of ``logits`` (floats), nan if one is not finite."""
    if not all(map(math.isfinite, logits)):
        return math.nan
    with no_grad():
        return binary_cross_entropy_with_logits([Value(z) for z in logits], list(targets)).data


class Trainer:
    """A model, its optimizer, its data and its curves (see the module docstring).

    Attributes:
        model: the live MLP (the user's, or one built from ``settings``).
        steps: optimizer steps taken.
        loss, val_loss: the training and validation loss after each step.

    Raises:
        TypeError, ValueError: a setting or the data, as
            :mod:`nn.widgets.playground_settings` checks them; ``points`` (or
            the user's data) beyond ``max_points``.
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
        X, y = dataset(data, points, settings.seed, max_points)
        self.settings = settings
        self.X, self.X_val, self.y, self.y_val = train_test_split(X, y, 0.25, seed=settings.seed)
        self.model = model if model is not None else self.build()
        self.optimizer = OPTIMIZERS[settings.optimizer](self.model.parameters(), settings.lr)
        self._optimizer_name = settings.optimizer
        self.steps = 0
        self.loss: list[float] = []
        self.val_loss: list[float] = []
        self.gradients()

    def new_optimizer(self) -> None:
        """The settings' optimizer for the model: the same one keeps its state, with a new lr."""
        s = self.settings
        if s.optimizer == self._optimizer_name:
            self.optimizer.lr = s.lr
        else:
            self.optimizer = OPTIMIZERS[s.optimizer](self.model.parameters(), s.lr)
            self._optimizer_name = s.optimizer

    def restart(self) -> None:
        """A fresh model from the settings, a fresh optimizer, and no steps taken."""
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
            value = self._objective()
        except _NotFinite:
            return math.nan
        value.backward()
        return value.data

    def summary(self) -> str:
        """The step and the latest losses, in words."""
        if not self.loss:
            return f"step 0 · validation loss {number(self.validation_loss())}"
        loss, val = number(self.loss[-1]), number(self.val_loss[-1])
        return f"step {self.steps} · loss {loss} · validation loss {val}"

    def build(self) -> Module:
        """A fresh MLP(2, hidden + [1]) from the settings (the same seed: the same start).

        The init is the control's name as :mod:`nn.init` takes it: "normal(0, 0.01)" is
        ``("normal", 0.0, 0.01)``.
        """
        s = self.settings
        return MLP(2, [*s.hidden, 1], s.activation, seed=s.seed, init=INIT_RULES[s.init])

    def objective(self, preds: list[Any], targets: list[Any]) -> Value:
        """The mean binary cross-entropy on the logits, plus the penalty if any."""
        loss = binary_cross_entropy_with_logits(preds, targets)
        s = self.settings
        if s.penalty == "l1":
            loss = loss + s.rate * l1_penalty(self.model.parameters())
        elif s.penalty == "l2":
            loss = loss + s.rate * l2_penalty(self.model.parameters())
        return loss

    def step(self) -> float:
        """One full-batch step, as ``fit(..., batch_size=None)`` takes it; the loss before it.

        Raises:
            FloatingPointError: training diverged: the network's output, the loss, a
                gradient, a weight or the validation loss became NaN or infinite. The
                message says which, at which step, and the learning rate.
        Whatever it raises, the weights, their gradients and the optimizer's state are
        left as they were before the step: the last good ones.
        """
        kept = self._state()
        try:
            loss, val = self._step()
        except _NotFinite as error:
            self._restore(kept)
            raise FloatingPointError(self._diverged(str(error))) from None
        except BaseException:
            self._restore(kept)
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
            _finite("the gradient of", [p.grad for p in params], names)

        value, _ = train_step(
            self.model,
            self.X,
            self.y,
            self._checked,
            self.optimizer,
            after_backward=(gradients_finite,),
        )
        _finite("the weight", [p.data for p in params], names)
        logits = self._validation_logits()
        _finite("the network's output on a validation point", logits)
        val = _validation(logits, self.y_val)
        _finite("the validation loss", [val])
        return value.data, val

    def _objective(self) -> Value:
        """The objective on the training set, as a graph, if the output and it are finite."""
        return self._checked([self.model(x) for x in self.X], list(self.y))

    def _checked(self, preds: list[Any], targets: list[Any]) -> Value:
        """:meth:`objective`, if the network's output and the objective are finite."""
        _finite("the network's output", [p.data for p in preds])
        value = self.objective(preds, targets)
        _finite("the training loss", [value.data])
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

    def _state(self) -> tuple[list[tuple[float, float]], dict[str, Any]]:
        """Every parameter's data and gradient, and the optimizer's state (its lists copied)."""
        params = [(p.data, p.grad) for p in self.optimizer.params]
        state = getattr(self.optimizer, "__dict__", {})
        return params, {k: list(v) if isinstance(v, list) else v for k, v in state.items()}

    def _restore(self, kept: tuple[list[tuple[float, float]], dict[str, Any]]) -> None:
        params, state = kept
        for p, (data, grad) in zip(self.optimizer.params, params, strict=True):
            p.data, p.grad = data, grad
        getattr(self.optimizer, "__dict__", {}).update(state)

    def validation_loss(self) -> float:
        """The validation loss of the model as it is now (no penalty, no graph, no dropout).

        The model runs on floats (:func:`float_forward`, as it runs after every
        step) in evaluation mode, as :func:`nn.train.evaluate` runs it; the loss
        is ``binary_cross_entropy_with_logits`` itself, nan if an output is not finite.
        """
        return _validation(self._validation_logits(), self.y_val)

    def _validation_logits(self) -> list[float]:
        with evaluating(self.model):
            forward = float_forward(self.model)
            return [forward(x) for x in self.X_val]

    def bounds(self) -> tuple[float, float, float, float]:
        """The region drawn: every point, with a margin (x0, x1, y0, y1)."""
        return bounds_of(self.X + self.X_val)

    def grid(self, n: int = 32) -> list[int]:
        """The probability of class 1 at the centre of each of n x n cells, in percent,
        rows from the top (largest y) down, as the canvas draws them (dropout off)."""
        with evaluating(self.model):
            forward = float_forward(self.model)
            x0, x1, y0, y1 = self.bounds()
            cells = []
            for r in range(n):
                y = y1 - (r + 0.5) * (y1 - y0) / n
                for c in range(n):
                    z = forward([x0 + (c + 0.5) * (x1 - x0) / n, y])
                    cells.append(round(100 * FLOAT["sigmoid"](z)) if math.isfinite(z) else 50)
        return cells


__all__ = [
    "ACTIVATIONS",
    "DATASETS",
    "OPTIMIZERS",
    "PENALTIES",
    "Settings",
    "Trainer",
    "dataset",
    "float_forward",
]
