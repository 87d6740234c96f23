"""Backpropagation, one step at a time: what ``backward`` does, as data.

:func:`backward_steps` replays the backward pass without touching any
``.grad``: one :class:`BackwardStep` per node that has operands, in the order
backward processes them (the output first), each holding the node's gradient at
that moment and the chain-rule term it sends to each operand.
:func:`forward_steps` is the evaluation order, layer by layer. Nothing here
needs Graphviz; the step-through player (``autograd.viz.step_through``) draws
these steps.

Notation, the same in every view: ``dL/dc`` is a total derivative (how the
output changes with ``c``, through every path), ``∂c/∂a`` a local partial
derivative (one op's own rule). The output is called by its label; ``L`` only
when it has none. Negative factors are bracketed.

Why the topological order: a node may send its gradient on only once every
path from the output has reached it. Why leaves accumulate: a Value used twice
receives one contribution per use, and its gradient is their sum (``+=``).

>>> from autograd import Value
>>> x = Value(3.0, label="x")
>>> y = x * x
>>> (step,) = backward_steps(y)
>>> [(parent.label, local, contribution) for parent, local, contribution in step.contributions]
[('x', 3.0, 3.0), ('x', 3.0, 3.0)]
>>> print(step)
L = x * x: dL/dL = 1.0
  dL/dx = dL/dL · ∂L/∂x = 1.0 · 3.0 = 3.0
  dL/dx += dL/dL · ∂L/∂x = 1.0 · 3.0 = 3.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from autograd.backward import _in_backward, _local_derivatives, topological_order

# The step record and the notation it reads in are in their own module,
# re-exported here: ``from autograd.trace import BackwardStep`` keeps working.
from autograd.backward_step import OUTPUT as OUTPUT
from autograd.backward_step import BackwardStep, expression
from autograd.kinds import class_name
from autograd.notation import factor, term
from autograd.value import Value, as_real

#: How an unlabelled node is named after its op: ``mul1``, ``tanh2``, ``leaf1``.
_WORDS = {"+": "add", "-": "sub", "*": "mul", "/": "div", "**": "pow"}


def node_names(root: Value, order: Sequence[Value] | None = None) -> dict[Value, str]:
    """The display name of each node ``root`` depends on: one naming for every view.

    A node's label if it has one; an unlabelled ``root`` is "L" (the output);
    any other unlabelled node is named after its op and numbered in evaluation
    order (``mul1``, ``add1``, ``tanh2``; ``leaf1`` for a leaf), skipping names
    that a label already uses. The trace, the player, ``to_dot`` and the demo's
    table all use these names.

    Args:
        order: ``forward_steps(root)`` when the caller has it already.

    Returns:
        A dict in the order of ``forward_steps(root)``.

    >>> from autograd import Value
    >>> a = Value(2.0, label="a")
    >>> sorted(node_names((a * 3.0 + a * a).exp()).values())
    ['L', 'a', 'add1', 'mul1', 'mul2']
    """
    order = forward_steps(root) if order is None else order
    taken = {v.label for v in order if v.label}
    counts: dict[str, int] = {}
    names: dict[Value, str] = {}
    for v in order:
        if v.label:
            names[v] = v.label
            continue
        word = _WORDS.get(v.op, v.op) if v.op else "leaf"
        word = word if word.isidentifier() else "op"
        n = counts.get(word, 0)
        while True:
            n += 1
            name = f"{word}{n}"
            if name not in taken:
                break
        counts[word] = n
        names[v] = name
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

    ``root`` may also be a node of a learner's own micrograd-style engine
    (``data``, ``grad``, ``_prev`` or ``_children``, ``_op``): then the steps
    are that engine's own ``_backward`` calls, recorded as its ``backward()``
    runs from zero grads (every ``.grad`` and ``_backward`` is put back
    after), one :class:`autograd.engines.played.LearnerStep` per call, in the
    order they ran: a ``BackwardStep`` on chainrule copies of the nodes, with
    each operand's grad ``before`` and after (``totals``) the call and its
    ``problems`` in words (a gradient overwritten, a call too early or
    repeated, a wrong local derivative).

    Raises:
        TypeError: ``root`` is neither a Value nor node-like (its class named
            by module), or ``grad`` not a real number.
        ValueError: ``grad`` other than 1.0 with a learner's node.
        autograd.engines.played.LearnerBackwardError: the learner's ``backward()`` raised; its
            ``steps`` are those recorded up to there, its cause the error.
        ZeroDivisionError, ValueError, OverflowError: a local derivative does
            not exist there; the message names the node.

    >>> from autograd import Value, grad
    >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    >>> c = a * b
    >>> c.label = "c"
    >>> L = c * c + 1.0
    >>> steps = backward_steps(L)
    >>> [step.formula() for step in steps]
    ['L = mul1 + 1.0', 'mul1 = c * c', 'c = a * b']
    >>> steps[-1].upstream                    # dL/dc = 2c
    -12.0
    >>> [c for _, _, c in steps[-1].contributions] == grad(L, [a, b])
    True
    """
    if not isinstance(root, Value):
        return _learners(root, grad)
    seed = as_real(grad, "backward_steps(grad=...)")
    order = topological_order(root)
    names = node_names(root, _layered(order))
    output = names[root] if seed == 1.0 else OUTPUT
    grads: dict[Value, float] = {root: seed}
    steps: list[BackwardStep] = []
    for node in reversed(order):
        if not node._args:
            continue
        upstream = grads[node]
        found = _locals(node, upstream)
        contributions, adds, totals = [], [], []
        for _, parent, local in found:
            # Nothing passes on from a gradient of 0.0, as backward skips the node:
            # 0.0, not 0.0 * local (which is nan where local is inf, at a pole).
            contribution = upstream * local if upstream else 0.0
            previous = grads.get(parent)
            grads[parent] = contribution if previous is None else previous + contribution
            contributions.append((parent, local, contribution))
            adds.append(previous is not None)
            totals.append(grads[parent])
        steps.append(
            BackwardStep(
                node, upstream, tuple(contributions), names, output, tuple(adds), tuple(totals)
            )
        )
    return steps


