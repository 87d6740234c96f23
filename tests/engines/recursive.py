"""Not a wrong gradient: ``backward()`` sorts recursively (RecursionError near 1,000 ops)."""

from __future__ import annotations

from tests.engines import correct

WRONG_OPS = None


class Value(correct.Value):
    def backward(self) -> None:
        topo: list[Value] = []
        visited: set[Value] = set()

        def build_topo(v: Value) -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)

        build_topo(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()
