"""Arguments checked at the door: one function per kind of argument, one wording for all.

Every entry point that takes a setting from a user (``fit`` and the
optimizers, the data sets, the layers, the widgets, the players, the command
line) checks it here before it changes anything, so each kind of argument is
refused in the same words wherever it is given:

==============  ==========================================================
:func:`count`   a whole number (NumPy integers too, never a bool) in a range
:func:`seed`    None or a whole number >= 0
:func:`real`    a number (never a bool), finite unless a bound is infinite
:func:`flag`    True or False
:func:`choice`  one of a few names
:func:`interval`  a pair ``low < high`` of finite numbers
==============  ==========================================================

:func:`optional` lets any of them be None as well, and says so when it refuses.

A value of the wrong kind (a string, None, a bool where a number is wanted)
is a ``TypeError``; a number of the right kind outside its range (0 steps,
a NaN rate, 2.5 epochs) is a ``ValueError``, as PyTorch's optimizers and
``DataLoader`` refuse them. Each message names the argument, says what it
must be, and shows what it got, cut short (:func:`shown`), so that a data set
passed by mistake never floods the screen.

>>> count(3, "epochs", least=0), real(0.5, "lr", low=0.0), flag(True, "nesterov")
(3, 0.5, True)
>>> count(2.5, "epochs", least=0)
Traceback (most recent call last):
...
ValueError: epochs must be a whole number >= 0, got 2.5
>>> real(float("nan"), "lr", low=0.0)
Traceback (most recent call last):
...
ValueError: lr must be a finite number >= 0, got nan
>>> real("0.1", "target_loss")
Traceback (most recent call last):
...
TypeError: target_loss must be a number, got '0.1' (a str)
"""

from __future__ import annotations

import math
import numbers
import reprlib
from collections.abc import Iterable, Sized
from typing import Any

from autograd.arrays import is_numpy
from autograd.kinds import class_name

#: The longest excerpt of a refused value a message shows.
_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4
_REPR.maxlevel = 2


