"""Backpropagation, one step at a time: what ``backward`` does, as data.

:func:`backward_steps` replays the backward pass without touching any
``.grad``: one :class:`BackwardStep` per node that has operands, in the order
backward processes them (the output first), each holding the node's gradient at
that moment and the chain-rule term it sends to each operand.
:func:`forward_steps` is the evaluation order. Nothing here needs Graphviz; the
step-through player (``autograd.viz.step_through``) draws these steps.

Why the topological order: a node may send its gradient on only once every
path from the output has reached it. Why leaves accumulate: a Value used twice
receives one contribution per use, and its gradient is their sum.

>>> from autograd import Value
>>> x = Value(3.0, label="x")
>>> y = x * x
>>> (step,) = backward_steps(y)
>>> [(parent.label, local, contribution) for parent, local, contribution in step.contributions]
[('x', 3.0, 3.0), ('x', 3.0, 3.0)]
>>> print(step)
L = x * x: dL/dL = 1.0
  dL/dx += dL/dL · dL/dx = 1.0 · 3.0 = 3.0
  dL/dx += dL/dL · dL/dx = 1.0 · 3.0 = 3.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from autograd.backward import _in_backward, _local_derivatives, topological_order
from autograd.expression import dot_text
from autograd.ops import DOT
from autograd.value import Value, as_real

#: The name of the output in the chain-rule notation (dL/da).
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
        names: the display name of every node of the graph: its label, "L" for
            an unlabelled output, ``v<i>`` (topological position) otherwise.

    >>> from autograd import Value
    >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    >>> (step,) = backward_steps(a * b, grad=0.5)
    >>> step.upstream, [c for _, _, c in step.contributions]
    (0.5, [-1.5, 1.0])
    """

    node: Value
    upstream: float
    contributions: tuple[tuple[Value, float, float], ...]
    names: Mapping[Value, str] = field(default_factory=dict, repr=False, compare=False)

    def name(self, v: Value) -> str:
        """The display name of ``v`` (see ``names``)."""
        return self.names.get(v) or v.label or v.op or "?"

    def formula(self) -> str:
        """How the node was computed, in names: ``"c = a * b"``, ``"o = tanh(n)"``."""
        node = self.node
        operands = [self.name(a) if isinstance(a, Value) else _number(a) for a in node._args]
        if node._op is not None and node._op.infix and len(operands) == 2:
            expression = f"{operands[0]} {node.op} {operands[1]}"
        elif node._op is DOT:
            expression = dot_text(operands)
        else:
            expression = f"{node.op}({', '.join(operands)})"
        return f"{self.name(node)} = {expression}"

    def chain(self, index: int) -> str:
        """The chain-rule line of contribution ``index``: ``dL/da = dL/dc · dc/da = ...``."""
        parent, local, contribution = self.contributions[index]
        node, to = self.name(self.node), self.name(parent)
        uses = sum(p is parent for p, _, _ in self.contributions)
        # "+=" where this step sends the parent more than one term: they add up.
        sign = "+=" if uses > 1 else "="
        return (
            f"d{OUTPUT}/d{to} {sign} d{OUTPUT}/d{node} · d{node}/d{to} = "
            f"{_number(self.upstream)} · {_number(local)} = {_number(contribution)}"
        )

    def __str__(self) -> str:
        head = f"{self.formula()}: d{OUTPUT}/d{self.name(self.node)} = {_number(self.upstream)}"
        return "\n".join([head] + ["  " + self.chain(i) for i in range(len(self.contributions))])


def _number(x: float) -> str:
    from autograd.viz.text import number  # pure text; imported late to keep layers apart

    return number(x)


def node_names(root: Value) -> dict[Value, str]:
    """The display name of each node ``root`` depends on, deterministic.

    A node's label if it has one; an unlabelled ``root`` is "L" (the output);
    any other unlabelled node is ``v<i>``, its position in the topological
    order (the name ``autograd.viz.to_dot`` gives its box).

    >>> from autograd import Value
    >>> a = Value(2.0, label="a")
    >>> sorted(node_names((a * 3.0).exp()).values())
    ['L', 'a', 'v1']
    """
    names = {v: v.label or f"v{i}" for i, v in enumerate(topological_order(root))}
    if not root.label:
        names[root] = OUTPUT
    return names


def backward_steps(root: Value, grad: float = 1.0) -> list[BackwardStep]:
    """The steps of ``root.backward(grad)``, in order, touching no ``.grad``.

    One step per node that has operands (leaves only receive), root first, in
    the order of ``reversed(topological_order(root))``, which is the order
    backward uses. The gradients are accumulated with the same arithmetic, in
    the same order, as ``autograd.grad``, so summing each leaf's contributions
    gives exactly ``grad(root, leaves)``. A node whose gradient is 0.0 gets its
    step too, every contribution 0.0, so a learner sees where the gradient
    dies (a ReLU that is off); backward itself skips such nodes.

    Args:
        root: the output the gradients are of.
        grad: the seed dL/droot.

    Raises:
        TypeError: ``root`` is not a Value, or ``grad`` not a real number.
        ZeroDivisionError, ValueError, OverflowError: a local derivative does
            not exist there; the message names the node.

    >>> from autograd import Value, grad
    >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    >>> c = a * b
    >>> c.label = "c"
    >>> L = c * c + 1.0
    >>> steps = backward_steps(L)
    >>> [step.formula() for step in steps]
    ['L = v3 + 1.0', 'v3 = c * c', 'c = a * b']
    >>> steps[-1].upstream                    # dL/dc = 2c
    -12.0
    >>> [c for _, _, c in steps[-1].contributions] == grad(L, [a, b])
    True
    """
    if not isinstance(root, Value):
        raise TypeError(f"backward_steps() needs a Value, got {type(root).__name__}")
    seed = as_real(grad, "backward_steps(grad=...)")
    names = node_names(root)
    grads: dict[Value, float] = {root: seed}
    steps: list[BackwardStep] = []
    for node in reversed(topological_order(root)):
        if not node._args:
            continue
        upstream = grads[node]
        try:
            found = _local_derivatives(node, False)
        except (ZeroDivisionError, OverflowError, ValueError) as error:
            raise _in_backward(error, node) from error
        contributions = []
        for _, parent, local in found:
            contribution = upstream * local
            previous = grads.get(parent)
            grads[parent] = contribution if previous is None else previous + contribution
            contributions.append((parent, local, contribution))
        steps.append(BackwardStep(node, upstream, tuple(contributions), names))
    return steps


def forward_steps(root: Value) -> list[Value]:
    """Every node ``root`` depends on, in evaluation (topological) order; ``root`` last.

    >>> from autograd import Value
    >>> a = Value(2.0, label="a")
    >>> [v.label or v.op for v in forward_steps(a * a + a)]
    ['a', '*', '+']
    """
    if not isinstance(root, Value):
        raise TypeError(f"forward_steps() needs a Value, got {type(root).__name__}")
    return topological_order(root)


__all__ = ["BackwardStep", "backward_steps", "forward_steps", "node_names"]
