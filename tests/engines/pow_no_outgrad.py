"""Bug: ``**`` forgets to multiply by ``out.grad``: its operand gets the local derivative alone."""

from __future__ import annotations

from tests.engines import correct

WRONG_OPS = {"**"}


class Value(correct.Value):
    def __pow__(self, other: float) -> Value:
        out = type(self)(self.data**other, (self,), f"**{other}")

        def _backward() -> None:
            self.grad += other * self.data ** (other - 1)

        out._backward = _backward
        return out
