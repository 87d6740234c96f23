"""A learner's own graph read by duck typing: its nodes in order, as chain-rule links.

A learner's micrograd-style node has ``data``, ``grad``, its parents in
``_prev`` (a set, or a tuple) or ``_children``, the op as a string ``_op``
and maybe a ``label``. :func:`read` walks the graph from its root with an
explicit stack (no recursion: graphs of thousands of nodes) and returns a
:class:`LearnerGraph`: the nodes in evaluation order, root last, each with
its :class:`~autograd.engines.chain.Link`. Parents from a set are ordered by
:func:`autograd.engines.op_text.choose` (the reading whose forward gives the
node's data) and, where both orders fit, computed nodes first, then by label,
op and data, so the order
never depends on ``id()``; a binary op with one parent is ``x op x``.

>>> class Node:
...     def __init__(self, data, children=(), op="", label=""):
...         self.data, self.grad, self._prev, self._op = data, 0, set(children), op
...         self.label = label
>>> x = Node(3.0, label="x")
>>> y = Node(9.0, (x,), "*")            # x * x: a set keeps one parent
>>> y.grad, x.grad = 1.0, 3.0           # '=' for '+=': one share of two
>>> graph = read(y)
>>> [link.operands for link in graph.links], graph.texts
([(), (0, 0)], ('', '*'))
>>> [s.value for s in graph.should()]
[6.0, 1.0]
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from autograd.engines.budget import parents_of
from autograd.engines.chain import Link, Should, expected, local_derivatives
from autograd.engines.op_text import choose
from autograd.kinds import class_name
from autograd.op import Op
from autograd.reals import is_real

#: What a learner's node must have, said in refusals.
SHAPE = "data, grad, _prev (or _children) and _op"


def is_node(obj: object) -> bool:
    """True for a micrograd-style node: ``data``, ``grad``, ``_prev``/``_children``, a str ``_op``.

    >>> is_node(3.0)
    False
    """
    has_parents = hasattr(obj, "_prev") or hasattr(obj, "_children")
    return (
        hasattr(obj, "data")
        and hasattr(obj, "grad")
        and has_parents
        and isinstance(getattr(obj, "_op", None), str)
    )


def parents(node: Any) -> tuple[Any, ...]:
    """A node's parents as it keeps them (``_prev``, else ``_children``)."""
    return tuple(parents_of(node))


def label_of(node: Any) -> str:
    """A node's ``label`` where it has a string one, else ""."""
    label = getattr(node, "label", "")
    return label if isinstance(label, str) else ""


@dataclass(frozen=True)
class LearnerGraph:
    """A learner's graph as chainrule reads it; index ``i`` is one node throughout.

    Attributes:
        nodes: the learner's nodes in evaluation order (operands first), root last.
        links: each node's :class:`Link`: the table's op (None for a leaf or
            an op string the table has no row for), operands, data and grad.
        texts: each node's ``_op`` as the learner wrote it ("" for a leaf).
        labels: each node's label ("" for none).
    """

    nodes: tuple[Any, ...]
    links: tuple[Link, ...]
    texts: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def root(self) -> int:
        """The root's index: the last."""
        return len(self.nodes) - 1

    def should(self) -> list[Should]:
        """What the chain rule says each node's gradient should be, from the engine's own."""
        return expected(self.links, self.root)

    def unchecked(self) -> list[int]:
        """The nodes made by an op string the table has no row for."""
        return [i for i, link in enumerate(self.links) if link.op is None and link.operands]

    def index(self) -> dict[int, int]:
        """Each node's position by ``id``: identity, as a learner may override ``==``."""
        return {id(node): i for i, node in enumerate(self.nodes)}


def _number(node: Any, what: str) -> float:
    value = getattr(node, what)
    if not is_real(value):
        raise TypeError(
            f"a node of {class_name(node)} has {what} {value!r} ({class_name(value)}), "
            "not a number: chainrule reads only real numbers"
        )
    return float(value)


