"""A data set checked at the door: rows of finite numbers of one width, and a target for each.

``fit``, ``evaluate``, the playground and the network view take examples
from the user; each reads them through :func:`examples` (or :func:`rows` for
inputs alone, :func:`row` for one input) before anything is trained or drawn,
so a bad data set is refused in the same words everywhere, naming the first
bad entry by its position (``fit() X[3][1]``) and never printing the whole
set. NumPy arrays are read as the lists they hold (:mod:`autograd.arrays`).

>>> examples([[0.5, 1], [2.0, -1.0]], [1, 0], "fit()")
([[0.5, 1.0], [2.0, -1.0]], [1, 0])
>>> examples([[0.5, 1.0], [2.0]], [1, 0], "fit()")
Traceback (most recent call last):
...
ValueError: fit() X[1] has 1 number, X[0] has 2: every row needs the same width
>>> examples([0.5, 2.0], [1, 0], "fit()")
Traceback (most recent call last):
...
ValueError: fit() X must hold one row of numbers per example, got X[0] = 0.5; for one input \
per example write [[x] for x in X] (or X.reshape(-1, 1))
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

from autograd.arrays import targets, to_python
from autograd.checks import shown
from autograd.kinds import class_name
from autograd.value import is_real


def _numbers(n: int) -> str:
    return f"{n} number" if n == 1 else f"{n} numbers"


def _sequence(data: Any, name: str, what: str) -> Sequence[Any]:
    """``data`` if it is a list-like of items (not a string, not a one-pass iterator)."""
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        kind = class_name(data)
        hint = ": pass list(...) of it" if hasattr(data, "__next__") else ""
        raise TypeError(f"{name} must be {what}, got {shown(data)} (a {kind}){hint}")
    return data


def _finite(x: object, name: str) -> float:
    """An entry of a data set: a finite number (NaN and inf named as such)."""
    if not is_real(x):
        raise TypeError(f"{name} must be a number, got {shown(x)} (a {class_name(x)})")
    try:
        number = float(x)  # type: ignore[arg-type]
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"{name} is {shown(x)}: every entry must be a finite number")
    return number


def row(x: Any, name: str, width: int | None = None) -> list[float]:
    """One example's inputs: a list (or 1-D array) of finite numbers, ``width`` long if given.

    >>> row([1, 0.5], "draw_network x", 2)
    [1.0, 0.5]
    >>> row([1.0], "draw_network x", 2)
    Traceback (most recent call last):
    ...
    ValueError: draw_network x has 1 number, the model takes 2 inputs
    """
    x = _sequence(to_python(x, name), name, "a list of numbers (one example)")
    if width is not None and len(x) != width:
        raise ValueError(f"{name} has {_numbers(len(x))}, the model takes {width} inputs")
    return [_finite(v, f"{name}[{i}]") for i, v in enumerate(x)]


def rows(X: Any, where: str, width: int | None = None) -> list[list[float]]:
    """Inputs ``X``: at least one row, every row the same width (``width`` if given).

    Args:
        X: a list of rows, or a 2-D NumPy array.
        where: the call, as messages name it (``"fit()"``, ``"fit() validation"``).
        width: the width every row must have (the model's inputs), if known.

    Raises:
        TypeError: ``X`` or a row is not a list of numbers (a string, a generator,
            an entry that is a list: a 3-D ``X``).
        ValueError: no rows, a row of numbers given as ``X`` itself (1-D), rows of
            different widths, or an entry that is NaN or infinite.
    """
    name = f"{where} X"
    X = _sequence(to_python(X, name), name, "a list of rows (or a 2-D array)")
    if not X:
        raise ValueError(f"{name} is empty: it needs at least one example")
    if is_real(X[0]):
        raise ValueError(
            f"{name} must hold one row of numbers per example, got X[0] = {shown(X[0])}; "
            "for one input per example write [[x] for x in X] (or X.reshape(-1, 1))"
        )
    found = [row(x, f"{name}[{i}]") for i, x in enumerate(X)]
    first = len(found[0])
    for i, r in enumerate(found):
        if len(r) != first:
            raise ValueError(
                f"{name}[{i}] has {_numbers(len(r))}, X[0] has {first}: "
                "every row needs the same width"
            )
    if width is not None and first != width:
        raise ValueError(f"{name} has rows of {_numbers(first)}, the model takes {width} inputs")
    return found


def _target(t: Any, name: str) -> Any:
    """A target: an int label (kept an int), a real value, or a row of real values."""
    if isinstance(t, bool) or type(t).__name__ == "bool_":
        raise TypeError(f"{name} is {t!r}: give class labels as ints (0 and 1), not bools")
    if isinstance(t, Sequence) and not isinstance(t, (str, bytes)):
        return [_finite(v, f"{name}[{j}]") for j, v in enumerate(t)]
    if isinstance(t, numbers.Integral):
        return int(t)
    return _finite(t, name)


def examples(
    X: Any, y: Any, where: str, width: int | None = None
) -> tuple[list[list[float]], list[Any]]:
    """``(X, y)`` checked: :func:`rows` for ``X``, and one finite target per row.

    A target is an int class label (kept an int, so accuracy can be counted),
    a real number, or a row of numbers (several outputs); a column ``y`` of
    shape ``(n, 1)`` gives n targets.

    Raises:
        TypeError, ValueError: as :func:`rows`; ``y`` is not a list, has another
            length than ``X``, or holds a string, a bool, NaN or infinity.

    >>> examples([[1.0]], ["a"], "fit() validation")
    Traceback (most recent call last):
    ...
    TypeError: fit() validation y[0] must be a number, got 'a' (a str)
    """
    found = rows(X, where, width)
    name = f"{where} y"
    y = _sequence(targets(y, name), name, "a list of targets (or a 1-D array)")
    if len(y) != len(found):
        raise ValueError(
            f"{where} needs one target per example: X has {len(found)} rows and y {len(y)} targets"
        )
    return found, [_target(t, f"{name}[{i}]") for i, t in enumerate(y)]


__all__ = ["examples", "row", "rows"]
