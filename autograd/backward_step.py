"""One step of backpropagation as data, and how it reads in the chain-rule notation.

A :class:`BackwardStep` is what backward does at one node: receive its
gradient and pass a share to each operand. Its methods write that out in the
notation every view shares (``dL/da = dL/dc · ∂c/∂a = ...``), and
:func:`expression` writes how a node was computed (``a * b``, ``tanh(n)``).
:mod:`autograd.trace` makes the steps (``backward_steps``) and re-exports all
of this.

>>> from autograd import Value
>>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
>>> c = a * b
>>> step = BackwardStep(c, 0.5, ((a, -3.0, -1.5), (b, 2.0, 1.0)), {c: "c"})
>>> print(step)
c = a * b: dL/dc = 0.5
  dL/da = dL/dc · ∂c/∂a = 0.5 · (-3.0) = -1.5
  dL/db = dL/dc · ∂c/∂b = 0.5 · 2.0 = 1.0
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from autograd.expression import dot_text
from autograd.notation import factor, term
from autograd.ops import DOT
from autograd.text import number
from autograd.value import Value

#: The name of an unlabelled output in the chain-rule notation (dL/da).
OUTPUT = "L"


@dataclass(frozen=True, slots=True)
class BackwardStep:
    """What backward does at one node: receive its gradient, pass a share to each operand.

    Attributes:
        node: the Value being processed.
        upstream: its full gradient dL/dnode at that moment (complete: every
            user of the node has already been processed).
        contributions: ``(parent, local_derivative, contribution)`` per Value
            operand, in operand order, with ``contribution == upstream * local``;
            a repeated operand (``x * x``) appears once per use. Constant
            operands (plain numbers) are not parents and get no entry.
        names: the display name of every node of the graph (see
            :func:`autograd.trace.node_names`).
        output: the name of what is differentiated: the root's name when the
            seed is 1.0, else "L" (a loss beyond the root, with dL/droot = seed).
        adds: per contribution, True where it adds to a term the parent has
            already received (``+=``): an earlier use in this step or another.
        totals: per contribution, the parent's gradient so far: every
            contribution it has received up to and including this one, summed
            as backward sums them. A picture or a player shows these running
            totals; nothing sums the chain rule again.

    >>> from autograd import Value
    >>> from autograd.trace import backward_steps
    >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    >>> (step,) = backward_steps(a * b, grad=0.5)
    >>> step.upstream, [c for _, _, c in step.contributions]
    (0.5, [-1.5, 1.0])
    >>> (step,) = backward_steps(a * a)       # a used twice: 2.0 + 2.0
    >>> step.adds, step.totals
    ((False, True), (2.0, 4.0))
    """

    node: Value
    upstream: float
    contributions: tuple[tuple[Value, float, float], ...]
    names: Mapping[Value, str] = field(default_factory=dict, repr=False, compare=False)
    output: str = field(default=OUTPUT, repr=False, compare=False)
    adds: tuple[bool, ...] = field(default=(), repr=False, compare=False)
    totals: tuple[float, ...] = field(default=(), repr=False, compare=False)

    def name(self, v: Value) -> str:
        """The display name of ``v`` (see ``names``)."""
        return self.names.get(v) or v.label or v.op or "?"

    def formula(self) -> str:
        """How the node was computed, in names: ``"c = a * b"``, ``"o = tanh(n)"``."""
        return f"{self.name(self.node)} = {expression(self.node, self.name)}"

    def total(self, v: Value) -> str:
        """The total derivative of the output with respect to ``v``: ``"dL/dv"``."""
        return f"d{self.output}/d{self.name(v)}"

    def chain(self, index: int) -> str:
        """The chain-rule line of contribution ``index``: ``dL/da = dL/dc · ∂c/∂a = ...``."""
        parent, local, contribution = self.contributions[index]
        node, to = self.name(self.node), self.name(parent)
        sign = "+=" if index < len(self.adds) and self.adds[index] else "="
        return (
            f"{self.total(parent)} {sign} {self.total(self.node)} · ∂{node}/∂{to} = "
            f"{term(self.upstream, local, contribution)}"
        )

    def __str__(self) -> str:
        head = f"{self.formula()}: {self.total(self.node)} = {number(self.upstream)}"
        return "\n".join([head] + ["  " + self.chain(i) for i in range(len(self.contributions))])


def expression(v: Value, name: Callable[[Value], str]) -> str:
    """How ``v`` was computed, its Value operands written with ``name``: ``"a * b"``.

    >>> from autograd import Value
    >>> a = Value(2.0, label="a")
    >>> expression(a * -3.0, lambda v: v.label), expression(a.tanh(), lambda v: v.label)
    ('a * (-3.0)', 'tanh(a)')
    """
    if v._op is not None and v._op.infix and len(v._args) == 2:
        # A negative constant is bracketed, as a factor: "a * (-3.0)".
        left, right = (name(a) if isinstance(a, Value) else factor(a) for a in v._args)
        return f"{left} {v.op} {right}"
    operands = [name(a) if isinstance(a, Value) else number(a) for a in v._args]
    if v._op is DOT:
        return dot_text(operands)
    return f"{v.op}({', '.join(operands)})"