def shown(value: object) -> str:
    """``value`` as a message shows it: its repr, cut short; a long container by its size.

    >>> shown(0.5), shown("abc")
    ('0.5', "'abc'")
    >>> shown(list(range(20000)))
    'a list of 20000 items: [0, 1, 2, 3, ...]'
    >>> shown(10**400)
    'an int of 1329 bits'
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"an int of {value.bit_length()} bits"
    text = _REPR.repr(value)
    if isinstance(value, Sized) and not isinstance(value, (str, bytes)) and len(value) > 4:
        return f"a {class_name(value)} of {len(value)} items: {text}"
    return text


def _is_number(value: object) -> bool:
    # numbers.Real holds int, float, Fraction and NumPy's real scalars; bool is
    # an int to Python, but True as a count or a rate is always a slip.
    return isinstance(value, numbers.Real) and not _is_bool(value)


def _is_bool(value: object) -> bool:
    # A NumPy bool is np.bool_ (named "bool" since NumPy 2): told by its dtype.
    return isinstance(value, bool) or (is_numpy(value) and value.dtype.kind == "b")  # type: ignore[attr-defined]


def described(value: object) -> str:
    """``value`` cut short, with its type, for a value of the wrong kind.

    >>> described("5"), described([1, 2]), described(None)
    ("'5' (a str)", '[1, 2] (a list)', 'None')
    """
    if value is None:
        return "None"
    kind = class_name(value)
    return f"{shown(value)} ({'an' if kind[0] in 'aeiou' else 'a'} {kind})"


def count(value: object, name: str, *, least: int = 1, most: int | None = None) -> int:
    """``value`` as an int, if it is a whole number from ``least`` to ``most``.

    Args:
        value: what the user passed; NumPy integers are read as ints.
        name: the argument, as the user wrote it (``"epochs"``, ``"MLP nouts[1]"``).
        least, most: the smallest and largest allowed (``most=None``: no limit).

    Raises:
        TypeError: not a number (a string, None, a bool).
        ValueError: a number that is not whole (2.5, nan) or out of range.

    >>> import numpy as np
    >>> count(np.int64(5), "epochs")
    5
    >>> count(True, "epochs")
    Traceback (most recent call last):
    ...
    TypeError: epochs must be a whole number >= 1, got True (a bool)
    >>> count(10**6, "points", least=4, most=5000)
    Traceback (most recent call last):
    ...
    ValueError: points must be a whole number from 4 to 5000, got 1000000
    """
    wanted = f"from {least} to {most}" if most is not None else f">= {least}"
    if not _is_number(value):
        raise TypeError(f"{name} must be a whole number {wanted}, got {described(value)}")
    if not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number {wanted}, got {shown(value)}")
    number = int(value)
    if number < least or (most is not None and number > most):
        raise ValueError(f"{name} must be a whole number {wanted}, got {shown(number)}")
    return number


def _wanted(low: float, high: float, low_open: bool, high_open: bool) -> str:
    """What :func:`real` asks for, in words: ``a finite number >= 0``, ``a number in (0, 1]``."""
    if math.isinf(low) and math.isinf(high):
        return "a finite number"
    if math.isinf(high):
        return f"a finite number {'>' if low_open else '>='} {low:g}"
    if math.isinf(low):
        return f"a finite number {'<' if high_open else '<='} {high:g}"
    return f"a number in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"


def real(
    value: object,
    name: str,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """``value`` as a float, if it is a finite number within the bounds.

    The bounds are closed unless ``low_open`` or ``high_open``; NaN and the
    infinities are always refused (a number too large for a float as well).

    Raises:
        TypeError: not a number (a string, None, a bool, a complex).
        ValueError: NaN, infinite, too large for a float, or out of bounds.

    >>> real(1, "rate", low=0.0), real(0.25, "p", low=0.0, high=1.0)
    (1.0, 0.25)
    >>> real(1.0, "momentum", low=0.0, high=1.0, high_open=True)
    Traceback (most recent call last):
    ...
    ValueError: momentum must be a number in [0, 1), got 1.0
    >>> real(10**400, "init 'constant' val")
    Traceback (most recent call last):
    ...
    ValueError: init 'constant' val must be a finite number, got an int of 1329 bits
    """
    wanted = _wanted(low, high, low_open, high_open)
    if not _is_number(value):
        raise TypeError(
            f"{name} must be {wanted.replace('a finite', 'a')}, got {described(value)}"
        )
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        raise ValueError(f"{name} must be {wanted}, got {shown(value)}") from None
    below = number <= low if low_open else number < low
    above = number >= high if high_open else number > high
    if not math.isfinite(number) or below or above:
        raise ValueError(f"{name} must be {wanted}, got {shown(value)}")
    return number


def optional(check: Any, value: object, name: str, **bounds: Any) -> Any:
    """None, or ``value`` as ``check`` (:func:`count` or :func:`real`) reads it.

    A refusal says that None is allowed too, in the same words as every other.

    >>> optional(count, None, "fit() batch_size"), optional(count, 4, "fit() batch_size")
    (None, 4)
    >>> optional(real, float("nan"), "fit() target_loss")
    Traceback (most recent call last):
    ...
    ValueError: fit() target_loss must be a finite number or None, got nan
    """
    if value is None:
        return None
    try:
        return check(value, name, **bounds)
    except (TypeError, ValueError) as error:
        raise type(error)(str(error).replace(", got ", " or None, got ", 1)) from None


def seed(value: object, name: str) -> int | None:
    """A seed: None (unpredictable) or a whole number >= 0 (NumPy integers too), as NumPy's.

    >>> import numpy as np
    >>> seed(np.int64(7), "make_moons() seed"), seed(None, "fit() seed")
    (7, None)
    >>> seed("abc", "fit() seed")
    Traceback (most recent call last):
    ...
    TypeError: fit() seed must be a whole number >= 0 or None, got 'abc' (a str)
    """
    found: int | None = optional(count, value, name, least=0)
    return found


def flag(value: object, name: str) -> bool:
    """``value`` if it is True or False (a NumPy bool too): never a string or a number.

    >>> flag("no", "nesterov")
    Traceback (most recent call last):
    ...
    TypeError: nesterov must be True or False, got 'no' (a str)
    """
    if not _is_bool(value):
        raise TypeError(f"{name} must be True or False, got {described(value)}")
    return bool(value)


def choice(value: object, name: str, options: Iterable[str]) -> str:
    """``value`` if it is one of ``options``.

    >>> choice("adam", "optimizer", ("sgd", "adam"))
    'adam'
    >>> choice("constant", "playground init", ("default", "he"))
    Traceback (most recent call last):
    ...
    ValueError: playground init must be one of default, he, got 'constant'
    """
    allowed = tuple(options)
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, got {shown(value)}")
    return value


def interval(low: object, high: object, name: str) -> tuple[float, float]:
    """``(low, high)`` as floats, if both are finite numbers and ``low < high``.

    >>> interval(-3, 3, "lab x's range")
    (-3.0, 3.0)
    >>> interval(1.0, 0.0, "init 'uniform' (a, b)")
    Traceback (most recent call last):
    ...
    ValueError: init 'uniform' (a, b) needs a < b, finite: got (1.0, 0.0)
    """
    a, b = real(low, f"{name} low"), real(high, f"{name} high")
    if not a < b:
        letters = "a < b" if "(a, b)" in name else "low < high"
        raise ValueError(f"{name} needs {letters}, finite: got ({shown(low)}, {shown(high)})")
    return a, b


def one_of_types(value: Any, name: str, wanted: str, *types: type) -> Any:
    """``value`` if it is an instance of one of ``types``; else TypeError saying ``wanted``.

    >>> one_of_types(5, "early_stopping", "an EarlyStopping(...) or None", type(None))
    Traceback (most recent call last):
    ...
    TypeError: early_stopping must be an EarlyStopping(...) or None, got 5 (an int)
    """
    if not isinstance(value, types):
        raise TypeError(f"{name} must be {wanted}, got {described(value)}")
    return value


__all__ = [
    "choice",
    "count",
    "described",
    "flag",
    "interval",
    "one_of_types",
    "optional",
    "real",
    "seed",
    "shown",
]
