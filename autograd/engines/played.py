"""A learner's own backward pass as steps, each checked against the chain rule.

:func:`learner_steps` turns the calls :func:`autograd.engines.recorder.record`
kept into :class:`LearnerStep` s: the :class:`~autograd.trace.BackwardStep`
of chainrule's notation (on the copies of :mod:`autograd.engines.mirror`),
plus what the call really did to each operand's gradient and what is wrong
with it, in words:

- it *overwrote* a gradient: the operand's grad after is a share alone, not
  the grad before plus the shares (``=`` where ``+=`` is needed);
- it *ran too early*: a user of the node had not yet sent its share, so the
  gradient passed on was not final;
- it *ran twice*: the node's ``_backward`` had run already;
- a *wrong local derivative*: the change is not upstream × the table's one.

>>> from autograd.engines.foreign import read
>>> from autograd.engines.mirror import mirror
>>> from autograd.engines.recorder import record
>>> from autograd.trace import node_names
>>> class Node:
...     def __init__(self, data, children=(), op=""):
...         self.data, self.grad, self._prev, self._op = data, 0.0, set(children), op
...         self._backward = lambda: None
...     def __mul__(self, other):
...         out = Node(self.data * other.data, (self, other), "*")
...         def _backward():
...             self.grad = other.data * out.grad      # '=' where '+=' is needed
...             other.grad = self.data * out.grad
...         out._backward = _backward
...         return out
...     def backward(self):
...         self.grad = 1.0
...         self._backward()
>>> x = Node(3.0)
>>> x.label = "x"
>>> graph = read(x * x)
>>> copies = mirror(graph)
>>> (step,) = learner_steps(graph, record(graph), copies, node_names(copies[-1]))
>>> step.formula(), step.before, step.totals
('L = x * x', (0.0, 0.0), (3.0, 3.0))
>>> print(step.problems[0])  # doctest: +ELLIPSIS
x is used 2 times but got one share: x.grad = 3.0, should be 0.0 + 3.0 + 3.0 = 6.0 (use += ...
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from autograd.backward_step import BackwardStep
from autograd.engines.chain import Should, agrees, local_derivatives
from autograd.engines.foreign import LearnerGraph
from autograd.engines.recorder import Call, Recording
from autograd.notation import factor
from autograd.text import number
from autograd.value import Value


@dataclass(frozen=True, slots=True)
class LearnerStep(BackwardStep):
    """One call of a learner's ``_backward``, as it ran, checked.

    Its ``node`` and parents are chainrule copies of the learner's nodes
    (:func:`autograd.engines.mirror.mirror`, data and grads as the engine
    held them); ``upstream`` is the node's grad when its ``_backward`` ran;
    ``contributions`` are what the chain rule says each use receives
    (``upstream · local``; NaN for an op the table lacks); ``totals`` the
    operand's grad right after the call, as the engine left it.

    Attributes:
        before: per contribution, the operand's grad just before the call.
        run: 1 for the node's first ``_backward`` call, 2 for its second...
        problems: what is wrong with this call, in words (empty: nothing).
        error: what the call raised, in words ("" if it returned).
        checked: False for an op the table lacks (nothing is checked).
    """

    before: tuple[float | None, ...] = ()
    run: int = 1
    problems: tuple[str, ...] = ()
    error: str = ""
    checked: bool = True

    def changes(self) -> list[str]:
        """Each operand's grad before and after the call, and the chain rule's shares.

        One line per operand (a repeated one once): ``"x.grad: 1.0 → 3.0
        (the chain rule adds 1.0 · 3.0 + 1.0 · 3.0 = 6.0)"``.
        """
        lines, seen = [], set()
        for j, (parent, _, _) in enumerate(self.contributions):
            if parent in seen:
                continue
            seen.add(parent)
            uses = [i for i, (p, _, _) in enumerate(self.contributions) if p is parent]
            was, now = number(_grad(self.before[j])), number(self.totals[j])
            shares = " + ".join(
                f"{factor(self.upstream)} · {factor(self.contributions[i][1])}" for i in uses
            )
            total = math.fsum(self.contributions[i][2] for i in uses)
            rule = f" (the chain rule adds {shares} = {number(total)})" if self.checked else ""
            lines.append(f"{self.name(parent)}.grad: {was} → {now}{rule}")
        return lines

    def __str__(self) -> str:
        node = self.name(self.node)
        run = f" (run {self.run})" if self.run > 1 else ""
        head = f"{self.formula()}: _backward{run} with {node}.grad = {number(self.upstream)}"
        lines = [head] + ["  " + line for line in self.changes()]
        if not self.checked:
            lines.append(f"  op '{self.node.op}' is not in chainrule's table: not checked")
        lines += [f"  ⚠ {problem}" for problem in self.problems]
        if self.error:
            lines.append(f"  it raised {self.error}")
        return "\n".join(lines)


class LearnerBackwardError(RuntimeError):
    """A learner's ``backward()`` raised; ``steps`` are the calls recorded up to there."""

    def __init__(self, error: str, steps: Sequence[BackwardStep]) -> None:
        super().__init__(
            f"your engine's backward() raised {error} after {len(steps)} _backward calls"
        )
        self.steps = list(steps)


