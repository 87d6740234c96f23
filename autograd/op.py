"""The record types of the op table: :class:`Op`, one primitive, and :class:`Domain`.

An ``Op`` is data: a name, a forward on floats, one local-derivative rule per
operand, where each operand may lie, and an optional guard. The rows
themselves are in :mod:`autograd.ops` (elementwise) and
:mod:`autograd.reductions` (``sum`` and ``dot``); this module holds no row.

>>> square = Op("square", lambda x: x * x, (lambda x, out: 2.0 * x,), (REALS,))
>>> square.forward(0.5), square.rules[0](0.5, 0.25), square.arity, square.infix
(0.25, 1.0, 1, False)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Rule = Callable[..., Any]
#: A guard gets the operands' data and returns None, or the operand to blame,
#: the exception type and the message.
Problem = tuple[int, type[Exception], str]
Guard = Callable[..., "Problem | None"]


@dataclass(frozen=True)
class Domain:
    """Where an operand may lie for the forward and every rule to be smooth.

    ``avoid`` lists kinks and poles: points where the derivative jumps or blows
    up, so finite differences are meaningless near them. The hypothesis
    strategies in :mod:`autograd.testing` read these.

    >>> Domain(low=0.0).contains(0.0), Domain(low=0.0).contains(0.5)
    (False, True)
    """

    low: float = -math.inf
    high: float = math.inf
    avoid: tuple[float, ...] = ()

    def contains(self, x: float) -> bool:
        """True when ``x`` lies strictly inside the interval."""
        return self.low < x < self.high


REALS = Domain()


@dataclass(frozen=True, eq=False)
class Op:
    """One primitive: its forward on floats and one derivative rule per operand."""

    name: str
    forward: Callable[..., float]
    rules: tuple[Rule, ...]
    domains: tuple[Domain, ...]
    guard: Guard | None = None
    #: Operands that are parameters (``slope``, a constant exponent) and are
    #: usually plain numbers rather than Values.
    parameters: tuple[int, ...] = ()
    #: For ops with any number of operands (``sum``, ``dot``): one rule that
    #: returns every operand's local derivative, ``rule(operands, out)``.
    #: ``rules`` is then empty and ``domains`` holds the one domain they share.
    variadic: Callable[[Any, Any], Any] | None = None
    #: Optional fast path of the rules for ``Value.backward``:
    #: ``accumulate(args, upstream)`` adds upstream × local derivative to the
    #: ``.grad`` of each Value operand, exactly as the rules say (tests check
    #: it against them). Only worth it for ops with many operands.
    accumulate: Callable[[Any, float], None] | None = None
    #: Optional fast path of ``forward`` reading the operands (Values and float
    #: constants) directly: ``evaluate(args) == forward(*data)`` exactly
    #: (tests check it). Raises AttributeError for anything else.
    evaluate: Callable[[Any], float] | None = None

    @property
    def arity(self) -> int | None:
        """Number of operands, or None when any number is taken."""
        return None if self.variadic else len(self.rules)

    def domain(self, i: int) -> Domain:
        """The domain of operand ``i``."""
        return self.domains[0] if self.variadic else self.domains[i]

    @property
    def infix(self) -> bool:
        """True for operators written between operands (``+``), not called (``tanh``)."""
        return not self.name.isidentifier()

    def __repr__(self) -> str:
        return f"<Op {self.name}>"
