"""``LayerNorm``: normalise a layer's outputs to mean 0 and variance 1, as ``torch.nn.LayerNorm``.

``y_i = gain_i * (x_i - mean) / sqrt(var + eps) + bias_i``, the mean and the
(biased, 1/n) variance taken over the ``n`` outputs. It is built from existing
ops (``autograd.sum``, ``-``, ``*``, ``/``, ``sqrt``), so its backward pass is
the engine's.

>>> norm = LayerNorm(2, eps=0.0)
>>> [v.data for v in norm([1.0, 3.0])]       # mean 2, variance 1
[-1.0, 1.0]
>>> norm.named_parameters()[0][0], len(norm.parameters())
('gain.0', 4)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import autograd
from autograd import Value, checks
from autograd.arrays import flat
from autograd.checks import count, real
from autograd.value import Operand, is_real
from nn.module import Module


class LayerNorm(Module):
    """Layer normalisation over ``n`` values, with a learnable gain (1.0) and bias (0.0) per value.

    Args:
        n: how many values it normalises (the previous layer's width).
        eps: added to the variance before the square root; must be >= 0.

    Raises:
        TypeError: ``n`` or ``eps`` is not a number (a string, a bool).
        ValueError: ``n`` is not a whole number >= 1, or ``eps`` is negative
            or not finite.

    A NaN or infinite input is refused, naming its position: its mean and
    variance would make every output NaN.
    """

    def __init__(self, n: int, eps: float = 1e-5) -> None:
        n = count(n, "LayerNorm n")
        self.eps = real(eps, "LayerNorm eps", low=0.0)
        self.gain = [Value(1.0) for _ in range(n)]
        self.bias = [Value(0.0) for _ in range(n)]
        self.named_parameters()  # sets the labels

    def forward(self, x: Sequence[Operand]) -> list[Value]:
        """``x`` (``n`` Values or numbers, or a 1-D array) normalised, then gain and bias."""
        n = len(self.gain)
        x = _inputs(flat(x, "LayerNorm input", n), n)
        mean = autograd.sum(x) / n
        centred = [xi - mean for xi in x]
        # The biased variance (1/n), as torch.nn.LayerNorm.
        variance = autograd.sum(c * c for c in centred) / n
        scale = (variance + self.eps).sqrt()
        return [g * (c / scale) + b for g, c, b in zip(self.gain, centred, self.bias, strict=True)]

    def __repr__(self) -> str:
        return f"LayerNorm({len(self.gain)}, eps={self.eps})"


def _inputs(x: object, n: int) -> Sequence[Operand]:
    """``n`` inputs, each a Value or a number, finite (the first that is not is named)."""
    if isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
        raise TypeError(f"LayerNorm input must be a list of {n} values, got {checks.described(x)}")
    if len(x) != n:
        raise ValueError(f"LayerNorm takes {n} values, got {len(x)}")
    for i, v in enumerate(x):
        number = v.data if isinstance(v, Value) else v
        if not is_real(number):
            raise TypeError(
                f"LayerNorm input[{i}] must be a Value or a number, got {checks.described(v)}"
            )
        if not isinstance(number, int) and not math.isfinite(number):
            raise ValueError(
                f"LayerNorm input[{i}] is {number!r}: LayerNorm needs finite inputs "
                "(a NaN or an infinity makes every output NaN)"
            )
    return x


__all__ = ["LayerNorm"]
