"""The lab's inputs checked at the door: each input's start and slider range, each later change.

:func:`ranges` reads ``lab()``'s keywords, :func:`changed` a new ``w.inputs``;
both take only finite numbers, within a slider's range, through
:mod:`autograd.checks`, so that a value the lab could not show (NaN, an
infinity, a number off its slider) is refused before ``f`` is called.

>>> ranges({"w": 0.5, "b": (1.0, 0.0, 4.0), "x": -8.0})
{'w': [0.5, -5.0, 5.0], 'b': [1.0, 0.0, 4.0], 'x': [-8.0, -16.0, 16.0]}
>>> changed({"w": 9.0}, ranges({"w": 0.5}))
Traceback (most recent call last):
...
ValueError: lab input w must be a number in [-5, 5], got 9.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from autograd.checks import interval, real, shown

#: The largest graph ``lab()`` draws unless told otherwise, in DOT nodes (as
#: ``draw_graph`` counts them). The lab lays its graph out in several shapes to
#: pick the one that fits, so the first picture takes longer than a still one:
#: at about 500 nodes 0.1 to 1.1 s, at about 1,000 nodes 5 to 15 s, at 2,000
#: up to Graphviz's 60 s limit (a chain of tanh neurons, a sum of terms and an
#: MLP's loss measured). Each later change is data: 10 to 40 ms at 1,000 nodes.
MAX_NODES = 500


def _range(name: str, given: object) -> list[float]:
    """One input's ``[value, low, high]``: ``x=2.0`` or ``x=(2.0, low, high)``."""
    where = f"lab() input {name}"
    if isinstance(given, tuple):
        if len(given) != 3:
            raise TypeError(f"{where} must be a number or (value, low, high), got {shown(given)}")
        low, high = interval(given[1], given[2], f"{where}'s range")
        if not math.isfinite(high - low):
            raise ValueError(f"{where}'s range ({low:g}, {high:g}) is too wide for a slider")
        return [real(given[0], where, low=low, high=high), low, high]
    x = real(given, where)
    reach = max(5.0, 2 * abs(x))
    if not math.isfinite(2 * reach):
        raise ValueError(
            f"{where} = {x:g} is too large for a slider of its own: "
            f"give its range, as {name}=(value, low, high)"
        )
    return [x, -reach, reach]


def ranges(inputs: Mapping[str, object]) -> dict[str, list[float]]:
    """Each input's value and slider range: ``x=2.0`` or ``x=(2.0, low, high)``.

    A bare number gets a range symmetric about 0 that holds it: ±5, or twice it.
    Every number must be finite, and a value within its range.

    Raises:
        ValueError: no inputs; NaN or an infinity; a value outside its range,
            or a range whose low is not below its high.
        TypeError: an input that is not a number or a (value, low, high) triple.

    >>> ranges({"x": (2.0, 0.0, 1.0)})
    Traceback (most recent call last):
    ...
    ValueError: lab() input x must be a number in [0, 1], got 2.0
    """
    if not inputs:
        raise ValueError("lab(f, **inputs) needs at least one input, as lab(f, x=1.0)")
    return {name: _range(name, given) for name, given in inputs.items()}


def changed(given: Mapping[object, object], ranges: Mapping[str, list[float]]) -> dict[str, float]:
    """The inputs of a change (``w.inputs = {"x": 1.0}``), each a number on its slider.

    Raises:
        TypeError: a value that is not a number (``"abc"``, None, True).
        ValueError: an input the lab does not have; NaN, an infinity, or a
            number outside its slider's range.

    >>> changed({"x": "abc"}, {"x": [0.0, -5.0, 5.0]})
    Traceback (most recent call last):
    ...
    TypeError: lab input x must be a number in [-5, 5], got 'abc' (a str)
    """
    unknown = sorted(str(name) for name in given if name not in ranges)
    if unknown:
        raise ValueError(
            f"lab has no input {', '.join(unknown)}; its inputs are {', '.join(ranges)}"
        )
    found = {}
    for name, x in given.items():
        _, low, high = ranges[str(name)]
        found[str(name)] = real(x, f"lab input {name}", low=low, high=high)
    return found


__all__ = ["MAX_NODES", "changed", "ranges"]
