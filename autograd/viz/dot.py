"""DOT text for a computation graph: pure string building, no Graphviz needed.

Each Value is a box showing its label, data and grad; each op is a small
ellipse between its operands and its result; a repeated operand (``x * x``)
gets one edge per use; a plain-number constant is a small note feeding its op.
Node names come from the topological position (``v0``, ``op3``), never from
``id()``, so the same graph always gives the same text.

>>> from autograd import Value
>>> x = Value(2.0, label="x")
>>> dot = to_dot(x * x)
>>> [line.strip() for line in dot.splitlines() if "->" in line]  # x * x: two edges
['v0 -> op1', 'v0 -> op1', 'op1 -> v1']
>>> "<B>x</B></TD><TD>data 2.0</TD><TD>grad 0.0</TD>" in dot
True
"""

from __future__ import annotations

import html

from autograd.backward import topological_order
from autograd.value import Value


def escape(text: str) -> str:
    """Text for an HTML-like DOT label that renders as itself.

    >>> escape('<b> & "a|b" {x}')
    '&lt;b&gt; &amp; &quot;a|b&quot; {x}'
    """
    return "<BR/>".join(html.escape(line, quote=True) for line in text.split("\n"))


def number(x: float) -> str:
    """A float as short, exact-enough text: repr up to 6 significant digits.

    >>> number(0.5), number(1/3), number(-2.0), number(1e-9)
    ('0.5', '0.333333', '-2.0', '1e-09')
    """
    text = f"{x:.6g}"
    return text if any(c in text for c in ".en") else text + ".0"


def _value_label(v: Value) -> str:
    cells = [f"<TD><B>{escape(v.label)}</B></TD>"] if v.label else []
    cells += [f"<TD>data {number(v.data)}</TD>", f"<TD>grad {number(v.grad)}</TD>"]
    return (
        '<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3"><TR>'
        + "".join(cells)
        + "</TR></TABLE>>"
    )


def to_dot(root: Value, *, rankdir: str = "LR") -> str:
    """The DOT text of every node ``root`` depends on, data and grad included."""
    order = topological_order(root)
    names = {v: f"v{i}" for i, v in enumerate(order)}
    lines = ["digraph {", f"  rankdir={rankdir}", '  node [fontname="Helvetica" fontsize=11]']
    edges: list[str] = []
    for i, v in enumerate(order):
        lines.append(f"  {names[v]} [shape=plain label={_value_label(v)}]")
        if not v._args:
            continue
        op_name = f"op{i}"
        lines.append(f"  {op_name} [shape=ellipse label=<{escape(v.op)}>]")
        for k, operand in enumerate(v._args):
            if isinstance(operand, float):
                const = f"c{i}_{k}"
                lines.append(f"  {const} [shape=note fontsize=9 label=<{number(operand)}>]")
                edges.append(f"  {const} -> {op_name}")
            else:
                edges.append(f"  {names[operand]} -> {op_name}")
        edges.append(f"  {op_name} -> {names[v]}")
    return "\n".join([*lines, *edges, "}"])
