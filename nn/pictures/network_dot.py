"""DOT text for the network view: every node pinned where a slide puts it.

A network diagram is geometry, not a graph to be laid out: columns left to
right, neurons top to bottom in index order, straight wires. So each node gets
a fixed position (``pos="x,y!"``, in inches) and Graphviz's ``neato`` engine
only draws; edges are drawn first (``outputorder=edgesfirst``) so the neurons
sit on top of their wires, the strongest wires last so they are not hidden.

A column longer than :data:`MAX_ROWS` shows its first and last neurons and
one row saying how many are left out (and their wires are not drawn).

>>> from nn import MLP
>>> from nn.pictures.network import network
>>> lines = network_lines(network(MLP(2, [3, 1], seed=0), show="weight"), "MLP(2, [3, 1])")
>>> sum(" -> " in line for line in lines)   # one wire per weight: 2*3 + 3*1
9
"""

from __future__ import annotations

import math

from autograd.text import escape, number, short
from autograd.viz.scene import colors
from autograd.viz.scene.dot import FONT, SMALL
from nn.pictures.heat_picture import box_width, room
from nn.pictures.heatmaps import SIDE
from nn.pictures.legend import _what, legend, legend_width
from nn.pictures.network import Network, Wire

#: Inches between columns, between neurons of a column, and the most rows a column shows.
COLUMN_GAP, ROW_GAP, MAX_ROWS = 1.6, 0.36, 20
#: The width, in inches, that the columns of a deep network share (narrower
#: gaps, down to 1 inch), so that the picture and its legend fit a 1280-px slide.
COLUMNS_WIDTH = 8.0


#: The least length of a wire, in inches, between a heatmap and the next column's boxes:
#: at 0.16 the playground's 16 layers of 64 still fit, text at 11.5 px, the 1,100 px
#: JupyterLab gives its output at 1280 px with the file browser closed (at 0.2: 1,113).
WIRE = 0.16

#: Past this many columns the legend goes under the network instead of beside it.
DEEP = 6


def column_gap(columns: int, narrow: bool = False) -> float:
    """Inches between columns: :data:`COLUMN_GAP`, less for a deep network.

    At least 1 inch, or 0.8 for ``narrow`` boxes (a number without an activation),
    so that every wire shows.

    >>> column_gap(4), column_gap(7), column_gap(12), column_gap(12, narrow=True)
    (1.6, 1.333, 1.0, 0.8)
    """
    least = 0.8 if narrow else 1.0
    return round(max(least, min(COLUMN_GAP, COLUMNS_WIDTH / max(columns - 1, 1))), 3)


#: Rows kept at each end of a column longer than MAX_ROWS.
ENDS = 9
BORDER = "#555555"


def rows(n: int) -> list[int | None]:
    """The neuron indices a column of ``n`` shows, None for the "… more" row.

    >>> rows(3), len(rows(40)), rows(40)[ENDS]
    ([0, 1, 2], 19, None)
    """
    if n <= MAX_ROWS:
        return list(range(n))
    return [*range(ENDS), None, *range(n - ENDS, n)]


def _node(name: str, x: float, y: float, attrs: str) -> str:
    return f'{name} [pos="{x:.3f},{y:.3f}!" {attrs}]'


def _label(view: Network, column: int, k: int) -> str:
    """A unit box's text, as the box shows it: its number, and its output if known."""
    unit = view.columns[column].units[k]
    return unit.name + ("" if unit.value is None else f" {short(unit.value)}")


