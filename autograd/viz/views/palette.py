"""The palette every front end draws with, as data: Python's constants, sent, never copied.

The 11-px floor, points to pixels, the |grad| ramp, the alarm red, the
highlight, the classes' colours: each is defined once in Python
(:mod:`autograd.viz.scene.colors`, :mod:`autograd.viz.views.charts`, :mod:`autograd.viz.layout`,
:mod:`autograd.viz.scene.boxes`, :mod:`autograd.viz.views.steps`) and reaches ``player.js``,
``lab.js`` and ``playground.js`` as a :class:`autograd.viz.views.frames.Palette`,
whose colours ``stage.js`` makes CSS properties (``--cr-alarm``, ...) that the
stylesheets use.

>>> p = palette()
>>> p.min_px, p.alarm, p.ramp[0], p.ramp[-1], len(p.ramp)
(11, '#d62728', '#440154', '#fde725', 9)
"""

from __future__ import annotations

from collections.abc import Sequence

from autograd.viz.layout.svg import PX_PER_PT
from autograd.viz.scene import colors
from autograd.viz.scene.boxes import HIGHLIGHT
from autograd.viz.views.charts import SMALLEST_PX
from autograd.viz.views.frames import Palette
from autograd.viz.views.looks import CURRENT


def palette(names: Sequence[str] = ("class 0", "class 1")) -> Palette:
    """The palette, the classes called ``names`` in the playground's key."""
    return Palette(
        min_px=SMALLEST_PX,
        px_per_pt=PX_PER_PT,
        ramp=list(colors.RAMP),
        zero=colors.ZERO,
        alarm=colors.ALARM,
        highlight=HIGHLIGHT,
        current=CURRENT,
        outline=colors.OUTLINE,
        classes=list(colors.CLASS_COLORS),
        names=list(names),
    )


__all__ = ["palette"]
