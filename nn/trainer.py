"""The playground's Python side: a model trained one step at a time, read for the front end.

A :class:`Trainer` holds the model, its optimizer, the data split into train
and validation sets, and the loss curves. :meth:`Trainer.step` is one
full-batch step exactly as :func:`nn.fit` takes it (``batch_size=None``: zero
the gradients, run every example, the mean loss, one backward, one optimizer
step), plus the chosen penalty. :meth:`Trainer.grid` is the decision boundary
as data: the model's probability on a grid over the data, computed on floats
(no graph), since it runs after every step.

>>> t = Trainer("moons", Settings(hidden=[4]), points=40)
>>> before = t.validation_loss()
>>> for _ in range(20):
...     _ = t.step()
>>> t.steps, t.validation_loss() < before, len(t.grid(8))
(20, True, 64)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import mul
from typing import Any

from autograd import Value, no_grad, ops
from autograd.arrays import to_python
from autograd.value import LEAKY_SLOPE
from autograd.viz.text import number
from nn.data import make_blobs, make_circles, make_moons, train_test_split
from nn.layers import MLP, activation_name
from nn.losses import binary_cross_entropy_with_logits, l1_penalty, l2_penalty
from nn.module import Module
from nn.network import layers_of
from nn.optim import SGD, Adam, Optimizer, RMSprop

#: The optimizers the playground offers, by name: each made from (parameters, lr).
OPTIMIZERS: dict[str, Callable[[list[Value], float], Optimizer]] = {
    "sgd": lambda p, lr: SGD(p, lr),
    "momentum": lambda p, lr: SGD(p, lr, momentum=0.9),
    "adam": lambda p, lr: Adam(p, lr),
    "rmsprop": lambda p, lr: RMSprop(p, lr),
}
ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu", "linear")
PENALTIES = ("none", "l1", "l2")
#: The datasets by name: two classes, 0 and 1, in about [-2, 3] x [-2, 2].
DATASETS = ("moons", "circles", "blobs")
#: The activations on floats, for the decision boundary (no graph): the op
#: table's own forwards, so each is defined in one place.
_FLOAT: dict[str, Callable[[float], float]] = {
    "tanh": ops.TANH.forward,
    "relu": ops.RELU.forward,
    "sigmoid": ops.SIGMOID.forward,  # never overflows, as Value.sigmoid
    "leaky_relu": lambda z: ops.LEAKY_RELU.forward(z, LEAKY_SLOPE),
    "step": ops.STEP.forward,
    "linear": lambda z: z,
}


@dataclass
class Settings:
    """What the playground's controls set (the hidden layers' sizes, output excluded)."""

    hidden: list[int] = field(default_factory=lambda: [8, 8])
    activation: str = "tanh"
    init: str = "default"
    optimizer: str = "sgd"
    lr: float = 0.1
    penalty: str = "none"
    rate: float = 1e-3  # the penalty's weight
    seed: int = 0

    def check(self) -> None:
        """Raise ValueError, in the control's words, for a setting the playground lacks."""
        for what, value, allowed in (
            ("activation", self.activation, ACTIVATIONS),
            ("optimizer", self.optimizer, tuple(OPTIMIZERS)),
            ("penalty", self.penalty, PENALTIES),
        ):
            if value not in allowed:
                raise ValueError(
                    f"playground {what} must be one of {', '.join(allowed)}, got {value!r}"
                )
        if not self.hidden or any(not isinstance(n, int) or n < 1 for n in self.hidden):
            raise ValueError(f"playground hidden must be layer sizes >= 1, got {self.hidden!r}")
        if not (self.lr > 0 and math.isfinite(self.lr)):
            raise ValueError(f"playground lr must be a positive number, got {self.lr!r}")


def dataset(data: Any, points: int = 200, seed: int = 0) -> tuple[list[list[float]], list[int]]:
    """``data`` as ``(X, y)``: a name of :data:`DATASETS` or the user's pair.

    Raises:
        ValueError: an unknown name, or points that are not 2-D, or labels not 0 and 1.
    """
    if isinstance(data, str):
        makers = {
            "moons": lambda: make_moons(points, noise=0.1, seed=seed),
            "circles": lambda: make_circles(points, noise=0.08, seed=seed),
            "blobs": lambda: make_blobs(points, centers=((-1.0, -1.0), (1.0, 1.0)), seed=seed),
        }
        if data not in makers:
            raise ValueError(
                f"playground data must be one of {', '.join(makers)} or (X, y), got {data!r}"
            )
        return makers[data]()
    X, y = to_python(data[0], "playground X"), to_python(data[1], "playground y")
    if len(X) != len(y) or len(X) < 4 or any(len(p) != 2 for p in X):
        raise ValueError("playground (X, y) needs at least 4 points [x0, x1] and a label for each")
    if set(y) - {0, 1}:
        raise ValueError(f"playground labels must be 0 and 1, got {sorted(set(y))}")
    return [[float(a), float(b)] for a, b in X], [int(t) for t in y]


