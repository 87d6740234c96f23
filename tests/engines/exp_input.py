"""Bug: exp's derivative written with the input, ``x``, not the output ``exp(x)``."""

from __future__ import annotations

import math

from tests.engines import correct

WRONG_OPS = {"exp"}


class Value(correct.Value):
    def exp(self) -> Value:
        out = type(self)(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += self.data * out.grad

        out._backward = _backward
        return out
