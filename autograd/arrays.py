"""NumPy input: arrays and NumPy scalars as plain Python numbers.

Wherever chainrule takes numbers (``Value``, ``autograd.dot`` and ``sum``, the
``nn`` modules, losses, ``fit`` and the data helpers), a NumPy array works as
the list it holds. This module is the one place that turns one into the other,
with ``.tolist()``: floats come out as Python floats holding the same float64
(float32 and ints widen exactly), ints as ints and bools as bools, so every
result is the one the list gives, to the bit. Nothing else ever sees an array,
and every output stays a Python object.

NumPy itself is never imported here: an object can only be a NumPy array if
NumPy is in ``sys.modules`` already, so ``import autograd`` stays dependency-free.

>>> import numpy as np
>>> flat(np.array([1, 0, 1], dtype=np.float32), "dot() inputs")
[1.0, 0.0, 1.0]
>>> flat([0.5], "dot() inputs")            # anything else passes through
[0.5]
"""

from __future__ import annotations

import sys
from typing import Any

#: The dtype kinds taken as numbers: bool, signed and unsigned int, float.
_REAL_KINDS = "biuf"


def is_numpy(x: object) -> bool:
    """True for a NumPy array or NumPy scalar, decided without importing NumPy.

    >>> is_numpy([1.0]), is_numpy(2.0)
    (False, False)
    """
    np = sys.modules.get("numpy")
    return np is not None and isinstance(x, (np.ndarray, np.generic))


def _numpy() -> Any:
    # Only called with a NumPy object in hand, so NumPy is imported already.
    return sys.modules["numpy"]


def describe(x: Any) -> str:
    """A NumPy object in the user's words: its kind, shape or dtype.

    >>> import numpy as np
    >>> describe(np.zeros((2, 3))), describe(np.complex128(1))
    ('a NumPy array of shape (2, 3)', 'a NumPy complex128')
    """
    if isinstance(x, _numpy().ndarray):
        return f"a NumPy array of shape {x.shape}"
    return f"a NumPy {x.dtype}"


def to_python(x: Any, where: str) -> Any:
    """``x`` with any NumPy array or scalar in it as Python numbers (nested lists).

    Raises:
        TypeError: a NumPy array or scalar whose dtype is not real numbers
            (complex, object, strings, dates).

    >>> import numpy as np
    >>> to_python(np.array([[1, 2]], dtype=np.int8), "fit() X")
    [[1, 2]]
    >>> to_python(np.array(["a"]), "fit() X")
    Traceback (most recent call last):
    ...
    TypeError: fit() X needs real numbers, got a NumPy array of shape (1,) and dtype <U1
    """
    if not is_numpy(x):
        return x
    kind, size = x.dtype.kind, x.dtype.itemsize
    if kind not in _REAL_KINDS:
        if isinstance(x, _numpy().ndarray):
            raise TypeError(f"{where} needs real numbers, got {describe(x)} and dtype {x.dtype}")
        raise TypeError(f"{where} needs a real number, got {describe(x)}")
    if kind == "f" and size > 8:
        # tolist() keeps a long double as a NumPy scalar; round it once here.
        x = x.astype("float64")
    return x.tolist()


def flat(x: Any, where: str, size: int | None = None) -> Any:
    """``x`` itself, or a 1-D NumPy array (``size`` long, if given) as a list.

    Raises:
        ValueError: an array that is not 1-D, or not ``size`` long.
        TypeError: an array of something other than real numbers.

    >>> import numpy as np
    >>> flat(np.ones((2, 3)), "MLP input", 3)
    Traceback (most recent call last):
    ...
    ValueError: MLP input must be one example, an array of shape (3,), got ... of shape (2, 3)
    """
    if x.__class__ is list or not is_numpy(x):  # lists first: the layers' hot path
        return x
    if x.ndim != 1 or (size is not None and len(x) != size):
        expected = "a 1-D array" if size is None else f"one example, an array of shape ({size},)"
        raise ValueError(f"{where} must be {expected}, got {describe(x)}")
    return to_python(x, where)


def targets(y: Any, where: str, *, rows: bool = True) -> Any:
    """``y`` itself, or an array of targets as a list; a column ``(n, 1)`` gives n targets.

    A column is how targets often come (``y.reshape(-1, 1)``): read as one
    target per example, where PyTorch would silently broadcast it against
    ``n`` predictions. Other 2-D shapes keep their rows, as ``.tolist()``
    does, when ``rows`` is True (a target per example that is itself a list).

    Raises:
        ValueError: ``rows`` is False and ``y`` is an array of more than one
            dimension that is not a column.

    >>> import numpy as np
    >>> targets(np.array([[1.0], [0.0]]), "fit() y"), targets(np.float32(0.5), "mse() targets")
    ([1.0, 0.0], 0.5)
    >>> targets(np.ones((2, 2)), "mse() targets", rows=False)
    Traceback (most recent call last):
    ...
    ValueError: mse() targets must be a number, a 1-D array or a column (n, 1), got ...
    """
    if not is_numpy(y):
        return y
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    elif y.ndim > 1 and not rows:
        raise ValueError(
            f"{where} must be a number, a 1-D array or a column (n, 1), got {describe(y)}"
        )
    return to_python(y, where)


__all__ = ["describe", "flat", "is_numpy", "targets", "to_python"]
