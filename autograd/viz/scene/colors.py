"""A log colour scale for gradient magnitudes, in pure Python (no matplotlib); the palette.

Names in code say ``color``, as CSS and matplotlib do; the words say colour.

|grad| is mapped to a colour by its order of magnitude: the scale runs from a
dark blue (the smallest nonzero magnitude shown) through teal and green to a
bright yellow (the largest), the stops of a perceptually ordered map like
viridis, so a picture printed in grey still reads from small to large. Exact
zeros are not on a log scale at all and get their own grey.

>>> scale = LogScale(1e-3, 1e1)
>>> scale.color(1e-3), scale.color(1e1), scale.color(0.0)
('#440154', '#fde725', '#bdbdbd')
>>> scale.position(0.1)
0.5
>>> classify(1e-9), classify(0.5), classify(1e3), classify(0.0)
('vanishing', '', 'exploding', 'zero')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

#: Default thresholds: |g| below VANISHING is flagged as vanishing, above
#: EXPLODING as exploding.
VANISHING = 1e-6
EXPLODING = 1e2
#: The colour of an exact zero gradient (nothing flows there).
ZERO = "#bdbdbd"
#: The colour that marks a flagged (vanishing or exploding) node or edge.
ALARM = "#d62728"
#: The outline of a box or a neuron that nothing flags.
OUTLINE = "#555555"

# Viridis at 0, 1/8, ..., 1 (its published stops, rounded to 8 bits).
_STOPS: tuple[tuple[int, int, int], ...] = (
    (0x44, 0x01, 0x54),
    (0x47, 0x2D, 0x7B),
    (0x3B, 0x52, 0x8B),
    (0x2C, 0x72, 0x8E),
    (0x21, 0x91, 0x8C),
    (0x28, 0xAE, 0x80),
    (0x5E, 0xC9, 0x62),
    (0xAD, 0xDC, 0x30),
    (0xFD, 0xE7, 0x25),
)


#: The ramp's stops as ``#rrggbb``, low to high: what a key's colour bar is drawn with.
RAMP = tuple("#" + "".join(f"{c:02x}" for c in stop) for stop in _STOPS)


def ramp(t: float) -> str:
    """The colour at ``t`` in [0, 1] (clamped) as ``#rrggbb``.

    >>> ramp(0.0), ramp(0.5), ramp(1.0), ramp(2.0)
    ('#440154', '#21918c', '#fde725', '#fde725')
    """
    t = min(max(t, 0.0), 1.0) * (len(_STOPS) - 1)
    i = min(int(t), len(_STOPS) - 2)
    f = t - i
    low, high = _STOPS[i], _STOPS[i + 1]
    return "#" + "".join(f"{round(a + (b - a) * f):02x}" for a, b in zip(low, high, strict=True))


#: Signed amounts (a weight, a gradient) as two hues, as TensorFlow Playground
#: draws weights: blue for positive, orange for negative.
POSITIVE, NEGATIVE = (0x08, 0x77, 0xBD), (0xE6, 0x6A, 0x00)


def hex_code(rgb: tuple[int, int, int]) -> str:
    """``#rrggbb`` for an (r, g, b) of 0 to 255.

    >>> hex_code(POSITIVE), hex_code(NEGATIVE)
    ('#0877bd', '#e66a00')
    """
    return "#" + "".join(f"{c:02x}" for c in rgb)


#: Class 0 and class 1 of a two-class data set, in every chart and in the playground:
#: purple and green (the ends of ColorBrewer's PRGn, told apart with colour-blind
#: sight too), a pair of their own: signs are blue and orange, a flag is red.
CLASS_COLORS = ("#762a83", "#1b7837")
#: Several series in one chart (learning rates, optimizers, remedies), in turn:
#: matplotlib's default cycle would draw them in the signs' blue and orange and,
#: fourth, in the flag's red. These are none of the palette's other colours.
SERIES = ("#222222", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")


def signed(g: float, scale: LogScale) -> str:
    """The colour of a signed amount: its sign's hue, paler the smaller |g| is on ``scale``.

    The faintest colour is still a fifth of the hue, so nothing nonzero disappears.

    >>> scale = LogScale(0.01, 1.0)
    >>> signed(1.0, scale), signed(-1.0, scale), signed(0.0, scale)
    ('#0877bd', '#e66a00', '#bdbdbd')
    >>> signed(0.01, scale)
    '#cee4f2'
    """
    if g == 0:
        return ZERO
    hue = POSITIVE if g > 0 else NEGATIVE
    t = 0.2 + 0.8 * scale.position(g)
    return "#" + "".join(f"{round(255 + (c - 255) * t):02x}" for c in hue)


def text_color(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (``#rrggbb``).

    >>> text_color("#440154"), text_color("#fde725")
    ('white', 'black')
    """
    r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    # Relative luminance with the Rec. 709 weights; 140 splits viridis well.
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 else "white"


def classify(g: float, vanishing: float = VANISHING, exploding: float = EXPLODING) -> str:
    """ "zero", "vanishing", "exploding" or "" (healthy) for a gradient ``g``.

    Non-finite gradients (inf, NaN) count as exploding.
    """
    m = abs(g)
    if m == 0:
        return "zero"
    if not m <= exploding:  # also true for NaN
        return "exploding"
    return "vanishing" if m < vanishing else ""


#: The whole decades a float holds: 1e-323 (subnormal) to 1e308.
_LOWEST, _HIGHEST = -323, 308


def decade(exponent: int) -> float:
    """``10.0 ** exponent``, clamped to the decades a float holds, so never 0.0 or inf.

    A scale that ends there still reaches every finite |grad|: position()
    clamps, so 1.5e308 is drawn at the top and 5e-324 at the bottom.

    >>> decade(-2), decade(309), decade(-324)
    (0.01, 1e+308, 1e-323)
    """
    return float(f"1e{min(max(exponent, _LOWEST), _HIGHEST)}")


