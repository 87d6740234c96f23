"""Real numbers as the engine takes them: which objects count, and reading one as a float.

The lowest layer of the engine beside the op table: ``Value``, backward and
the checks at the door all read numbers through these two functions.

>>> is_real(0.5), is_real(True), as_real(2, "Value()")
(True, False, 2.0)
"""

from __future__ import annotations

import numbers
from typing import Any

from autograd.arrays import describe, is_numpy, to_python
from autograd.kinds import class_name


def is_real(x: object) -> bool:
    """True for real numbers (int, float, Fraction, NumPy real scalars), not bool.

    >>> is_real(2), is_real(0.5), is_real(True), is_real("1"), is_real(1j)
    (True, True, False, False, False)
    """
    kind = type(x)
    if kind is float or kind is int:  # the common cases, without the ABC check
        return True
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def as_real(x: object, where: str) -> float:
    """``x`` as a float, or TypeError naming ``where`` and the type received.

    Raises:
        TypeError: ``x`` is not a real number.
        OverflowError: ``x`` is too large for a float (``10 ** 400``).

    >>> as_real(10**400, "Value()")
    Traceback (most recent call last):
    ...
    OverflowError: Value() needs a number a float can hold (|x| < 1.8e308), got int of 1329 bits
    """
    if not is_real(x):
        if is_numpy(x):
            return _numpy_real(x, where)
        raise TypeError(f"{where} needs a real number, got {class_name(x)}: {x!r}")
    try:
        return float(x)  # type: ignore[arg-type]
    except OverflowError:
        # Not x!r: an int that large may be too long to print (sys.int_info).
        size = f" of {x.bit_length()} bits" if isinstance(x, int) else ""
        raise OverflowError(
            f"{where} needs a number a float can hold (|x| < 1.8e308), got {class_name(x)}{size}"
        ) from None


def _numpy_real(x: Any, where: str) -> float:
    """A NumPy scalar that is_real refused (a bool, a complex) or a 0-d array, as as_real."""
    if getattr(x, "ndim", 0) != 0:
        raise TypeError(f"{where} takes one number, got {describe(x)}")
    number = to_python(x, where)
    if isinstance(number, bool):
        raise TypeError(f"{where} needs a real number, got a NumPy bool: {number!r}")
    return as_real(number, where)


__all__ = ["as_real", "is_real"]
