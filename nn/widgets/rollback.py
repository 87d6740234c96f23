"""A step that may be undone: what became NaN or infinite, and the state to go back to.

:meth:`nn.widgets.trainer.Trainer.step` checks each stage with :func:`finite`
(raising :class:`NotFinite` in words), and keeps the weights, gradients and the
optimizer's state before the step (:func:`kept`) to :func:`restore` them if it fails.

>>> finite("the weight", [1.0, float("inf")], ["w.0", "w.1"])
Traceback (most recent call last):
...
nn.widgets.rollback.NotFinite: the weight w.1 became inf
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from nn.optim import Optimizer

#: Every parameter's (data, gradient), and the optimizer's own attributes.
Kept = tuple[list[tuple[float, float]], dict[str, Any]]


class NotFinite(ArithmeticError):
    """What became NaN or infinite during a step, in words ("the validation loss became nan")."""


def finite(what: str, values: list[float], names: Sequence[str] = ()) -> None:
    """Raise :class:`NotFinite` naming the first of ``values`` that is NaN or infinite."""
    if all(map(math.isfinite, values)):  # the common case: one pass in C
        return
    i = next(i for i, v in enumerate(values) if not math.isfinite(v))
    name = f" {names[i]}" if names else ""
    raise NotFinite(f"{what}{name} became {values[i]!r}")


def kept(optimizer: Optimizer) -> Kept:
    """Every parameter's data and gradient, and the optimizer's state (its lists copied)."""
    params = [(p.data, p.grad) for p in optimizer.params]
    state = getattr(optimizer, "__dict__", {})
    return params, {k: list(v) if isinstance(v, list) else v for k, v in state.items()}


def restore(optimizer: Optimizer, state: Kept) -> None:
    """Put back what :func:`kept` kept."""
    params, attributes = state
    for p, (data, grad) in zip(optimizer.params, params, strict=True):
        p.data, p.grad = data, grad
    getattr(optimizer, "__dict__", {}).update(attributes)


__all__ = ["Kept", "NotFinite", "finite", "kept", "restore"]
