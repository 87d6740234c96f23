"""``Dropout``: inverted dropout of a layer's outputs, as ``torch.nn.Dropout``.

In training mode each output is dropped (multiplied by 0.0) with probability
``p`` and the rest are scaled by ``1 / (1 - p)``, so each output's expected
value is unchanged; in evaluation mode (``model.eval()``) it is the identity.

>>> drop = Dropout(0.5, seed=0)
>>> [v.data for v in drop([1.0, 1.0, 1.0, 1.0])]      # kept ones doubled
[2.0, 2.0, 0.0, 0.0]
>>> [v.data for v in drop.eval()([1.0, 1.0, 1.0, 1.0])]
[1.0, 1.0, 1.0, 1.0]
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from autograd import Value
from autograd.arrays import flat
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
        TypeError: ``p`` is not a real number.
        ValueError: ``p`` is outside [0, 1].

    >>> Dropout(1.5)
    Traceback (most recent call last):
    ...
    ValueError: Dropout p must be a probability in [0, 1], got 1.5
    """

    def __init__(self, p: float = 0.5, *, seed: int | random.Random | None = None) -> None:
        if not is_real(p) or isinstance(p, bool):
            raise TypeError(f"Dropout p must be a number, got {p!r}")
        if not 0.0 <= float(p) <= 1.0 or math.isnan(float(p)):
            raise ValueError(f"Dropout p must be a probability in [0, 1], got {p!r}")
        self.p = float(p)
        self.rng = seed if isinstance(seed, random.Random) else random.Random(seed)

    def forward(self, x: Sequence[Operand]) -> list[Value]:
        """``x`` (Values or numbers, or a 1-D NumPy array), some dropped, the rest scaled."""
        values = [v if isinstance(v, Value) else Value(float(v)) for v in flat(x, "Dropout input")]
        if not self.training or self.p == 0.0:
            return values
        # p = 1: no output is kept, so the scale (1 / 0) is never used.
        scale = 1.0 / (1.0 - self.p) if self.p < 1.0 else 0.0
        return [v * (0.0 if self.rng.random() < self.p else scale) for v in values]

    def __repr__(self) -> str:
        return f"Dropout(p={self.p})"


__all__ = ["Dropout"]
