"""The network view with a heatmap beside each hidden and output unit: its room, its pictures.

:func:`room` is the DOT node that keeps a heatmap's place (id ``h<c>_<k>``), just
right of its unit's box, so that wires come in at the box and go out past the
heatmap; :func:`box_width` is the width every box then has, so each room sits
flush against its box. :class:`HeatmapDrawing` is a
:class:`~autograd.viz.layout.drawing.Drawing` whose SVG has each unit's heatmap
in its room (a PNG ``data:`` URL in an SVG ``<image>``, which survives the
``<img>`` form untrusted JupyterLab shows).

>>> room(1, 2, 0.5, 0.0)[:41]
'h1_2 [pos="0.500,0.000!" shape=box width='
>>> box_width(["1", "8 -0.731"])
0.764
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from autograd.text import escape
from autograd.viz.layout.drawing import Drawing
from autograd.viz.scene.dot import SMALL
from nn.pictures.heatmaps import SIDE, levels, place_images, png_url, unit_grids

#: A character of the boxes' 11-pt Helvetica, in points, on average over a number (a digit
#: is 6.1, "-" 3.7, "." and " " 3.1); and each side's margin, as the boxes' margin="0.05,0.02".
_CHAR, _MARGIN = 5.8 * SMALL / 11, 0.05


def box_width(texts: Sequence[str]) -> float:
    """The width, in inches, of a unit box that holds the longest of ``texts`` (at least 0.3)."""
    longest = max((len(t) for t in texts), default=1)
    return round(max(0.3, longest * _CHAR / 72 + 2 * _MARGIN + 0.02), 3)


def room(c: int, k: int, x: float, y: float) -> str:
    """The DOT node keeping unit ``k`` of column ``c``'s heatmap place, centred at (x, y)."""
    tip = escape(f"layer {c} · neuron {k + 1}: its output over the input plane")
    return (
        f'h{c}_{k} [pos="{x:.3f},{y:.3f}!" shape=box width={SIDE} height={SIDE} '
        f'fixedsize=true label="" style=filled fillcolor=white color="#888888" '
        f'penwidth=0.5 id="h{c}_{k}" tooltip="{tip}"]'
    )


def images(model: Any, bounds: tuple[float, float, float, float], n: int) -> dict[str, str]:
    """Each hidden and output unit's heatmap as a PNG ``data:`` URL, by key ``c_k``."""
    grids = unit_grids(model, bounds, n)
    return {
        f"{c}_{k}": png_url(levels(cells), n)
        for c, layer in enumerate(grids, start=1)
        for k, cells in enumerate(layer)
    }


class HeatmapDrawing(Drawing):
    """A drawing whose SVG has a heatmap in each room (``images``: a data URL by ``c_k``).

    Drawn as SVG only: the heatmaps go into Graphviz's SVG after it is laid out.
    """

    __slots__ = ("images",)
    images: dict[str, str]

    def __init__(self, images: dict[str, str], digraph: Any = None, /, **options: Any) -> None:
        super().__init__(digraph, **options)
        object.__setattr__(self, "images", images)

    def copy(self) -> HeatmapDrawing:
        """A copy, with a copy of the Digraph, the same heatmaps and time limit."""
        return HeatmapDrawing(self.images, self.digraph.copy(), timeout=self.timeout)

    def pipe(
        self,
        format: str | None = None,
        renderer: str | None = None,
        formatter: str | None = None,
        quiet: bool = False,
        *,
        engine: str | None = None,
        encoding: str | None = None,
        timeout: float | None = None,
    ) -> Any:
        """The picture as SVG, heatmaps in place: bytes, or text with ``encoding``.

        Raises:
            ValueError: a format other than ``"svg"`` (or a renderer or formatter).
        """
        fmt = format or self.digraph.format
        if fmt != "svg" or renderer or formatter:
            wanted = ":".join(p for p in (fmt, renderer, formatter) if p)
            raise ValueError(
                "draw_network(heatmaps=True) is drawn as SVG only (the heatmaps are put in "
                f"Graphviz's SVG): use format='svg', got {wanted!r}"
            )
        svg = super().pipe("svg", quiet=quiet, engine=engine, encoding="utf-8", timeout=timeout)
        svg = place_images(svg, self.images)
        return svg if encoding is not None else svg.encode()


__all__ = ["HeatmapDrawing", "box_width", "images", "room"]
