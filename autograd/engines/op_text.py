"""A learner's op strings (``'+'``, ``'**2'``, ``'ReLU'``) read as rows of the op table.

A learner's node says how it was made with a string, ``_op``, and its
operands with ``_prev`` (often a set, so in no order). :func:`arrangements`
lists the ways the string can be read as a row of :mod:`autograd.ops`: the
op, and for each operand a parent's position or a constant (``'**2'`` is
``POW_CONST`` with the constant 2.0). The caller keeps the first whose
forward gives the node's own data, so the operands of ``'-'`` and ``'/'``
come out in their order even from a set. A string the table has no row for
gives no arrangement: drawn with its own text, not checked.

>>> [(op.name, args) for op, args in arrangements("**2", 1)]
[('**', (0, 2.0))]
>>> [(op.name, args) for op, args in arrangements("*", 1)]   # x * x: one parent
[('*', (0, 0))]
>>> arrangements("myop", 1)
[]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from autograd import ops
from autograd.engines.chain import same_forward
from autograd.op import Op

#: Binary ops by their usual strings; a unary op is found by its table name.
_BINARY = {"+": ops.ADD, "-": ops.SUB, "*": ops.MUL, "/": ops.DIV, "**": ops.POW, "^": ops.POW}
#: Other spellings learners use for a row of the table.
_ALIASES = {"ReLU": "relu", "Relu": "relu", "σ": "sigmoid", "ln": "log", "-x": "neg"}
_UNARY = {op.name: op for op in ops.TABLE if op.arity == 1}

#: One reading of an op string: the row, and each operand as a parent's
#: position among the node's parents or a constant.
Arrangement = tuple[Op, tuple[int | float, ...]]


def arrangements(text: str, parents: int) -> list[Arrangement]:
    """The readings of op string ``text`` on a node with ``parents`` parents, likeliest first."""
    text = text.strip()
    if text.startswith("**") and parents == 1:
        exponent = _number(text[2:])
        return [] if exponent is None else [(ops.POW_CONST, (0, exponent))]
    binary = _BINARY.get(text)
    if binary is not None:
        if parents == 2:
            return [(binary, (0, 1)), (binary, (1, 0))]
        if parents == 1:
            # '-' with one parent is most often negation; else a binary op on x and x.
            negation = [(ops.NEG, (0,))] if text == "-" else []
            return [*negation, (binary, (0, 0))]
        return []
    name = _ALIASES.get(text, text)
    unary = _UNARY.get(name) or _UNARY.get(name.lower())
    if unary is not None and parents == 1:
        return [(unary, (0,))]
    return []


def _number(text: str) -> float | None:
    """``text`` as a finite number ("2", "-1", "0.5"), else None."""
    try:
        found = float(text)
    except ValueError:
        return None
    return found if math.isfinite(found) else None


def fits(arrangement: Arrangement, data: Sequence[float], out: float) -> bool:
    """True if the table's forward of the arranged operands gives ``out``.

    >>> fits((ops.SUB, (0, 1)), [5.0, 2.0], 3.0), fits((ops.SUB, (1, 0)), [5.0, 2.0], 3.0)
    (True, False)
    """
    op, args = arrangement
    values = [data[a] if isinstance(a, int) else a for a in args]
    try:
        found = float(op.forward(*values))
    except (ArithmeticError, ValueError, TypeError):
        return False
    return same_forward(found, out)


def choose(text: str, data: Sequence[float], out: float) -> Arrangement | None:
    """The reading of ``text`` whose forward gives ``out``; else the likeliest; None if none.

    >>> op, args = choose("-", [2.0, 5.0], 3.0)    # a set gave 2.0 first: it is 5 - 2
    >>> op.name, args
    ('-', (1, 0))
    >>> choose("-", [2.0], -2.0)[0].name           # '-' on one parent: negation
    'neg'
    """
    found = arrangements(text, len(data))
    return next((a for a in found if fits(a, data, out)), found[0] if found else None)


__all__ = ["Arrangement", "arrangements", "choose", "fits"]
