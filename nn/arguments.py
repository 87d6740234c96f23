"""The kinds of argument ``nn`` adds to :mod:`autograd.checks`: settings that may be None, seeds.

Many of ``nn``'s settings may also be None (``batch_size=None`` is the whole
set in one step, ``target_loss=None`` no target); these read the value with
the check of its kind and, when it is refused, say that None is allowed too,
in the same words as every other refusal. A seed is a whole number >= 0 (as
NumPy's) or None.

>>> optional_count(None, "fit() batch_size"), optional_count(4, "fit() batch_size")
(None, 4)
>>> optional_count(0, "fit() batch_size")
Traceback (most recent call last):
...
ValueError: fit() batch_size must be a whole number >= 1 or None, got 0
>>> seed("abc", "fit() seed")
Traceback (most recent call last):
...
TypeError: fit() seed must be a whole number >= 0 or None, got 'abc' (a str)
"""

from __future__ import annotations

import math

from autograd.checks import count, real, shown


def described(value: object) -> str:
    """``value`` cut short, with its type, for a value of the wrong kind: ``'5' (a str)``.

    >>> described([1, 2]), described(None)
    ('[1, 2] (a list)', 'None (a NoneType)')
    """
    kind = type(value).__name__
    return f"{shown(value)} ({'an' if kind[0] in 'aeiou' else 'a'} {kind})"


def _or_none(error: TypeError | ValueError) -> TypeError | ValueError:
    """The same refusal, saying that None is allowed too."""
    return type(error)(str(error).replace(", got ", " or None, got ", 1))


def optional_count(value: object, name: str, *, least: int = 1) -> int | None:
    """None, or ``value`` as :func:`autograd.checks.count` reads it."""
    if value is None:
        return None
    try:
        return count(value, name, least=least)
    except (TypeError, ValueError) as error:
        raise _or_none(error) from None


def optional_real(value: object, name: str, *, low: float = -math.inf) -> float | None:
    """None, or ``value`` as :func:`autograd.checks.real` reads it (finite, >= ``low``).

    >>> optional_real(float("nan"), "fit() target_loss")
    Traceback (most recent call last):
    ...
    ValueError: fit() target_loss must be a finite number or None, got nan
    """
    if value is None:
        return None
    try:
        return real(value, name, low=low)
    except (TypeError, ValueError) as error:
        raise _or_none(error) from None


def seed(value: object, name: str) -> int | None:
    """A seed: None (unpredictable) or a whole number >= 0 (NumPy integers too).

    >>> import numpy as np
    >>> seed(np.int64(7), "make_moons() seed")
    7
    """
    return optional_count(value, name, least=0)


__all__ = ["described", "optional_count", "optional_real", "seed"]
