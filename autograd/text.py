"""Text for pictures and traces: escaping for DOT's HTML-like labels, and short numbers.

Every label goes through :func:`escape`, so any string renders as itself:
markup (``<b>``), record syntax (``a|b``, ``{x}``), arrows (``w[0]->h``),
backslashes and quotes are plain text, and a newline starts a new line.
Characters that XML cannot carry at all (control characters, lone
surrogates) are shown as their Python escape (``\\t``, ``\\x01``), visibly.
Graphviz reads a doubled backslash in a label as one, so each is doubled.
Numbers are shown by :func:`number` (six significant digits); a picture of a
whole network uses :func:`short` (three) and :func:`at_most` (a one-digit bound).

>>> print(escape('<b> & "a|b" {x}'))
&lt;b&gt; &amp; &quot;a|b&quot; {x}
>>> print(escape("one\\ntwo"), escape("tab\\there"), escape("a\\\\b"))
one<BR/>two tab\\\\there a\\\\b
"""

from __future__ import annotations

import html
import math
import re
from typing import overload

# Everything outside XML 1.0's Char production, and tab, which Graphviz drops.
_UNSAFE = re.compile("[\x00-\x08\x09\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _visible(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def escape(text: str) -> str:
    """``text`` as the inside of an HTML-like DOT label that renders as itself."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (
        html.escape(_UNSAFE.sub(_visible, line).replace("\\", "\\\\"), quote=True)
        for line in text.split("\n")
    )
    return "<BR/>".join(lines)


#: The most characters of a name drawn. Escaped, a character takes at most 7
#: (a lone surrogate, ``\\udfff``), so a box stays far below the 16,384
#: characters that Graphviz reads of one HTML-like label.
LONGEST = 80


def clip(text: str, most: int = LONGEST) -> str:
    """``text`` as drawn: at most ``most`` characters, the rest shown as a visible "…".

    The name itself (a Value's label) is kept whole; only the picture is shortened.

    >>> clip("w"), clip("a" * 100, 8)
    ('w', 'aaaaaaa…')
    """
    return text if len(text) <= most else text[: most - 1] + "…"


def number(x: float) -> str:
    """A float as short text: up to 6 significant digits, always marked as a float.

    Negative zero is shown as ``0.0``: the sign of a zero is an artefact of
    float rounding (``-1e-300 * 1e-300``) that a learner would read as a value.

    >>> number(0.5), number(1/3), number(-2.0), number(1e-9), number(float("nan"))
    ('0.5', '0.333333', '-2.0', '1e-09', 'nan')
    >>> number(-0.0)
    '0.0'
    """
    text = f"{x + 0.0:.6g}"  # -0.0 + 0.0 is 0.0
    return text if any(c in text for c in ".ena") else text + ".0"


@overload
def short(x: float) -> str: ...
@overload
def short(x: str | None) -> str | None: ...
def short(x: float | str | None) -> str | None:
    """A number, or a number's text, at three significant digits: what fits in a neuron.

    Text that is not a number (a blank cell, None) is returned as it is.

    >>> short("0.000204114"), short("-1.87367e-05"), short("2.0"), short(""), short(None)
    ('0.000204', '-1.87e-05', '2.0', '', None)
    >>> short(0.53124), short(-0.999), short(12.345), short(-0.0), short(2e-7)
    ('0.531', '-0.999', '12.3', '0.0', '2e-07')
    """
    if isinstance(x, float | int):
        return number(float(f"{x:.3g}"))
    try:
        return number(float(f"{float(x or ''):.3g}"))
    except ValueError:
        return x


def at_most(x: float) -> str:
    """The least one-digit number not below ``x`` (>= 0), as short text: a bound that holds.

    >>> at_most(0.000225), at_most(2e-4), at_most(0.95), at_most(3.0), at_most(0.0)
    ('3e-04', '2e-04', '1.0', '3.0', '0.0')
    >>> at_most(float("inf"))
    'inf'
    """
    if not math.isfinite(x):
        return number(x)
    digit, exponent = (int(part) for part in f"{x:.0e}".split("e"))
    if float(f"{digit}e{exponent}") < x:  # rounded down: one digit up
        digit, exponent = (digit + 1, exponent) if digit < 9 else (1, exponent + 1)
    bound = float(f"{digit}e{exponent}")
    return f"{digit}e{exponent:+03d}" if 0 < bound < 1e-3 or bound >= 1e4 else number(bound)
