"""A matplotlib figure measured the way a browser shows its PNG (Agg backend).

The figure is saved as the place that shows it saves it (a notebook's inline
backend: the figure's dpi, ``bbox_inches="tight"``; the demo: its DPI, tight),
and the PNG is scaled down, never up, to fit the place's width (and height,
for a slide). Each text drawn is then ``fontsize × dpi / 72 × scale`` CSS px
tall; a superscript or subscript in mathtext is drawn at 0.7 of that
(matplotlib's shrink factor), and counts as such.

Three things are measured, from the figure's own artists:

- the smallest text, in CSS px at that width;
- legends over data: pixels of the data artists (lines, markers, bars,
  contours, annotations), drawn alone, inside any legend's box;
- texts over texts: any two drawn texts whose (turned) boxes intersect, or that
  stand side by side less than half an em apart (they read as one).
"""

from __future__ import annotations

import io
import math
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import matplotlib
import numpy

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from autograd.viz.views.charts import Place

#: mathtext draws a superscript or subscript at this fraction of the text's size.
SCRIPT = 0.7


@dataclass
class Fit:
    """How one figure fits one place: sizes in CSS px, and what overlaps."""

    place: str
    png: tuple[int, int]
    scale: float
    smallest: float
    smallest_text: str
    legend_over_data: list[str] = field(default_factory=list)
    overlapping_texts: list[tuple[str, str]] = field(default_factory=list)

    def problems(self, smallest_px: float = 11.0) -> list[str]:
        """What is wrong, in words; empty when the figure fits."""
        found = []
        if self.smallest < smallest_px:
            found.append(f"{self.smallest_text!r} is {self.smallest:.1f} px at {self.place}")
        found += [f"legend over {what}" for what in self.legend_over_data]
        found += [f"{a!r} overlaps {b!r}" for a, b in self.overlapping_texts]
        return found

    def __str__(self) -> str:
        return (
            f"{self.place}: PNG {self.png[0]}x{self.png[1]}, scale {self.scale:.2f}, "
            f"smallest {self.smallest:.1f} px ({self.smallest_text!r}), "
            f"{len(self.legend_over_data)} legend overlaps, "
            f"{len(self.overlapping_texts)} text overlaps"
        )


@contextmanager
def _recording() -> Iterator[list[Text]]:
    """Every Text drawn while inside, with text to show (ticks out of view are not drawn)."""
    drawn: list[Text] = []
    original = Text.draw

    def draw(self: Text, renderer: Any) -> None:
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        original(self, renderer)

    Text.draw = draw  # type: ignore[method-assign,assignment]
    try:
        yield drawn
    finally:
        Text.draw = original  # type: ignore[method-assign]


def png_size(figure: Any, dpi: float) -> tuple[int, int]:
    """The size of the PNG the figure saves at ``dpi``, tight, as notebooks and the demo do."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    width, height = struct.unpack(">II", buffer.getvalue()[16:24])
    return width, height


def _text_px(text: Text, dpi: float, scale: float) -> float:
    size = float(text.get_fontsize()) * dpi / 72 * scale
    shown = text.get_text()
    if "$" in shown and any(mark in shown for mark in "^_"):
        size *= SCRIPT
    return size


def _corners(text: Text, renderer: Any) -> list[tuple[float, float]]:
    """The four corners of a text's box on screen, turned as the text is."""
    box = text.get_window_extent(renderer)
    angle = text.get_rotation()
    if angle % 180 == 0:
        return [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]
    # The unturned box, centred where the turned one is (a rectangle turned about
    # any point keeps its centre at the centre of its bounding box).
    text.set_rotation(0)
    flat = text.get_window_extent(renderer)
    text.set_rotation(angle)
    cx, cy, w, h = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, flat.width, flat.height
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return [
        (cx + dx * c - dy * s, cy + dx * s + dy * c)
        for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))
    ]


