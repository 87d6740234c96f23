"""Learning-rate schedules: each ``step()`` sets an optimizer's ``lr`` for the next epoch.

A schedule computes the new rate from the rate the optimizer had when the
schedule was made; the optimizer checks it as it checks any rate, and a rate
it refuses leaves the schedule and the optimizer as they were.

>>> from autograd import Value
>>> from nn.optim import SGD
>>> opt = SGD([Value(0.0)], lr=1.0)
>>> schedule = StepLR(opt, step_size=1, gamma=0.5)
>>> schedule.step(); opt.lr
0.5
"""

from __future__ import annotations

import math

from autograd.checks import count, one_of_types
from nn.optimizer import Optimizer, rate


class StepLR:
    """Multiply the optimizer's learning rate by ``gamma`` every ``step_size`` calls of ``step()``.

    >>> from autograd import Value
    >>> from nn.optim import SGD
    >>> opt = SGD([Value(0.0)], lr=1.0)
    >>> schedule = StepLR(opt, step_size=2, gamma=0.5)
    >>> for _ in range(4):
    ...     schedule.step()
    >>> opt.lr
    0.25
    """

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1) -> None:
        self.optimizer = _optimizer(optimizer, "StepLR")
        self.step_size = count(step_size, "StepLR step_size")
        self.gamma = rate(gamma, "StepLR gamma")
        self.base_lr, self.epoch = optimizer.lr, 0

    def step(self) -> None:
        """Advance one epoch and set the learning rate.

        Raises:
            ValueError: the new rate would be infinite (gamma > 1 for too long);
                neither the rate nor the epoch changes.
        """
        epoch = self.epoch + 1
        try:
            lr = self.base_lr * self.gamma ** (epoch // self.step_size)
        except OverflowError:
            lr = math.inf
        _set_lr(self.optimizer, lr, f"StepLR at epoch {epoch}")
        self.epoch = epoch


class CosineLR:
    """Anneal the learning rate to ``min_lr`` along half a cosine over ``total`` steps.

    ``lr_t = min_lr + (lr_0 - min_lr) * (1 + cos(pi * t / total)) / 2``, then held.

    >>> from autograd import Value
    >>> from nn.optim import SGD
    >>> opt = SGD([Value(0.0)], lr=1.0)
    >>> schedule = CosineLR(opt, total=2)
    >>> schedule.step(); opt.lr            # halfway
    0.5
    """

    def __init__(self, optimizer: Optimizer, total: int, min_lr: float = 0.0) -> None:
        self.optimizer = _optimizer(optimizer, "CosineLR")
        self.total = count(total, "CosineLR total")
        self.min_lr = rate(min_lr, "CosineLR min_lr")
        self.base_lr, self.epoch = optimizer.lr, 0

    def step(self) -> None:
        """Advance one epoch and set the learning rate."""
        epoch = min(self.epoch + 1, self.total)
        cosine = (1.0 + math.cos(math.pi * epoch / self.total)) / 2.0
        lr = self.min_lr + (self.base_lr - self.min_lr) * cosine
        _set_lr(self.optimizer, lr, f"CosineLR at epoch {epoch}")
        self.epoch = epoch


def _optimizer(optimizer: object, where: str) -> Optimizer:
    wanted = "an optimizer, such as SGD(model.parameters(), lr=0.1)"
    found: Optimizer = one_of_types(optimizer, f"{where} optimizer", wanted, Optimizer)
    return found


def _set_lr(optimizer: Optimizer, lr: float, where: str) -> None:
    """Set the rate a schedule computed, or raise naming the schedule (nothing changes)."""
    try:
        optimizer.lr = lr
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None


__all__ = ["CosineLR", "StepLR"]
