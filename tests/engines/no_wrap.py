"""Bug: plain numbers are not wrapped in Value, so ``x + 2.0`` raises AttributeError."""

from __future__ import annotations

from typing import Any

from tests.engines import correct

WRONG_OPS = None  # not a wrong gradient: a form that fails


class Value(correct.Value):
    @classmethod
    def wrap(cls, other: Any) -> Any:
        return other
