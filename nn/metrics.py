"""What training measures: the per-epoch :class:`History`, accuracy, and :func:`evaluate`.

Accuracy is reported when every target is an int: for a model with one output,
the prediction is "positive" when the score is > 0 and the label is positive
when it is > 0 (so labels may be 0/1 or -1/+1); for several outputs, the
prediction is the index of the largest. :mod:`nn.train` re-exports these.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from autograd import Value, no_grad
from nn.examples import examples
from nn.fit_args import check_loss, model_width
from nn.float_forward import float_outputs
from nn.module import Module

Loss = Callable[[list[Any], list[Any]], Value]


@dataclass
class History:
    """Per-epoch metrics from :func:`nn.fit`: the mean loss and, for classification, accuracy.

    With a validation set, ``val_loss`` and ``val_accuracy`` likewise; ``lr``
    is the learning rate each epoch trained with (a scheduler changes it);
    ``stopped`` is why training ended (one of :data:`nn.stopping.STOP_REASONS`).

    >>> History(loss=[0.5, 0.25], accuracy=[0.75, 1.0]).epochs
    2
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    lr: list[float] = field(default_factory=list)
    stopped: str = "epochs"

    @property
    def epochs(self) -> int:
        """The number of epochs recorded."""
        return len(self.loss)


def is_label(t: object) -> bool:
    """An int class label (a NumPy int too, never a bool)."""
    # numbers.Integral: NumPy ints count, as ints do; bools do not.
    return isinstance(t, numbers.Integral) and not isinstance(t, bool)


def correct(preds: Sequence[Value | Sequence[Value]], targets: Sequence[object]) -> int | None:
    """How many predictions match their int labels; None when the targets are not all ints.

    >>> correct([Value(0.5), Value(-2.0)], [1, 1]), correct([[Value(0.0), Value(1.0)]], [1])
    (1, 1)
    """
    if not all(is_label(t) for t in targets):
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

    Runs in evaluation mode (:meth:`~nn.Module.eval`: dropout off) and leaves
    the model in the mode it was in. ``X``, ``y`` and ``loss`` are checked as
    :func:`nn.fit` checks them (:mod:`nn.examples`), ``X`` at the model's width.

    >>> from nn import MLP
    >>> from nn.losses import hinge
    >>> model = MLP(1, [1], seed=0)
    >>> model.load_state_dict({"layers.0.neurons.0.w.0": 1.0, "layers.0.neurons.0.b": 0.0})
    >>> evaluate(model, [[2.0], [-0.5]], [1, 1], loss=hinge)     # relu(1-2), relu(1+0.5)
    (0.75, 0.5)
    """
    check_loss(loss, "evaluate()")
    return measure(model, *examples(X, y, "evaluate()", model_width(model)), loss)


def measure(
    model: Module, X: Sequence[Any], y: Sequence[Any], loss: Loss
) -> tuple[float, float | None]:
    """:func:`evaluate` of a data set already checked (``fit`` checks its validation set once)."""
    was_training = getattr(model, "training", True)
    set_mode(model, False)
    try:
        with no_grad():
            preds = _predictions(model, X)
            value = loss(preds, list(y)).data
            hits = correct(preds, y)
    finally:
        set_mode(model, bool(was_training))
    return value, None if hits is None else hits / len(X)


def _predictions(model: Module, X: Sequence[Any]) -> list[Any]:
    """``[model(x) for x in X]``; a plain MLP's run on floats (the same to the bit, about 20
    times faster: a third of notebook 07's time was its validation, every epoch)."""
    fast = float_outputs(model)
    if fast is None:
        return [model(x) for x in X]
    rows = [fast(x) for x in X]
    if len(rows[0]) == 1:  # one output neuron: the model gives a single Value
        return [Value(r[0]) for r in rows]
    return [[Value(v) for v in r] for r in rows]


def set_mode(model: Module, training: bool) -> None:
    """``model.train()`` or ``model.eval()``, for a Module that has modes (else nothing)."""
    if isinstance(model, Module) and hasattr(model, "training"):
        method = getattr(model, "train" if training else "eval", None)
        if callable(method):
            method()


__all__ = ["History", "Loss", "correct", "evaluate", "is_label", "measure", "set_mode"]