def _grad(x: float | None) -> float:
    return math.nan if x is None else x


def learner_steps(
    graph: LearnerGraph,
    recording: Recording,
    copies: Sequence[Value],
    names: Mapping[Value, str],
) -> list[LearnerStep]:
    """The recorded calls as checked steps, in the order they ran.

    Args:
        copies: ``mirror(graph)``: the nodes the steps are written on.
        names: each copy's display name (``autograd.trace.node_names``).
    """
    users: list[list[int]] = [[] for _ in graph.links]
    for u, link in enumerate(graph.links):
        for r in dict.fromkeys(r for r in link.operands if isinstance(r, int)):
            users[r].append(u)
    runs = [0] * len(graph.links)
    steps = []
    for call in recording.calls:
        runs[call.node] += 1
        early = [u for u in users[call.node] if graph.links[u].operands and runs[u] == 0]
        steps.append(_step(graph, copies, names, call, runs[call.node], early))
    return steps


def _step(
    graph: LearnerGraph,
    copies: Sequence[Value],
    names: Mapping[Value, str],
    call: Call,
    run: int,
    early: Sequence[int],
) -> LearnerStep:
    link, up = graph.links[call.node], _grad(call.upstream)
    checked = link.op is not None
    local = local_derivatives(link, graph.links) if checked else (math.nan,) * len(link.operands)
    uses = [(r, d) for r, d in zip(link.operands, local, strict=True) if isinstance(r, int)]
    problems = _order(names[copies[call.node]], up, run, [names[copies[u]] for u in early])
    for r, before, after in zip(call.operands, call.before, call.after, strict=True):
        shares = [up * d for q, d in uses if q == r]
        problem = _change(names[copies[r]], _grad(before), _grad(after), shares)
        if checked and problem:
            problems.append(problem)
    k = [call.operands.index(r) for r, _ in uses]
    return LearnerStep(
        copies[call.node],
        up,
        tuple((copies[r], d, up * d) for r, d in uses),
        names,
        adds=tuple(
            any(q == r for q, _ in uses[:j]) or bool(call.before[k[j]])
            for j, (r, _) in enumerate(uses)
        ),
        totals=tuple(_grad(call.after[p]) for p in k),
        before=tuple(call.before[p] for p in k),
        run=run,
        problems=tuple(problems),
        error=call.error,
        checked=checked,
    )


def _order(name: str, up: float, run: int, early: Sequence[str]) -> list[str]:
    """What is wrong with when a node's ``_backward`` ran: again, or before its users'."""
    problems = []
    if run > 1:
        problems.append(f"ran again (run {run}): {name}'s _backward had run already")
    if early:
        problems.append(
            f"ran too early: {', '.join(early)} had not sent {name} its share yet, "
            f"so {name}.grad = {number(up)} was not final"
        )
    return problems


def _change(name: str, old: float, got: float, shares: Sequence[float]) -> str:
    """What is wrong with one operand's change of grad, from ``old`` to ``got``, in words;
    "" where it is ``old`` plus the chain rule's ``shares`` (or nothing can be said)."""
    total = old + math.fsum(shares)
    should = Should(total, abs(old) + sum(map(abs, shares)), ())
    if agrees(got, should) or not math.isfinite(total):
        return ""
    added = f"{' + '.join(number(x) for x in [old, *shares])} = {number(total)}"

    def one_of(values: Sequence[float]) -> bool:
        return any(agrees(got, Should(v, abs(v), ())) for v in values)

    if old != 0 and one_of([*shares, math.fsum(shares)]):
        return (
            f"overwrote {name}.grad: {number(old)} before, {number(got)} after; "
            f"adding gives {added} (use += in _backward)"
        )
    if len(shares) > 1 and one_of(shares):
        return (
            f"{name} is used {len(shares)} times but got one share: {name}.grad = "
            f"{number(got)}, should be {added} (use += in _backward)"
        )
    return (
        f"{name}.grad went from {number(old)} to {number(got)}, should be {added} "
        "(a wrong local derivative?)"
    )


__all__ = ["LearnerBackwardError", "LearnerStep", "learner_steps"]
