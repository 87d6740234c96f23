"""The frames of the step-through player: what each picture shows, and its caption.

Every frame draws the same nodes and edges; only the annotations change, so
the layout barely moves from one frame to the next. A backward frame
highlights the node being processed, shows the gradients known so far (blank
where none is known yet, "so far" where more terms are still to come), and
writes the chain-rule product on the edges just used. A forward frame reveals
the values in evaluation order.

>>> from autograd import Value
>>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
>>> c = a * b
>>> c.label = "c"
>>> frames = backward_frames(c * c)
>>> len(frames), frames[0].highlight, frames[-1].highlight
(3, '', 'c')
>>> frames[-1].annotations.edge(c, 0).label
'dL/da = dL/dc · dc/da = -12.0 · -3.0 = 36.0'
>>> frames[-1].annotations.node(a).grad, frames[1].annotations.node(a).grad
('36.0', '')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from autograd.backward import topological_order
from autograd.trace import OUTPUT, BackwardStep, backward_steps, node_names
from autograd.value import Value
from autograd.viz.annotate import Annotations, EdgeLook, NodeLook
from autograd.viz.dot import HIGHLIGHT
from autograd.viz.text import number

#: Colour of the edges just used and of their chain-rule text.
USED = HIGHLIGHT
#: Fill of the node being processed.
CURRENT = "#ffe9d2"


@dataclass(frozen=True)
class Frame:
    """One picture of the player.

    Attributes:
        annotations: what each box and edge shows.
        caption: the step in words.
        highlight: the name of the highlighted node, "" for none.
    """

    annotations: Annotations
    caption: str
    highlight: str = ""


def _users(steps: Sequence[BackwardStep]) -> dict[Value, int]:
    """How many steps will send a gradient to each node."""
    count: dict[Value, int] = {}
    for step in steps:
        for parent in dict.fromkeys(p for p, _, _ in step.contributions):
            count[parent] = count.get(parent, 0) + 1
    return count


def _room(text: str, points: float = 11.0) -> float:
    """Points a cell needs for ``text``: a generous estimate, so no text outgrows it."""
    # Helvetica averages under 0.5 em a character; digits are 0.556 em.
    return round(0.54 * points * len(text) + 8)


def _backward_annotations(
    names: dict[Value, str],
    grads: dict[Value, str],
    widths: dict[Value, float],
    rooms: dict[tuple[Value, int], float],
    step: BackwardStep | None,
    show_data: bool,
) -> Annotations:
    current = step.node if step is not None else None
    labels: dict[tuple[Value, int], str] = {}
    if step is not None:
        operands = [i for i, a in enumerate(step.node._args) if isinstance(a, Value)]
        labels = {(step.node, i): step.chain(k) for k, i in enumerate(operands)}

    def node(v: Value) -> NodeLook:
        return NodeLook(
            data=number(v.data) if show_data else None,
            grad=grads.get(v, ""),
            fill=CURRENT if v is current else "",
            highlight=v is current,
            name=names[v],
            data_width=_room("data " + number(v.data)) if show_data else 0.0,
            grad_width=widths[v],
        )

    def edge(v: Value, index: int) -> EdgeLook:
        room = rooms.get((v, index), 0.0)
        label = labels.get((v, index))
        if label is not None:
            return EdgeLook(label=label, color=USED, width=2.0, label_width=room)
        if v is current:  # the op edge into the node being processed
            return EdgeLook(color=USED, width=2.0, label_width=room)
        return EdgeLook(label_width=room)

    return Annotations(node, edge)


def _backward_caption(
    step: BackwardStep, number_of: int, total: int, running: dict[Value, float]
) -> str:
    """The step in words; ``running`` (each node's gradient so far) is brought up to date."""
    name = step.name(step.node)
    lines = [
        f"Step {number_of} of {total}: {step.formula()}, and d{OUTPUT}/d{name} = "
        f"{number(step.upstream)} is complete: every use of {name} has been processed "
        "(that is why backward follows the topological order, output first).",
        f"The chain rule sends each operand d{OUTPUT}/d{name} times its local derivative:",
    ]
    for k, (parent, _, contribution) in enumerate(step.contributions):
        line = step.chain(k)
        previous = running.get(parent)
        if previous is None:
            running[parent] = contribution
        else:
            running[parent] = previous + contribution
            line += (
                f"  ({step.name(parent)} is used more than once, so its gradient adds up: "
                f"{number(previous)} + {number(contribution)} = {number(running[parent])})"
            )
        lines.append(line)
    return "\n".join(lines)


def _grad_texts(root: Value, steps: Sequence[BackwardStep]) -> list[dict[Value, str]]:
    """Each frame's grad cell text per node: blank, "g (so far)" or the final g."""
    pending = _users(steps)
    known: dict[Value, float] = {}
    texts: list[dict[Value, str]] = [{}]
    known[root] = steps[0].upstream if steps else 0.0
    for step in steps:
        for parent, _, contribution in step.contributions:
            previous = known.get(parent)
            known[parent] = contribution if previous is None else previous + contribution
        for parent in dict.fromkeys(p for p, _, _ in step.contributions):
            pending[parent] -= 1
        texts.append(
            {v: number(g) + (" (so far)" if pending.get(v, 0) else "") for v, g in known.items()}
        )
    return texts


def backward_frames(root: Value, grad: float = 1.0, *, show_data: bool = True) -> list[Frame]:
    """Frame 0, the graph before backward, then one frame per backward step."""
    steps = backward_steps(root, grad)
    names = node_names(root)
    texts = _grad_texts(root, steps)
    # Every cell and edge label keeps the room of its longest text in every
    # frame, so Graphviz lays each frame out exactly the same way.
    widths: dict[Value, float] = {}
    rooms: dict[tuple[Value, int], float] = {}
    for v in topological_order(root):
        longest = max((len(t[v]) for t in texts if v in t), default=0)
        widths[v] = _room("grad " + "0" * longest)
    for step in steps:
        operands = [i for i, a in enumerate(step.node._args) if isinstance(a, Value)]
        for k, i in enumerate(operands):
            rooms[step.node, i] = _room(step.chain(k), 9.0)
    seed = steps[0].upstream if steps else float(grad)
    frames = [
        Frame(
            _backward_annotations(names, texts[0], widths, rooms, None, show_data),
            f"Before backward: no gradient is known yet (blank boxes). Backward starts at "
            f"the output {names[root]} with d{OUTPUT}/d{names[root]} = {number(seed)}.",
        )
    ]
    running: dict[Value, float] = {}
    for k, step in enumerate(steps, start=1):
        caption = _backward_caption(step, k, len(steps), running)
        if k == len(steps):
            caption += "\nBackward is done: every gradient is final."
        annotations = _backward_annotations(names, texts[k], widths, rooms, step, show_data)
        frames.append(Frame(annotations, caption, names[step.node]))
    return frames


def _forward_annotations(
    names: dict[Value, str], seen: set[Value], current: Value | None
) -> Annotations:
    seen = set(seen)  # a snapshot: the next frames add to it

    def node(v: Value) -> NodeLook:
        return NodeLook(
            data=number(v.data) if v in seen else "",
            fill=CURRENT if v is current else "",
            highlight=v is current,
            name=names[v],
            data_width=_room("data " + number(v.data)),
        )

    def edge(v: Value, index: int) -> EdgeLook:
        return EdgeLook(color=USED, width=2.0) if v is current else EdgeLook()

    return Annotations(node, edge)


def _forward_caption(v: Value, names: dict[Value, str], k: int, total: int) -> str:
    head = f"Step {k} of {total}:"
    if not v._args:
        return f"{head} {names[v]} is an input: {names[v]} = {number(v.data)}."
    values = [number(a.data) if isinstance(a, Value) else number(a) for a in v._args]
    operands = [names[a] if isinstance(a, Value) else number(a) for a in v._args]
    if v._op is not None and v._op.infix and len(values) == 2:
        formula = f"{operands[0]} {v.op} {operands[1]} = {values[0]} {v.op} {values[1]}"
    else:
        formula = f"{v.op}({', '.join(operands)}) = {v.op}({', '.join(values)})"
    return (
        f"{head} {names[v]} = {formula} = {number(v.data)}. Its operands are all known: "
        "the forward pass evaluates in topological order."
    )


def forward_frames(root: Value) -> list[Frame]:
    """Frame 0, no value known, then one frame per node in evaluation order."""
    order = topological_order(root)
    names = node_names(root)
    frames = [
        Frame(
            _forward_annotations(names, set(), None),
            "Before the forward pass: no value is computed yet.",
        )
    ]
    seen: set[Value] = set()
    for k, v in enumerate(order, start=1):
        seen.add(v)
        caption = _forward_caption(v, names, k, len(order))
        frames.append(Frame(_forward_annotations(names, seen, v), caption, names[v]))
    return frames
