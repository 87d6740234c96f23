"""The optimizers' base class and the check every learning rate passes.

:mod:`nn.optim` builds SGD, Adam and RMSprop on :class:`Optimizer`;
:mod:`nn.schedules` changes an optimizer's ``lr``, which checks it with
:func:`rate` whoever sets it.

>>> from autograd import Value
>>> opt = Optimizer([Value(1.0)], lr=0.5)
>>> opt.lr = -1.0
Traceback (most recent call last):
...
ValueError: Optimizer lr must be a finite number >= 0, got -1.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from autograd import Value
from autograd.checks import real
from nn.module import parameter_list, zero_grad


def rate(value: object, name: str, *, high: float = math.inf) -> float:
    """A hyperparameter: a finite number >= 0 (and < ``high`` when given), as torch checks it.

    >>> rate(float("nan"), "SGD momentum")
    Traceback (most recent call last):
    ...
    ValueError: SGD momentum must be a finite number >= 0, got nan
    """
    return real(value, name, low=0.0, high=high, high_open=True)


class Optimizer:
    """Base class: the parameters, the learning rate, ``zero_grad`` and a finite-gradient check."""

    def __init__(self, params: Iterable[Value], lr: float) -> None:
        self.params = parameter_list(params, type(self).__name__)
        self.lr = lr

    @property
    def lr(self) -> float:
        """The learning rate: a finite number >= 0, checked whenever it is set."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = rate(value, f"{type(self).__name__} lr")

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Reset every parameter's gradient (see ``nn.module.zero_grad``): ``.grad``
        reads 0.0, drawn ``grad —`` unless ``set_to_none=False``, as in PyTorch."""
        zero_grad(self.params, set_to_none)

    def _grads(self, weight_decay: float) -> list[float]:
        """The gradients plus L2 weight decay; FloatingPointError if any is NaN or infinite."""
        for i, p in enumerate(self.params):
            if not math.isfinite(p.grad):
                name = f"'{p.label}'" if p.label else f"{i}"
                raise FloatingPointError(
                    f"{type(self).__name__}.step: parameter {name} has gradient {p.grad!r}; "
                    "no parameter was updated"
                )
        if weight_decay:
            return [p.grad + weight_decay * p.data for p in self.params]
        return [p.grad for p in self.params]

    def step(self) -> None:
        """Update every parameter once."""
        raise NotImplementedError


__all__ = ["Optimizer", "rate"]
