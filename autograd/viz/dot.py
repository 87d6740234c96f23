"""DOT text for a computation graph: pure string building, no Graphviz needed.

Each Value is a box showing its label, data and grad; each op is a small
ellipse between its operands and its result; a repeated operand (``x * x``)
gets one edge per use; a plain-number constant is a small note feeding its op.
Node names come from the topological position (``v0``, ``op1``, ``c1_1``),
never from ``id()``, so the same graph always gives the same text.

>>> from autograd import Value
>>> x = Value(2.0, label="x")
>>> dot = to_dot(x * x)
>>> [line.strip() for line in dot.splitlines() if "->" in line]  # x * x: two edges
['v0 -> op1', 'v0 -> op1', 'op1 -> v1']
>>> "<B>x</B></TD><TD>data 2.0</TD><TD>grad 0.0</TD>" in dot
True
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from autograd.backward import topological_order
from autograd.ops import DOT, dot_parts
from autograd.value import Value
from autograd.viz import colors
from autograd.viz.annotate import Annotations, EdgeLook, NodeLook, gradient_flow, plain
from autograd.viz.text import escape, number

#: Ops whose nodes can stand for a whole neuron when a large graph is collapsed.
NARY = ("dot", "sum")
HIGHLIGHT = "#ff7f0e"


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


def _attrs(look: EdgeLook) -> str:
    parts = []
    if look.label_width:
        # A minimum-width cell: the same room whatever the text (" ": a cell needs content).
        text = f'<FONT POINT-SIZE="9">{escape(look.label)}</FONT>' if look.label else " "
        parts.append(
            '<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="1" CELLSPACING="0"><TR>'
            f'<TD WIDTH="{look.label_width:g}" HEIGHT="13">{text}</TD></TR></TABLE>>'
        )
        parts[-1] = f"label={parts[-1]}"
    elif look.label:
        parts.append(f'label=<<FONT POINT-SIZE="9">{escape(look.label)}</FONT>>')
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


def _box(v: Value, look: NodeLook, own: list[Value] | None) -> str:
    ink = colors.text_color(look.fill) if look.fill else "black"
    font = f'<FONT COLOR="{ink}">' if look.fill else "<FONT>"

    def cell(text: str, width: float = 0.0) -> str:
        td = f'<TD WIDTH="{width:g}" ALIGN="LEFT">' if width else "<TD>"
        return f"{td}{font}{text}</FONT></TD>" if look.fill else f"{td}{text}</TD>"

    cells = [cell(f"<B>{escape(v.label)}</B>")] if v.label else []
    if look.name and not v.label:
        cells.append(cell(f"<I>{escape(look.name)}</I>"))
    if own is not None:
        cells.append(cell(escape(f"{v.op} of {len(v._args)}")))
    if look.data is not None:
        cells.append(cell(f"data {escape(look.data)}", look.data_width))
    if look.grad is not None:
        cells.append(cell(f"grad {escape(look.grad)}", look.grad_width))
    if look.flag:
        cells.append(
            f'<TD BGCOLOR="white"><FONT COLOR="{colors.ALARM}"><B>⚠ {escape(look.flag)}</B>'
            "</FONT></TD>"
        )
    row = "<TR>" + ("".join(cells) or "<TD> </TD>") + "</TR>"  # an empty row is a syntax error
    if own is not None:
        summary = escape(_summary(v.op, own))
        row += f'<TR><TD COLSPAN="{max(len(cells), 1)}">{font}{summary}</FONT></TD></TR>'
    border, color = "1", ""
    if look.flag:
        border, color = "2", f' COLOR="{colors.ALARM}"'
    if look.highlight:
        border, color = "3", f' COLOR="{HIGHLIGHT}"'
    fill = f' BGCOLOR="{look.fill}"' if look.fill else ""
    return (
        f'<<TABLE BORDER="{border}"{color}{fill} CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="3">{row}</TABLE>>'
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
    order = topological_order(root)
    folds: dict[Value, list[Value]] = {}
    total = _count(order, folds)
    if collapse or (collapse is None and total > max_nodes):
        folds = _fold(order)
    count = _count(order, folds)
    if count > max_nodes:
        hint = "" if collapse is False or count == total else f" ({total} before collapsing)"
        raise ValueError(
            f"the graph has {count} nodes to draw{hint}, more than max_nodes={max_nodes}; "
            f"pass max_nodes={count} to draw it anyway (the picture will be huge), "
            "or draw a smaller part of the graph"
        )
    return _emit(order, folds, annotations, rankdir)


def _emit(
    order: Sequence[Value],
    folds: dict[Value, list[Value]],
    annotations: Annotations,
    rankdir: str,
) -> list[str]:
    names = {v: f"v{i}" for i, v in enumerate(order)}
    folded = {a for own in folds.values() for a in own}
    lines = [
        f"rankdir={rankdir}",
        'node [fontname="Helvetica" fontsize=11]',
        'edge [fontname="Helvetica" arrowsize=0.6]',
    ]
    edges: list[str] = []
    for i, v in enumerate(order):
        if v in folded:
            continue
        own = folds.get(v)
        lines.append(f"{names[v]} [shape=plain label={_box(v, annotations.node(v), own)}]")
        if not v._args:
            continue
        target = names[v] if own is not None else f"op{i}"
        if own is None:
            lines.append(f"{target} [shape=ellipse margin=0.02 label=<{escape(v.op)}>]")
        for k, operand in enumerate(v._args):
            if isinstance(operand, float):
                if own is not None:
                    continue
                const = f"c{i}_{k}"
                lines.append(f"{const} [shape=note fontsize=9 label=<{number(operand)}>]")
                edges.append(f"{const} -> {target}")
            elif operand not in folded:
                edges.append(f"{names[operand]} -> {target}{_attrs(annotations.edge(v, k))}")
        if own is None:
            edges.append(f"{target} -> {names[v]}{_attrs(annotations.edge(v, -1))}")
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
) -> Annotations:
    """The annotations that ``to_dot`` and ``draw_graph`` options ask for."""
    if not flow:
        return plain(show_data=show_data, show_grad=show_grad, highlight=highlight)
    return gradient_flow(
        topological_order(root),
        show_data=show_data,
        highlight=highlight,
        vanishing=vanishing,
        exploding=exploding,
        contributions=True if contributions is None else contributions,
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
) -> str:
    """The DOT text of every node ``root`` depends on; the options are ``draw_graph``'s.

    >>> from autograd import Value
    >>> print(to_dot(Value(0.5, label="a|b")))
    digraph {
        rankdir=LR
        node [fontname="Helvetica" fontsize=11]
        edge [fontname="Helvetica" arrowsize=0.6]
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
    )
    body = graph_lines(root, annotations, rankdir=rankdir, max_nodes=max_nodes, collapse=collapse)
    return "digraph {\n" + "".join(body) + "}\n"


__all__ = ["annotations_for", "escape", "graph_lines", "number", "to_dot"]
