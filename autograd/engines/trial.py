"""One formula on a learner's class: built with its ops, ``backward()`` watched, held to chainrule.

:func:`run` builds the formula from the learner's own leaves, runs its
``backward()`` under a :class:`~autograd.engines.budget.Watch`, and reads
back every value and gradient as :class:`~autograd.engines.chain.Link` s, one
per node of the formula, in lockstep with chainrule's own run of the same
formula (the oracle).

>>> from autograd import ops, Value
>>> from autograd.expression import Expression
>>> e = Expression([(ops.MUL, (0, 0))], [3.0])
>>> outcome = run(e, Value)
>>> outcome.expected, outcome.got, outcome.failed
([6.0], [6.0], False)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from autograd.engines.budget import Watch, parents_of, steps_allowed, walk
from autograd.engines.build import Check, Unsupported, build
from autograd.engines.chain import RTOL, Link
from autograd.expression import Expression
from autograd.value import Value


def close(got: float | None, should: float) -> bool:
    """True when ``got`` is ``should`` within chain's :data:`RTOL` (of the larger, at least 1e-3).

    >>> close(2.0 + 1e-9, 2.0), close(1.0, 2.0), close(None, 0.0)
    (True, False, False)
    """
    if got is None or not math.isfinite(got):
        return False
    return abs(got - should) <= RTOL * max(abs(should), abs(got), 1e-3)


@dataclass
class Outcome:
    """What one run of a formula on the learner's class gave.

    Attributes:
        expression: the formula.
        links: one per input and node, with the learner's data and grads.
        expected: chainrule's gradient of each input; ``got``: the learner's.
        expected_data: chainrule's value of the formula.
        error: what the learner's code raised, if anything; ``phase``: where.
        repeated: most times one ``_backward`` of a node with parents ran.
    """

    expression: Expression
    links: list[Link] = field(default_factory=list)
    expected: list[float] = field(default_factory=list)
    got: list[float | None] = field(default_factory=list)
    expected_data: float = 0.0
    error: BaseException | None = None
    #: "forward" or "backward": where ``error`` was raised.
    phase: str = ""
    repeated: int = 0
    nodes: int = 0

    @property
    def forward_ok(self) -> bool:
        return bool(self.links) and close(self.links[-1].data, self.expected_data)

    @property
    def failed(self) -> bool:
        if self.error is not None or not self.forward_ok or self.repeated > 1:
            return True
        return not all(close(g, e) for g, e in zip(self.got, self.expected, strict=False))


def oracle(expression: Expression) -> tuple[float, list[float]]:
    """chainrule's value of the formula and gradient of each input."""
    xs = [Value(x) for x in expression.inputs]
    out = expression.fn(*xs)
    out.backward()
    return out.data, [x.grad for x in xs]


def _number(x: Any) -> float | None:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def run(expression: Expression, cls: type, check: Check | None = None) -> Outcome:
    """Build ``expression`` from ``cls`` leaves, run the learner's ``backward()``, read it back.

    Raises:
        autograd.engines.build.Unsupported: the formula needs a form ``cls`` lacks.
    """
    outcome = Outcome(expression)
    outcome.expected_data, outcome.expected = oracle(expression)
    xs = [cls(x) for x in expression.inputs]
    try:
        pool = build(expression, xs, check)
    except Unsupported:
        raise
    except Exception as error:  # the learner's forward may raise anything
        outcome.error, outcome.phase = error, "forward"
        return outcome
    root = pool[-1]
    _backward(root, outcome)
    outcome.got = [_number(getattr(x, "grad", None)) for x in xs]
    outcome.links = _links(expression, pool)
    return outcome


def _backward(root: Any, outcome: Outcome) -> None:
    try:
        nodes = walk(root)
        outcome.nodes = len(nodes)
        with Watch(nodes, steps_allowed(len(nodes))) as watch:
            root.backward()
    except Exception as error:  # the learner's code may raise anything; Stopped included
        outcome.error, outcome.phase = error, "backward"
        return
    outcome.repeated = max(
        (c for c, node in zip(watch.calls, nodes, strict=False) if parents_of(node)), default=0
    )


def _links(expression: Expression, pool: Sequence[Any]) -> list[Link]:
    n = len(expression.inputs)
    links = []
    for i, value in enumerate(pool):
        data = _number(getattr(value, "data", None))
        grad = _number(getattr(value, "grad", None))
        op, refs = (None, ()) if i < n else expression.nodes[i - n]
        links.append(Link(op, tuple(refs), math.nan if data is None else data, grad))
    return links


Runner = Callable[[Expression], Outcome]

__all__ = ["RTOL", "Outcome", "Runner", "close", "oracle", "run"]
