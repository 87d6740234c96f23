"""A learner's own backward pass, recorded call by call as it runs, then undone.

:func:`record` runs ``root.backward()`` of a learner's engine on its graph
(:class:`~autograd.engines.foreign.LearnerGraph`) with every gradient set to
0 first and each node's ``_backward`` wrapped, so that each call is kept as
a :class:`Call`: which node, its gradient then, and each operand's gradient
before and after. Afterwards every ``.grad`` and every ``_backward`` is put
back exactly as found, also when the learner's backward raises (what it
raised is kept, in words, in :attr:`Recording.error`). The run is watched
(:mod:`~autograd.engines.budget`): past its budget of steps it is stopped,
and that is what it raised.

>>> from autograd.engines.foreign import read
>>> class Node:
...     def __init__(self, data, children=(), op=""):
...         self.data, self.grad, self._prev, self._op = data, 0.0, set(children), op
...         self._backward = lambda: None
...     def backward(self):
...         self.grad = 1.0
...         for v in (self, *self._prev):
...             v._backward()
>>> x = Node(3.0)
>>> y = Node(9.0, (x,), "*")
>>> def _backward():
...     x.grad = 3.0 * y.grad          # '=' for '+=', and one share of two
>>> y._backward = _backward
>>> x.grad = 5.0
>>> (call,) = record(read(y)).calls
>>> call.node, call.upstream, call.before, call.after
(1, 1.0, (0.0,), (3.0,))
>>> x.grad, y._backward is _backward         # as found
(5.0, True)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from autograd.engines.budget import PARENTS, Stopped, Watch, steps_allowed
from autograd.engines.foreign import LearnerGraph
from autograd.kinds import said
from autograd.reals import is_real


@dataclass(frozen=True)
class Call:
    """One call of a node's ``_backward``, as it ran.

    Attributes:
        node: the node's index in the graph.
        upstream: its gradient when the call began (None: no number).
        operands: the indices of its distinct operands, in operand order.
        before, after: each of those operands' gradient before and after the call.
        error: what the call raised, in words ("" if it returned).
    """

    node: int
    upstream: float | None
    operands: tuple[int, ...]
    before: tuple[float | None, ...]
    after: tuple[float | None, ...]
    error: str = ""


@dataclass(frozen=True)
class Recording:
    """A learner's backward pass: its calls in order, the grads it left, what it raised.

    Attributes:
        calls: each ``_backward`` call of a node with operands, in order.
        grads: every node's gradient when ``backward()`` returned or raised.
        error: what ``backward()`` raised, in words ("" if it returned).
        raised: the exception itself (None if it returned).
    """

    calls: tuple[Call, ...]
    grads: tuple[float | None, ...]
    error: str = ""
    raised: Exception | None = field(default=None, repr=False, compare=False)

    def ended(self, calls: int) -> str:
        """How ``backward()`` ended, as a caption's first sentence, after ``calls`` calls."""
        if isinstance(self.raised, Stopped):
            return (
                f"Your backward() was stopped after {calls} _backward calls: it took more "
                f"than {self.raised.steps:,} steps on a graph of {self.raised.nodes:,} nodes "
                "(a sort without a visited set visits a node once per path to it)."
            )
        if self.error:
            return f"Your backward() raised {self.error} after {calls} _backward calls."
        return f"Done: your backward() made {calls} _backward calls."


def _number(value: Any) -> float | None:
    return float(value) if is_real(value) else None


def _wrapped(graph: LearnerGraph, i: int, calls: list[Call]) -> Callable[..., Any]:
    """Node ``i``'s own ``_backward``, recording each call of it in ``calls``."""
    node, original = graph.nodes[i], graph.nodes[i]._backward
    operands = tuple(dict.fromkeys(r for r in graph.links[i].operands if isinstance(r, int)))

    def grads() -> tuple[float | None, ...]:
        return tuple(_number(graph.nodes[r].grad) for r in operands)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        upstream, before = _number(node.grad), grads()
        try:
            result = original(*args, **kwargs)
        except BaseException as error:
            calls.append(Call(i, upstream, operands, before, grads(), said(error)))
            raise
        calls.append(Call(i, upstream, operands, before, grads()))
        return result

    return recorded


def record(graph: LearnerGraph) -> Recording:
    """Run the root's ``backward()`` from zero gradients, recording each ``_backward`` call.

    Every node's ``grad`` (and the ``_backward`` of each node with operands)
    is restored exactly afterwards, whatever ``backward()`` did or raised.
    """
    nodes = graph.nodes
    grads = [node.grad for node in nodes]
    inner = [i for i, link in enumerate(graph.links) if link.operands]
    # A _backward the instance holds is put back; one it only inherits is deleted
    # again. Every node's: the watch wraps the leaves' too.
    own = [_held(node) for node in nodes]
    kept = [_parents_held(node) for node in nodes]
    calls: list[Call] = []
    raised: Exception | None = None
    try:
        for node, grad in zip(nodes, grads, strict=True):
            node.grad = 0 if isinstance(grad, int) else 0.0
        for i in inner:
            nodes[i]._backward = _wrapped(graph, i, calls)
        try:
            # Watched, so a runaway sort (no visited set, on diamonds) is
            # stopped by a budget of steps: no signal or thread is needed.
            with Watch(list(nodes), steps_allowed(len(nodes))):
                nodes[-1].backward()
        except Exception as error:  # shown in the player; the learner's grads come back
            raised = error
        left = tuple(_number(node.grad) for node in nodes)
    finally:
        for node, grad, parents in zip(nodes, grads, kept, strict=True):
            node.grad = grad
            for name, found in parents:
                setattr(node, name, found)
        for node, held in zip(nodes, own, strict=True):
            _restore(node, held)
    return Recording(tuple(calls), left, said(raised) if raised else "", raised)


def _parents_held(node: Any) -> list[tuple[str, Any]]:
    """The node's parent collections by name: the watch swaps them for counting copies."""
    return [(name, getattr(node, name)) for name in PARENTS if hasattr(node, name)]


def _held(node: Any) -> tuple[bool, Any]:
    """Whether the instance holds its ``_backward`` (not only inherits it), and what it is."""
    if hasattr(node, "__dict__"):
        return "_backward" in vars(node), vars(node).get("_backward")
    return True, getattr(node, "_backward", None)  # __slots__: the instance's own, if any


def _restore(node: Any, held: tuple[bool, Any]) -> None:
    own, original = held
    if own:
        with contextlib.suppress(AttributeError):  # __slots__ with no _backward: nothing to put
            node._backward = original
    else:
        vars(node).pop("_backward", None)


__all__ = ["Call", "Recording", "record"]
