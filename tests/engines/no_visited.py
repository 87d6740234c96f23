"""Bug: the topological sort has no visited set, so a node reached by two paths is sorted twice.

Its ``_backward`` then runs twice and its operands get its share twice. On a
chain of diamonds the sort itself takes time exponential in the depth.
"""

from __future__ import annotations

from tests.engines import correct

WRONG_OPS = None  # any op with an operand reached by two paths


class Value(correct.Value):
    def backward(self) -> None:
        topo: list[Value] = []

        def build_topo(v: Value) -> None:
            for child in v._prev:
                build_topo(child)
            topo.append(v)

        build_topo(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()
