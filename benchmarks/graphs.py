"""Workloads 2, 3 and 5: long chains and big sums, on either engine.

The chain is ``y = tanh(y * 1.0001 + 0.001)``: three nodes a step on chainrule
(constants stay numbers), five on micrograd (each constant becomes a node).
micrograd 0.1.0 has no ``tanh``; :func:`micrograd_tanh` is the one from
micrograd's own lecture, the same per-node closure as its ``relu``.
:func:`limit_chain` is the same chain by hand, with the least a node can hold:
the floor any graph of Python objects stands on.

>>> from autograd.backward import topological_order
>>> y = chain(2)
>>> len(topological_order(y)), y.op
(7, 'tanh')
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import autograd
from autograd import Value


def chain(steps: int, x: Value | None = None) -> Value:
    """``steps`` steps of ``y = tanh(y * 1.0001 + 0.001)`` from ``x`` (default 0.5)."""
    y = Value(0.5) if x is None else x
    for _ in range(steps):
        y = (y * 1.0001 + 0.001).tanh()
    return y


def micrograd_tanh(x: Any) -> Any:
    """tanh on a micrograd Value, written exactly as micrograd writes ``relu``."""
    from micrograd.engine import Value as MValue

    out = MValue(math.tanh(x.data), (x,), "tanh")

    def _backward() -> None:
        x.grad += (1 - out.data**2) * out.grad

    out._backward = _backward
    return out


def micrograd_chain(steps: int) -> Any:
    """The same chain on micrograd."""
    from micrograd.engine import Value as MValue

    y = MValue(0.5)
    for _ in range(steps):
        y = micrograd_tanh(y * 1.0001 + 0.001)
    return y


def micrograd_nodes(root: Any) -> int:
    """How many nodes a micrograd graph has (walked with a stack, not recursion)."""
    seen, stack = {id(root)}, [root]
    while stack:
        for child in stack.pop()._prev:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return len(seen)


class LimitNode:
    """One node of the hand-written chain: value, gradient, its parent, d self/d parent."""

    __slots__ = ("data", "grad", "local", "parent")

    def __init__(self, data: float, parent: LimitNode | None = None, local: float = 0.0) -> None:
        self.data, self.grad, self.parent, self.local = data, 0.0, parent, local


def limit_chain(steps: int, x: float = 0.5) -> LimitNode:
    """The chain by hand, three nodes a step like chainrule's, each local derivative stored.

    >>> y = limit_chain(1)
    >>> limit_backward(y)
    >>> root = y.parent.parent.parent
    >>> math.isclose(root.grad, (1 - math.tanh(0.5 * 1.0001 + 0.001) ** 2) * 1.0001)
    True
    """
    y = LimitNode(x)
    for _ in range(steps):
        m = LimitNode(y.data * 1.0001, y, 1.0001)
        a = LimitNode(m.data + 0.001, m, 1.0)
        t = math.tanh(a.data)
        y = LimitNode(t, a, 1.0 - t * t)
    return y


def limit_backward(root: LimitNode) -> None:
    """Backward through a hand-written chain: the parent links are the reverse order."""
    root.grad = 1.0
    node = root
    while node.parent is not None:
        node.parent.grad += node.grad * node.local
        node = node.parent


def limit_chain_step(steps: int) -> Callable[[], None]:
    """Forward and backward through a fresh hand-written chain of ``steps`` steps."""

    def run() -> None:
        limit_backward(limit_chain(steps))

    return run


def chain_step(steps: int) -> Callable[[], None]:
    """Forward and backward through a fresh chain of ``steps`` steps."""

    def run() -> None:
        chain(steps).backward()

    return run


def micrograd_chain_step(steps: int) -> Callable[[], None]:
    def run() -> None:
        micrograd_chain(steps).backward()

    return run


def products(n: int, seed: float = 0.5) -> tuple[list[Value], list[Value]]:
    """Two lists of ``n`` leaves each, for the sum of products."""
    return [Value(seed + i * 1e-6) for i in range(n)], [Value(1.0 - i * 1e-6) for i in range(n)]


def sum_of_products(kind: str, xs: list[Any], ys: list[Any]) -> Callable[[], None]:
    """Forward and backward through ``sum(x * y)`` built one of four ways.

    ``"autograd.sum"``: n products and one sum node; ``"autograd.dot"``: one
    node; ``"builtin sum"``: n products and an n-deep chain of ``+``
    (on chainrule or micrograd leaves alike).
    """
    if kind == "autograd.sum":
        return lambda: autograd.sum([x * y for x, y in zip(xs, ys, strict=True)]).backward()
    if kind == "autograd.dot":
        return lambda: autograd.dot(xs, ys).backward()
    if kind == "builtin sum":
        return lambda: sum(x * y for x, y in zip(xs, ys, strict=True)).backward()
    raise ValueError(f"unknown sum kind {kind!r}")


def sum_nodes(name: str, n: int) -> int:
    """Nodes in the sum of ``n`` products built as ``name`` (leaves included).

    >>> sum_nodes("chainrule, autograd.dot", 10), sum_nodes("micrograd, builtin sum", 10)
    (21, 41)
    """
    if name.endswith("autograd.dot"):
        return 2 * n + 1
    if name.endswith("autograd.sum"):
        return 3 * n + 1
    # builtin sum() starts from 0: chainrule makes 0.0 + p0 a node with a
    # constant, micrograd also turns the 0 into a node of its own.
    return 4 * n + (0 if name.startswith("chainrule") else 1)
