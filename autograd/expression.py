"""Formulas as data: a small graph of op-table rows over inputs ``x0``, ``x1``, ...

An :class:`Expression` is what :func:`autograd.testing.expressions` draws: a
list of nodes, each an op from the table and its operands, which are earlier
nodes, inputs or constants. Nodes may be used more than once, so the graph is
a DAG with shared subexpressions, not only a tree. Any op of the table works,
new ones included: nodes are built with :func:`autograd.value.apply`.

>>> from autograd import grad, ops
>>> e = Expression([(ops.MUL, (0, 0)), (ops.TANH, (2,)), (ops.ADD, (3, 1))], [0.5, 2.0])
>>> print(e)
tanh(x0 * x0) + x1
>>> xs = [Value(x) for x in e.inputs]
>>> out = e.fn(*xs)
>>> # d/dx0 tanh(x0 * x0) = 2 x0 (1 - tanh(x0 * x0) ** 2) = 1 - 0.244919 ** 2
>>> round(out.data, 6), [round(g, 6) for g in grad(out, xs)]
(2.244919, [0.940015, 1.0])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from autograd.ops import DOT, Op, dot_parts
from autograd.value import Value, apply, is_real

#: An operand: an int indexes the inputs, then the nodes (input n is node 0,
#: ...); a float is a constant.
Ref = int | float
Node = tuple[Op, tuple[Ref, ...]]

# Binding strength of infix operators, as Python parses them; calls and names
# bind tightest. Unknown infix ops get _LOOSE and parenthesise both sides.
_ATOM, _NEG, _LOOSE = 9, 6, 3
_PRECEDENCE = {"**": 7, "*": 5, "/": 5, "+": 4, "-": 4}


class Expression:
    """A differentiable formula over inputs ``x0 .. x{n-1}``, and a point to check it at.

    Args:
        nodes: ``(op, operands)`` pairs in evaluation order; the last is the output.
        inputs: the point, one float per input.

    Attributes:
        inputs: the point (list of floats).
        nodes: the nodes, as given.

    ``fn`` evaluates the formula on Values; ``str()`` prints it.
    """

    __slots__ = ("inputs", "nodes")

    def __init__(self, nodes: Sequence[Node], inputs: Sequence[float]) -> None:
        self.nodes = tuple(nodes)
        self.inputs = [float(x) for x in inputs]
        for k, (_, refs) in enumerate(self.nodes):
            for r in refs:
                if isinstance(r, int) and not 0 <= r < len(self.inputs) + k:
                    raise ValueError(f"node {k} refers to {r}, which is not an earlier node")

    def fn(self, *xs: Any) -> Any:
        """The formula applied to one Value per input, built node by node.

        Inputs of another class (a learner's own ``Value``) are combined with
        that class's operators and methods (:mod:`autograd.engines.build`), so
        its own engine runs; constants are passed to it as plain numbers.

        Raises:
            TypeError: not one argument per input.
        """
        if len(xs) != len(self.inputs):
            raise TypeError(f"{self} takes {len(self.inputs)} inputs, got {len(xs)}")
        if any(not isinstance(x, Value) and not is_real(x) for x in xs):
            # Imported here: the engines package builds on this module.
            from autograd.engines.build import build

            return build(self, xs)[-1]
        pool: list[Value | float] = list(xs)
        for op, refs in self.nodes:
            pool.append(apply(op, tuple(pool[r] if isinstance(r, int) else r for r in refs)))
        out = pool[-1]
        return out if isinstance(out, Value) else Value(out)

    def __str__(self) -> str:
        texts = [(f"x{i}", _ATOM) for i in range(len(self.inputs))]
        for op, refs in self.nodes:
            texts.append(
                _format(op, [texts[r] if isinstance(r, int) else _constant(r) for r in refs])
            )
        return texts[-1][0]

    def __repr__(self) -> str:
        return f"Expression({str(self)!r}, inputs={self.inputs!r})"


def _constant(c: float) -> tuple[str, int]:
    return repr(c), _NEG if c < 0 else _ATOM


def dot_text(texts: Sequence[str]) -> str:
    """A ``dot`` node written as its call, given its operands' texts.

    >>> dot_text(["w0", "w1", "x0", "x1", "b"])
    'dot([w0, w1], [x0, x1], bias=b)'
    """
    weights, inputs, bias = dot_parts(texts)
    bias_text = "" if bias is None else f", bias={bias}"
    return f"dot([{', '.join(weights)}], [{', '.join(inputs)}]{bias_text})"


def _format(op: Op, operands: list[tuple[str, int]]) -> tuple[str, int]:
    """The text of ``op`` applied to already formatted operands, and its precedence."""
    texts = [t for t, _ in operands]
    if op.name == "neg" and len(operands) == 1:
        text, strength = operands[0]
        return ("-" + text if strength == _ATOM else f"-({text})"), _NEG
    if not op.infix or len(operands) != 2:
        if op is DOT:
            return dot_text(texts), _ATOM
        return f"{op.name}({', '.join(texts)})", _ATOM
    p = _PRECEDENCE.get(op.name, _LOOSE)
    (left, lp), (right, rp) = operands
    # ** groups to the right; every other operator to the left. A right
    # operand of equal strength keeps its parentheses, so the printed grouping
    # is the grouping evaluated (float + is not associative).
    if lp < p or (lp == p and (op.name == "**" or p == _LOOSE)):
        left = f"({left})"
    if rp < p or (rp == p and op.name != "**"):
        right = f"({right})"
    return f"{left} {op.name} {right}", p


__all__ = ["Expression", "Node", "Ref", "dot_text"]
