"""Anomaly mode's bookkeeping: where nodes were created, and readable reports.

Only ``detect_anomaly`` pays for this: outside it no site is recorded and no
result is checked.

>>> describe_operands((2.0, 0.5))
'2.0 and 0.5'
"""

from __future__ import annotations

import math
import os
import sys
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autograd.op import Op
    from autograd.value import Value

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))

# Keyed weakly, so recording a site never keeps a node alive.
_SITES: weakref.WeakKeyDictionary[Value, str] = weakref.WeakKeyDictionary()


def user_site() -> str:
    """The file:line of the innermost caller outside the autograd package."""
    frame = sys._getframe(1)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return "<unknown>"
    return f"{frame.f_code.co_filename}:{frame.f_lineno}"


def remember_site(node: Value, site: str) -> None:
    """Record where ``node`` was created (anomaly mode only)."""
    _SITES[node] = site


def site_of(node: Value) -> str:
    """Where ``node`` was created, if it was created in anomaly mode."""
    return _SITES.get(node, "an unknown place (created outside detect_anomaly)")


def describe(operand: Any) -> str:
    """An operand as text: its value, and its label when it has one.

    >>> from autograd import Value
    >>> describe(Value(-1.0, label="x")), describe(2.0)
    ("-1.0 (Value 'x')", '2.0')
    """
    if isinstance(operand, float):
        return repr(operand)
    text = repr(operand.data)
    return f"{text} (Value {operand.label!r})" if operand.label else text


def describe_operands(operands: Sequence[Any]) -> str:
    """All operands as text, joined for a sentence."""
    parts = [describe(a) for a in operands]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def is_finite(x: Any) -> bool:
    """True for a finite float, or a Value whose data is finite."""
    return math.isfinite(x if isinstance(x, float) else x.data)


def check_finite(op: Op, args: tuple[Value | float, ...], out: float) -> str:
    """The user's file:line; FloatingPointError there if ``out`` is NaN or infinite.

    Anomaly mode's forward check, for every result it sees, a node or not
    (``autograd.sum`` of plain numbers gives a leaf).

    >>> from autograd import ops
    >>> check_finite(ops.EXP, (1000.0,), float("inf"))
    Traceback (most recent call last):
    ...
    FloatingPointError: exp produced inf from 1000.0, at ...
    """
    site = user_site()
    if not is_finite(out):
        raise FloatingPointError(
            f"{op.name} produced {out!r} from {describe_operands(args)}, at {site}"
        )
    return site
