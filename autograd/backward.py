"""Graph ordering and chain-rule accumulation.

Everything here walks the graph iteratively (explicit stacks), so a chain of
a million ops needs no more recursion depth than a chain of one.

>>> from autograd import Value
>>> a = Value(2.0, label="a")
>>> b = a * a + a          # a is used three times
>>> [n.label or n.op for n in topological_order(b)]
['a', '*', '+']
>>> grad(b, [a])           # d(a*a + a)/da = 2a + 1
[5.0]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from autograd.anomaly import describe, describe_operands, is_finite, site_of
from autograd.mode import ANOMALY, MODE
from autograd.value import Value, as_real


def topological_order(root: Value) -> list[Value]:
    """Every node ``root`` depends on, each after all of its parents; ``root`` last.

    Deterministic: the order follows operand order, never object identity.
    """
    order: list[Value] = []
    visited: set[Value] = set()
    # (node, expanded) pairs: a node is emitted once everything pushed above
    # it, that is all of its parents, has been emitted.
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if node in visited:
            continue
        visited.add(node)
        stack.append((node, True))
        for parent in reversed(node._args):
            # Constants are stored as plain floats among the operands.
            if not isinstance(parent, float) and parent not in visited:
                stack.append((parent, False))
    return order


def gradients(root: Value, seed: Any = 1.0, *, create_graph: bool = False) -> dict[Value, Any]:
    """d(root)/d(node) for every node ``root`` depends on, without touching ``.grad``.

    With ``create_graph``, the rules are handed the Value operands instead of
    their floats, so each gradient comes back as a graph of its own.
    """
    grads: dict[Value, Any] = {root: seed}
    anomaly = bool(MODE.get() & ANOMALY)
    node = root
    try:
        for node in reversed(topological_order(root)):
            args = node._args
            if not args:
                continue
            upstream = grads[node]
            for i, parent, local in _local_derivatives(node, create_graph):
                contribution = upstream * local
                if anomaly and not is_finite(contribution):
                    raise FloatingPointError(_anomaly_message(node, i, contribution))
                previous = grads.get(parent)
                grads[parent] = contribution if previous is None else previous + contribution
    except (ZeroDivisionError, OverflowError, ValueError) as error:
        raise type(error)(
            f"backward through {node.op} of {describe_operands(node._args)}: {error}"
        ) from error
    return grads


def _local_derivatives(node: Value, create_graph: bool) -> list[tuple[int, Value, Any]]:
    """(operand index, parent, d node / d parent) for each Value operand of ``node``."""
    op = node._op
    args = node._args
    if create_graph:
        operands: Any = args
        out: Any = node
    else:
        operands = [a if isinstance(a, float) else a.data for a in args]
        out = node.data
    if op.variadic is not None:  # type: ignore[union-attr]
        locals_ = op.variadic(operands, out)  # type: ignore[union-attr]
        return [(i, a, locals_[i]) for i, a in enumerate(args) if not isinstance(a, float)]
    rules = op.rules  # type: ignore[union-attr]
    # Constant operands (plain floats) get no gradient, and their rule is never
    # called: x ** 2 must not ask for log(x) when x < 0.
    return [
        (i, a, rules[i](*operands, out)) for i, a in enumerate(args) if not isinstance(a, float)
    ]


def _anomaly_message(node: Value, index: int, contribution: Any) -> str:
    value = contribution if isinstance(contribution, float) else contribution.data
    return (
        f"backward of {node.op} gave gradient {value!r} for operand {index} "
        f"({describe(node._args[index])}); operands {describe_operands(node._args)}; "
        f"the {node.op} node was created at {site_of(node)}"
    )


def backward(root: Value, seed: object = 1.0) -> None:
    """Fill ``.grad``: leaves accumulate, interior nodes are set (see ``Value.backward``)."""
    grads = gradients(root, as_real(seed, "backward(grad=...)"))
    if MODE.get() & ANOMALY and not is_finite(grads[root]):
        raise FloatingPointError(f"backward seed is {grads[root]!r}")
    for node, g in grads.items():
        if node._args:
            node.grad = g
        else:
            node.grad += g


def grad(output: Value, inputs: Iterable[Value]) -> list[float]:
    """The gradient of ``output`` with respect to each input, touching no ``.grad``.

    An input that ``output`` does not depend on gets 0.0.

    Raises:
        TypeError: ``output`` or an input is not a Value.

    >>> from autograd import Value
    >>> x, y, unused = Value(3.0), Value(4.0), Value(1.0)
    >>> grad(x * y, [x, y, unused])
    [4.0, 3.0, 0.0]
    >>> x.grad
    0.0
    """
    if not isinstance(output, Value):
        raise TypeError(f"grad() output must be a Value, got {type(output).__name__}")
    inputs = list(inputs)
    for i, x in enumerate(inputs):
        if not isinstance(x, Value):
            raise TypeError(f"grad() input {i} must be a Value, got {type(x).__name__}")
    grads = gradients(output)
    return [grads.get(x, 0.0) for x in inputs]
