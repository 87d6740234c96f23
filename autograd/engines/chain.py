"""What the chain rule says each node's gradient should be, from the gradients an engine left.

A learner's engine is checked one op at a time. A node's gradient should be
the sum, over each use of it, of the user's gradient *as the engine left it*
times the user's local derivative from the op table. Taking the upstream
gradients from the engine, not from chainrule, blames the op that went wrong
and not every node below it.

A graph is a list of :class:`Link` s in evaluation order (operands first), its
root last or anywhere:

>>> from autograd import ops
>>> # y = x * x at x = 3: the engine left x.grad = 3.0 (one share: '=' for '+=')
>>> links = [Link(None, (), 3.0, 3.0), Link(ops.MUL, (0, 0), 9.0, 1.0)]
>>> should = expected(links, root=1)
>>> should[0].value, should[1].value
(6.0, 1.0)
>>> [agrees(link.grad, s) for link, s in zip(links, should)]
[False, True]
>>> first_wrong(links, root=1)
0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from autograd.op import Op

#: A node's gradient agrees with the chain rule's within this relative
#: tolerance of the sum of the magnitudes of its terms (round-off in a sum of
#: terms of mixed sign is relative to the terms, not to the result).
RTOL = 1e-6


def same_forward(got: float, should: float) -> bool:
    """Whether an engine's forward value is the table's, to round-off.

    One op's forward is a float operation or two, so a right one agrees with
    the table's to about 1e-16 relative; 1e-9 leaves room for a learner's own
    formula (tanh written with exp) and still catches any wrong rule.

    >>> same_forward(0.1 + 0.2, 0.3), same_forward(1.0, 1.001)
    (True, False)
    """
    return math.isclose(got, should, rel_tol=1e-9, abs_tol=1e-12)


@dataclass(frozen=True)
class Link:
    """One node of an engine's graph, as chainrule reads it.

    Attributes:
        op: its row of the op table; None for a leaf (an input or a constant)
            or an op chainrule cannot check.
        operands: earlier links by index, or constants (floats), in the op's order.
        data: its value, as the engine computed it.
        grad: its gradient as the engine left it (None: it has none).
    """

    op: Op | None
    operands: tuple[int | float, ...]
    data: float
    grad: float | None


@dataclass(frozen=True)
class Should:
    """What the chain rule says a node's gradient should be.

    Attributes:
        value: the sum of the terms; None when some user's op cannot be
            checked (not in the table, or its user has no gradient).
        scale: the sum of the terms' magnitudes, which sets the tolerance.
        terms: ``(user, position, term)``: each use's contribution.
    """

    value: float | None
    scale: float
    terms: tuple[tuple[int, int, float], ...]


def local_derivatives(link: Link, links: Sequence[Link]) -> tuple[float, ...]:
    """The op's local derivative for each operand, at the engine's operand values.

    ``out`` is the table's forward of those operands, so a wrong forward in
    the engine does not change what its backward is held to. A constant
    operand's is 0.0, its rule never called: nothing flows into a constant,
    and the exponent's rule of ``x ** c``, ``out * log(x)``, fails for x < 0.

    >>> from autograd import ops
    >>> links = [Link(None, (), 0.5, 0.0), Link(ops.TANH, (0,), 0.46, 1.0)]
    >>> round(local_derivatives(links[1], links)[0], 6)   # 1 - tanh(0.5) ** 2
    0.786448
    >>> links = [Link(None, (), -3.0, 0.0), Link(ops.POW_CONST, (0, 2.0), 9.0, 1.0)]
    >>> local_derivatives(links[1], links)   # (-3) ** 2: 2 * -3; the constant: 0
    (-6.0, 0.0)
    """
    if link.op is None:
        raise ValueError("a leaf has no local derivatives")
    data = [float(links[r].data) if isinstance(r, int) else r for r in link.operands]
    out = link.op.forward(*data)
    if link.op.variadic is not None:
        return tuple(float(d) for d in link.op.variadic(data, out))
    return tuple(
        0.0 if isinstance(r, float) else float(rule(*data, out))
        for r, rule in zip(link.operands, link.op.rules, strict=True)
    )


def expected(links: Sequence[Link], root: int) -> list[Should]:
    """For each link, the chain rule's gradient from its users' engine gradients.

    The root's is 1.0; a link nothing uses (and not the root) gets 0.0.

    Raises:
        ValueError: an operand that is not an earlier link.
    """
    terms: list[list[tuple[int, int, float]]] = [[] for _ in links]
    unchecked = [False] * len(links)
    for u, link in enumerate(links):
        refs = [(p, r) for p, r in enumerate(link.operands) if isinstance(r, int)]
        for _, r in refs:
            if not 0 <= r < u:
                raise ValueError(f"link {u} refers to {r}, which is not an earlier link")
        if not refs:
            continue
        if link.op is None or link.grad is None:
            for _, r in refs:
                unchecked[r] = True
            continue
        local = local_derivatives(link, links)
        for p, r in refs:
            terms[r].append((u, p, float(link.grad) * local[p]))
    out = []
    for i, ts in enumerate(terms):
        scale = sum(abs(t) for *_, t in ts)
        if i == root:
            out.append(Should(1.0, 1.0, ()))
        elif unchecked[i]:
            out.append(Should(None, scale, tuple(ts)))
        else:
            out.append(Should(math.fsum(t for *_, t in ts), scale, tuple(ts)))
    return out


def agrees(grad: float | None, should: Should, rtol: float = RTOL) -> bool:
    """True if ``grad`` is what the chain rule says, or nothing can be said.

    >>> agrees(2.0000000001, Should(2.0, 2.0, ()))
    True
    >>> agrees(1.0, Should(2.0, 2.0, ()))
    False
    """
    if should.value is None:
        return True
    if grad is None:
        return False
    got = float(grad)
    if not math.isfinite(got):
        return False
    # 1e-300: an exact zero agrees with a sum of tiny terms that cancel.
    return abs(got - should.value) <= rtol * max(should.scale, abs(should.value)) + 1e-300


def first_wrong(links: Sequence[Link], root: int, rtol: float = RTOL) -> int | None:
    """The link nearest the root (in backward order) whose gradient disagrees, or None."""
    should = expected(links, root)
    for i in reversed(range(len(links))):
        if not agrees(links[i].grad, should[i], rtol):
            return i
    return None


__all__ = [
    "RTOL",
    "Link",
    "Should",
    "agrees",
    "expected",
    "first_wrong",
    "local_derivatives",
    "same_forward",
]
