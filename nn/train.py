"""``fit``: the training loop, with a progress bar and a per-epoch history.

For each mini-batch: zero the optimizer's gradients, run the model on every
example, take the loss of the whole batch (a mean), backpropagate once and take
one optimizer step. Because the loss is a mean over the batch and gradients
are cleared first, each step uses exactly the batch's mean gradient, whatever
the batch size; nothing carries over between batches.

Accuracy is reported when every target is an int: for a model with one output,
the prediction is "positive" when the score is > 0 and the label is positive
when it is > 0 (so labels may be 0/1 or -1/+1); for several outputs, the
prediction is the index of the largest. The epoch's numbers are the means over
the batches' forward passes, taken before each batch's step.

>>> from nn import MLP
>>> from nn.losses import mse
>>> from nn.optim import SGD
>>> model = MLP(1, [1], seed=0)
>>> model.load_state_dict({"layers.0.neurons.0.w.0": 0.0, "layers.0.neurons.0.b": 0.0})
>>> X, y = [[1.0], [2.0]], [2.0, 4.0]        # y = 2x
>>> history = fit(model, X, y, loss=mse, optimizer=SGD(model.parameters(), lr=0.2),
...               epochs=1000, progress=False)
>>> round(model.layers[0].neurons[0].w[0].data, 6), history.accuracy
(2.0, [])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from autograd import Value, no_grad
from nn.data import batches
from nn.module import Module
from nn.optim import Optimizer

Loss = Callable[[list[Any], list[Any]], Value]
#: Called after every epoch as ``callback(epoch, history)``; returning True stops training.
Callback = Callable[[int, "History"], Any]


@dataclass
class History:
    """Per-epoch metrics from :func:`fit`: the mean loss and, for classification, accuracy.

    >>> History(loss=[0.5, 0.25], accuracy=[0.75, 1.0]).epochs
    2
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)

    @property
    def epochs(self) -> int:
        """The number of epochs recorded."""
        return len(self.loss)


def _is_label(t: object) -> bool:
    return isinstance(t, int) and not isinstance(t, bool)


def correct(preds: Sequence[Value | Sequence[Value]], targets: Sequence[object]) -> int | None:
    """How many predictions match their int labels; None when the targets are not all ints.

    >>> correct([Value(0.5), Value(-2.0)], [1, 1]), correct([[Value(0.0), Value(1.0)]], [1])
    (1, 1)
    """
    if not all(_is_label(t) for t in targets):
        return None
    hits = 0
    for p, t in zip(preds, targets, strict=True):
        if isinstance(p, Value):
            hits += (p.data > 0) == (t > 0)  # type: ignore[operator]
        else:
            scores = [s.data for s in p]
            hits += scores.index(max(scores)) == t
    return hits


def evaluate(
    model: Module, X: Sequence[Any], y: Sequence[Any], loss: Loss
) -> tuple[float, float | None]:
    """The loss and accuracy (None unless targets are ints) on ``X``, recording no graph.

    >>> from nn import MLP
    >>> from nn.losses import hinge
    >>> model = MLP(1, [1], seed=0)
    >>> model.load_state_dict({"layers.0.neurons.0.w.0": 1.0, "layers.0.neurons.0.b": 0.0})
    >>> evaluate(model, [[2.0], [-0.5]], [1, 1], loss=hinge)     # relu(1-2), relu(1+0.5)
    (0.75, 0.5)
    """
    with no_grad():
        preds = [model(x) for x in X]
        value = loss(preds, list(y)).data
        hits = correct(preds, y)
    return value, None if hits is None else hits / len(X)


def _bar(epochs: int, progress: bool) -> Any:
    if not progress:
        return None
    try:
        from tqdm import tqdm  # type: ignore[import-untyped]
    except ImportError:
        raise ImportError(
            "fit(progress=True) draws its bar with tqdm: pip install tqdm "
            "(or chainrule[nn]), or pass progress=False"
        ) from None
    return tqdm(total=epochs, desc="training", unit="epoch")


def fit(
    model: Module,
    X: Sequence[Any],
    y: Sequence[Any],
    *,
    loss: Loss,
    optimizer: Optimizer,
    epochs: int,
    batch_size: int | None = None,
    progress: bool = True,
    callbacks: Iterable[Callback] = (),
    seed: int | None = 0,
) -> History:
    """Train ``model`` on ``(X, y)``; return the per-epoch history.

    Args:
        loss: ``loss(predictions, targets) -> Value``, the mean over a batch
            (any of :mod:`nn.losses`).
        optimizer: holds the parameters to train.
        epochs: passes over the data.
        batch_size: examples per step; None for the whole set in one step.
        progress: draw a tqdm bar with the loss and accuracy (needs tqdm).
        callbacks: each called after every epoch; one returning True stops.
        seed: seeds the shuffle of each epoch's mini-batches (epoch ``e`` uses
            ``seed + e``); None shuffles unpredictably.

    Raises:
        ValueError: ``X`` and ``y`` differ in length or are empty, or ``epochs`` < 0.
    """
    if len(X) != len(y) or not X:
        raise ValueError(
            f"fit() needs as many targets as inputs, at least one: {len(X)} and {len(y)}"
        )
    if not isinstance(epochs, int) or epochs < 0:
        raise ValueError(f"epochs must be a non-negative int, got {epochs!r}")
    history, bar, hooks = History(), _bar(epochs, progress), list(callbacks)
    classify = all(_is_label(t) for t in y)
    try:
        for epoch in range(epochs):
            total, hits = 0.0, 0
            order = batches(
                X,
                y,
                batch_size or len(X),
                shuffle=batch_size is not None,
                seed=None if seed is None else seed + epoch,
            )
            for xb, yb in order:
                optimizer.zero_grad()
                preds = [model(x) for x in xb]
                value = loss(preds, yb)
                value.backward()
                optimizer.step()
                total += value.data * len(xb)
                batch_hits = correct(preds, yb)
                hits += batch_hits or 0
            history.loss.append(total / len(X))
            if classify:
                history.accuracy.append(hits / len(X))
            if bar is not None:
                bar.update(1)
                shown = {"loss": f"{history.loss[-1]:.4f}"}
                if history.accuracy:
                    shown["acc"] = f"{history.accuracy[-1]:.1%}"
                bar.set_postfix(shown)
            if any([hook(epoch, history) is True for hook in hooks]):
                break
    finally:
        if bar is not None:
            bar.close()
    return history


__all__ = ["Callback", "History", "Loss", "correct", "evaluate", "fit"]