@dataclass(frozen=True)
class LogScale:
    """Maps |g| in [low, high] to [0, 1] by log10, and to a colour.

    ``low`` and ``high`` are positive; a scale built from one magnitude is
    widened to a decade either side so that it has a length.
    """

    low: float
    high: float

    @classmethod
    def spanning(cls, values: Iterable[float], decades: int = 2) -> LogScale:
        """Whole decades around the nonzero finite |values|, at least ``decades`` of them.

        Rounding out to powers of ten gives a legend with round ticks, and the
        minimum span keeps gradients of similar size in similar colours.

        >>> LogScale.spanning([0.0, -0.5, 2.0, float("inf")])
        LogScale(low=0.1, high=10.0)
        >>> LogScale.spanning([3e-9, 1.0])
        LogScale(low=1e-09, high=1.0)
        >>> LogScale.spanning([])
        LogScale(low=0.01, high=1.0)
        >>> LogScale.spanning([1.5e308, 5e-324])           # the ends of the floats
        LogScale(low=1e-323, high=1e+308)
        """
        mags = [abs(v) for v in values if v != 0 and math.isfinite(v)]
        top = min(math.ceil(math.log10(max(mags))), _HIGHEST) if mags else 0
        bottom = math.floor(math.log10(min(mags))) if mags else top
        bottom = max(min(bottom, top - decades), _LOWEST)
        return cls(decade(bottom), decade(top))

    def position(self, g: float) -> float:
        """Where |g| lies on the scale, 0.0 at ``low`` and 1.0 at ``high`` (clamped)."""
        m = abs(g)
        if not math.isfinite(m):
            return 1.0
        if m <= self.low:
            return 0.0
        span = math.log10(self.high) - math.log10(self.low)
        return min((math.log10(m) - math.log10(self.low)) / span, 1.0)

    def color(self, g: float) -> str:
        """The colour of gradient ``g``: grey for zero, else its place on the ramp."""
        return ZERO if g == 0 else ramp(self.position(g))

    def width(self, g: float, thin: float = 0.6, thick: float = 4.0) -> float:
        """An edge width for ``g``, growing with its order of magnitude.

        >>> LogScale(1.0, 100.0).width(10.0)
        2.3
        """
        return thin if g == 0 else round(thin + (thick - thin) * self.position(g), 2)

    def ticks(self, most: int = 7) -> list[float]:
        """Whole decades from ``low`` to ``high``: each one, or every k-th so that at most
        ``most`` are shown; both ends are always labelled.

        >>> LogScale(1e-4, 1.0).ticks()
        [0.0001, 0.001, 0.01, 0.1, 1.0]
        >>> LogScale(1e-12, 1e2).ticks(4)
        [1e-12, 1e-07, 0.01, 100.0]
        >>> LogScale(1e-13, 1e0).ticks()
        [1e-13, 1e-10, 1e-07, 0.0001, 1.0]
        """
        a = max(math.floor(math.log10(self.low)), _LOWEST)
        b = min(math.ceil(math.log10(self.high)), _HIGHEST)
        step = max(1, math.ceil((b - a) / max(most - 1, 1)))
        exponents = [*range(a, b, step), b]
        # A last gap under half a step would crowd two labels: drop the one before high.
        if len(exponents) > 2 and (b - exponents[-2]) * 2 < step:
            del exponents[-2]
        return [decade(e) for e in exponents]


def tick(x: float) -> str:
    """A decade of a colour scale as a key writes it: plain from 0.001 to 1000, else 1e+4.

    >>> tick(0.01), tick(1.0), tick(1e3), tick(1e4), tick(1e-5)
    ('0.01', '1', '1000', '1e+4', '1e-5')
    """
    if 1e-3 <= x < 1e4:
        return f"{x:g}"
    mantissa, exponent = f"{x:.0e}".split("e")
    return f"{mantissa}e{int(exponent):+d}"


def scale_for(scale: object, magnitudes: Iterable[float]) -> LogScale:
    """The colour scale a picture uses: ``scale=(low, high)`` if given, else one spanning
    ``magnitudes`` (every picture its own).

    A fixed scale is rounded out to whole decades, as the legend's ticks are, so
    that a series of pictures drawn with one ``scale`` shares colours and legend.

    Raises:
        ValueError: ``scale`` is not a pair of numbers with 0 < low < high < inf.

    >>> scale_for((3e-5, 0.5), [])
    LogScale(low=1e-05, high=1.0)
    >>> scale_for(None, [0.02, 3.0])
    LogScale(low=0.01, high=10.0)
    >>> scale_for((1.0, 0.0), [])
    Traceback (most recent call last):
    ...
    ValueError: scale must be (low, high) with 0 < low < high, both finite: got (1.0, 0.0)
    """
    if scale is None:
        return LogScale.spanning(magnitudes)
    pair = tuple(scale) if isinstance(scale, (tuple, list)) else ()
    numbers = [x for x in pair if isinstance(x, (int, float)) and not isinstance(x, bool)]
    if len(pair) != 2 or len(numbers) != 2 or not 0 < numbers[0] < numbers[1] < math.inf:
        raise ValueError(
            f"scale must be (low, high) with 0 < low < high, both finite: got {scale!r}"
        )
    low, high = (float(x) for x in numbers)
    top = min(max(math.ceil(math.log10(high)), _LOWEST + 1), _HIGHEST)
    return LogScale(decade(min(math.floor(math.log10(low)), top - 1)), decade(top))
