"""The lab's view: one evaluation of ``f`` read for the front end, and its picture.

:func:`read` calls ``f`` on its inputs (Values labelled with their names),
traces its backward pass once (``backward_steps``) and returns a
:class:`Reading`: every node's data and gradient, its colour on the shared
|grad| scale (:mod:`autograd.viz.scene.colors`), and its derivation in the player's
notation. :func:`layout_of` lays the graph out once, with the player's layout
(:mod:`autograd.viz.views.walk_layout`), with room in each box for any number; every
later reading is data applied to that picture, in the browser (``lab.js``) or
here (:func:`snapshot`, the static view).

>>> r = read(lambda w, b: (w * 2.0 + b).tanh(), {"w": 0.5, "b": -1.0})
>>> r.value, r.gradient("w"), r.gradient("b")
(0.0, 2.0, 1.0)
>>> print(r.derivations[r.order.index(r.inputs["w"])])
w = 0.5, an input
dL/dw = dL/dmul1 · ∂mul1/∂w = 1.0 · 2.0 = 2.0
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from autograd.kinds import class_name
from autograd.text import number
from autograd.trace import OUTPUT, backward_steps, node_names
from autograd.value import Value
from autograd.viz.layout.display import image_url
from autograd.viz.layout.svg import Layout
from autograd.viz.scene import colors
from autograd.viz.scene.annotate import Annotations
from autograd.viz.scene.captions import formula
from autograd.viz.scene.dot import too_many
from autograd.viz.scene.sizing import size
from autograd.viz.views.frames import LabView, Paint, Scale
from autograd.viz.views.looks import layout_looks
from autograd.viz.views.paint import paint
from autograd.viz.views.steps import room, walk
from autograd.viz.views.walk_layout import drawings

#: Room in every data and grad cell for the longest number ``number`` writes.
ROOM = room("grad -0.000123457")
#: The widest picture the lab shows at its natural size, in points: JupyterLab's
#: output column at a 1280-px window is about 830 px (622 pt) wide.
COLUMN = 600.0


@dataclass(frozen=True)
class Reading:
    """One evaluation of the lab's function, as the front end shows it.

    Attributes:
        root: the output.
        order: every node, in ``forward_steps`` order (the picture's numbering).
        names: each node's display name.
        inputs: the input Values, by name.
        grads: each node's gradient d(output)/d(node).
        derivations: each node's derivation, in ``order``: how it was computed,
            then the chain rule that gave its gradient.
        output: the output's name in the notation (``dL/dx``: "L").
    """

    root: Value
    order: list[Value]
    names: dict[Value, str]
    inputs: dict[str, Value]
    grads: dict[Value, float]
    derivations: list[str]
    output: str

    @property
    def value(self) -> float:
        """The output's value."""
        return self.root.data

    def gradient(self, name: str) -> float:
        """d(output)/d(input ``name``)."""
        return self.grads[self.inputs[name]]

    def shape(self) -> tuple[tuple[str, tuple[int, ...], str], ...]:
        """The graph's structure (op, operands, name per node): a new one needs a new picture."""
        index = {v: i for i, v in enumerate(self.order)}
        return tuple(
            (v.op, tuple(index[a] for a in v._args if isinstance(a, Value)), self.names[v])
            for v in self.order
        )

    def nodes(self, scale: colors.LogScale) -> list[Paint]:
        """Each node's texts and its colours on ``scale``, in ``order``."""
        rows = []
        for v in self.order:
            g = self.grads[v]
            fill = scale.color(g)
            texts = {"cr-d": f"data {number(v.data)}", "cr-t": f"grad {number(g)}"}
            rows.append(Paint(fill=fill, ink=colors.text_color(fill), texts=texts))
        return rows

    def view(self, scale: colors.LogScale, ms: float = 0.0) -> LabView:
        """This reading as the frame the front end applies to the picture."""
        return LabView(
            nodes=self.nodes(scale),
            derivations=self.derivations,
            readout=self.readout(),
            scale=Scale(scale.low, scale.high, [colors.tick(scale.low), colors.tick(scale.high)]),
            ms=ms,
        )

    def readout(self) -> list[str]:
        """The output's value and its gradient with respect to each input, one line each."""
        out = self.names[self.root]
        lines = [f"{out} = {number(self.value)}"]
        lines += [f"d{self.output}/d{n} = {number(self.gradient(n))}" for n in self.inputs]
        return lines


def call(f: Callable[..., Any], inputs: Mapping[str, float]) -> tuple[Value, dict[str, Value]]:
    """``f`` called on a Value per input, labelled with its name; its output and the inputs.

    Raises:
        TypeError: ``f`` did not return a Value.
    """
    leaves = {name: Value(float(x), label=name) for name, x in inputs.items()}
    root = f(**leaves)
    if not isinstance(root, Value):
        raise TypeError(f"lab(f): f must return a Value, got {class_name(root)}")
    return root, leaves


def read(
    f: Callable[..., Any], inputs: Mapping[str, float], max_nodes: int | None = None
) -> Reading:
    """Evaluate ``f`` at ``inputs`` and trace its backward pass (see the module docstring).

    Raises:
        ValueError: the graph has more than ``max_nodes`` nodes to draw (checked
            before it is traced); the message says how to draw it anyway.
    """
    root, leaves = call(f, inputs)
    if max_nodes is not None and (drawn := size(root)) > max_nodes:
        raise too_many(drawn, max_nodes, anyway=f"call lab(f, {drawn}, **inputs)")
    steps = backward_steps(root)
    names = dict(steps[0].names) if steps else node_names(root)
    output = steps[0].output if steps else OUTPUT
    grads = dict.fromkeys([*leaves.values(), *names], 0.0)  # an input f ignores: 0.0
    grads[root] = 1.0
    chains: dict[Value, list[str]] = {v: [] for v in names}
    for step in steps:
        for j, (parent, _, _) in enumerate(step.contributions):
            grads[parent] = step.totals[j]  # the trace's running total
            chains[parent].append(step.chain(j))
    given = set(leaves.values())
    derivations = []
    for v in names:
        head = (
            formula(v, names)
            if v._args
            else f"{names[v]} = {number(v.data)}, " + ("an input" if v in given else "a constant")
        )
        lines = [head, *chains[v]]
        if v is root:
            lines.append(f"d{output}/d{names[v]} = 1.0: backward starts here")
        elif len(chains[v]) > 1:
            lines.append(f"so d{output}/d{names[v]} = {number(grads[v])}, the sum of its terms")
        elif not chains[v]:
            lines.append(f"d{output}/d{names[v]} = 0.0: the output does not depend on it")
        derivations.append("\n".join(lines))
    return Reading(root, list(names), names, leaves, grads, derivations, output)


def layout_of(reading: Reading, rankdir: str | None = None) -> Layout:
    """The one picture every reading of this graph is applied to (Graphviz, once).

    The player's layout of the graph with plain edges, both cells of every box
    live (``cr-d`` and ``cr-t``) and as wide as any number, and no legend (the
    lab draws its own, as the scale moves). The lab shows it at its natural
    size, where text is 11 pt (14.7 px), so of the shapes tried the lowest one
    no wider than :data:`COLUMN` is kept (scrolling down a notebook is
    natural; a graph cut off at the right is not), else the narrowest.
    """
    w = walk(reading.root)
    base = layout_looks(w)
    boxes = {
        v: dataclasses.replace(
            base.node(v), live="both", data_width=ROOM, grad_width=ROOM, flag="", fill="#ffffff"
        )
        for v in w.order
    }
    look = Annotations(boxes)  # plain edges
    drawn = drawings(w, rankdir=rankdir, look=look)
    fits = [d for d in drawn if d.width <= COLUMN]
    return min(fits, key=lambda d: d.height) if fits else min(drawn, key=lambda d: d.width)


def scale_of(reading: Reading) -> colors.LogScale:
    """The |grad| colour scale of a reading: the decades its gradients span."""
    return colors.LogScale.spanning(reading.grads.values())


def snapshot(layout: Layout, reading: Reading, hint: str) -> str:
    """The static view: the picture with this reading's numbers and colours, and its text."""
    rows = reading.nodes(scale_of(reading))
    svg = paint(layout.svg, {str(i): row for i, row in enumerate(rows)})
    readout = "\n".join(reading.readout())
    return (
        f'<div><p style="font-size:13px">{html.escape(hint)}</p>'
        f'<div style="overflow-x:auto"><img alt="the graph and its gradients" '
        f'src="{image_url(svg)}" style="max-width:none"></div>'
        f'<pre style="font-size:13px">{html.escape(readout)}</pre></div>'
    )


__all__ = [
    "COLUMN",
    "ROOM",
    "Reading",
    "call",
    "layout_of",
    "read",
    "scale_of",
    "snapshot",
]
