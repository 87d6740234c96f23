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
from autograd.mode import ANOMALY, MODE
from autograd.value import Operand, Value, apply, as_real, check_finite, record


def _operands(values: Iterable[Operand], where: str) -> tuple[Value | float, ...]:
    return tuple(
        v if isinstance(v, Value) else as_real(v, f"{where} element {i}")
        for i, v in enumerate(values)
    )


def _build(op: ops.Op, args: tuple[Any, ...], where: str) -> Value:
    try:
        # Fast path for Values and floats; anything else (ints, strings) raises
        # AttributeError and takes the checking path below.
        data = [a if a.__class__ is float else a.data for a in args]
    except AttributeError:
        args = _operands(args, where)
        data = [a if isinstance(a, float) else a.data for a in args]
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

    >>> sum([Value(0.5), Value(0.25)]).data
    0.75
    """
    return _build(ops.SUM, tuple(values), "sum()")


def dot(
    weights: Sequence[Operand], inputs: Sequence[Operand], *, bias: Operand | None = None
) -> Value:
    """sum(w * x for w, x in zip(weights, inputs)) as one node.

    Args:
        weights: the first factor of each product.
        inputs: the second factor of each product, as many as ``weights``.
        bias: added inside the same node, which is how a neuron computes
            ``w · x + b``: the node's operands are ``(*weights, *inputs, bias)``
            (see :func:`autograd.ops.dot_parts`), and the result equals
            ``dot([*w, b], [*x, 1.0])`` exactly.

    Raises:
        ValueError: the two sequences differ in length.

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
        except AttributeError:
            pass  # a wrong type among the operands: the checking path says which
        else:
            return record(ops.DOT, args, out)
    return _build(ops.DOT, args, "dot()")


__all__ = ["dot", "sum"]
