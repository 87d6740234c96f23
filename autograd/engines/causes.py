"""Where a failing formula went wrong, and the likely cause, in the learner's words.

The first wrong node is the one nearest the root, in backward order, whose
gradient is not what the chain rule makes of its users' gradients
(:func:`autograd.engines.chain.first_wrong`); the op to blame is one of its
users. Each user's contribution is what the node got minus the other
users' shares, and is compared with what the classic bugs would give.

>>> from autograd import ops
>>> from autograd.engines.chain import Link
>>> from autograd.expression import Expression
>>> # x * x at x = 3 kept one share: x.grad = 3.0, the chain rule says 6.0
>>> e = Expression([(ops.MUL, (0, 0))], [3.0])
>>> links = [Link(None, (), 3.0, 3.0), Link(ops.MUL, (0, 0), 9.0, 1.0)]
>>> op, where, cause = blame(e, links, repeated=0)
>>> op, where
('*', "x0's gradient, used by x0 * x0: got 3.0, the chain rule says 6.0")
>>> print(cause)
x0 is used 2 times but kept one share: use `+=`, not `=`, in `_backward`
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from autograd import ops
from autograd.engines.budget import Foreign, Stopped
from autograd.engines.chain import Link, Should, expected, first_wrong, local_derivatives
from autograd.engines.trial import close
from autograd.expression import Expression
from autograd.op import Op

#: Each op's derivative as a textbook writes it (x the input, c a constant).
TEXTBOOK = {
    "+": "1 for each operand",
    "-": "1 and -1",
    "*": "the other operand",
    "/": "1/y and -x/y**2",
    "**": "c * x**(c - 1)",
    "neg": "-1",
    "exp": "exp(x), the output itself",
    "log": "1/x",
    "tanh": "1 - tanh(x)**2, from the output",
    "sigmoid": "s * (1 - s), s the output",
    "relu": "1 where x > 0, else 0",
    "sqrt": "1 / (2 sqrt(x))",
    "abs": "the sign of x",
    "sin": "cos(x)",
    "cos": "-sin(x)",
    "leaky_relu": "1 where x > 0, else the slope",
    "step": "0 everywhere",
}

#: The classic wrong rules: op -> (local derivative they give, cause).
Wrong = Callable[[Sequence[float]], float]
KNOWN: dict[Op, list[tuple[Wrong, str]]] = {
    ops.TANH: [(
        lambda a: 1 - a[0] ** 2,
        "tanh's derivative uses the input: write 1 - t**2 with t = tanh(x), the output",
    )],
    ops.EXP: [(
        lambda a: a[0],
        "exp's derivative uses the input: it is exp(x), the output (out.data)",
    )],
    ops.POW_CONST: [(
        lambda a: a[1] * a[0] ** a[1],
        "** multiplies by x**c: the derivative is c * x**(c - 1)",
    )],
}  # fmt: skip
KNOWN[ops.POW] = KNOWN[ops.POW_CONST]


def texts(expression: Expression) -> list[str]:
    """The text of every input and node: ``x0``, ``x0 * x0`` ..."""
    out = [f"x{i}" for i in range(len(expression.inputs))]
    for k in range(len(expression.nodes)):
        out.append(str(Expression(expression.nodes[: k + 1], expression.inputs)))
    return out


def raised(error: BaseException) -> tuple[str, str]:
    """Where and why, for a ``backward()`` that raised."""
    if isinstance(error, Stopped):
        return "backward()", (
            f"{error}: a topological sort without a visited set walks a shared node once per "
            "path to it, exponentially many times; mark each node visited and skip it"
        )
    if isinstance(error, Foreign):
        return "backward()", (
            f"{error}: the sort's list or visited set outlives one call (a class attribute or a "
            "default argument); make them local variables of backward()"
        )
    return "the formula", f"raised {type(error).__name__}: {error}"


def forward_wrong(expression: Expression, links: Sequence[Link]) -> tuple[str, str, str] | None:
    """The first node whose value is not the table's forward of its operands, if any."""
    names = texts(expression)
    for i, link in enumerate(links):
        if link.op is None:
            continue
        data = [links[r].data if isinstance(r, int) else r for r in link.operands]
        should = link.op.forward(*data)
        if not close(link.data, should):
            return link.op.name, names[i], f"computes {link.data!r}, the op table says {should!r}"
    return None


def blame(
    expression: Expression, links: Sequence[Link], repeated: int
) -> tuple[str | None, str, str]:
    """The op to blame, where and the likely cause, for gradients that disagree."""
    root = len(links) - 1
    i = first_wrong(links, root)
    twice = (
        f"a `_backward` ran {repeated} times in one backward(): topological sort without a "
        "visited set; mark each node visited and skip it the second time"
    )
    if i is None:
        if repeated > 1:
            return None, "backward()", twice
        return None, "the inputs' gradients", "they differ from chainrule's"
    names = texts(expression)
    should = expected(links, root)[i]
    users = sorted({u for u, _, _ in should.terms}, reverse=True)
    where = (
        f"{names[i]}'s gradient, used by {', '.join(names[u] for u in users)}: "
        f"got {links[i].grad!r}, the chain rule says {should.value!r}"
    )
    if repeated > 1:
        return (_name(links, users[0]) if users else None), where, twice
    op, cause = _cause(links, i, should, names)
    return op, where, cause


def _cause(
    links: Sequence[Link], i: int, should: Should, names: list[str]
) -> tuple[str | None, str]:
    got = float(links[i].grad or 0.0)
    users = sorted({u for u, _, _ in should.terms}, reverse=True)
    kept = [u for u, _, t in should.terms if close(got, t)]
    if len(should.terms) >= 2 and kept:
        # The op whose share was kept is the one that overwrote the others with `=`.
        return _name(links, kept[0]), (
            f"{names[i]} is used {len(should.terms)} times but kept one share: "
            "use `+=`, not `=`, in `_backward`"
        )
    for u in users:
        # This user's share: what the node got, less what the other users should have given.
        mine = math.fsum(t for v, _, t in should.terms if v == u)
        share = got - math.fsum(t for v, _, t in should.terms if v != u)
        found = _known(links, u, i, share, mine)
        if found is not None:
            return _name(links, u), found
    name = _name(links, users[0]) if users else None
    rule = TEXTBOOK.get(name or "", "in the op table")
    return name, f"check {name}'s `_backward`: its derivative is {rule}"


def _name(links: Sequence[Link], u: int) -> str | None:
    op = links[u].op
    return None if op is None else op.name


def _known(links: Sequence[Link], u: int, i: int, share: float, mine: float) -> str | None:
    """The cause when ``share`` (user ``u``'s to node ``i``) is what a classic bug gives."""
    op, upstream = links[u].op, float(links[u].grad or 0.0)
    if op is None:
        return None
    local = local_derivatives(links[u], links)
    alone = math.fsum(
        d for d, r in zip(local, links[u].operands, strict=False) if r == i and isinstance(r, int)
    )
    if not close(alone, mine) and close(share, alone):
        return "the local derivative alone reached the operand: multiply by `out.grad`"
    data = [links[r].data if isinstance(r, int) else r for r in links[u].operands]
    uses = sum(1 for r in links[u].operands[:1] if isinstance(r, int))
    for rule, cause in KNOWN.get(op, []):
        if uses and close(share, rule(data) * upstream):
            return cause
    return None


__all__ = ["KNOWN", "TEXTBOOK", "blame", "forward_wrong", "raised", "texts"]
