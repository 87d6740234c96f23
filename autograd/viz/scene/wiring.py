"""The DOT of a folded network: neuron boxes, input nodes and junctions.

:mod:`autograd.viz.scene.fold` decides what a collapsed drawing merges; this module
writes it. A neuron's box reads, one short line each::

    layer 2 · neuron 5
    tanh(w·x + b)
    data 0.53
    grad -0.021
    w: |grad| ≤ 3e-05

(numbers to three significant digits; the last line is the largest |grad| of
its weights, rounded up). Edges leave a box on its far side and enter on its
near side (right and left in a left-to-right drawing), so that a layer's
wiring runs as one bus through its junction instead of a web.

>>> from autograd import Value, dot
>>> from autograd.trace import forward_steps
>>> from autograd.viz.scene.annotate import plain
>>> from autograd.viz.scene.fold import fold
>>> w = [Value(0.5, label="layers.0.neurons.0.w.0")]
>>> h = dot(w, [2.0], bias=Value(0.0, label="layers.0.neurons.0.b")).tanh()
>>> order = forward_steps(h)
>>> folds = fold(order)
>>> nodes, edges = wiring(folds, {v: i for i, v in enumerate(order)}, plain(order), rankdir="LR")
>>> nodes  # the input 2.0, operand 1 of node 2 (the dot)
['x2_1 [shape=note width=0 margin="0.04,0.02" label=<<B>x1</B><BR/>2.0>]']
>>> edges  # into the box of node 3, the tanh, on its left
['x2_1 -> v3:w']
>>> summary(folds.neurons[h])  # nothing backpropagated yet: not computed
'w: |grad| —'
>>> h.backward()
>>> summary(folds.neurons[h])  # dh/dw = (1 - tanh(1)**2) * 2.0 = 0.84, rounded up
'w: |grad| ≤ 0.9'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from autograd.ops import DOT, dot_parts
from autograd.reached import reached
from autograd.text import at_most, clip, escape, short
from autograd.value import Value
from autograd.viz.scene.annotate import Annotations, EdgeLook
from autograd.viz.scene.boxes import box, edge_attrs
from autograd.viz.scene.fold import Bundle, Folds, Input, Neuron, Source
from autograd.viz.scene.keys import NOT_COMPUTED

#: Where edges enter and leave a neuron's box, by rankdir: (in, out).
PORTS = {"LR": ("w", "e"), "RL": ("e", "w"), "TB": ("n", "s"), "BT": ("s", "n")}


def neuron_box(n: Neuron, annotations: Annotations) -> str:
    """A folded neuron's box: its title on two lines, data, grad, its weights' |grad|."""
    look = annotations.node(n.out)
    look = replace(look, data=short(look.data), grad=short(look.grad))
    where, colon, what = n.title.rpartition(": ")
    parts = [where + colon.rstrip(), what] if where else [what]
    heading = [escape(clip(part)) for part in parts]
    # Its weights' |grad| only where grads are shown at all.
    footer = escape(summary(n, annotations.grads)) if look.grad is not None else ""
    return box(n.out, n.title, look, True, heading, footer)


def summary(n: Neuron, grads: Mapping[Value, float] | None = None) -> str:
    """The largest |grad| of the folded weights (else bias, or terms), rounded up.

    A weight's gradient is dL/dz · x_i, so the largest says how far the
    weights move at all; the bias's is dL/dz itself, which the edges into the
    box are coloured by. ``grads``: the gradients drawn, if not ``.grad``.
    """
    bias = dot_parts(n.node._args)[2] if n.node._op is DOT else None
    weights = [a for a in n.own if a is not bias]
    what = "terms" if n.node._op is not DOT else "w" if weights else "b"
    shown = weights or n.own
    if any(not reached(a) if grads is None else a not in grads for a in shown):
        return f"{what}: |grad| {NOT_COMPUTED}"  # not computed yet: no bound to give
    grad = (lambda a: a.grad) if grads is None else grads.__getitem__
    return f"{what}: |grad| ≤ {at_most(max(abs(grad(a)) for a in shown))}"


def wiring(
    folds: Folds,
    index: Mapping[Value, int],
    annotations: Annotations,
    *,
    rankdir: str,
    ids: bool = False,
) -> tuple[list[str], list[str]]:
    """The input nodes and junctions of ``folds``, and every edge into a neuron's box.

    Returns:
        (node lines, edge lines), without the tab and newline of a body line.
    """
    into, _ = PORTS[rankdir]
    nodes = [
        f'{x.name} [shape=note width=0 margin="0.04,0.02"{_tag(x.name, ids)} '
        f"label=<<B>{escape(clip(x.title))}</B><BR/>{short(x.value)}>]"
        for x in folds.inputs
    ]
    edges = []
    bundled = folds.bundled()
    for n in folds.neurons.values():
        if n.out not in bundled:
            i = index[n.node]
            edges += [
                f"{_end(s, index, folds, rankdir)} -> v{index[n.out]}:{into}"
                + edge_attrs(_look(s, n, k, annotations), f"e{i}-{k}" if ids else "")
                for k, s in n.wired
            ]
    for b in folds.bundles:
        # ordering=out: the neurons, in the order their edges are listed, top to bottom.
        nodes.append(f"{b.name} [shape=point width=0.06 ordering=out{_tag(b.name, ids)}]")
        edges += _junction(b, index, folds, annotations, rankdir, ids)
    return nodes, edges


def _tag(name: str, ids: bool) -> str:
    return f' id="{name}"' if ids else ""


def _end(s: Source, index: Mapping[Value, int], folds: Folds, rankdir: str) -> str:
    """Where an edge from ``s`` starts: an input node, a box, or a neuron box's far side."""
    if isinstance(s, Input):
        return s.name
    return f"v{index[s]}:{PORTS[rankdir][1]}" if s in folds.neurons else f"v{index[s]}"


def _look(s: Source, n: Neuron, k: int, annotations: Annotations) -> EdgeLook:
    # An input is a constant: no gradient flows to it.
    return EdgeLook() if isinstance(s, Input) else annotations.edge(n.node, k)


def _junction(
    b: Bundle,
    index: Mapping[Value, int],
    folds: Folds,
    annotations: Annotations,
    rankdir: str,
    ids: bool,
) -> list[str]:
    """Every source into the junction, then the junction into each neuron, in order.

    A source's edge carries everything the layer sends back to it, which is its
    whole gradient when the layer is its only user (``Bundle.alone``): then it
    is coloured by that gradient, else left plain. An edge out to a neuron is
    coloured by the gradient at its weighted sum, dL/dz, of which each input's
    share is a multiple (dL/dx_i = dL/dz · w_i).
    """
    first, into = index[b.neurons[0].node], PORTS[rankdir][0]
    edges = []
    for k, (s, alone) in enumerate(zip(b.sources, b.alone, strict=True)):
        look = annotations.edge(s, -1) if alone and isinstance(s, Value) else EdgeLook()
        edge_id = f"e{first}_j{k}" if ids else ""
        edges.append(f"{_end(s, index, folds, rankdir)} -> {b.name}{edge_attrs(look, edge_id)}")
    for n in b.neurons:
        edge_id = f"e{index[n.out]}_j" if ids else ""
        look = annotations.edge(n.node, -1)
        edges.append(f"{b.name} -> v{index[n.out]}:{into}{edge_attrs(look, edge_id)}")
    return edges


__all__ = ["PORTS", "neuron_box", "summary", "wiring"]