def _separated(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Whether two convex polygons are apart (separating axis test), with 0.5 px of slack."""
    for poly in (a, b):
        for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1], strict=True):
            nx, ny = y1 - y0, x0 - x1
            length = math.hypot(nx, ny) or 1.0
            pa = [(x * nx + y * ny) / length for x, y in a]
            pb = [(x * nx + y * ny) / length for x, y in b]
            if max(pa) <= min(pb) + 0.5 or max(pb) <= min(pa) + 0.5:
                return True
    return False


def _apart(a: Text, b: Text, renderer: Any) -> bool:
    """Two texts neither overlap nor run together.

    Side by side on one line (their heights overlap, neither turned), they must
    be half an em apart, more than a space between words: closer, "13 zeros"
    and "42 zeros" read as one phrase.
    """
    if a.get_rotation() % 180 or b.get_rotation() % 180:
        return _separated(_corners(a, renderer), _corners(b, renderer))
    ba, bb = a.get_window_extent(renderer), b.get_window_extent(renderer)
    if min(ba.y1, bb.y1) - max(ba.y0, bb.y0) <= 0.5:  # one above the other
        return True
    em = min(float(a.get_fontsize()), float(b.get_fontsize())) * a.figure.dpi / 72
    return bool(max(ba.x0, bb.x0) - min(ba.x1, bb.x1) >= em / 2)


def _overlapping(texts: list[Text], renderer: Any) -> list[tuple[str, str]]:
    return [
        (a.get_text(), b.get_text())
        for i, a in enumerate(texts)
        for b in texts[i + 1 :]
        if not _apart(a, b, renderer)
    ]


def _data_artists(ax: Any) -> list[Any]:
    return [*ax.lines, *ax.collections, *ax.patches, *ax.images, *ax.texts]


def _legend_over_data(figure: Any, canvas: Any, renderer: Any) -> list[str]:
    """Which legends have data pixels (drawn alone, on a transparent figure) inside them."""
    legends = [ax.get_legend() for ax in figure.axes if ax.get_legend()] + list(figure.legends)
    if not legends:
        return []
    boxes = [(legend, legend.get_window_extent(renderer)) for legend in legends]
    data = {id(a) for ax in figure.axes for a in _data_artists(ax)}
    hidden = []
    for artist in figure.findobj(lambda a: a is not figure):
        if id(artist) not in data and artist.get_visible() and not artist.get_children():
            hidden.append(artist)
    for ax in figure.axes:
        hidden += [ax.patch, *ax.spines.values(), ax.xaxis, ax.yaxis]
    hidden = [a for a in hidden if a.get_visible() and id(a) not in data]
    keep = figure.patch.get_alpha(), figure.patch.get_facecolor()
    for artist in hidden:
        artist.set_visible(False)
    figure.patch.set_alpha(0.0)
    try:
        canvas.draw()
        alpha = numpy.asarray(canvas.buffer_rgba())[:, :, 3]
        height = alpha.shape[0]
        found = []
        for legend, box in boxes:
            x0, x1 = math.ceil(box.x0) + 1, math.floor(box.x1) - 1
            y0, y1 = height - math.floor(box.y1) + 1, height - math.ceil(box.y0) - 1
            covered = int((alpha[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)] > 0).sum())
            if covered:
                title = legend.axes.get_title() if legend.axes else "figure"
                found.append(f"data in the legend of {title!r} ({covered} px)")
        return found
    finally:
        for artist in hidden:
            artist.set_visible(True)
        figure.patch.set_alpha(keep[0])
        figure.patch.set_facecolor(keep[1])
        canvas.draw()


def measure(figure: Any, place: Place, dpi: float | None = None) -> Fit:
    """How ``figure``, saved at ``dpi`` (default: its own) and tight, fits ``place``."""
    dpi = figure.dpi if dpi is None else dpi
    canvas: Any = FigureCanvasAgg(figure)  # its draw() is untyped in matplotlib's stubs
    width, height = png_size(figure, dpi)
    scale = place.scale(width, height)
    with _recording() as drawn:
        canvas.draw()
    renderer = canvas.get_renderer()
    sizes = [(_text_px(t, dpi, scale), t.get_text()) for t in drawn]
    smallest, which = min(sizes) if sizes else (math.inf, "")
    return Fit(
        place=f"{place.name} ({place.width} px)",
        png=(width, height),
        scale=scale,
        smallest=smallest,
        smallest_text=which,
        legend_over_data=_legend_over_data(figure, canvas, renderer),
        overlapping_texts=_overlapping(drawn, renderer),
    )
