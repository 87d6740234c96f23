"""A regression's key: the colour bar of its scale, its ends and middle labelled.

Drawn as an SVG (an image form, which untrusted notebooks show) of 12-px text;
``keys.js`` draws the same bar in the live widget from the same stops.

>>> svg = scale_svg([1.0, 3.0])
>>> [t for t in ("target", ">1<", ">2<", ">3<") if t in svg] == ["target", ">1<", ">2<", ">3<"]
True
>>> scale_svg([0.0, 1.0], discrete=True).count("<rect")  # a band each, and the outline
6
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from autograd.viz.scene import colors
from nn.widgets.surface_colors import BANDS, scale_ends, value_color

#: The key's size, the bar's left end and length, and the text size, in CSS pixels.
WIDTH, HEIGHT, LEFT, BAR, TEXT = 260, 34, 56, 196, 12


def scale_stops(span: Sequence[float], discrete: bool = False) -> list[tuple[float, str]]:
    """The bar's colours as ``(offset in [0, 1], colour)``: the low end, the middle and the
    high end (the scale is linear in between), or each band's two ends, hard stops.

    >>> scale_stops([0.0, 1.0])
    [(0.0, '#ad7fb5'), (0.5, '#ffffff'), (1.0, '#76ae87')]
    """
    lo, hi = scale_ends(span)
    if not discrete:
        return [(f, value_color(lo + f * (hi - lo), span)) for f in (0.0, 0.5, 1.0)]
    bands = [value_color(lo + (b + 0.5) / BANDS * (hi - lo), span, True) for b in range(BANDS)]
    return [(f, c) for b, c in enumerate(bands) for f in (b / BANDS, (b + 1) / BANDS)]


def scale_svg(span: Sequence[float], name: str = "target", discrete: bool = False) -> str:
    """The colour bar of the scale over ``span`` = [lo, hi], named ``name``, as an SVG."""
    lo, hi = scale_ends(span)
    stops = scale_stops(span, discrete)
    if discrete:
        bar = "".join(
            f'<rect x="{LEFT + a * BAR:.1f}" y="2" width="{(b - a) * BAR:.1f}" height="12" '
            f'fill="{c}"/>'
            for (a, c), (b, _) in zip(stops[::2], stops[1::2], strict=True)
        )
    else:
        offsets = "".join(f'<stop offset="{f}" stop-color="{c}"/>' for f, c in stops)
        bar = (
            f'<defs><linearGradient id="scale">{offsets}</linearGradient></defs>'
            f'<rect x="{LEFT}" y="2" width="{BAR}" height="12" fill="url(#scale)"/>'
        )
    labels = [(LEFT, "start", lo), (LEFT + BAR / 2, "middle", (lo + hi) / 2)]
    labels.append((LEFT + BAR, "end", hi))
    text = "".join(
        f'<text x="{x:g}" y="30" text-anchor="{anchor}">{v:.3g}</text>' for x, anchor, v in labels
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="{TEXT}">'
        f'<text x="0" y="12">{html.escape(name)}</text>{bar}'
        f'<rect x="{LEFT}" y="2" width="{BAR}" height="12" fill="none" '
        f'stroke="{colors.OUTLINE}"/>{text}</svg>'
    )


__all__ = ["scale_stops", "scale_svg"]
