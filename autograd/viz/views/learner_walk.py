"""The player of a learner's own backward pass: one frame per ``_backward`` call, as it ran.

:func:`learner_walk` records a learner's ``root.backward()``
(:mod:`autograd.engines.recorder`: grads set to 0 first, every ``.grad``
and ``_backward`` put back after) and makes the :class:`~.steps.Walk` the
player shows: frame 0 the zeroed grads, then each recorded call, checked
(:mod:`autograd.engines.played`), then a summary. A call's caption says what
it did to each operand's grad against what the chain rule adds, and flags a
call that overwrote a grad, ran too early or ran twice; a grad cell that
went wrong reads "3.0 (should be 7.0)". If the learner's backward raised,
the frames stop there and the summary says what was raised.

>>> class Node:                        # '=' where '+=' is needed
...     def __init__(self, data, children=(), op=""):
...         self.data, self.grad, self._prev, self._op = data, 0.0, set(children), op
...         self._backward = lambda: None
...     def __mul__(self, other):
...         out = Node(self.data * other.data, (self, other), "*")
...         def _backward():
...             self.grad = other.data * out.grad
...             other.grad = self.data * out.grad
...         out._backward = _backward
...         return out
...     def backward(self):
...         self.grad = 1.0
...         self._backward()
>>> x = Node(3.0)
>>> w = learner_walk(x * x)
>>> len(w.frames), w.frames[1].changes[-1][1]
(3, '3.0 (should be 6.0)')
>>> list(w.flags.values())
['should be 6.0']
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from autograd.engines.chain import local_derivatives
from autograd.engines.foreign import LearnerGraph, read
from autograd.engines.mirror import mirror
from autograd.engines.played import LearnerStep, learner_steps
from autograd.engines.recorder import Recording, record
from autograd.text import number
from autograd.trace import forward_steps, node_names
from autograd.value import Value
from autograd.viz.scene.learner import SHOULD, wrong
from autograd.viz.views.steps import Frame, Walk

START = (
    "Your engine's own backward(), one _backward call a frame, as it ran. Every grad "
    "was set to 0 first (and is put back as it was after). ⚠ marks a call that "
    "overwrote a grad, ran too early or ran again, or a grad the chain rule disagrees with."
)


def learner_walk(
    root: object, *, show_data: bool = True, scale: tuple[float, float] | None = None
) -> Walk:
    """Record a learner's backward from ``root`` and make the player's walk of it."""
    graph = read(root)
    copies = mirror(graph)
    recording = record(graph)
    order = forward_steps(copies[-1])
    names = node_names(copies[-1], order)
    steps = learner_steps(graph, recording, copies, names)
    zero = tuple((v, number(0.0)) for v in order)
    frames = [Frame(START, changes=zero)]
    frames += [_frame(step, k, len(steps)) for k, step in enumerate(steps, start=1)]
    left = _left(graph, recording)
    flags = {copies[i]: SHOULD.format(number(should)) for i, should in wrong(left).items()}
    frames.append(Frame(_summary(left, names, copies, recording, len(steps)), summary=True))
    grads = {copies[i]: math.nan if g is None else g for i, g in enumerate(recording.grads)}
    return Walk(
        copies[-1], "backward", order, names, frames, show_data, grads,
        _terms(graph, copies, grads), scale, flags=flags,
    )  # fmt: skip


def _frame(step: LearnerStep, k: int, total: int) -> Frame:
    """One call: the node's grad as it ran, each operand's grad after, flagged where wrong."""
    changes: dict[Value, str] = {step.node: number(step.upstream)}
    for j, (parent, _, _) in enumerate(step.contributions):
        uses = [c for p, _, c in step.contributions if p is parent]
        before = step.before[j]
        should = (0.0 if before is None else before) + math.fsum(uses)
        after = step.totals[j]
        text = number(after)
        if (
            step.checked
            and math.isfinite(should)
            and not math.isclose(after, should, rel_tol=1e-6)
        ):
            text += f" ({SHOULD.format(number(should))})"
        changes[parent] = text
    return Frame(f"Step {k} of {total}: {step}", step.node, tuple(changes.items()))


def _left(graph: LearnerGraph, recording: Recording) -> LearnerGraph:
    """``graph`` with the grads the learner's backward left (the recorded ones)."""
    links = tuple(
        dataclasses.replace(link, grad=g)
        for link, g in zip(graph.links, recording.grads, strict=True)
    )
    return dataclasses.replace(graph, links=links)


def _summary(
    left: LearnerGraph,
    names: dict[Value, str],
    copies: Sequence[Value],
    recording: Recording,
    calls: int,
) -> str:
    """The last frame's caption: how many calls, what was raised, which grads are wrong."""
    lines = [recording.ended(calls)]
    bad = wrong(left)
    for i, should in bad.items():
        got = left.links[i].grad
        shown = "no number" if got is None else number(got)
        lines.append(f"  ⚠ {names[copies[i]]}: grad {shown}, {SHOULD.format(number(should))}")
    if not bad:
        lines.append("  Every checked grad agrees with the chain rule.")
    unchecked = sorted({left.texts[i] for i in left.unchecked()})
    if unchecked:
        lines.append("  Not checked: " + ", ".join(f"'{t}'" for t in unchecked))
    return "\n".join(lines)


def _terms(
    graph: LearnerGraph, copies: Sequence[Value], grads: dict[Value, float]
) -> dict[tuple[Value, int], tuple[float | None, float | None]]:
    """Each operand use's (local derivative, share) at the grads the learner's backward left."""
    terms: dict[tuple[Value, int], tuple[float | None, float | None]] = {}
    for i, link in enumerate(graph.links):
        if link.op is None or not link.operands:
            continue
        up = grads[copies[i]]
        for p, (r, d) in enumerate(
            zip(link.operands, local_derivatives(link, graph.links), strict=True)
        ):
            if isinstance(r, int):
                terms[copies[i], p] = (d, up * d)
    return terms


__all__ = ["START", "learner_walk"]
