"""n-ary ops: ``sum`` and ``dot`` as single nodes.

A sum of n terms built with ``+`` is a chain n nodes deep; ``sum`` makes one
node with n parents, and ``dot`` one node for a whole weighted sum, which is
what a neuron computes. Plain numbers among the terms are constants.

>>> from autograd import Value, grad
>>> a, b, c = Value(1.0), Value(2.0), Value(3.0)
>>> s = sum([a, b, c, 0.5])
>>> s.data, s.op, len(s.parents)
(6.5, 'sum', 3)
>>> d = dot([a, b], [c, 4.0])      # a*c + b*4
>>> d.data, grad(d, [a, b, c])
(11.0, [3.0, 4.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from autograd import ops
from autograd.arrays import flat
from autograd.mode import ANOMALY, MODE
from autograd.value import Operand, Value, apply, as_real, check_finite, record


def _operands(values: Iterable[Operand], where: str) -> tuple[Value | float, ...]:
    return tuple(
        v if isinstance(v, Value) else as_real(v, f"{where} element {i}")
        for i, v in enumerate(values)
    )


def _build(op: ops.Op, args: tuple[Any, ...], where: str) -> Value:
    try:
        # Fast path for Values and floats; anything else takes the checking
        # path below: ints and strings have no .data (AttributeError), and a
        # NumPy scalar's .data is a memoryview, which the forward's arithmetic
        # refuses (TypeError) before anything is built. Testing each operand's
        # type instead made sum() of 32 Values half as slow again.
        return _node(op, args, [a if a.__class__ is float else a.data for a in args])
    except (AttributeError, TypeError):
        args = _operands(args, where)
        return _node(op, args, [a if isinstance(a, float) else a.data for a in args])


def _node(op: ops.Op, args: tuple[Any, ...], data: list[float]) -> Value:
    if not (args and isinstance(args[0], Value)) and not any(isinstance(a, Value) for a in args):
        # Nothing to differentiate: a leaf holding the number (0.0 when empty),
        # checked all the same inside detect_anomaly.
        out = op.forward(*data)
        if MODE.get() & ANOMALY:
            check_finite(op, args, out)
        return Value(out)
    return apply(op, args, data)


def sum(values: Iterable[Operand]) -> Value:  # autograd.sum, like torch.sum
    """The sum of ``values`` (Values and numbers) as one node; 0.0 when empty.

    ``values`` may be a 1-D NumPy array, read as the list it holds.

    Raises:
        ValueError: ``values`` is a NumPy array that is not 1-D.

    >>> sum([Value(0.5), Value(0.25)]).data
    0.75
    """
    return _build(ops.SUM, tuple(flat(values, "sum() values")), "sum()")


def dot(
    weights: Sequence[Operand], inputs: Sequence[Operand], *, bias: Operand | None = None
) -> Value:
    """sum(w * x for w, x in zip(weights, inputs)) as one node.

    Args:
        weights: the first factor of each product.
        inputs: the second factor of each product, as many as ``weights``.
            Either may be a 1-D NumPy array, read as the list it holds.
        bias: added inside the same node, which is how a neuron computes
            ``w · x + b``: the node's operands are ``(*weights, *inputs, bias)``
            (see :func:`autograd.ops.dot_parts`), and the result equals
            ``dot([*w, b], [*x, 1.0])`` exactly.

    Raises:
        ValueError: the two sequences differ in length, or one is a NumPy
            array that is not 1-D.

    >>> dot([Value(2.0)], [Value(0.5)]).data
    1.0
    >>> n = dot([Value(2.0)], [Value(0.5)], bias=Value(0.25))
    >>> n.data, len(n.parents)
    (1.25, 3)
    """
    if len(weights) != len(inputs):
        raise ValueError(
            f"dot() needs equal lengths, got {len(weights)} weights and {len(inputs)} inputs"
        )
    # One tuple built straight from the caller's sequences: a neuron that
    # passed [*w, b] and [*x, 1.0] built three containers per call (the MLP
    # step: 209.8M to 206.4M Ir).
    args = (*weights, *inputs) if bias is None else (*weights, *inputs, bias)
    if args and isinstance(args[0], Value):  # so the node has a parent
        try:
            out = ops.DOT.evaluate(args)  # type: ignore[misc]
        except (AttributeError, TypeError):
            pass  # a constant or a NumPy scalar among the operands (see _build)
        else:
            return record(ops.DOT, args, out)
    # Arrays are read once, here, off the hot path (a neuron's lists skip it).
    weights, inputs = flat(weights, "dot() weights"), flat(inputs, "dot() inputs")
    args = (*weights, *inputs) if bias is None else (*weights, *inputs, bias)
    return _build(ops.DOT, args, "dot()")


__all__ = ["dot", "sum"]