def _unit_attrs(
    view: Network, column: int, k: int, scale: colors.LogScale, width: float = 0.3
) -> str:
    unit = view.columns[column].units[k]
    fill = "white" if unit.amount is None else colors.signed(unit.amount, scale)
    ink = "black" if fill == "white" else colors.text_color(fill)
    text = f"<B>{escape(unit.name)}</B>"
    if unit.value is not None:
        text += f" {escape(short(unit.value))}"
    border, pen = BORDER, 1.0
    flag = "" if unit.amount is None else _flag(view, unit.amount)
    if flag:
        border, pen = colors.ALARM, 2.5
    # A box with a heatmap beside it is as wide as its column's widest, so each sits flush.
    size = f"width={width}" + (" fixedsize=true" if width > 0.3 else "")
    tip = unit.tip
    if unit.amount is not None:
        tip += f": {_what(view, 'b')} {number(unit.amount)}"
    if flag:
        tip += f" ({flag})"
    return (
        f'shape=box style="rounded,filled" fillcolor="{fill}" fontcolor="{ink}" '
        f'color="{border}" penwidth={pen} height=0.26 {size} margin="0.05,0.02" '
        f'tooltip="{escape(tip)}" label=<{text}>'
    )


def _flag(view: Network, g: float) -> str:
    if view.show != "grad":
        return ""
    flag = colors.classify(g, view.vanishing, view.exploding)
    return flag if flag in ("vanishing", "exploding") else ""


def _header(column: int, title: str, flag: str, x: float, y: float, lines: int) -> str:
    """A column's title, one part a line (``layer 2`` over ``tanh``), its flag under it.

    Every title gets ``lines`` lines, blank ones at the end, so that titles align.
    """
    parts = [f"<B>{escape(part)}</B>" for part in title.split(" · ")]
    if flag:
        parts.append(f'<FONT COLOR="{colors.ALARM}"><B>⚠ {flag}</B></FONT>')
    parts += [" "] * (lines - len(parts))
    return _node(f"head{column}", x, y, f"shape=plain label=<{'<BR/>'.join(parts)}>")


def _strength(w: Wire) -> float:
    return abs(w.amount) if abs(w.amount) < math.inf else math.inf  # NaN: the strongest


def scale_of(view: Network, scale: object = None) -> colors.LogScale:
    """The colour scale: ``scale`` if given, else the decades every wire and neuron span."""
    amounts = [w.amount for w in view.wires]
    amounts += [u.amount for c in view.columns for u in c.units if u.amount is not None]
    return colors.scale_for(scale, amounts)


def network_lines(
    view: Network,
    title: str,
    scale: colors.LogScale | None = None,
    *,
    ids: bool = False,
    heatmaps: bool = False,
) -> list[str]:
    """The body of the DOT text of ``view``, one ``"\\t...\\n"`` line each.

    ``ids``: give each neuron and wire the id a recoloured view is tagged by
    (:func:`autograd.viz.layout.svg.tag`): ``n<c>_<k>`` and ``e<c>_<i>_<j>``.
    ``heatmaps``: keep room for a heatmap right of each hidden and output unit
    (:func:`nn.pictures.heat_picture.room`, id ``h<c>_<k>``).
    """
    if scale is None:
        scale = scale_of(view)
    shown = [rows(len(c.units)) for c in view.columns]
    top = (max(len(r) for r in shown) - 1) / 2 * ROW_GAP
    gap, box = _spacing(view, shown, heatmaps)
    # Title lines: "layer 2" over "tanh", and a third for a flag if any column has one.
    heads = 2 + any(c.flag for c in view.columns)
    lines = [
        'graph [splines=false outputorder=edgesfirst labelloc=t fontsize=13 pad="0.2"'
        f' fontname="{FONT}" label=<<B>{escape(title)}</B>'
        + (f'<BR/><FONT COLOR="{colors.ALARM}">{escape(view.note)}</FONT>' if view.note else "")
        + ">]",
        f'node [fontname="{FONT}" fontsize={SMALL}]',
        "edge [arrowhead=none]",
    ]
    place: dict[tuple[int, int], str] = {}
    inputs = _inputs_width(view)
    for c, (column, indices) in enumerate(zip(view.columns, shown, strict=True)):
        x = c * gap
        lines.append(_header(c, column.title, column.flag, x, top + 0.3 + 0.1 * heads, heads))
        for r, k in enumerate(indices):
            y = top - r * ROW_GAP - (top - (len(indices) - 1) / 2 * ROW_GAP)
            if k is None:
                more = len(column.units) - 2 * ENDS
                lines.append(_node(f"more{c}", x, y, f"shape=plain label=<⋮ {more} more>"))
                continue
            place[c, k] = f"u{c}_{k}"
            width = inputs if c == 0 else box
            unit = _unit_attrs(view, c, k, scale, width) + (f' id="n{c}_{k}"' if ids else "")
            lines.append(_node(place[c, k], x, y, unit))
            if heatmaps and c > 0:
                lines.append(room(c, k, x + box / 2 + SIDE / 2, y))
    last = len(view.columns) - 1
    right = last * gap + (box / 2 - 0.15 + SIDE if heatmaps else 0.0)
    if view.loss is not None:
        right += 1.2
        text = f"loss {escape(short(view.loss))}"
        lines.append(_node("loss", right, 0.0, f"shape=box height=0.26 label=<{text}>"))
        lines += [f"{place[last, k]} -> loss" for k in shown[last] if k is not None]
        right += 0.4
    table = f"shape=plain label=<{legend(view, scale, heatmaps=heatmaps)}>"
    if len(view.columns) > DEEP:  # beside a deep network it would make the picture too wide
        rows_ = legend(view, scale, heatmaps=heatmaps).count("<TR>")
        lines.append(_node("legend", right / 2, -top - 0.45 - rows_ * 0.11, table))
    else:
        lines.append(_node("legend", right + 0.5 + legend_width(view, scale) / 2, 0.0, table))
    lines += _wires(view, place, scale, ids)
    return [f"\t{line}\n" for line in lines]


