"""DOT text for a computation graph: pure string building, no Graphviz needed.

Each Value is a box showing its label, data and grad; each op is a small
ellipse between its operands and its result; a repeated operand (``x * x``)
gets one edge per use; a plain-number constant is a small note feeding its op.
DOT names come from the node's position in ``forward_steps`` (``v0``, ``op1``,
``c1_1``), never from ``id()``, so the same graph always gives the same text; an
unlabelled node shows its name from ``node_names`` (``mul1``, ``L``) in italics.

>>> from autograd import Value
>>> x = Value(2.0, label="x")
>>> dot = to_dot(x * x)
>>> [line.strip() for line in dot.splitlines() if "->" in line]  # x * x: two edges
['v0 -> op1', 'v0 -> op1', 'op1 -> v1']
>>> "<B>x</B></TD><TD>data 2.0</TD><TD>grad 0.0</TD>" in dot
True
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from autograd.ops import DOT, dot_parts
from autograd.trace import forward_steps, node_names
from autograd.value import Value
from autograd.viz import colors
from autograd.viz.annotate import Annotations, EdgeLook, NodeLook, gradient_flow, plain
from autograd.viz.text import escape, number

#: Ops whose nodes can stand for a whole neuron when a large graph is collapsed.
NARY = ("dot", "sum")
HIGHLIGHT = "#ff7f0e"
FONT = "Helvetica"
#: The point size of all text drawn. A player never shows text below 11 px, so
#: one size everywhere lets it show as much of the graph as possible.
SMALL = 11
#: An op's ellipse: just room for "tanh" or "sigmoid" (Graphviz's default is 0.5 inch high).
OP_SIZE = "height=0.3 width=0.4 margin=0.02"
#: Invisible marks (zero-width characters) on the text that a player rewrites and
#: on a flag, so that the rendered SVG can be tagged; the player removes them.
LIVE, FLAG = "\u200b", "\u200c"


def _fold(order: Sequence[Value]) -> dict[Value, list[Value]]:
    """For each n-ary node, the leaf operands (weights) that only it uses."""
    users: dict[Value, set[Value]] = {}
    for v in order:
        for a in v._args:
            if isinstance(a, Value):
                users.setdefault(a, set()).add(v)
    folds: dict[Value, list[Value]] = {}
    for v in order:
        if v.op in NARY:
            # dot(w, x, bias=b): only the weights and the bias fold; inputs stay boxes.
            args: Sequence[Value | float] = v._args
            if v._op is DOT:
                weights, _, bias = dot_parts(args)
                args = (*weights, bias) if bias is not None else weights
            leaves = [a for a in args if isinstance(a, Value) and not a._args]
            own = [a for a in dict.fromkeys(leaves) if users[a] == {v}]
            if own:
                folds[v] = own
    return folds


def _count(order: Sequence[Value], folds: dict[Value, list[Value]]) -> int:
    """How many DOT nodes the drawing has (boxes, ops, constants)."""
    folded = {a for own in folds.values() for a in own}
    total = 0
    for v in order:
        if v in folded:
            continue
        total += 1
        if v._args and v not in folds:
            total += 1 + sum(isinstance(a, float) for a in v._args)
    return total


def _attrs(look: EdgeLook, edge_id: str = "") -> str:
    parts = [f'id="{edge_id}"'] if edge_id else []
    if look.label:
        parts.append(f"label=<{escape(look.label)}>")
    if look.xlabel:
        parts.append(f"xlabel=<{escape(look.xlabel)}>")
    if look.color:
        parts.append(f'color="{look.color}"')
    if look.width:
        parts.append(f"penwidth={look.width}")
    return f" [{' '.join(parts)}]" if parts else ""


def _summary(op: str, own: list[Value]) -> str:
    mags = sorted(abs(a.grad) for a in own)
    middle = mags[len(mags) // 2]
    kind = "weights" if op == "dot" else "terms"
    return (
        f"{len(own)} folded {kind}: |grad| {number(mags[0])} … {number(mags[-1])}, "
        f"median {number(middle)}"
    )


def _box(v: Value, name: str, look: NodeLook, own: list[Value] | None, stacked: bool) -> str:
    ink = colors.text_color(look.fill) if look.fill else "black"
    font = f'<FONT COLOR="{ink}">' if look.fill else "<FONT>"

    def cell(text: str, width: float = 0.0) -> str:
        td = f'<TD WIDTH="{width:g}" ALIGN="LEFT">' if width else "<TD>"
        return f"{td}{font}{text}</FONT></TD>" if look.fill else f"{td}{text}</TD>"

    # An unlabelled node shows its generated name (mul1, L) in italics.
    cells = [cell(f"<B>{escape(name)}</B>" if v.label else f"<I>{escape(name)}</I>")]
    if own is not None:
        cells.append(cell(escape(f"{v.op} of {len(v._args)}")))
    if look.data is not None:
        mark = LIVE if look.live == "data" else ""
        cells.append(cell(f"data{mark} {escape(look.data)}", look.data_width))
    if look.grad is not None:
        mark = LIVE if look.live == "grad" else ""
        cells.append(cell(f"grad{mark} {escape(look.grad)}", look.grad_width))
    if look.flag:
        mark = FLAG if look.live else ""
        cells.append(
            f'<TD BGCOLOR="white"><FONT COLOR="{colors.ALARM}"><B>{mark}⚠ {escape(look.flag)}</B>'
            "</FONT></TD>"
        )
    # Side by side, a box is one row (and a fold's summary a second); stacked,
    # one cell a row: half as wide, which is what a left-to-right network needs.
    if stacked:
        left = '<TD ALIGN="LEFT">'
        row = "".join("<TR>" + c.replace("<TD>", left, 1) + "</TR>" for c in cells)
    else:
        row = "<TR>" + "".join(cells) + "</TR>"
    if own is not None:
        span = 1 if stacked else len(cells)
        summary = escape(_summary(v.op, own))
        row += f'<TR><TD COLSPAN="{span}">{font}{summary}</FONT></TD></TR>'
    border, color = "1", ""
    if look.flag:
        border, color = "2", f' COLOR="{colors.ALARM}"'
    if look.highlight:
        border, color = "3", f' COLOR="{HIGHLIGHT}"'
    # A player's boxes always have a background, which it recolours.
    fill = f' BGCOLOR="{look.fill or "white"}"' if look.fill or look.live else ""
    return (
        f'<<TABLE BORDER="{border}"{color}{fill} CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="{1 if stacked else 3}">{row}</TABLE>>'
    )


def graph_lines(
    root: Value,
    annotations: Annotations,
    *,
    rankdir: str = "LR",
    max_nodes: int = 500,
    collapse: bool | None = None,
) -> list[str]:
    """The body of the DOT text, one ``"\\t...\\n"`` line each, as graphviz keeps it.

    Args:
        collapse: fold each ``dot``/``sum`` node's own leaf operands (a neuron's
            weights) into its box, with their |grad| summarised. None: only when
            the graph is larger than ``max_nodes``.

    Raises:
        ValueError: the drawing has more than ``max_nodes`` nodes even after
            collapsing; the message gives the count and what to pass.
    """
    if rankdir not in ("LR", "RL", "TB", "BT"):
        raise ValueError(f"rankdir must be one of LR, RL, TB, BT, got {rankdir!r}")
    order = forward_steps(root)
    folds = folds_for(order, max_nodes, collapse)
    return emit(order, node_names(root, order), annotations, rankdir=rankdir, folds=folds)


def folds_for(
    order: Sequence[Value], max_nodes: int, collapse: bool | None = None
) -> dict[Value, list[Value]]:
    """The folds to draw ``order`` with (see ``graph_lines``), or ValueError past ``max_nodes``.

    Linear in the graph: a graph is counted, and refused, before any drawing
    work is done for it.
    """
    total = _count(order, {})
    folds = _fold(order) if collapse or (collapse is None and total > max_nodes) else {}
    count = _count(order, folds) if folds else total
    if count > max_nodes:
        hint = "" if collapse is False or count == total else f" ({total} before collapsing)"
        raise ValueError(
            f"the graph has {count} nodes to draw{hint}, more than max_nodes={max_nodes}; "
            f"pass max_nodes={count} to draw it anyway (the picture will be huge), "
            "or draw a smaller part of the graph"
        )
    return folds


def emit(
    order: Sequence[Value],
    names: Mapping[Value, str],
    annotations: Annotations,
    *,
    rankdir: str = "LR",
    folds: Mapping[Value, list[Value]] | None = None,
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
            for the edge from the op to the box.
        groups: keep each ``dot``/``sum`` node's own leaves (a neuron's weights
            and bias), its op and its box together in an invisible cluster, so
            that a neuron's step can be seen whole.
        stacked: a box shows its name, data and grad one above the other
            instead of side by side (half as wide).
    """
    folds = {} if folds is None else folds
    index = {v: i for i, v in enumerate(order)}
    folded = {a for own in folds.values() for a in own}
    lines = [
        f"rankdir={rankdir}",
        # Tighter than Graphviz's defaults (0.5 and 0.25 inch): a neuron's
        # graph then fits a laptop screen whole at a readable size.
        "ranksep=0.3 nodesep=0.2",
        f'node [fontname="{FONT}" fontsize={SMALL}]',
        f'edge [fontname="{FONT}" fontsize={SMALL} arrowsize=0.6]',
    ]
    edges: list[str] = []

    def tag(name: str) -> str:
        return f' id="{name}"' if ids else ""

    for i, v in enumerate(order):
        if v in folded:
            continue
        own = folds.get(v)
        box = _box(v, names[v], annotations.node(v), own, stacked)
        lines.append(f"v{i} [shape=plain{tag(f'n{i}')} label={box}]")
        if not v._args:
            continue
        target = f"v{i}" if own is not None else f"op{i}"
        if own is None:
            lines.append(
                f"{target} [shape=ellipse {OP_SIZE}{tag(f'o{i}')} label=<{escape(v.op)}>]"
            )
        for k, operand in enumerate(v._args):
            edge_id = f"e{i}_{k}" if ids else ""
            if isinstance(operand, float):
                if own is not None:
                    continue
                const = f"c{i}_{k}"
                lines.append(f"{const} [shape=note{tag(const)} label=<{number(operand)}>]")
                edges.append(f"{const} -> {target}{_attrs(EdgeLook(), edge_id)}")
            elif operand not in folded:
                look = annotations.edge(v, k)
                edges.append(f"v{index[operand]} -> {target}{_attrs(look, edge_id)}")
        if own is None:
            look = annotations.edge(v, -1)
            edges.append(f"{target} -> v{i}{_attrs(look, f'e{i}_r' if ids else '')}")
    if groups:
        for k, (v, own) in enumerate(_fold(order).items()):
            if v not in folds:  # a folded neuron is one box already
                i = index[v]
                members = " ".join(f"v{index[a]}" for a in own)
                lines.append(f"subgraph cluster_{k} {{ style=invis {members} op{i} v{i} }}")
    if annotations.legend:
        lines += [
            'subgraph cluster_legend { label="" color="#dddddd"',
            f"legend [shape=plain label=<{annotations.legend}>]",
            "}",
        ]
    return [f"\t{line}\n" for line in (*lines, *edges)]


