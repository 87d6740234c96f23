"""What every matplotlib chart shares: a size for where it is shown, and how it reads.

The size is :mod:`autograd.viz.scene.places`'s (:func:`figsize`, :data:`SMALL`),
re-exported here; how a chart reads is below: plain tick numbers, log decades,
the class colours and a legend beside the axes.

>>> [plain_number(v) for v in (1e-6, 1e-4, 0.01, 1.0, 100.0, 1e5, 2.5e-12)]
['1e-6', '1e-4', '0.01', '1', '100', '1e5', '2.5e-12']
"""

from __future__ import annotations

from typing import Any

from autograd.viz.scene.colors import CLASS_COLORS, SERIES
from autograd.viz.scene.places import (
    CSS_DPI,
    NOTEBOOK,
    PAGE,
    PLACES,
    SLIDE,
    SMALL,
    SMALLEST_PX,
    WIDEST,
    Place,
    figsize,
    width,
)


def plain_number(value: float) -> str:
    """A tick's number as short plain text: no superscript, which mathtext draws at 0.7 size."""
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return f"{value:.3g}"
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"


def decades(axis: Any) -> None:
    """Label a log ``axis`` (``ax.yaxis``) in plain text: its decades, and between them
    only where it spans less than one (as matplotlib's own log labels do)."""
    from matplotlib.ticker import LogFormatter

    class Plain(LogFormatter):
        def _num_to_string(self, x: float, vmin: float, vmax: float) -> str:
            return plain_number(x)

    axis.set_major_formatter(Plain())
    axis.set_minor_formatter(Plain(labelOnlyBase=False, minor_thresholds=(1, 0.4)))


def class_shading() -> Any:
    """A colormap for a score: class 0's colour, white at the boundary, class 1's colour.

    Use it with ``TwoSlopeNorm(0.0, low, high)`` so that white is where the score is 0.
    """
    from matplotlib.colors import LinearSegmentedColormap

    zero, one = CLASS_COLORS
    return LinearSegmentedColormap.from_list("classes", [zero, "white", one])


def use_series_colors() -> None:
    """Draw the series of every chart made after this in :data:`colors.SERIES`, in turn.

    For a notebook whose charts compare several runs: their lines then read as
    runs, not as the signs or the flag of the pictures beside them.
    """
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams["axes.prop_cycle"] = cycler(color=list(SERIES))


def legend_beside(ax: Any, **options: Any) -> Any:
    """The axes' legend outside it, on the right, top-aligned: never over what it explains."""
    placed = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0}
    return ax.legend(**{**placed, **options})


__all__ = [
    "CSS_DPI",
    "NOTEBOOK",
    "PAGE",
    "PLACES",
    "SLIDE",
    "SMALL",
    "SMALLEST_PX",
    "WIDEST",
    "Place",
    "class_shading",
    "decades",
    "figsize",
    "legend_beside",
    "plain_number",
    "use_series_colors",
    "width",
]
