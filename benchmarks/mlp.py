"""Workload 1: one full-batch training step of an MLP, three ways.

Each side holds its own copy of the same weights (:func:`benchmarks.data.
initial_weights`) and offers the same four methods: ``forward_backward()``
(zero the gradients, forward, loss, backward; returns the loss),
``gradients()`` (flat, in parameter order), ``update(lr)`` (SGD) and
``weights()``. The loss is micrograd's demo loss: the mean SVM hinge
``relu(1 - y * score)`` plus the L2 term ``ALPHA * sum(p * p)``.

- :class:`Chainrule`: the engine, with a neuron written as ``nn.MLP`` writes it,
  ``act(autograd.dot(w, x, bias=b))`` (one node for ``w · x + b``), last
  layer linear. Any model with
  ``parameters()`` and ``__call__(x) -> Value`` can replace :class:`EngineMLP`.
- :class:`Micrograd`: micrograd 0.1.0's own ``MLP``, trained as its demo does.
- :class:`PurePython`: the same step hand-written in plain loops, no graph.

micrograd's ``MLP`` uses relu (0.1.0 has no tanh), so relu is the activation
the three sides share; ``activation="tanh"`` is there for chainrule and the
limit.

>>> from benchmarks.data import initial_weights, two_moons
>>> X, y = two_moons(6, seed=0)
>>> w = initial_weights([2, 3, 1], seed=0)
>>> engine, limit = Chainrule(EngineMLP(w, [2, 3, 1]), X, y), PurePython(w, [2, 3, 1], X, y)
>>> abs(engine.forward_backward() - limit.forward_backward()) < 1e-12
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from operator import mul
from typing import Any, Protocol

import autograd
from autograd import Value
from benchmarks.data import split
from nn import MLP

#: The L2 coefficient of micrograd's demo.
ALPHA = 1e-4
#: MLP(2, [16, 16, 1]), as in the issue.
SIZES = [2, 16, 16, 1]


class Model(Protocol):
    """What the chainrule step needs from a model (``nn.MLP`` has the same shape)."""

    def parameters(self) -> list[Value]: ...

    def __call__(self, x: Sequence[float]) -> Value: ...


def EngineMLP(weights: list[float], sizes: list[int], activation: str = "relu") -> MLP:
    """``nn.MLP`` with the shared weights loaded: what a user of the library runs.

    Args:
        weights: flat, in parameter order (see :func:`benchmarks.data.initial_weights`),
            which is ``nn.MLP``'s order too: each neuron's weights, then its bias.
        sizes: ``[inputs, hidden..., outputs]``; the last layer is linear.
        activation: ``"relu"`` or ``"tanh"`` for the hidden layers.
    """
    if activation not in ("relu", "tanh"):
        raise ValueError(f"activation must be 'relu' or 'tanh', got {activation!r}")
    model = MLP(sizes[0], sizes[1:], activation=activation, seed=0)
    names = list(model.state_dict())
    if len(names) != len(weights):
        raise ValueError(f"{len(weights)} weights for a model with {len(names)} parameters")
    model.load_state_dict(dict(zip(names, weights, strict=True)))
    return model


class Chainrule:
    """The chainrule training step on ``model`` (an :class:`EngineMLP` or ``nn.MLP``)."""

    def __init__(self, model: Model, X: list[list[float]], y: list[float]) -> None:
        self.model, self.X, self.y = model, X, y
        self.params = model.parameters()

    def graph(self) -> Value:
        """The loss, as a graph (inputs are plain numbers: constants, not nodes)."""
        scores = [self.model(x) for x in self.X]
        losses = [(1.0 - yi * s).relu() for yi, s in zip(self.y, scores, strict=True)]
        data_loss = autograd.sum(losses) * (1.0 / len(losses))
        # One dot node for the whole L2 sum: d/dp = ALPHA * (p + p).
        return data_loss + ALPHA * autograd.dot(self.params, self.params)

    def forward_backward(self) -> float:
        loss = self.graph()
        for p in self.params:
            p.grad = 0.0
        loss.backward()
        return loss.data

    def gradients(self) -> list[float]:
        return [p.grad for p in self.params]

    def update(self, lr: float) -> None:
        for p in self.params:
            p.data -= lr * p.grad

    def weights(self) -> list[float]:
        return [p.data for p in self.params]


class Micrograd:
    """micrograd 0.1.0's ``MLP`` with the shared weights, stepped as its demo does."""

    def __init__(
        self, weights: list[float], sizes: list[int], X: list[list[float]], y: list[float]
    ):
        from micrograd.engine import Value as MValue
        from micrograd.nn import MLP

        state = random.getstate()  # micrograd draws its initial weights from `random`
        self.model = MLP(sizes[0], sizes[1:])
        random.setstate(state)
        self.params = self.model.parameters()
        if len(self.params) != len(weights):
            raise ValueError(
                f"micrograd MLP has {len(self.params)} parameters, not {len(weights)}"
            )
        for p, w in zip(self.params, weights, strict=True):
            p.data = w
        self.Value, self.X, self.y = MValue, X, y

    def graph(self) -> Any:
        """The demo's loss, verbatim apart from names."""
        inputs = [list(map(self.Value, row)) for row in self.X]
        scores = list(map(self.model, inputs))
        losses = [(1 + -yi * si).relu() for yi, si in zip(self.y, scores, strict=True)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = ALPHA * sum(p * p for p in self.params)
        return data_loss + reg_loss

    def forward_backward(self) -> float:
        loss = self.graph()
        self.model.zero_grad()
        loss.backward()
        return float(loss.data)

    def gradients(self) -> list[float]:
        return [float(p.grad) for p in self.params]

    def update(self, lr: float) -> None:
        for p in self.params:
            p.data -= lr * p.grad

    def weights(self) -> list[float]:
        return [float(p.data) for p in self.params]


class PurePython:
    """The same step by hand in plain Python loops: no graph, the speed limit.

    The sums run in chainrule's order (``dot(w, a) + b``), so the losses agree
    to rounding, not just to tolerance.
    """

    def __init__(
        self,
        weights: list[float],
        sizes: list[int],
        X: list[list[float]],
        y: list[float],
        activation: str = "relu",
    ) -> None:
        if activation not in ("relu", "tanh"):
            raise ValueError(f"activation must be 'relu' or 'tanh', got {activation!r}")
        self.tanh = activation == "tanh"
        layers = split(weights, sizes)
        self.W = [[list(ws) for ws, _ in layer] for layer in layers]
        self.B = [[b for _, b in layer] for layer in layers]
        self.X, self.y = X, y
        self.gW: list[list[list[float]]] = []
        self.gB: list[list[float]] = []

    def _hidden(self, z: list[float]) -> tuple[list[float], list[float]]:
        """The activations and their derivatives."""
        if self.tanh:
            out = [math.tanh(v) for v in z]
            return out, [1.0 - o * o for o in out]
        return [v if v > 0 else 0.0 for v in z], [1.0 if v > 0 else 0.0 for v in z]

    def forward_backward(self) -> float:
        W, B, n, last = self.W, self.B, len(self.X), len(self.W) - 1
        gW = [[[0.0] * len(ws) for ws in Wl] for Wl in W]
        gB = [[0.0] * len(Bl) for Bl in B]
        total = 0.0
        for x, t in zip(self.X, self.y, strict=True):
            acts, derivs, a = [], [], x
            for i, (Wl, Bl) in enumerate(zip(W, B, strict=True)):
                acts.append(a)
                z = [sum(map(mul, ws, a), 0.0) + b for ws, b in zip(Wl, Bl, strict=True)]
                if i < last:
                    a, d = self._hidden(z)
                    derivs.append(d)
                else:
                    a = z
            margin = 1.0 - t * a[0]
            if margin <= 0:  # relu'(0) = 0: this point adds no loss and no gradient
                continue
            total += margin
            delta = [-t / n]  # d loss / d score
            for i in range(last, -1, -1):
                a = acts[i]
                for j, dj in enumerate(delta):
                    row = gW[i][j]
                    for k, ak in enumerate(a):
                        row[k] += dj * ak
                    gB[i][j] += dj
                if i:
                    back = [sum(map(mul, delta, col), 0.0) for col in zip(*W[i], strict=True)]
                    delta = [g * d for g, d in zip(back, derivs[i - 1], strict=True)]
        flat = [
            p
            for Wl, Bl in zip(W, B, strict=True)
            for ws, b in zip(Wl, Bl, strict=True)
            for p in (*ws, b)
        ]
        for Wl, Bl, gWl, gBl in zip(W, B, gW, gB, strict=True):
            for ws, gws in zip(Wl, gWl, strict=True):
                for k, w in enumerate(ws):
                    gws[k] += 2.0 * ALPHA * w
            for j, b in enumerate(Bl):
                gBl[j] += 2.0 * ALPHA * b
        self.gW, self.gB = gW, gB
        return total * (1.0 / n) + ALPHA * sum(map(mul, flat, flat), 0.0)

    def gradients(self) -> list[float]:
        return [
            g
            for gWl, gBl in zip(self.gW, self.gB, strict=True)
            for gs, gb in zip(gWl, gBl, strict=True)
            for g in (*gs, gb)
        ]

    def update(self, lr: float) -> None:
        for Wl, Bl, gWl, gBl in zip(self.W, self.B, self.gW, self.gB, strict=True):
            for ws, gws in zip(Wl, gWl, strict=True):
                for k, g in enumerate(gws):
                    ws[k] -= lr * g
            for j, g in enumerate(gBl):
                Bl[j] -= lr * g

    def weights(self) -> list[float]:
        return [
            p
            for Wl, Bl in zip(self.W, self.B, strict=True)
            for ws, b in zip(Wl, Bl, strict=True)
            for p in (*ws, b)
        ]
