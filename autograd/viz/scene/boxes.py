"""How one Value's box and one edge are written in DOT: HTML-like labels and attributes.

A box is a table: the node's name, then its data and grad (side by side, or
stacked one above the other), then a flag. A folded neuron's box puts its
title in words in place of the name, and a short line under the numbers.

>>> from autograd import Value
>>> from autograd.viz.scene.annotate import NodeLook
>>> x = Value(2.0, label="x")
>>> label = box(x, "x", NodeLook(data="2.0", grad="0.5"), stacked=False)
>>> label.startswith("<<TABLE") and "<TD><B>x</B></TD><TD>data 2.0</TD><TD>grad 0.5</TD>" in label
True
>>> edge_attrs(EdgeLook(color="#ff0000", width=2.0))
' [color="#ff0000" penwidth=2.0]'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from autograd.text import clip, escape
from autograd.value import Value
from autograd.viz.scene import colors
from autograd.viz.scene.annotate import EdgeLook, NodeLook

HIGHLIGHT = "#ff7f0e"
FONT = "Helvetica"
#: The point size of all text drawn. A player never shows text below 11 px, so
#: one size everywhere lets it show as much of the graph as possible.
SMALL = 11
#: Invisible marks (zero-width characters) on the text that a player rewrites and
#: on a flag, so that the rendered SVG can be tagged; the player removes them.
#: ``DATA`` marks the data cell of a box whose two cells are both live (the lab's).
LIVE, FLAG, DATA = "\u200b", "\u200c", "\u2060"


#: The most edges drawn between one operand and its op: ``x * x`` keeps its two;
#: ``sum([x] * 50)`` gets one edge marked ×50, for 50 parallel labelled edges
#: are a picture nobody reads and a layout ``dot`` may take minutes over.
MAX_PARALLEL = 2


def edge_attrs(look: EdgeLook, edge_id: str = "") -> str:
    """An edge's attribute list (`` [...]``), or "" when it has none."""
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


def merged(looks: Sequence[EdgeLook]) -> EdgeLook:
    """One edge for ``len(looks)`` uses of one operand by one op, marked ×n.

    Its labels merged: each different text once (the first two, then "…").

    >>> merged([EdgeLook(label="1.0 · 1.0 = 1.0")] * 3).label
    '×3: 1.0 · 1.0 = 1.0'
    >>> merged([EdgeLook()] * 5).label
    '×5'
    """
    first, n = looks[0], len(looks)

    def text(labels: Sequence[str]) -> str:
        distinct = list(dict.fromkeys(label for label in labels if label))
        said = "; ".join(distinct[:2]) + ("; …" if len(distinct) > 2 else "")
        return f"×{n}: {said}" if said else f"×{n}"

    if any(look.xlabel for look in looks):  # the player's labels: placed beside the edge
        return replace(first, xlabel=text([look.xlabel for look in looks]))
    return replace(first, label=text([look.label for look in looks]))


def box(
    v: Value,
    name: str,
    look: NodeLook,
    stacked: bool,
    heading: Sequence[str] = (),
    footer: str = "",
) -> str:
    """A Value's box, as an HTML-like label (``<...>``).

    Args:
        name: shown in bold when ``v`` has a label, else in italics; past
            ``text.LONGEST`` characters, cut short with a visible "…".
        stacked: name, data and grad one above the other instead of side by side.
        heading: markup rows shown in place of the name (a folded neuron's title).
        footer: markup for a last row (a folded neuron's weights).
    """
    ink = colors.text_color(look.fill) if look.fill else "black"
    font = f'<FONT COLOR="{ink}">' if look.fill else "<FONT>"

    def cell(text: str, width: float = 0.0) -> str:
        td = f'<TD WIDTH="{width:g}" ALIGN="LEFT">' if width else "<TD>"
        return f"{td}{font}{text}</FONT></TD>" if look.fill else f"{td}{text}</TD>"

    cells = (
        []
        if heading
        else [cell(f"<B>{escape(clip(name))}</B>" if v.label else f"<I>{escape(clip(name))}</I>")]
    )
    if look.data is not None:
        mark = {"data": LIVE, "both": DATA}.get(look.live, "")
        cells.append(cell(f"data{mark} {escape(look.data)}", look.data_width))
    if look.grad is not None:
        mark = LIVE if look.live in ("grad", "both") else ""
        cells.append(cell(f"grad{mark} {escape(look.grad)}", look.grad_width))
    if look.flag:
        mark = FLAG if look.live else ""
        cells.append(
            f'<TD BGCOLOR="white"><FONT COLOR="{colors.ALARM}"><B>{mark}⚠ {escape(look.flag)}</B>'
            "</FONT></TD>"
        )
    # Side by side, a box is one row; stacked, one cell a row: half as wide,
    # which is what a left-to-right network needs.
    if stacked:
        left = '<TD ALIGN="LEFT">'
        row = "".join("<TR>" + c.replace("<TD>", left, 1) + "</TR>" for c in cells)
    else:
        row = "<TR>" + "".join(cells) + "</TR>"
    span = 1 if stacked else max(len(cells), 1)
    top, bottom = (
        "".join(f'<TR><TD COLSPAN="{span}" ALIGN="LEFT">{font}{h}</FONT></TD></TR>' for h in rows)
        for rows in (heading, [footer] if footer else [])
    )
    border, color = "1", ""
    if look.flag:
        border, color = "2", f' COLOR="{colors.ALARM}"'
    if look.highlight:
        border, color = "3", f' COLOR="{HIGHLIGHT}"'
    # A player's boxes always have a background, which it recolours.
    fill = f' BGCOLOR="{look.fill or "white"}"' if look.fill or look.live else ""
    return (
        f'<<TABLE BORDER="{border}"{color}{fill} CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="{1 if stacked else 3}">{top}{row}{bottom}</TABLE>>'
    )


__all__ = [
    "DATA",
    "FLAG",
    "FONT",
    "HIGHLIGHT",
    "LIVE",
    "MAX_PARALLEL",
    "SMALL",
    "box",
    "edge_attrs",
    "merged",
]
