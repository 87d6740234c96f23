"""Bug: ``backward()`` runs the ``_backward`` s in an order that changes from call to call.

A learner's engine that walks a ``set`` of nodes runs them in the order of
their memory addresses, which changes from run to run. To fail the same
way every time in a test, this one alternates: every other ``backward()``
runs the nodes in the order they were sorted in (leaves first), which is
wrong whenever an operand is itself an op.
"""

from __future__ import annotations

from typing import Any, ClassVar

from tests.engines import correct

WRONG_OPS = None  # any formula two ops deep, on every other run


class Value(correct.Value):
    calls: ClassVar[list[int]] = [0]

    def backward(self) -> None:
        topo: list[Any] = []
        visited: set[Any] = set()
        stack: list[tuple[Any, bool]] = [(self, False)]
        while stack:
            v, children_done = stack.pop()
            if children_done:
                topo.append(v)
            elif v not in visited:
                visited.add(v)
                stack.append((v, True))
                stack.extend((child, False) for child in v._prev)
        self.calls[0] += 1
        order = topo if self.calls[0] % 2 else reversed(topo)
        self.grad = 1.0
        for v in order:
            v._backward()
