"""``Dropout``: inverted dropout of a layer's outputs, as ``torch.nn.Dropout``.

In training mode each output is dropped (multiplied by 0.0) with probability
``p`` and the rest are scaled by ``1 / (1 - p)``, so each output's expected
value is unchanged; in evaluation mode (``model.eval()``) it is the identity.

>>> drop = Dropout(0.5, seed=0)
>>> [v.data for v in drop([1.0, 1.0, 1.0, 1.0])]      # kept ones doubled
[2.0, 2.0, 0.0, 0.0]
>>> [v.data for v in drop.eval()([1.0, 1.0, 1.0, 1.0])]
[1.0, 1.0, 1.0, 1.0]

As ``torch.nn.Dropout`` takes a 0-d tensor and returns one, a single ``Value``
(or number) gives a single ``Value``:

>>> drop.eval()(Value(0.5))
Value(data=0.5, grad=0.0)
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import overload

from autograd import Value, checks
from autograd.arrays import flat
from autograd.checks import real
from autograd.value import Operand, is_real
from nn.module import Module


class Dropout(Module):
    """Drop each of a layer's outputs with probability ``p`` while training.

    Args:
        p: the probability of dropping an output, in [0, 1]. As PyTorch,
            ``p=1`` drops everything (all zeros) and ``p=0`` is the identity.
        seed: an int seeds a fresh ``random.Random``; a ``random.Random`` is
            used as it is (an ``MLP`` shares one between its dropouts); None: unseeded.

    A dropped output is ``x * 0.0`` and a kept one ``x * (1 / (1 - p))``, so
    the gradient reaching ``x`` is 0.0 or ``1 / (1 - p)``, as PyTorch's mask.

    Raises:
        TypeError: ``p`` is not a number (a string, a bool), or ``seed`` is
            neither a whole number, a ``random.Random`` nor None.
        ValueError: ``p`` is outside [0, 1] or NaN, or ``seed`` < 0.

    >>> Dropout(1.5)
    Traceback (most recent call last):
    ...
    ValueError: Dropout p must be a number in [0, 1], got 1.5
    """

    def __init__(self, p: float = 0.5, *, seed: int | random.Random | None = None) -> None:
        self.p = real(p, "Dropout p", low=0.0, high=1.0)
        if isinstance(seed, random.Random):
            self.rng = seed
        else:
            self.rng = random.Random(checks.seed(seed, "Dropout seed"))

    @overload
    def forward(self, x: Value | float) -> Value: ...
    @overload
    def forward(self, x: Sequence[Operand]) -> list[Value]: ...
    def forward(self, x: Operand | Sequence[Operand]) -> Value | list[Value]:
        """``x`` (Values or numbers, or a 1-D NumPy array), some dropped, the rest scaled.

        One ``Value`` or number gives one ``Value``. A string or a bool is
        refused, never read as a number.
        """
        if isinstance(x, Value) or is_real(x):
            return self.forward([x])[0]  # type: ignore[list-item]
        values = _values(flat(x, "Dropout input"))
        if not self.training or self.p == 0.0:
            return values
        # p = 1: no output is kept, so the scale (1 / 0) is never used.
        scale = 1.0 / (1.0 - self.p) if self.p < 1.0 else 0.0
        return [v * (0.0 if self.rng.random() < self.p else scale) for v in values]

    def __repr__(self) -> str:
        return f"Dropout(p={self.p})"


def _values(x: object) -> list[Value]:
    """The input as Values: each item a Value or a number (never a string or a bool)."""
    if isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
        raise TypeError(
            f"Dropout input must be a Value or a list of Values, got {checks.described(x)}"
        )
    values = []
    for i, v in enumerate(x):
        if isinstance(v, Value):
            values.append(v)
        elif is_real(v):
            values.append(Value(float(v)))
        else:
            raise TypeError(
                f"Dropout input[{i}] must be a Value or a number, got {checks.described(v)}"
            )
    return values


__all__ = ["Dropout"]
