"""Bug: the sort's list and visited set are class attributes, shared by every graph.

The second graph's ``backward()`` skips nodes the first one visited and runs
the first graph's ``_backward`` s again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from tests.engines import correct

WRONG_OPS = None  # a problem between graphs, not of one op


class Value(correct.Value):
    topo: ClassVar[list[Any]] = []
    visited: ClassVar[set[Any]] = set()

    def backward(self) -> None:
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:
            v, children_done = stack.pop()
            if children_done:
                self.topo.append(v)
            elif v not in self.visited:
                self.visited.add(v)
                stack.append((v, True))
                stack.extend((child, False) for child in v._prev)
        self.grad = 1.0
        for v in reversed(self.topo):
            v._backward()