def _learners(root: object, grad: float) -> list[BackwardStep]:
    """The steps of a learner's own ``root.backward()``, recorded as it runs (see above)."""
    # Imported here: the trace of a chainrule Value loads none of the engines room.
    from autograd.engines.foreign import SHAPE, is_node, read
    from autograd.engines.mirror import mirror
    from autograd.engines.played import LearnerBackwardError, learner_steps
    from autograd.engines.recorder import record

    if not is_node(root):
        raise TypeError(
            f"backward_steps() needs a Value or your own engine's node ({SHAPE}), "
            f"got {class_name(root)}"
        )
    if as_real(grad, "backward_steps(grad=...)") != 1.0:
        raise ValueError("your engine's backward() sets its own seed: grad= is for a Value only")
    graph = read(root)
    recording = record(graph)
    copies = mirror(graph)
    names = node_names(copies[-1])
    steps: list[BackwardStep] = list(learner_steps(graph, recording, copies, names))
    if recording.raised is not None:
        raise LearnerBackwardError(recording.error, steps) from recording.raised
    return steps


def _locals(node: Value, upstream: float) -> list[tuple[int, Value, float]]:
    """``node``'s local derivatives, as backward computes them.

    Backward never asks for the local derivatives of a node whose gradient is
    0.0 (it passes nothing on), so where one does not exist there (sqrt at 0,
    a pole) the trace shows it as inf, and passes 0.0 on; under a nonzero
    gradient it raises as backward does, naming the node.
    """
    try:
        return _local_derivatives(node, False)
    except (ZeroDivisionError, OverflowError, ValueError) as error:
        if upstream:
            raise _in_backward(error, node) from None
    found = []
    for i, arg in enumerate(node._args):
        if isinstance(arg, Value):
            try:
                local = _local_derivatives(_alone(node, i), False)[0][2]
            except (ZeroDivisionError, OverflowError, ValueError):
                local = math.inf
            found.append((i, arg, local))
    return found


def _alone(node: Value, i: int) -> Value:
    """A copy of ``node`` whose operands but the ``i``-th are constants: one rule, alone."""
    twin: Value = node.__class__.__new__(node.__class__)
    twin.data, twin._op = node.data, node._op
    twin._args = tuple(
        a if j == i or isinstance(a, float) else a.data for j, a in enumerate(node._args)
    )
    return twin


def _layered(order: Sequence[Value]) -> list[Value]:
    """``order`` (topological) regrouped layer by layer: each node one layer after
    its deepest operand, leaves in layer 0; within a layer, as in ``order``."""
    depth: dict[Value, int] = {}
    for v in order:
        parents = [depth[a] for a in v._args if isinstance(a, Value)]
        depth[v] = 1 + max(parents) if parents else 0
    return sorted(order, key=depth.__getitem__)  # stable: ties keep ``order``


def forward_steps(root: Value) -> list[Value]:
    """Every node ``root`` depends on, in evaluation order, layer by layer; ``root`` last.

    Leaves (inputs and parameters) come first, then every node whose operands
    are all leaves, then every node one layer further, and so on: a
    topological order, so each node comes after its operands and can be
    evaluated when it is reached, and a network's first layer comes before
    its second.

    >>> from autograd import Value
    >>> a = Value(2.0, label="a")
    >>> [v.label or v.op for v in forward_steps(a * a + a)]
    ['a', '*', '+']
    """
    if not isinstance(root, Value):
        raise TypeError(f"forward_steps() needs a Value, got {class_name(root)}")
    return _layered(topological_order(root))


__all__ = [
    "BackwardStep",
    "backward_steps",
    "expression",
    "factor",
    "forward_steps",
    "node_names",
    "term",
]
