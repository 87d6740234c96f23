"""Bug: ``**``'s derivative written ``c * x**c``, not ``c * x**(c - 1)``."""

from __future__ import annotations

from tests.engines import correct

WRONG_OPS = {"**"}


class Value(correct.Value):
    def __pow__(self, other: float) -> Value:
        out = type(self)(self.data**other, (self,), f"**{other}")

        def _backward() -> None:
            self.grad += other * self.data**other * out.grad

        out._backward = _backward
        return out
