"""The player's captions: each step of a walk in words, in the learner's notation.

The notation is :mod:`autograd.trace`'s: ``dL/dx`` a total derivative, ``∂y/∂x``
a local one, negative factors bracketed, the output by its own name.

>>> from autograd import Value
>>> a = Value(2.0, label="a")
>>> b = a * -3.0
>>> b.label = "b"
>>> evaluated(b, {a: "a", b: "b"}, 1, 1)
'Step 1 of 1: b = a * (-3.0) = 2.0 * (-3.0) = -6.0'
>>> tally(2, 3, 1.0, -0.5, 0.5)
'  (term 2 of 3: so far 1.0 + (-0.5) = 0.5)'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from autograd.ops import DOT, SUM, dot_parts
from autograd.text import number
from autograd.trace import BackwardStep, expression, factor
from autograd.value import Value
from autograd.viz.scene import colors

#: How many leaves a forward caption lists by name before it counts the rest.
LISTED = 8
#: A step with more operands than this (a neuron's dot) is captioned in short.
MANY = 4
#: A sum or dot of more terms than this is written with its middle elided.
FEW = 3


# -- backward ------------------------------------------------------------------


def start(name: str, out: str, seed: float) -> str:
    """The first frame: where backward starts, and why the order (told once)."""
    seed_text = "" if out == name else f" (the seed: a loss {out} beyond {name})"
    return (
        f"Backward starts at the output {name} with d{out}/d{name} = {number(seed)}"
        f"{seed_text}; every other gradient is not computed yet (grad —).\n"
        "It visits the nodes in reverse topological order, the output first: a node "
        "passes its gradient on only after every node that uses it has sent it its "
        "share, so what it passes on is complete."
    )


def step_head(step: BackwardStep, k: int, total: int, many: bool) -> str:
    """A step's first line: the node, how it was computed, and its complete gradient."""
    node = step.name(step.node)
    head = f"Step {k} of {total}: {node} = {elided(step.node, step.name)}, "
    head += f"and {step.total(step.node)} = {number(step.upstream)} is complete."
    if step.upstream == 0 and step.contributions:
        head += " Nothing flows on from here: every term is 0."
    elif many:
        head += (
            f"\n  Each operand u gets {step.total(step.node)} · ∂{node}/∂u, "
            f"and {step.total(step.node)} += that where u is used again:"
        )
    elif k == 1 and step.contributions:
        head += " Each operand gets it times its local derivative:"
    return head


def elided(node: Value, name: Callable[[Value], str]) -> str:
    """``node``'s expression; a long sum's or dot's middle operands elided.

    >>> from autograd import Value, dot
    >>> w, x = [Value(0.5, label=f"w{i}") for i in range(4)], [1.0, 2.0, 3.0, 4.0]
    >>> elided(dot(w, x), lambda v: v.label)
    'dot([w0, …, w3], [1.0, …, 4.0]) of 4 terms'
    >>> elided(dot(w[:2], x[:2]), lambda v: v.label)
    'dot([w0, w1], [1.0, 2.0])'
    """
    names = [name(a) if isinstance(a, Value) else number(a) for a in node._args]
    count = len(names) if node._op is SUM else len(names) // 2
    if count <= FEW or node._op not in (DOT, SUM):
        return expression(node, name)
    if node._op is SUM:
        return f"sum({names[0]}, …, {names[-1]}) of {count}"
    weights, inputs, bias = dot_parts(names)
    bias_text = "" if bias is None else f", bias={bias}"
    return (
        f"dot([{weights[0]}, …, {weights[-1]}], [{inputs[0]}, …, {inputs[-1]}]{bias_text}) "
        f"of {count} terms"
    )


def tally(n: int, m: int, previous: float | None, term_: float, now: float) -> str:
    """Where term ``n`` stands among the ``m`` its node receives, once there are several."""
    if m == 1 or previous is None:
        return "" if m == 1 else f"  (term 1 of {m})"
    sums = f"{number(previous)} + {factor(term_)} = {number(now)}"
    return f"  (term {n} of {m}: so far {sums})" if n < m else f"  (term {m} of {m}: {sums})"


