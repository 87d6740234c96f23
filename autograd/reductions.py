"""The n-ary rows of the op table: ``sum`` and ``dot``, one node for many operands.

A sum of n terms built with ``+`` is a chain n nodes deep; :data:`SUM` is one
node with n operands, and :data:`DOT` one node for a whole weighted sum
``w·x + b``, which is what a neuron computes. Each has one ``variadic`` rule
for all its operands, and measured fast paths (``accumulate``, ``evaluate``)
that the tests check against the rules. :mod:`autograd.ops` re-exports both
in its table; :mod:`autograd.nary` builds nodes with them.

>>> SUM.forward(0.5, 0.25, 2.0), SUM.variadic((0.5, 0.25, 2.0), 2.75)
(2.75, [1.0, 1.0, 1.0])
>>> DOT.forward(2.0, 3.0, 0.5, 0.25, 1.0)        # 2*0.5 + 3*0.25 + 1
2.75
>>> DOT.variadic((2.0, 3.0, 0.5, 0.25, 1.0), 2.75)
[0.5, 0.25, 2.0, 3.0, 1.0]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from typing import Any, TypeVar

from autograd.op import REALS, Op

T = TypeVar("T")

# Plain left-to-right loops, not sum(): from Python 3.12 sum() of floats is
# compensated, and these must round exactly like a chain of + (and like
# _dot_evaluate) on every supported Python.


def _sum(*xs: float) -> float:
    total = 0.0
    for x in xs:
        total += x
    return total


def dot_parts(args: Sequence[T]) -> tuple[Sequence[T], Sequence[T], T | None]:
    """A ``dot`` node's operands as (weights, inputs, bias or None).

    ``dot(w, x, bias=b)`` keeps its operands as ``(*w, *x, b)``: an odd count
    means the last one is the bias. This is its one definition; the two hot
    paths below (``_dot_evaluate``, ``_dot_accumulate``) write it out inline.

    >>> dot_parts(("w0", "w1", "x0", "x1", "b"))
    (('w0', 'w1'), ('x0', 'x1'), 'b')
    >>> dot_parts(("w0", "x0"))
    (('w0',), ('x0',), None)
    """
    n = len(args) // 2
    return args[:n], args[n : 2 * n], args[-1] if len(args) & 1 else None


def _dot(*args: float) -> float:
    weights, inputs, bias = dot_parts(args)
    total = 0.0
    for w, x in zip(weights, inputs):  # noqa: B905 (see the fast paths below)
        total += w * x
    return total if bias is None else total + bias


def _dot_locals(args: Any, out: Any) -> list[Any]:
    # d/dw_i = x_i, d/dx_i = w_i, d/db = 1: the halves swapped, then 1.0.
    weights, inputs, bias = dot_parts(args)
    return [*inputs, *weights] if bias is None else [*inputs, *weights, 1.0]


# The fast paths below read the operands straight off the node. Each choice
# was measured with callgrind on the benchmark's MLP step:
# - A neuron's operands are all Values except in the first layer, whose inputs
#   are plain data. So when the first input is a Value, each pair is read
#   without testing for constants (evaluating a 16-input neuron: 18.2k to 13.6k
#   instructions). A constant met anyway raises AttributeError before the
#   statement it is in has changed anything; that pair and the rest then go
#   through the loop with the tests.
# - dot_parts is written out inline, one call fewer per node (the step: 168.0M
#   to 164.7M instructions).
# - zip() without strict=: the halves have equal length by construction, and
#   CPython 3.11 takes a slow keyword path for strict=True, about 370 ns a call
#   (with the same change in backward.py, the step: 164.7M to 156.4M).


def _dot_evaluate(args: Any) -> float:
    # The same sum, in the same order, as _dot; dot_parts inline.
    n = len(args) // 2
    weights, inputs, bias = args[:n], args[n : 2 * n], args[-1] if len(args) & 1 else None
    pairs: Iterator[tuple[Any, Any]] = zip(weights, inputs)  # noqa: B905 (see above)
    total = 0.0
    if inputs and inputs[0].__class__ is not float:
        try:
            for w, x in pairs:
                total += w.data * x.data
        except AttributeError:  # a constant in (w, x): it and the rest with the tests
            pairs = chain(((w, x),), pairs)
    for w, x in pairs:
        total += (w if w.__class__ is float else w.data) * (x if x.__class__ is float else x.data)
    if bias is None:
        return total
    return total + (bias if bias.__class__ is float else bias.data)


def _sum_accumulate(args: Any, upstream: float) -> None:
    for a in args:
        if a.__class__ is not float:
            a.grad += upstream


def _dot_accumulate(args: Any, upstream: float) -> None:
    # d/dw_i = x_i, d/dx_i = w_i and d/db = 1, read straight off the operands:
    # no lists of data and of swapped halves (the backward pass of the
    # benchmark's MLP step: 108.1M to 71.0M instructions, callgrind).
    # dot_parts inline.
    n = len(args) // 2
    weights, inputs, bias = args[:n], args[n : 2 * n], args[-1] if len(args) & 1 else None
    if bias is not None and bias.__class__ is not float:
        bias.grad += upstream
    pairs: Iterator[tuple[Any, Any]] = zip(weights, inputs)  # noqa: B905 (see above)
    if inputs and inputs[0].__class__ is not float:
        try:
            for w, x in pairs:
                # Raises at w.grad or x.data, before adding anything, when
                # either is a constant; past that both are Values.
                w.grad += upstream * x.data
                x.grad += upstream * w.data
        except AttributeError:  # a constant in (w, x): it and the rest with the tests
            pairs = chain(((w, x),), pairs)
    for w, x in pairs:
        if w.__class__ is float:
            if x.__class__ is not float:
                x.grad += upstream * w
        elif x.__class__ is float:
            w.grad += upstream * x
        else:
            w.grad += upstream * x.data
            x.grad += upstream * w.data


# n-ary nodes: one node for a whole sum or weighted sum, instead of a chain of
# binary nodes as deep as the number of terms.
SUM = Op(
    "sum",
    _sum,
    (),
    (REALS,),
    variadic=lambda xs, out: [1.0] * len(xs),
    accumulate=_sum_accumulate,
)
# dot(w0..wn-1, x0..xn-1[, b]) = sum w_i * x_i (+ b): see dot_parts.
DOT = Op(
    "dot",
    _dot,
    (),
    (REALS,),
    variadic=_dot_locals,
    accumulate=_dot_accumulate,
    evaluate=_dot_evaluate,
)
