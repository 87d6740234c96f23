"""Bug: ``_backward`` of ``+`` and ``*`` assigns (``=``) instead of adding (``+=``).

A node used twice (``x * x``, ``a + a``, or an input of two ops) keeps only
the share of the last ``_backward`` that ran.
"""

from __future__ import annotations

from typing import Any

from tests.engines import correct

WRONG_OPS = {"+", "*"}


class Value(correct.Value):
    def __add__(self, other: Any) -> Value:
        other = self.wrap(other)
        out = type(self)(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad = out.grad
            other.grad = out.grad

        out._backward = _backward
        return out

    def __mul__(self, other: Any) -> Value:
        other = self.wrap(other)
        out = type(self)(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad

        out._backward = _backward
        return out