def summary(names: dict[Value, str], out: str, grads: dict[Value, float]) -> str:
    """The summary frame: the leaves' final gradients, and how many are flagged.

    Up to :data:`LISTED` leaves are listed in forward order; of more, the
    :data:`LISTED` largest by ``|grad|`` (sorted stably, so ties keep that order).

    >>> from autograd import Value
    >>> xs = [Value(float(i), label=f"x{i}") for i in range(10)]
    >>> grads = {x: (-1.0) ** i * i for i, x in enumerate(xs)}
    >>> print(summary({x: x.label for x in xs}, "L", grads).splitlines()[1])
    The 8 largest |grad| of the 10 leaves: dL/dx9 = -9.0, dL/dx8 = 8.0, dL/dx7 = -7.0, \
dL/dx6 = 6.0, dL/dx5 = -5.0, dL/dx4 = 4.0, dL/dx3 = -3.0, dL/dx2 = 2.0
    """
    leaves = [v for v in names if not v._args]  # names are in forward order
    flagged = [colors.classify(g) for g in grads.values()]
    lines = [
        "Backward is done: every gradient is final. Colour: |grad| on a log scale "
        "(legend); grey: exactly 0."
    ]
    for kind in ("vanishing", "exploding"):
        count = flagged.count(kind)
        if count:
            lines.append(f"{count} node(s) flagged {kind} (red).")
    # A network's hundreds of leaves would bury the caption: every box already
    # shows its gradient, so the caption names the largest ones only.
    head = "Leaves: "
    if len(leaves) > LISTED:
        head = f"The {LISTED} largest |grad| of the {len(leaves)} leaves: "
        leaves = sorted(leaves, key=lambda v: -abs(grads[v]))[:LISTED]
    lines.append(head + ", ".join(f"d{out}/d{names[v]} = {number(grads[v])}" for v in leaves))
    return "\n".join(lines)


# -- forward -------------------------------------------------------------------


def given(leaves: Sequence[Value], names: dict[Value, str]) -> str:
    """The first forward frame: the leaves are given; why the order (told once)."""
    text = ", ".join(f"{names[v]} = {number(v.data)}" for v in leaves[:LISTED])
    if len(leaves) > LISTED:
        text += f", and {len(leaves) - LISTED} more"
    return (
        f"The leaves (inputs and parameters) are given: {text}.\n"
        "The forward pass evaluates every other node from its operands, layer by "
        "layer, so a node's operands are all known when it is reached "
        "(a topological order)."
    )


def evaluated(v: Value, names: dict[Value, str], k: int, total: int) -> str:
    """A forward step: the node, its expression, with its operands' values, its value."""
    return f"Step {k} of {total}: {formula(v, names)}"


def formula(v: Value, names: dict[Value, str]) -> str:
    """How ``v`` was computed, in names and then in numbers: ``"b = a * (-3.0) = ... = -6.0"``."""
    return f"{names[v]} = {elided(v, names.__getitem__)} = {_with_values(v)} = {number(v.data)}"


def _with_values(v: Value) -> str:
    """``v``'s expression with its operands' values: ``"2.0 * (-3.0)"``, ``"tanh(0.5)"``."""
    if v._op is DOT:
        weights, inputs, bias = dot_parts([_value(a) for a in v._args])
        terms = [f"{w}·{x}" for w, x in zip(weights, inputs, strict=True)]
        return " + ".join(terms if bias is None else [*terms, bias])
    infix = v._op is not None and v._op.infix and len(v._args) == 2
    # Values in a product or sum are factors, bracketed when negative; a
    # function's argument needs no brackets: "tanh(-1.5)".
    return expression(v, lambda a: _value(a) if infix else number(a.data))


def _value(a: Value | float) -> str:
    return factor(a.data if isinstance(a, Value) else a)