def annotations_for(
    root: Value,
    *,
    show_data: bool = True,
    show_grad: bool = True,
    flow: bool = False,
    highlight: Collection[Value] = (),
    vanishing: float = colors.VANISHING,
    exploding: float = colors.EXPLODING,
    contributions: bool | None = None,
    scale: tuple[float, float] | None = None,
) -> Annotations:
    """The annotations that ``to_dot`` and ``draw_graph`` options ask for."""
    if scale is not None and not flow:
        raise ValueError("scale= sets the colours of flow=True: pass flow=True with it")
    if not flow:
        return plain(show_data=show_data, show_grad=show_grad, highlight=highlight)
    return gradient_flow(
        forward_steps(root),
        show_data=show_data,
        highlight=highlight,
        vanishing=vanishing,
        exploding=exploding,
        contributions=True if contributions is None else contributions,
        scale=scale,
    )


def to_dot(
    root: Value,
    *,
    rankdir: str = "LR",
    show_data: bool = True,
    show_grad: bool = True,
    flow: bool = False,
    highlight: Collection[Value] = (),
    max_nodes: int = 500,
    collapse: bool | None = None,
    vanishing: float = colors.VANISHING,
    exploding: float = colors.EXPLODING,
    contributions: bool | None = None,
    scale: tuple[float, float] | None = None,
) -> str:
    """The DOT text of every node ``root`` depends on; the options are ``draw_graph``'s.

    >>> from autograd import Value
    >>> print(to_dot(Value(0.5, label="a|b")))
    digraph {
        rankdir=LR
        ranksep=0.3 nodesep=0.2
        node [fontname="Helvetica" fontsize=11]
        edge [fontname="Helvetica" fontsize=11 arrowsize=0.6]
        v0 [shape=plain label=<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">...
    }
    """
    annotations = annotations_for(
        root,
        show_data=show_data,
        show_grad=show_grad,
        flow=flow,
        highlight=highlight,
        vanishing=vanishing,
        exploding=exploding,
        contributions=contributions,
        scale=scale,
    )
    body = graph_lines(root, annotations, rankdir=rankdir, max_nodes=max_nodes, collapse=collapse)
    return "digraph {\n" + "".join(body) + "}\n"


__all__ = ["annotations_for", "emit", "escape", "folds_for", "graph_lines", "number", "to_dot"]
