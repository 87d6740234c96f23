"""Python's number protocol on a Value: conversions and comparisons that read ``.data``.

``float(v)``, ``int(v)``, ``round(v, n)``, ``bool(v)`` and ``<`` ``<=`` ``>``
``>=`` each read the data and record nothing, as PyTorch and JAX do with
concrete values: a comparison or a conversion is not differentiable.
:class:`Conversions` holds them as a base class of ``Value`` with no state of
its own (empty ``__slots__``), so this module needs nothing from
:mod:`autograd.value` at run time.

>>> from autograd import Value
>>> float(Value(0.5)), int(Value(-2.5)), Value(1.0) < 2, bool(Value(0.0))
(0.5, -2, True, False)
"""

from __future__ import annotations

from typing import Any

from autograd.reals import is_real


class Conversions:
    """Numbers out of a Value: ``float``, ``int``, ``round``, ``bool`` and ordering.

    == and hash are not here on purpose: they stay identity, because nodes are
    dict and set keys everywhere (gradients, drawings, traces);
    Value(1.0) == Value(1.0) is False, and v.data == w.data compares numbers.
    (PyTorch hashes tensors by identity too; its == is elementwise.)
    """

    # No state: Value's own slots hold the data, and Value stays without a __dict__.
    __slots__ = ()
    data: float

    def __float__(self) -> float:
        """``float(v)`` is ``v.data``; so ``math.sin(v)`` and ``math.isfinite(v)`` work.

        >>> from autograd import Value
        >>> import math
        >>> float(Value(0.5)), math.floor(Value(2.5))
        (0.5, 2)
        """
        return self.data

    def __int__(self) -> int:
        """``int(v)`` truncates ``v.data`` toward zero, as ``int(float)`` does."""
        return int(self.data)

    def __round__(self, ndigits: int | None = None) -> Any:
        """``round(v)`` and ``round(v, n)`` round ``v.data``: an int, or a float with ``n``.

        >>> from autograd import Value
        >>> round(Value(2.5)), round(Value(0.125), 2)
        (2, 0.12)
        """
        return round(self.data, ndigits)

    def __bool__(self) -> bool:
        """``bool(v)`` is ``v.data != 0``, as for a float (and a one-element tensor).

        >>> from autograd import Value
        >>> bool(Value(0.0)), bool(Value(-0.5))
        (False, True)
        """
        return self.data != 0

    def __lt__(self, other: object) -> bool:
        """``<``, ``<=``, ``>``, ``>=`` compare data (a Value's or a number) and return a bool.

        >>> from autograd import Value
        >>> Value(1.0) < Value(2.0), Value(1.0) >= 1, sorted([Value(2.0), Value(1.0)])[0].data
        (True, True, 1.0)
        """
        data = _compared(other)
        return NotImplemented if data is None else self.data < data

    def __le__(self, other: object) -> bool:
        data = _compared(other)
        return NotImplemented if data is None else self.data <= data

    def __gt__(self, other: object) -> bool:
        data = _compared(other)
        return NotImplemented if data is None else self.data > data

    def __ge__(self, other: object) -> bool:
        data = _compared(other)
        return NotImplemented if data is None else self.data >= data


def _compared(other: object) -> Any:
    """What a Value is compared with: a Value's data, a real number, or None (refused)."""
    # Value is the one class built on Conversions, so this is isinstance(other, Value).
    if isinstance(other, Conversions):
        return other.data
    return other if is_real(other) else None


__all__ = ["Conversions"]
