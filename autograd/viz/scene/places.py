"""Where a picture is shown, and the sizes that follow: no matplotlib, no Graphviz.

A browser shows a PNG at its size in pixels, or shrunk to fit where it is
shown when it is wider, and its text shrinks with it. Text of ``s`` points on
a figure ``W`` inches wide, saved at ``d`` dpi and shown in a column ``P`` px
wide, is ``s × d/72 × min(1, P / (W × d))`` px tall; once shrunk, that is
``s × P / (72 W)``, whatever the dpi. So the rule is one line: a chart is at
most as wide as the narrowest place it is shown, counted at 96 px to the inch
(:func:`width`), and no text on it is under :data:`SMALL` points, which is
then at least 12 px everywhere, at any dpi from 96 up.

>>> [(p.name, p.width) for p in PLACES]
[('notebook', 828), ('page', 800), ('slide', 1280)]
>>> width(20.0), width(5.0)
(8.13, 5.0)
>>> round(SMALL * PAGE.width / (72 * (width(20.0) + 0.2)), 1)  # px, at the widest
12.0
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Where a chart is shown: its width in CSS px and, for a slide, its height."""

    name: str
    width: int
    height: int | None = None

    def scale(self, png_width: int, png_height: int) -> float:
        """How far a browser shrinks a PNG of that size to fit here (1.0: not at all).

        >>> SLIDE.scale(2560, 1080), NOTEBOOK.scale(414, 300)
        (0.5, 1.0)
        """
        fits = [1.0, self.width / png_width]
        if self.height is not None:
            fits.append(self.height / png_height)
        return min(fits)


#: JupyterLab at 1280 × 800 with the file browser open: the output column.
NOTEBOOK = Place("notebook", 828)
#: A standalone page (the demo's pictures opened in a browser, the README).
PAGE = Place("page", 800)
#: A 1280 × 720 slide.
SLIDE = Place("slide", 1280, 720)
PLACES = (NOTEBOOK, PAGE, SLIDE)

#: The smallest text any place should show, in CSS px.
SMALLEST_PX = 11
#: CSS px to the inch: a figure this many inches wide per 96 px of column is not shrunk
#: below 4/3 px a point.
CSS_DPI = 96
#: The smallest text a chart draws, in points: 12 px at 4/3 px a point.
SMALL = 9.0
#: The widest a chart may be, in inches: the narrowest place's width, less the 0.1 inch
#: a tight ``savefig`` pads each side with.
WIDEST = min(p.width for p in PLACES) / CSS_DPI - 0.2


def width(wanted: float) -> float:
    """A chart's width in inches: ``wanted``, or the widest every place shows unshrunk enough."""
    return round(min(wanted, WIDEST), 2)


def figsize(height: float, wanted: float = WIDEST) -> tuple[float, float]:
    """``(width, height)`` in inches for a chart ``wanted`` inches wide (default: the widest).

    Panels go one above the other, so a taller figure is the way to add one: a
    column scrolls, and a slide shrinks a tall picture, which the tests measure.

    >>> figsize(3.5), figsize(3.0, 5.0), figsize(9.0, 12.0)
    ((8.13, 3.5), (5.0, 3.0), (8.13, 9.0))
    """
    return width(wanted), height
