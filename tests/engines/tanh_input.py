"""Bug: tanh's derivative written with the input, ``1 - x**2``, not ``1 - tanh(x)**2``."""

from __future__ import annotations

import math

from tests.engines import correct

WRONG_OPS = {"tanh"}


class Value(correct.Value):
    def tanh(self) -> Value:
        out = type(self)(math.tanh(self.data), (self,), "tanh")

        def _backward() -> None:
            self.grad += (1 - self.data**2) * out.grad

        out._backward = _backward
        return out
