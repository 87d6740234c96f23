"""Watching a learner's ``backward()`` from outside: a budget of steps, no signals, no threads.

Before ``backward()`` runs, every node of the learner's graph is instrumented
on the instance: its ``_backward`` is wrapped to count its calls, and its
parent collection (``_prev`` or ``_children``) is replaced by a copy of the
same type whose iteration counts each parent handed out. Both counts go to
the :class:`Watch` that is active; past its budget they raise
:class:`Stopped`, which unwinds the learner's own loop or recursion, so a
runaway engine (a topological sort with no visited set, exponential on a
chain of diamonds) stops in milliseconds and on every platform, the browser
included. A wrapped ``_backward`` of a node from an earlier graph raises
:class:`Foreign`: the engine keeps state between graphs.

>>> class Node:
...     def __init__(self, *parents):
...         self._prev, self.calls = set(parents), 0
...         self._backward = lambda: None
>>> x = Node(); y = Node(x, x)
>>> watch = Watch(walk(y), limit=10)
>>> with watch:
...     for node in (y, x):
...         node._backward()
>>> watch.calls[0] + watch.calls[1], watch.steps
(2, 2)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

#: The parent collections a learner's node may have, in the order looked for.
PARENTS = ("_prev", "_children")
#: Most nodes walked: a learner's graph bigger than this is not one the checker built.
MAX_NODES = 200_000


class Stopped(Exception):
    """``backward()`` went past its budget: ``steps`` on ``nodes`` nodes (0: unknown)."""

    steps = 0
    nodes = 0


class Foreign(Exception):
    """``backward()`` ran the ``_backward`` of a node from another graph."""


def parents_of(node: Any) -> list[Any]:
    """The parents of a learner's node as a list, from ``_prev`` or ``_children``."""
    for name in PARENTS:
        found = getattr(node, name, None)
        if found is not None:
            # A counting copy (see Watch) is read through to the learner's own.
            return list(getattr(found, "_original", found))
    return []


def walk(root: Any) -> list[Any]:
    """Every node reachable from ``root``, each once (by identity), with an explicit stack."""
    seen = {id(root)}
    nodes, stack = [], [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        if len(nodes) > MAX_NODES:
            raise Stopped(f"the graph has more than {MAX_NODES:,} nodes")
        for parent in parents_of(node):
            if id(parent) not in seen:
                seen.add(id(parent))
                stack.append(parent)
    return nodes


def steps_allowed(nodes: int) -> int:
    """Steps a ``backward()`` may take on a graph of ``nodes`` nodes.

    A sort with a visited set takes about three per node (each parent handed
    out once, each ``_backward`` called once); twenty leaves room for any
    honest engine and stops an exponential one within milliseconds.
    """
    return 20 * nodes + 200


# The watch that is running, if any: a list, so wrappers read it without a global statement.
_ACTIVE: list[Watch] = []
_COUNTING: dict[type, type] = {}


class Watch:
    """Counts for one ``backward()``: its graph's nodes, calls per node and steps taken.

    Use as a context manager around the learner's ``backward()``.
    """

    def __init__(self, nodes: list[Any], limit: int) -> None:
        self.nodes = nodes
        self.limit = limit
        self.steps = 0
        self.calls = [0] * len(nodes)
        for i, node in enumerate(nodes):
            _instrument(node, self, i)

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.limit:
            stopped = Stopped(
                f"backward() took more than {self.limit:,} steps on a graph of "
                f"{len(self.nodes):,} nodes and was stopped"
            )
            stopped.steps, stopped.nodes = self.limit, len(self.nodes)
            raise stopped

    def __enter__(self) -> Watch:
        _ACTIVE.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _ACTIVE.remove(self)


def _instrument(node: Any, watch: Watch, index: int) -> None:
    original = getattr(node, "_backward", None)
    # A node met again (a constant the learner's class caches) is re-wrapped, not wrapped twice.
    original = getattr(original, "original", original)
    if callable(original):
        with contextlib.suppress(AttributeError):  # __slots__ without _backward: not counted
            node._backward = _wrapped(original, watch, index)
    for name in PARENTS:
        found = getattr(node, name, None)
        found = getattr(found, "_original", found)
        if found is not None and type(found) in (set, frozenset, tuple, list):
            copy = _counting(type(found))(found)
            copy._original = found
            with contextlib.suppress(AttributeError):
                setattr(node, name, copy)
            return


def _wrapped(original: Any, owner: Watch, index: int) -> Any:
    def _backward() -> Any:
        if _ACTIVE:
            watch = _ACTIVE[-1]
            if watch is not owner:
                raise Foreign("backward() ran the _backward of a node from an earlier graph")
            watch.calls[index] += 1
            watch.step()
        return original()

    _backward.original = original  # type: ignore[attr-defined]
    return _backward


def _counting(kind: type) -> type:
    """A subclass of ``kind`` whose iteration is a step of the active watch per item."""
    if kind not in _COUNTING:

        def __iter__(self: Any) -> Iterator[Any]:
            for item in kind.__iter__(self):  # type: ignore[attr-defined]
                if _ACTIVE:
                    _ACTIVE[-1].step()
                yield item

        _COUNTING[kind] = type(f"Counting{kind.__name__.title()}", (kind,), {"__iter__": __iter__})
    return _COUNTING[kind]


__all__ = [
    "MAX_NODES",
    "PARENTS",
    "Foreign",
    "Stopped",
    "Watch",
    "parents_of",
    "steps_allowed",
    "walk",
]
