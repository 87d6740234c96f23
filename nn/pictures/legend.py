"""The network view's legend: what its hues, shades, widths and flags mean.

One small DOT table (an HTML-like label) beside or under the network that
``nn.pictures.draw`` lays out, and about how wide it is, so the picture can make room.

>>> from nn import MLP
>>> from nn.pictures.draw import scale_of
>>> from nn.pictures.network import network
>>> view = network(MLP(2, [3, 1], seed=0), show="weight")
>>> table = legend(view, scale_of(view))
>>> table.startswith("<TABLE") and "wire: w · neuron: b" in table
True
"""

from __future__ import annotations

from autograd.text import escape, number
from autograd.viz.scene import colors
from nn.pictures.network import Network

#: The most ticks on the legend's scale (whole decades, so every other one past 4 decades).
LEGEND_TICKS = 5
#: The width of a legend swatch, in points: room for a tick such as "0.0001".
SWATCH = 42


def _what(view: Network, kind: str) -> str:
    return f"dL/d{kind}" if view.show == "grad" else kind


def _threshold(x: float) -> str:
    return escape(f"{x:g}")


def legend(view: Network, scale: colors.LogScale, *, heatmaps: bool = False) -> str:
    """The legend table (DOT markup): what the hues, shades, widths and flags mean
    (and, with ``heatmaps``, what the heatmaps beside the units show)."""
    ticks = scale.ticks(LEGEND_TICKS)
    n = len(ticks) + 1

    def swatches(sign: float) -> str:
        return "".join(
            f'<TD BGCOLOR="{colors.signed(sign * t, scale)}" WIDTH="{SWATCH}" HEIGHT="12"></TD>'
            for t in ticks
        )

    def row(text: str, color: str = "") -> str:
        if color:
            text = f'<FONT COLOR="{color}">{text}</FONT>'
        return f'<TR><TD COLSPAN="{n}" ALIGN="LEFT">{text}</TD></TR>'

    labels = "".join(f"<TD>{escape(number(t))}</TD>" for t in ticks)
    w, b = _what(view, "w"), _what(view, "b")
    rows_ = [
        row(f"<B>wire: {w} · neuron: {b}</B>"),
        f'<TR><TD ALIGN="RIGHT">+</TD>{swatches(1.0)}</TR>',
        f'<TR><TD ALIGN="RIGHT">−</TD>{swatches(-1.0)}</TR>',
        f"<TR><TD></TD>{labels}</TR>",
        f'<TR><TD BGCOLOR="{colors.ZERO}">0</TD>'
        f'<TD COLSPAN="{n - 1}" ALIGN="LEFT">exactly zero</TD></TR>',
        row(f"thicker wire: larger |{w}|"),
    ]
    if any(u.value is not None for c in view.columns for u in c.units):
        rows_.append(row("neuron box: its number, its activation"))
    if heatmaps:
        one, zero = (f'<FONT COLOR="{c}">■</FONT>' for c in reversed(colors.CLASS_COLORS))
        rows_ += [
            row("heatmap: its output over (x1, x2)"),
            row(f"{one} + {zero} −, white 0, deepest at ±1"),
        ]
    if view.unknown:
        # Nothing here shows a grad as text: say what stands for "—", in rows no
        # wider than the others (legend_width does not measure text).
        rows_ += [row("thin wire, white neuron: grad —,"), row("not computed yet (no backward()")]
        rows_.append(row("yet, or since zero_grad())"))
    elif view.show == "grad":
        rows_ += [
            row(f"⚠ red border: |grad| &lt; {_threshold(view.vanishing)}", colors.ALARM),
            row(f"(vanishing) or &gt; {_threshold(view.exploding)} (exploding)", colors.ALARM),
            row(f"dashed wire: |grad| &lt; {_threshold(view.vanishing)}"),
        ]
    return (
        '<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" COLOR="#888888">'
        + "".join(rows_)
        + "</TABLE>"
    )


def legend_width(view: Network, scale: colors.LogScale) -> float:
    """About how wide :func:`legend` is, in inches (Helvetica 11 pt: ~6 pt a character)."""
    ticks = scale.ticks(LEGEND_TICKS)
    cells = 12 + sum(max(SWATCH, 6 * len(number(t)) + 6) for t in ticks)
    return max(cells, 6 * 36) / 72


__all__ = ["LEGEND_TICKS", "SWATCH", "legend", "legend_width"]
