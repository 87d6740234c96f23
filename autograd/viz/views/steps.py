"""What the step-through player shows, as data: one trace, then frames.

:func:`walk` traces a pass once and returns a :class:`Walk`: the nodes in
drawing order, their names, and one :class:`Frame` per step holding only what
changes (the active node, the cells whose text it rewrites, the caption). The
player lays the graph out once and applies the frames to that one picture, so
its size and time grow with nodes + steps.

A backward walk starts with only the output's gradient known (the seed),
gives each operand its share at each step ("so far" until every use of it has
been processed), and ends with a summary frame of every gradient coloured by
|grad|. A forward walk starts with the leaves (inputs and parameters) given
and evaluates the rest layer by layer.

>>> from autograd import Value
>>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
>>> c = a * b
>>> c.label = "c"
>>> w = walk(c * c)
>>> [f.active.label if f.active else "" for f in w.frames]
['', '', 'c', '']
>>> print(w.frames[2].caption)
Step 2 of 2: c = a * b, and dL/dc = -12.0 is complete.
  dL/da = dL/dc · ∂c/∂a = (-12.0) · (-3.0) = 36.0
  dL/db = dL/dc · ∂c/∂b = (-12.0) · 2.0 = -24.0
>>> w.texts_at(1)[a], w.texts_at(2)[a]     # not computed yet, then computed
('—', '36.0')

A backward walk's cell that no frame has written yet reads ``—``
(:data:`autograd.viz.scene.keys.NOT_COMPUTED`), as a still drawing's does: a
gradient not computed yet is not a gradient of 0. A forward walk's reads ""
(:attr:`Walk.blank`).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from autograd.text import number
from autograd.trace import BackwardStep, backward_steps, forward_steps, node_names, term
from autograd.value import Value
from autograd.viz.scene import captions
from autograd.viz.scene.annotate import Terms
from autograd.viz.scene.keys import NOT_COMPUTED


@dataclass(frozen=True, slots=True)
class Frame:
    """One frame of the player: what changes from the frame before.

    Attributes:
        caption: the step in words (lines separated by newlines).
        active: the node being processed (backward) or evaluated (forward);
            None for the first and the summary frame.
        changes: (node, text) for each cell this frame rewrites: the grad cell
            in a backward walk, the data cell in a forward one.
        summary: the last frame of a backward walk: every gradient, coloured.
        counter: the player's counter for this frame, where "step k of n"
            would not say it (``nn.explain``'s forward and update frames).
    """

    caption: str
    active: Value | None = None
    changes: tuple[tuple[Value, str], ...] = ()
    summary: bool = False
    counter: str = ""


@dataclass(frozen=True)
class Walk:
    """A traced pass: the graph's nodes, their names and the frames of the player.

    Attributes:
        root: the output.
        direction: "backward" or "forward".
        order: every node, in ``forward_steps`` order (the drawing's numbering).
        names: each node's display name (``node_names``).
        frames: the frames, first to last.
        show_data: whether boxes show data (always, forward).
        grads: each node's final gradient (backward; empty forward).
        terms: each operand use's (local derivative, contribution) (backward).
        scale: the fixed |grad| colour scale ``(low, high)`` of the last frame,
            None for the decades its gradients span.
        twin: a forward walk's backward walk of the same graph, whose boxes
            its layout takes, so that the two players share one picture.
        flags: a flag for some nodes in the summary frame (a learner's
            gradient the chain rule disagrees with: "should be 2.0").
    """

    root: Value
    direction: str
    order: list[Value]
    names: dict[Value, str]
    frames: list[Frame]
    show_data: bool = True
    grads: dict[Value, float] = dataclasses.field(default_factory=dict)
    terms: Terms = dataclasses.field(default_factory=dict)
    scale: tuple[float, float] | None = None
    twin: Walk | None = None
    flags: dict[Value, str] = dataclasses.field(default_factory=dict)

    @property
    def cell(self) -> str:
        """The cell the frames rewrite: "grad" (backward) or "data" (forward)."""
        return "grad" if self.direction == "backward" else "data"

    @property
    def blank(self) -> str:
        """The text of a cell no frame has written yet: "—" (backward) or "" (forward).

        Backward, the cell is a gradient the walk has not reached: "—", not
        computed yet, as a still drawing says it (never blank, which reads
        as nothing to see, nor 0.0). Forward, it is a value not evaluated yet:
        data is not a gradient and the key's "—" speaks of gradients, so it
        stays blank, as do the forward player's grad cells (it computes none).
        """
        return NOT_COMPUTED if self.direction == "backward" else ""

    def texts_at(self, k: int) -> dict[Value, str]:
        """Every node's rewritten cell in frame ``k`` (:attr:`blank` where none is known yet)."""
        texts = dict.fromkeys(self.order, self.blank)
        for frame in self.frames[: k + 1]:
            texts.update(frame.changes)
        return texts

    def texts(self) -> Iterator[dict[Value, str]]:
        """``texts_at(k)`` for every frame in turn, each made from the one before.

        One dict, updated in place: linear in nodes + changes, where calling
        ``texts_at`` for every frame would be quadratic.
        """
        texts = dict.fromkeys(self.order, self.blank)
        for frame in self.frames:
            texts.update(frame.changes)
            yield texts

    def blanks(self) -> list[bool]:
        """Whether each frame still shows some cell as :attr:`blank` "—" (never forward).

        Linear in nodes + changes: every frame before the one that first
        writes the last node to be written.
        """
        if not self.blank:
            return [False] * len(self.frames)
        first: dict[Value, int] = {}
        for k, frame in enumerate(self.frames):
            for v, _ in frame.changes:
                first.setdefault(v, k)
        known = max((first.get(v, len(self.frames)) for v in self.order), default=0)
        return [k < known for k in range(len(self.frames))]

    @functools.cached_property
    def widths(self) -> dict[str, dict[Value, float]]:
        """The room, in points, of each node's data and grad cell: made once for all frames."""
        return _widths(self)


def room(text: str, points: float = 11.0) -> float:
    """Points a cell needs for ``text``: a generous estimate, so no text outgrows it."""
    # Helvetica averages under 0.5 em a character; digits are 0.556 em.
    return round(0.54 * points * len(text) + 8)


def _widths(w: Walk) -> dict[str, dict[Value, float]]:
    """The room of each node's data and grad cell: its longest text in any frame."""
    # At least two digits' room: the blank "—" is an em wide, two digits 1.1 em,
    # so a cell that reads "—" before its number keeps its width.
    longest = dict.fromkeys(w.order, 2)
    for frame in w.frames:
        for v, text in frame.changes:
            longest[v] = max(longest[v], len(text))
    data = {v: room("data " + number(v.data)) for v in w.order} if w.show_data else {}
    if w.direction == "forward":
        return {"data": {v: room("data " + "0" * n) for v, n in longest.items()}, "grad": {}}
    return {"data": data, "grad": {v: room("grad " + "0" * n) for v, n in longest.items()}}


# -- backward ------------------------------------------------------------------


def _operand_indices(node: Value) -> list[int]:
    return [i for i, a in enumerate(node._args) if isinstance(a, Value)]


def _backward_frames(
    root: Value, steps: Sequence[BackwardStep], seed: float, grads: dict[Value, float]
) -> list[Frame]:
    """Frame 0, one frame per step, then the summary; ``grads`` is filled in."""
    terms_of: dict[Value, int] = {}  # how many terms each node receives in all
    for step in steps:
        for parent, _, _ in step.contributions:
            terms_of[parent] = terms_of.get(parent, 0) + 1
    out = steps[0].output if steps else "L"
    name = steps[0].names.get(root, out) if steps else out
    grads[root] = seed
    frames = [Frame(captions.start(name, out, seed), changes=((root, number(seed)),))]
    received: dict[Value, int] = {}
    for k, step in enumerate(steps, start=1):
        many = len(step.contributions) > captions.MANY
        lines = [captions.step_head(step, k, len(steps), many)]
        changes: dict[Value, str] = {}
        for j, (parent, local, contribution) in enumerate(step.contributions):
            n = received[parent] = received.get(parent, 0) + 1
            previous = grads.get(parent)
            grads[parent] = step.totals[j]  # the trace's running total
            tally = captions.tally(n, terms_of[parent], previous, contribution, grads[parent])
            # Many operands (a neuron's dot): the rule once, then one short line each.
            line = f"{step.name(parent)}: {term(step.upstream, local, contribution)}"
            lines.append("  " + (line if many else step.chain(j)) + tally)
            pending = n < terms_of[parent]
            changes[parent] = number(grads[parent]) + (" (so far)" if pending else "")
        frames.append(Frame("\n".join(lines), step.node, tuple(changes.items())))
    return frames


# -- forward -------------------------------------------------------------------


def _forward_frames(order: Sequence[Value], names: dict[Value, str]) -> list[Frame]:
    leaves = [v for v in order if not v._args]
    computed = [v for v in order if v._args]
    given = tuple((v, number(v.data)) for v in leaves)
    start = Frame(captions.given(leaves, names), changes=given)
    return [start] + [
        Frame(captions.evaluated(v, names, k, len(computed)), v, ((v, number(v.data)),))
        for k, v in enumerate(computed, start=1)
    ]


# -- the trace -----------------------------------------------------------------


def walk(
    root: Value,
    direction: str = "backward",
    grad: float = 1.0,
    *,
    show_data: bool = True,
    scale: tuple[float, float] | None = None,
) -> Walk:
    """Trace ``root``'s backward (or forward) pass once, as the frames of a player.

    Touches no ``.grad``. See the module docstring for what the frames show.
    """
    if direction == "forward":
        order = forward_steps(root)
        names = node_names(root, order)
        twin = walk(root, "backward", grad, show_data=True, scale=scale)
        return Walk(root, direction, order, names, _forward_frames(order, names), twin=twin)
    steps = backward_steps(root, grad)
    # The trace has named every node already, in forward_steps order.
    names = dict(steps[0].names) if steps else node_names(root)
    order = list(names)
    grads: dict[Value, float] = {}
    frames = _backward_frames(root, steps, float(grad), grads)
    out = steps[0].output if steps else "L"
    frames.append(Frame(captions.summary(names, out, grads), summary=True))
    terms = {
        (step.node, i): (local, contribution)
        for step in steps
        for i, (_, local, contribution) in zip(
            _operand_indices(step.node), step.contributions, strict=True
        )
    }
    return Walk(root, direction, order, names, frames, show_data, grads, terms, scale)