class Trainer:
    """A model, its optimizer, its data and its curves (see the module docstring).

    Attributes:
        model: the live MLP (the user's, or one built from ``settings``).
        steps: optimizer steps taken.
        loss, val_loss: the training and validation loss after each step.
    """

    def __init__(
        self, data: Any, settings: Settings, model: Module | None = None, points: int = 200
    ) -> None:
        settings.check()
        self.settings = settings
        X, y = dataset(data, points, settings.seed)
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
        """
        self.optimizer.zero_grad()
        value = self.objective([self.model(x) for x in self.X], list(self.y))
        value.backward()
        return value.data

    def summary(self) -> str:
        """The step and the latest losses, in words."""
        if not self.loss:
            return f"step 0 · validation loss {number(self.validation_loss())}"
        loss, val = number(self.loss[-1]), number(self.val_loss[-1])
        return f"step {self.steps} · loss {loss} · validation loss {val}"

    def build(self) -> Module:
        """A fresh MLP(2, hidden + [1]) from the settings (the same seed: the same start)."""
        s = self.settings
        return MLP(2, [*s.hidden, 1], s.activation, seed=s.seed, init=s.init)

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
        """One full-batch step, as ``fit(..., batch_size=None)`` takes it; the loss before it."""
        self.optimizer.zero_grad()
        value = self.objective([self.model(x) for x in self.X], list(self.y))
        value.backward()
        self.optimizer.step()
        self.steps += 1
        self.loss.append(value.data)
        self.val_loss.append(self.validation_loss())
        return value.data

    def validation_loss(self) -> float:
        """The validation loss of the model as it is now (no penalty, no graph).

        The model runs on floats (:func:`float_forward`, as it runs after every
        step); the loss is ``binary_cross_entropy_with_logits`` itself.
        """
        forward = float_forward(self.model)
        with no_grad():
            logits = [Value(forward(x)) for x in self.X_val]
            return binary_cross_entropy_with_logits(logits, list(self.y_val)).data

    def bounds(self) -> tuple[float, float, float, float]:
        """The region drawn: every point, with a margin (x0, x1, y0, y1)."""
        xs = [p[0] for p in self.X + self.X_val]
        ys = [p[1] for p in self.X + self.X_val]
        mx, my = 0.1 * (max(xs) - min(xs)) + 0.1, 0.1 * (max(ys) - min(ys)) + 0.1
        return min(xs) - mx, max(xs) + mx, min(ys) - my, max(ys) + my

    def grid(self, n: int = 32) -> list[int]:
        """The probability of class 1 at the centre of each of n x n cells, in percent,
        rows from the top (largest y) down, as the canvas draws them."""
        forward = float_forward(self.model)
        x0, x1, y0, y1 = self.bounds()
        cells = []
        for r in range(n):
            y = y1 - (r + 0.5) * (y1 - y0) / n
            for c in range(n):
                z = forward([x0 + (c + 0.5) * (x1 - x0) / n, y])
                cells.append(round(100 * _FLOAT["sigmoid"](z)) if math.isfinite(z) else 50)
        return cells


def float_forward(model: Module) -> Callable[[Sequence[float]], float]:
    """The model's output as a function of floats: its weights read once, no graph built.

    An MLP's :meth:`~nn.MLP.forward` on plain floats, about 20 times faster
    than on Values; a model with layer norm, dropout or an activation of the
    user's own is run as itself, under ``no_grad``.
    """
    layers = layers_of(model)
    names = [activation_name(layer.neurons[0].activation) for layer in layers]
    plain = not getattr(model, "norms", None) and not getattr(model, "dropouts", None)
    if not plain or any(name not in _FLOAT for name in names):

        def slow(x: Sequence[float]) -> float:
            with no_grad():
                out = model(list(x))
            return float(out.data if isinstance(out, Value) else out[0].data)

        return slow
    weights = [
        (
            [[w.data for w in n.w] for n in layer.neurons],
            [n.b.data for n in layer.neurons],
            _FLOAT[a],
        )
        for layer, a in zip(layers, names, strict=True)
    ]

    def fast(x: Sequence[float]) -> float:
        values = list(x)
        for rows, biases, act in weights:
            # sum(map(mul, ...)): 2.5x a generator of products (10 ms, not 25, for a
            # 32 x 32 grid through MLP(2, [8, 8, 1])). Every row has len(values) weights.
            values = [act(sum(map(mul, row, values)) + b) for row, b in zip(rows, biases)]  # noqa: B905
        return values[0]

    return fast


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