def _grad(node: Any) -> float | None:
    """A node's gradient as the engine holds it; None when it holds no number."""
    grad: Any = getattr(node, "grad", None)
    return float(grad) if is_real(grad) else None


def _key(node: Any) -> tuple[bool, str, str, float]:
    """A deterministic order for parents a set holds (never ``id``): computed nodes
    before leaves (``x * w + b``, ``r + 1``: as learners write them), then label, op, data."""
    data = float(node.data) if is_real(node.data) else math.nan
    return (not parents(node), label_of(node), str(node._op), data)


def _arranged(node: Any) -> tuple[Op | None, tuple[Any, ...]]:
    """``node``'s op and its operands in the op's order: parents and constants."""
    found = parents(node)
    for parent in found:
        if not is_node(parent):
            raise TypeError(f"a parent in the graph is {class_name(parent)}, not a node ({SHAPE})")
    if isinstance(getattr(node, "_prev", getattr(node, "_children", ())), (set, frozenset)):
        found = tuple(sorted(found, key=_key))
    if not found:
        return None, ()
    data = [_number(p, "data") for p in found]
    arrangement = choose(node._op, data, _number(node, "data"))
    if arrangement is None:
        return None, found
    op, args = arrangement
    return op, tuple(found[a] if isinstance(a, int) else a for a in args)


def _walk(root: Any) -> Iterator[tuple[Any, Op | None, tuple[Any, ...]]]:
    """Every node once, operands first, with its op and operands: an explicit stack.

    Raises:
        TypeError: a parent that is not node-like.
        ValueError: a cycle (a node among its own ancestors).
    """
    state: dict[int, int] = {}  # id -> 1 open, 2 done: identity only, never order
    read: dict[int, tuple[Op | None, tuple[Any, ...]]] = {}
    stack: list[tuple[Any, Iterator[Any]]] = []

    def enter(node: Any) -> None:
        state[id(node)] = 1
        read[id(node)] = op_args = _arranged(node)
        operands = [a for a in op_args[1] if not isinstance(a, float)]
        stack.append((node, iter(operands)))

    enter(root)
    while stack:
        node, rest = stack[-1]
        child = next(rest, None)
        if child is None:
            stack.pop()
            state[id(node)] = 2
            yield (node, *read[id(node)])
        elif state.get(id(child)) == 1:
            raise ValueError(f"the graph has a cycle through a node of {class_name(child)}")
        elif id(child) not in state:
            enter(child)


def _checkable(link: Link, links: list[Link]) -> Link:
    """``link``, or it unchecked (no op) where the table has no local derivative at its
    operands (log of a negative, a division by 0 the engine let through)."""
    if link.op is None:
        return link
    try:
        local_derivatives(link, links)  # its operands are earlier links
    except (ArithmeticError, ValueError):
        return Link(None, link.operands, link.data, link.grad)
    return link


def read(root: object) -> LearnerGraph:
    """Read the graph of a learner's node ``root`` (see the module docstring).

    Raises:
        TypeError: ``root`` (or a parent) is not node-like, or holds a data
            that is not a number; the message names its class by module.
        ValueError: the graph has a cycle.
    """
    if not is_node(root):
        raise TypeError(f"{class_name(root)} is not a node: it needs {SHAPE}")
    nodes: list[Any] = []
    links: list[Link] = []
    texts: list[str] = []
    where: dict[int, int] = {}
    for node, op, args in _walk(root):
        operands = tuple(a if isinstance(a, float) else where[id(a)] for a in args)
        where[id(node)] = len(nodes)
        nodes.append(node)
        links.append(_checkable(Link(op, operands, _number(node, "data"), _grad(node)), links))
        texts.append(node._op)
    labels = tuple(label_of(n) for n in nodes)
    return LearnerGraph(tuple(nodes), tuple(links), tuple(texts), labels)


__all__ = ["SHAPE", "LearnerGraph", "is_node", "label_of", "parents", "read"]
