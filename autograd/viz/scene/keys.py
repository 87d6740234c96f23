"""The colour key of a gradient-flow picture, as DOT's HTML-like markup.

:func:`table` is the legend drawn beside a graph; :func:`strip` its three
short rows, for a player's caption. Both read one :class:`colors.LogScale`,
the scale the picture is coloured by.

>>> key = strip(colors.LogScale(0.01, 1.0), 1e-6, 100.0)
>>> key.count("BGCOLOR="), "|grad|" in key
(4, True)
"""

from __future__ import annotations

from autograd.text import escape, number
from autograd.viz.scene import colors

#: The grad cell of a node no backward pass has reached (``Value.grad`` reads 0.0).
NOT_COMPUTED = "—"
#: What ``grad —`` means, as a legend says it: one short row. A key that adds
#: width can turn a drawing top to bottom (draw_graph keeps left to right only
#: up to a column's width): a second row, "(no backward() yet, or since
#: zero_grad())", turned notebook 01's 7-node graph before backward() (835 pt
#: wide, against 753 with one row and 798 allowed) while the same graph after
#: it stayed left to right.
NOT_COMPUTED_ROWS = ("grad —: not computed yet",)


def not_reached() -> str:
    """The legend of a plain drawing that shows ``grad —`` somewhere: one line.

    >>> "grad —: not computed yet" in not_reached()
    True
    """
    rows = "".join(f'<TR><TD ALIGN="LEFT">{text}</TD></TR>' for text in NOT_COMPUTED_ROWS)
    return f'<TABLE BORDER="1" CELLBORDER="0" CELLPADDING="3" COLOR="#888888">{rows}</TABLE>'


def strip(
    scale: colors.LogScale, vanishing: float, exploding: float, *, disagree: bool = False
) -> str:
    """The legend in three short rows, for a player's caption: swatches, ticks, flags.

    ``disagree``: the red flags also mark gradients the chain rule says are
    wrong (a learner's engine, :mod:`autograd.engines`), so the key says so.
    """
    ticks = scale.ticks()
    swatches = "".join(
        f'<TD BGCOLOR="{scale.color(t)}" WIDTH="30" HEIGHT="10"></TD>' for t in ticks
    )
    labels = "".join(f"<TD>{number(t)}</TD>" for t in ticks)
    n = len(ticks) + 3
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ROWSPAN="2" ALIGN="RIGHT">|grad| </TD>{swatches}<TD WIDTH="8"></TD>'
        f'<TD BGCOLOR="{colors.ZERO}" WIDTH="30" HEIGHT="10"></TD></TR>'
        f"<TR>{labels}<TD></TD><TD>0</TD></TR>"
        f'<TR><TD COLSPAN="{n}" ALIGN="LEFT"><FONT COLOR="{colors.ALARM}">red: |grad| &lt; '
        f"{escape(number(vanishing))} or &gt; {escape(number(exploding))}"
        f"{', or not what the chain rule gives' if disagree else ''}"
        "</FONT></TD></TR></TABLE>"
    )


def table(
    scale: colors.LogScale,
    vanishing: float,
    exploding: float,
    *,
    contributions: bool = True,
    unknown: bool = False,
) -> str:
    """The legend beside a graph: the scale, zero, the two flags and what an edge says.

    ``unknown``: some node shows ``grad —`` (no backward pass has reached it),
    uncoloured, which the key says is not the grey of 0.
    """
    ticks = scale.ticks()
    n = len(ticks)
    swatches = "".join(
        f'<TD BGCOLOR="{scale.color(t)}" WIDTH="34" HEIGHT="14"></TD>' for t in ticks
    )
    labels = "".join(f"<TD>{number(t)}</TD>" for t in ticks)
    red = f'<FONT COLOR="{colors.ALARM}">'
    rows = [
        f'<TR><TD COLSPAN="{n}"><B>|grad|, log scale</B></TD></TR>',
        f"<TR>{swatches}</TR>",
        f"<TR>{labels}</TR>",
        f'<TR><TD BGCOLOR="{colors.ZERO}">0</TD>'
        f'<TD COLSPAN="{n - 1}" ALIGN="LEFT">no gradient flows</TD></TR>',
        f'<TR><TD COLSPAN="{n}" ALIGN="LEFT">{red}vanishing: |grad| &lt; '
        f"{escape(number(vanishing))}</FONT></TD></TR>",
        f'<TR><TD COLSPAN="{n}" ALIGN="LEFT">{red}exploding: |grad| &gt; '
        f"{escape(number(exploding))}</FONT></TD></TR>",
    ]
    if contributions:
        rows.append(
            f'<TR><TD COLSPAN="{n}" ALIGN="LEFT">edge: upstream grad · local derivative</TD></TR>'
        )
    if unknown:
        rows += [f'<TR><TD COLSPAN="{n}" ALIGN="LEFT">{t}</TD></TR>' for t in NOT_COMPUTED_ROWS]
    return (
        '<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" COLOR="#888888">'
        + "".join(rows)
        + "</TABLE>"
    )
