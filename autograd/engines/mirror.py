"""A learner's graph copied as chainrule ``Value`` s, so the pictures and the player draw it.

Each node of a :class:`~autograd.engines.foreign.LearnerGraph` becomes a
``Value`` holding the learner's data and gradient (as the engine holds them:
an ``int`` 0 becomes 0.0, a gradient that is no number NaN) and the node's
label. A node whose op string is a row of the table gets that row and its
operands in the op's order (``'**2'``: the base and the constant 2.0); an
op string with no row gets an op of its own, named by the learner's text,
whose derivative rules raise: it is drawn, never checked. Nothing is
computed: the copy only describes the learner's graph.

>>> from autograd.engines.foreign import read
>>> class Node:
...     def __init__(self, data, grad, children=(), op=""):
...         self.data, self.grad, self._prev, self._op = data, grad, set(children), op
>>> x = Node(3.0, 7)
>>> y = Node(12.0, 1, (Node(9.0, 1.0, (x,), "*"), x), "+")
>>> copies = mirror(read(y))
>>> [(v.op, v.data, v.grad) for v in copies]
[('', 3.0, 7.0), ('*', 9.0, 1.0), ('+', 12.0, 1.0)]
>>> copies[1].parents == (copies[0], copies[0])
True
"""

from __future__ import annotations

import functools
import math
from typing import Any

from autograd.engines.foreign import LearnerGraph
from autograd.op import REALS, Op
from autograd.value import Value


def _unknown(*_: Any) -> float:
    raise ValueError("this op is not in chainrule's table: not checked")


@functools.cache
def unchecked_op(text: str, arity: int) -> Op:
    """The op of a node whose op string the table has no row for: its own text, no rules.

    >>> unchecked_op("myop", 1).name, unchecked_op("myop", 1).infix
    ('myop', False)
    """
    return Op(text or "?", _unknown, (_unknown,) * arity, (REALS,) * arity)


def mirror(graph: LearnerGraph) -> list[Value]:
    """One ``Value`` per node of ``graph``, in its order (the root's copy last)."""
    copies: list[Value] = []
    for link, text, label in zip(graph.links, graph.texts, graph.labels, strict=True):
        v = Value(link.data, label=label)
        v.grad = math.nan if link.grad is None else link.grad
        args = tuple(copies[a] if isinstance(a, int) else float(a) for a in link.operands)
        if args:
            v._op = link.op if link.op is not None else unchecked_op(text, len(args))
            v._args = args
        copies.append(v)
    return copies


__all__ = ["mirror", "unchecked_op"]
