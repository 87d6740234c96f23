"""Bug: no reflected operators, so ``2 * x`` and ``2 + x`` raise TypeError (``x * 2`` works)."""

from __future__ import annotations

from tests.engines import correct

WRONG_OPS = None  # not a wrong gradient: a form that fails


class Value(correct.Value):
    # None tells Python the operation is not supported: 2 + x raises TypeError,
    # as it does for a class that never defined __radd__.
    __radd__ = None  # type: ignore[assignment]
    __rmul__ = None  # type: ignore[assignment]
    __rsub__ = None  # type: ignore[assignment]
    __rtruediv__ = None  # type: ignore[assignment]
