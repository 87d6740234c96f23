"""The demo's training: the neuron it shows first, and the network it trains (seeded).

>>> round(neuron().data, 6)   # tanh(0.8813736) = 1/sqrt(2)
0.707107
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from autograd import Value
from autograd.text import number
from autograd.trace import node_names
from nn.data import make_moons
from nn.layers import MLP
from nn.losses import binary_cross_entropy_with_logits
from nn.optim import Adam
from nn.train import History, evaluate, fit

# The training budget: 100 points, mini-batches of 20, 40 epochs of Adam
# (200 steps). About 6 s here, and 100% training accuracy by epoch ~20.
SAMPLES, NOISE, SEED = 100, 0.1, 0
BATCH_SIZE, EPOCHS, LR = 20, 40, 0.02


def neuron() -> Value:
    """o = tanh(x1*w1 + x2*w2 + b) with the classic teaching numbers."""
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


def show_neuron(echo: Callable[[str], None] = print) -> Value:
    """Backpropagate :func:`neuron` and print every node's data and grad; return the output.

    >>> o = show_neuron()  # doctest: +NORMALIZE_WHITESPACE
    o = tanh(x1*w1 + x2*w2 + b), backpropagated:
      node   op           data       grad
      x1     leaf          2.0       -1.5
      w1     leaf         -3.0        1.0
      x2     leaf          0.0        0.5
      w2     leaf          1.0        0.0
      b      leaf      6.88137        0.5
      mul1   *            -6.0        0.5
      mul2   *             0.0        0.5
      add1   +            -6.0        0.5
      n      +        0.881374        0.5
      o      tanh     0.707107        1.0
    """
    o = neuron()
    o.backward()
    echo("o = tanh(x1*w1 + x2*w2 + b), backpropagated:")
    echo(f"  {'node':<6} {'op':<6} {'data':>10} {'grad':>10}")
    names = node_names(o)  # the names the player and the drawings use, in evaluation order
    for v, name in names.items():
        echo(f"  {name:<6} {v.op or 'leaf':<6} {number(v.data):>10} {number(v.grad):>10}")
    return o


@dataclass
class Trained:
    """What the artifacts draw from: the model, its data, and how training went."""

    model: MLP
    X: list[list[float]]
    y: list[int]
    history: History
    loss: float
    accuracy: float


def train(progress: bool = True) -> Trained:
    """Train the demo network on two moons (seeded) and evaluate it on its training set."""
    X, y = make_moons(SAMPLES, noise=NOISE, seed=SEED)
    model = MLP(2, [16, 16, 1], seed=SEED)
    loss = binary_cross_entropy_with_logits
    history = fit(
        model,
        X,
        y,
        loss=loss,
        optimizer=Adam(model.parameters(), lr=LR),
        epochs=EPOCHS,
        batch_size=BATCH_SIZE,
        progress=progress,
    )
    final_loss, accuracy = evaluate(model, X, y, loss)
    return Trained(model, X, y, history, final_loss, accuracy or 0.0)


def batch_loss(trained: Trained, rows: range, model: MLP | None = None) -> Value:
    """The loss of ``model`` (default: the trained one) over ``rows``, as a fresh graph."""
    model = trained.model if model is None else model
    return binary_cross_entropy_with_logits(
        [model(trained.X[i]) for i in rows], [trained.y[i] for i in rows]
    )


__all__ = [
    "BATCH_SIZE",
    "EPOCHS",
    "SAMPLES",
    "SEED",
    "Trained",
    "batch_loss",
    "neuron",
    "show_neuron",
    "train",
]
