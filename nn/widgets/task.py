"""What the playground learns, read from its targets: two classes, k classes, or a number.

A :class:`Task` is everything the trainer does differently per task: the
model's outputs, the loss (the one :mod:`nn.losses` has for it, as ``fit``
would be given), the validation loss and accuracy on the floats the model
gives after a step (no graph), and one cell of the boundary panel.

========== ======= ================================== ============================
task       outputs loss                               a cell of the panel
========== ======= ================================== ============================
binary     1       binary_cross_entropy_with_logits   P(class 1), int percent
classes    k       cross_entropy (softmax of logits)  most probable class, its P
regression 1       mse (the target's units squared)   the predicted value
========== ======= ================================== ============================

>>> task = Task("classes", 3)
>>> task.outputs, task.cell([0.0, 2.0, 0.0])   # softmax: e²/(e² + 2) = 0.787
(3, (1, 79))
>>> Task("binary", 2).cell([0.0]), Task("regression", 1).cell([1.23456])
((50, None), (1.235, None))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from autograd import Value, no_grad
from autograd.text import number
from nn.float_forward import FLOAT
from nn.layers import MLP
from nn.losses import binary_cross_entropy_with_logits, cross_entropy, mse

#: The tasks, as :func:`nn.widgets.playground_settings.task_of` names them.
TASKS = ("binary", "classes", "regression")
_LOSSES = {"binary": binary_cross_entropy_with_logits, "classes": cross_entropy, "regression": mse}


def _many(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


@dataclass(frozen=True)
class Task:
    """A task and its number of classes (2 for binary, k >= 3 for classes, 1 for regression)."""

    kind: str
    k: int

    @property
    def outputs(self) -> int:
        """The model's outputs: one logit per class for k classes, else one."""
        return self.k if self.kind == "classes" else 1

    def check_model(self, model: object, chosen: Sequence[str]) -> None:
        """Refuse an MLP whose inputs are not the ``chosen`` features' or whose outputs are
        not the task's (a model of the user's own class is left to its first step)."""
        if not isinstance(model, MLP):
            return
        nin, nout = len(model.layers[0].neurons[0].w), len(model.layers[-1].neurons)
        if (nin, nout) != (len(chosen), self.outputs):
            wants = {"binary": "two classes need", "regression": "a regression needs"}.get(
                self.kind, f"{self.k} classes need"
            )
            raise ValueError(
                f"playground() model {model!r} has {_many(nin, 'input')} and "
                f"{_many(nout, 'output')}; the features {', '.join(chosen)} need "
                f"{_many(len(chosen), 'input')} and {wants} {_many(self.outputs, 'output')}: "
                f"pass MLP({len(chosen)}, [..., {self.outputs}])"
            )

    def loss(self, preds: Sequence[Any], targets: Sequence[Any]) -> Value:
        """The batch's mean loss, as :mod:`nn.losses` has it for this task (a graph)."""
        return _LOSSES[self.kind](preds, targets)

    def flat(self, preds: Sequence[Any]) -> list[float]:
        """Every output's float, in order: one per point, or k per point."""
        if self.kind == "classes":
            return [v.data for row in preds for v in row]
        return [p.data for p in preds]

    def validation(self, outputs: list[list[float]], targets: Sequence[Any]) -> float:
        """The mean loss of ``outputs`` (floats, a list per point), nan if one is not finite."""
        if not all(math.isfinite(z) for row in outputs for z in row):
            return math.nan
        with no_grad():
            if self.kind == "classes":
                return self.loss([[Value(z) for z in row] for row in outputs], targets).data
            return self.loss([Value(row[0]) for row in outputs], targets).data

    def accuracy(self, outputs: list[list[float]], targets: Sequence[Any]) -> float | None:
        """The share of points whose class is predicted (None for regression), as ``fit``
        counts it: logit > 0 is class 1; of k, the first largest logit."""
        if self.kind == "regression":
            return None
        pairs = zip(outputs, targets, strict=True)
        if self.kind == "binary":
            hits = sum((row[0] > 0) == (t > 0) for row, t in pairs)
        else:
            hits = sum(row.index(max(row)) == t for row, t in pairs)
        return float(hits) / len(targets)

    def summary(self, step: int, loss: float | None, val: float, accuracy: float | None) -> str:
        """The step, the loss (None before the first step) and the validation loss in words:
        a regression's mse and its rmse, in the target's units; k classes' accuracy.

        >>> Task("regression", 1).summary(3, 0.25, 0.0625, None)
        'step 3 · mse 0.25 · validation mse 0.0625 (rmse 0.25)'
        >>> Task("classes", 3).summary(0, None, 1.5, 0.5)
        'step 0 · validation loss 1.5 · validation accuracy 50%'
        """
        name = "mse" if self.kind == "regression" else "loss"
        said = f"step {step}" + ("" if loss is None else f" · {name} {number(loss)}")
        said += f" · validation {name} {number(val)}"
        if self.kind == "regression" and val >= 0:  # not for nan
            said += f" (rmse {number(math.sqrt(val))})"
        if self.kind == "classes" and accuracy is not None:
            said += f" · validation accuracy {accuracy:.0%}"
        return said

    def cell(self, out: list[float]) -> tuple[Any, int | None]:
        """One cell of the boundary panel from the model's outputs there: (grid, confidence).

        Binary: P(class 1) in int percent (50 where the logit is not finite).
        Classes: the most probable class (the first, on a tie) and its softmax
        probability in int percent (-1 and -1 where a logit is not finite).
        Regression: the value to 4 significant digits (None where not finite).
        """
        if self.kind == "binary":
            z = out[0]
            return (round(100 * FLOAT["sigmoid"](z)) if math.isfinite(z) else 50), None
        if self.kind == "regression":
            return (float(f"{out[0]:.4g}") if math.isfinite(out[0]) else None), None
        if not all(map(math.isfinite, out)):
            return -1, -1
        best = out.index(max(out))
        # softmax's largest entry, shifted by the largest logit: exp(0) / sum exp(z - max).
        return best, round(100 / sum(math.exp(z - out[best]) for z in out))


__all__ = ["TASKS", "Task"]
