"""Applying an op of the table with a learner's own operators and methods.

A learner's ``Value`` knows nothing of chainrule's op table: ``x + y`` runs
its ``__add__``, ``x.tanh()`` its ``tanh``. :func:`apply_op` is the one place
that says which operator or method stands for each row; constants stay plain
numbers, so ``x + 2.0`` checks that the class wraps them.
:func:`build` runs a whole :class:`~autograd.expression.Expression` that way.

>>> from autograd import ops
>>> from autograd.expression import Expression
>>> class Number(float):   # a "class" with + and * and nothing else
...     data = property(float)
>>> apply_op(ops.MUL, (Number(3.0), 0.5))
1.5
>>> e = Expression([(ops.MUL, (0, 1)), (ops.ADD, (2, 0.25))], [0.5, 2.0])
>>> build(e, [Number(0.5), Number(2.0)])[-1]
1.25
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from autograd import ops
from autograd.kinds import class_name
from autograd.op import Op

if TYPE_CHECKING:  # Expression.fn builds with this module: no import when it loads
    from autograd.expression import Expression


class Unsupported(Exception):
    """The class has no working form for this node (``2.0 - x`` without ``__rsub__``)."""


#: The infix rows and the operator that stands for each.
INFIX: dict[Op, Callable[[Any, Any], Any]] = {
    ops.ADD: operator.add,
    ops.SUB: operator.sub,
    ops.MUL: operator.mul,
    ops.DIV: operator.truediv,
    ops.POW: operator.pow,
    ops.POW_CONST: operator.pow,
}

#: Other spellings of a method a learner may use (micrograd's op is 'ReLU').
ALIASES = {"relu": ("relu", "ReLU")}


def method_names(op: Op) -> tuple[str, ...]:
    """The method names a class may give ``op``: ``("relu", "ReLU")``, ``("exp",)``."""
    return ALIASES.get(op.name, (op.name,))


def method(value: Any, op: Op) -> Callable[..., Any]:
    """The bound method of ``value`` for ``op``.

    Raises:
        AttributeError: the class has none of ``op``'s method names.
    """
    for name in method_names(op):
        found = getattr(value, name, None)
        if found is not None:
            return found  # type: ignore[no-any-return]
    raise AttributeError(f"{class_name(value)} has no {op.name}() method")


def apply_op(op: Op, operands: Sequence[Any]) -> Any:
    """``op`` on ``operands`` (the learner's values or plain numbers), as the learner writes it."""
    if op in INFIX:
        return INFIX[op](*operands)
    if op is ops.NEG:
        return -operands[0]
    if op is ops.ABS:
        return abs(operands[0])
    if op.arity is None:
        raise Unsupported(f"{op.name} takes any number of operands: no learner's form")
    return method(operands[0], op)(*operands[1:])


def pattern(refs: Sequence[int | float]) -> str:
    """Which operands are values (``v``) and which constants (``c``): ``"vc"`` for ``x + 2.0``.

    >>> pattern((0, 2.0)), pattern((1.5, 0)), pattern((3,))
    ('vc', 'cv', 'v')
    """
    return "".join("v" if isinstance(r, int) else "c" for r in refs)


Check = Callable[[Op, str, tuple[Any, ...]], tuple[Any, ...]]


def build(expression: Expression, xs: Sequence[Any], check: Check | None = None) -> list[Any]:
    """Every value of ``expression`` (inputs, then nodes) built from ``xs`` with their own ops.

    ``check(op, pattern, operands)`` may adapt the operands (an ``int``
    exponent for a class whose ``**`` takes only ints) or raise
    :class:`Unsupported` for a form the class lacks.
    """
    pool: list[Any] = list(xs)
    for op, refs in expression.nodes:
        operands = tuple(pool[r] if isinstance(r, int) else r for r in refs)
        if check is not None:
            operands = check(op, pattern(refs), operands)
        pool.append(apply_op(op, operands))
    return pool


__all__ = [
    "ALIASES",
    "INFIX",
    "Unsupported",
    "apply_op",
    "build",
    "method",
    "method_names",
    "pattern",
]