def _inputs_width(view: Network) -> float:
    """An input box's width: Graphviz's own for ``x1 .. xn``; for inputs named as features
    (``sin x1``), the widest name's, so the column's boxes line up."""
    names = [u.name for u in view.columns[0].units]
    return 0.3 if names == [f"x{i + 1}" for i in range(len(names))] else box_width(names)


def _spacing(view: Network, shown: list[list[int | None]], heatmaps: bool) -> tuple[float, float]:
    """Inches between columns, and a hidden or output unit's box width."""
    activations = any(u.value is not None for c in view.columns[1:] for u in c.units)
    gap = column_gap(len(view.columns), narrow=not activations)
    if not heatmaps:
        return gap, 0.3
    labels = [_label(view, c, k) for c, ks in enumerate(shown) if c for k in ks if k is not None]
    box = box_width(labels)
    # Room for the box, its heatmap and a wire's visible end.
    return max(gap, round(box + SIDE + WIRE, 3)), box


def _wires(
    view: Network, place: dict[tuple[int, int], str], scale: colors.LogScale, ids: bool
) -> list[str]:
    """A DOT edge per wire between two units shown, weakest first, so the strongest are
    drawn on top (NaN counts as strongest)."""
    lines = []
    for w in sorted(view.wires, key=_strength):
        a, b = place.get((w.column, w.source)), place.get((w.column + 1, w.target))
        if a is None or b is None:
            continue
        wire = f'id="e{w.column}_{w.source}_{w.target}" ' if ids else ""
        if view.unknown:  # no gradient yet: a thin plain wire, neither a colour nor zero's grey
            lines.append(f'{a} -> {b} [{wire}color="{BORDER}" penwidth=0.6]')
            continue
        dashed = ' style="dashed"' if _flag(view, w.amount) == "vanishing" else ""
        lines.append(
            f'{a} -> {b} [{wire}color="{colors.signed(w.amount, scale)}" '
            f"penwidth={scale.width(w.amount, 0.4, 3.5)}{dashed}]"
        )
    return lines


__all__ = [
    "COLUMNS_WIDTH",
    "COLUMN_GAP",
    "DEEP",
    "ENDS",
    "MAX_ROWS",
    "ROW_GAP",
    "WIRE",
    "column_gap",
    "network_lines",
    "rows",
    "scale_of",
]
