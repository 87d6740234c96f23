"""The body of the DOT text of a walked graph: its node and edge lines, one string each.

``emit`` turns ``forward_steps`` of a root, its names and its annotations into
the lines that go between ``digraph {`` and ``}``; :mod:`autograd.viz.scene.dot`
walks, counts and folds the graph first. Each line is ``"\\t...\\n"``, as
graphviz keeps a graph's ``body``.

>>> from autograd import Value
>>> from autograd.trace import forward_steps, node_names
>>> from autograd.viz.scene.annotate import plain
>>> x = Value(2.0, label="x")
>>> y = x * 0.5
>>> order = forward_steps(y)
>>> body = emit(order, node_names(y, order), plain(order))
>>> [line.strip() for line in body if "->" in line]  # a constant is a note feeding its op
['v0 -> op1', 'c1_1 -> op1', 'op1 -> v1']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from autograd.text import escape, number, short
from autograd.value import Value
from autograd.viz.scene.annotate import Annotations, EdgeLook
from autograd.viz.scene.boxes import FONT, MAX_PARALLEL, SMALL, box, edge_attrs, merged
from autograd.viz.scene.fold import Folds, own_leaves
from autograd.viz.scene.wiring import PORTS, neuron_box, wiring

#: An op's ellipse: just room for "tanh" or "sigmoid" (Graphviz's default is 0.5 inch high).
OP_SIZE = "height=0.3 width=0.4 margin=0.02"
#: In a folded network, where every point of width counts: just room for "sum".
NARROW_OP = "height=0.3 width=0.3 margin=0.02"


def emit(
    order: Sequence[Value],
    names: Mapping[Value, str],
    annotations: Annotations,
    *,
    rankdir: str = "LR",
    folds: Folds | None = None,
    ids: bool = False,
    groups: bool = False,
    stacked: bool = False,
) -> list[str]:
    """The DOT lines of ``order`` (``forward_steps`` of a root), already named and sized.

    What ``graph_lines`` does once it has walked and counted the graph: for a
    caller that has done both already (the player).

    Args:
        names: each node's display name (``node_names``).
        folds: the folds of ``folds_for``; none by default.
        ids: give every drawn node and edge an ``id`` (which Graphviz copies
            into its SVG): ``n<i>`` for the box of node i of ``order``,
            ``o<i>`` for its op, ``c<i>_<k>`` for a constant operand,
            ``e<i>_<k>`` for the edge of operand k into the op and ``e<i>_r``
            for the edge from the op to the box. A folded drawing's input
            nodes and junctions are tagged with their DOT names.
        groups: keep each ``dot``/``sum`` node's own leaves (a neuron's weights
            and bias), its op and its box together in an invisible cluster, so
            that a neuron's step can be seen whole.
        stacked: a box shows its name, data and grad one above the other
            instead of side by side (half as wide).
    """
    folds = Folds() if folds is None else folds
    index = {v: i for i, v in enumerate(order)}
    # A folded network is a wide picture: closer ranks, and every box stacked.
    network = bool(folds.neurons)
    stacked = stacked or network
    lines = [
        f"rankdir={rankdir}",
        # Tighter than Graphviz's defaults (0.5 and 0.25 inch): a neuron's
        # graph then fits a laptop screen whole at a readable size.
        f"ranksep={0.15 if network else 0.3} nodesep=0.2",
        f'node [fontname="{FONT}" fontsize={SMALL}]',
        f'edge [fontname="{FONT}" fontsize={SMALL} arrowsize=0.6]',
    ]
    edges: list[str] = []
    for i, v in enumerate(order):
        if v in folds.hidden:
            continue
        if v in folds.neurons:
            label = neuron_box(folds.neurons[v], annotations)
            lines.append(f"v{i} [shape=plain{_tag(f'n{i}', ids)} label={label}]")
            continue
        look = annotations.node(v)
        if network:  # a picture of a whole network: numbers to three digits
            look = replace(look, data=short(look.data), grad=short(look.grad))
        label = box(v, names[v], look, stacked)
        lines.append(f"v{i} [shape=plain{_tag(f'n{i}', ids)} label={label}]")
        if v._args:
            more, wires = _op(i, v, index, annotations, folds, rankdir, ids)
            lines += more
            edges += wires
    if network:
        more, wires = wiring(folds, index, annotations, rankdir=rankdir, ids=ids)
        lines += more
        edges += wires
    if groups:
        lines += _groups(order, index, folds)
    if annotations.legend and network:
        # Under the network (a graph label), where it takes no column of its own.
        font = f'fontname="{FONT}" fontsize={SMALL}'
        lines.append(f"label=<{annotations.legend}> labelloc=b labeljust=r {font}")
    elif annotations.legend:
        lines += [
            'subgraph cluster_legend { label="" color="#dddddd"',
            f"legend [shape=plain label=<{annotations.legend}>]",
            "}",
        ]
    return [f"\t{line}\n" for line in (*lines, *edges)]


def _tag(name: str, ids: bool) -> str:
    return f' id="{name}"' if ids else ""


def _op(
    i: int,
    v: Value,
    index: Mapping[Value, int],
    annotations: Annotations,
    folds: Folds,
    rankdir: str,
    ids: bool,
) -> tuple[list[str], list[str]]:
    """The op of node ``i`` and its constants (node lines), and its edges in and out."""
    size = NARROW_OP if folds.neurons else OP_SIZE
    lines = [f"op{i} [shape=ellipse {size}{_tag(f'o{i}', ids)} label=<{escape(v.op)}>]"]
    edges = []
    uses: dict[Value, list[int]] = {}
    for k, operand in enumerate(v._args):
        if not isinstance(operand, float):
            uses.setdefault(operand, []).append(k)
    for k, operand in enumerate(v._args):
        edge_id = f"e{i}-{k}" if ids else ""
        if isinstance(operand, float):
            const = f"c{i}_{k}"
            lines.append(f"{const} [shape=note{_tag(f'c{i}-{k}', ids)} label=<{number(operand)}>]")
            edges.append(f"{const} -> op{i}{edge_attrs(EdgeLook(), edge_id)}")
            continue
        same = uses[operand]
        if len(same) > MAX_PARALLEL and k != same[0]:
            continue  # drawn as one edge, at its first use
        # A neuron's box is left on its far side, as its bus is.
        port = f":{PORTS[rankdir][1]}" if operand in folds.neurons else ""
        if len(same) > MAX_PARALLEL:
            look = merged([annotations.edge(v, j) for j in same])
        else:
            look = annotations.edge(v, k)
        edges.append(f"v{index[operand]}{port} -> op{i}{edge_attrs(look, edge_id)}")
    look = annotations.edge(v, -1)
    edges.append(f"op{i} -> v{i}{edge_attrs(look, f'e{i}-r' if ids else '')}")
    return lines, edges


def _groups(order: Sequence[Value], index: Mapping[Value, int], folds: Folds) -> list[str]:
    """An invisible cluster for each neuron not folded: its own leaves, its op and its box."""
    folded = {n.node for n in folds.neurons.values()}
    return [
        f"subgraph cluster_{k} {{ style=invis {' '.join(f'v{index[a]}' for a in own)} "
        f"op{index[v]} v{index[v]} }}"
        for k, (v, own) in enumerate(own_leaves(order).items())
        if v not in folded  # a folded neuron is one box already
    ]


__all__ = ["NARROW_OP", "OP_SIZE", "emit"]
