"""Engine modes: whether ops record a graph (``no_grad``) and anomaly checks.

Both live in one context variable holding bit flags, so the hot path of every
op reads a single value. Context variables make the modes per thread (and per
asyncio task): a ``no_grad`` block in one thread never affects another, and
one ``no_grad()`` object may be shared by any number of them.

>>> from autograd import Value, no_grad
>>> x = Value(2.0)
>>> with no_grad():
...     y = x * x
>>> y.op, y.parents
('', ())
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar, Token
from types import TracebackType
from typing import Any, TypeVar

#: Ops record their parents and rule (the default).
RECORD = 1
#: Ops and backward check every result for NaN and infinity.
ANOMALY = 2

MODE: ContextVar[int] = ContextVar("chainrule_mode", default=RECORD)

# The tokens of the switches entered and not yet left, innermost last, kept in
# the context itself rather than on the switch: a token can only be reset in
# the context that made it, so one no_grad() object shared by two threads or
# tasks, holding its tokens in one list, had each reset the other's token
# ("created in a different Context") and left them both inside no_grad. With
# blocks nest, so within one context the innermost token is always the one
# to reset. A tuple, so that a copied context (a new task) never shares it.
_ENTERED: ContextVar[tuple[Token[int], ...]] = ContextVar("chainrule_entered", default=())

F = TypeVar("F", bound=Callable[..., Any])


class _Switch:
    """A context manager and decorator that changes the mode flags while active.

    Stateless: one instance may be entered again while active, and shared by
    threads and asyncio tasks.
    """

    def _flags(self, mode: int) -> int:
        raise NotImplementedError

    def __enter__(self) -> None:
        _ENTERED.set((*_ENTERED.get(), MODE.set(self._flags(MODE.get()))))

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        entered = _ENTERED.get()
        if not entered:
            raise RuntimeError(
                f"{type(self).__name__} left in a thread or task that has not entered it"
            )
        *outer, token = entered
        _ENTERED.set(tuple(outer))
        MODE.reset(token)

    def __call__(self, func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]


class no_grad(_Switch):
    """Ops inside record nothing: their results are leaves with ``op == ""``.

    Nestable, per thread, and usable as a decorator (``@no_grad()``).

    >>> from autograd import Value
    >>> @no_grad()
    ... def double(v):
    ...     return v * 2
    >>> double(Value(1.5)).parents
    ()
    """

    def _flags(self, mode: int) -> int:
        return mode & ~RECORD


class enable_grad(_Switch):  # named like the PyTorch context it mirrors
    """Record graphs again inside a ``no_grad`` block (nestable, per thread, decorator).

    >>> from autograd import Value
    >>> x = Value(2.0)
    >>> with no_grad():
    ...     with enable_grad():
    ...         y = x * x
    >>> y.parents == (x, x)
    True
    """

    def _flags(self, mode: int) -> int:
        return mode | RECORD


class detect_anomaly(_Switch):
    """Raise FloatingPointError at the first NaN or infinity, forward or backward.

    The error names the op, its inputs (values and labels) and the file:line
    where the offending node was created. Outside the block nothing is checked.

    >>> from autograd import Value
    >>> with detect_anomaly():
    ...     Value(1e300, label="big") * 1e300
    Traceback (most recent call last):
    ...
    FloatingPointError: * produced inf from 1e+300 (Value 'big') and 1e+300, at ...
    """

    def _flags(self, mode: int) -> int:
        return mode | ANOMALY


def grad_enabled() -> bool:
    """True unless inside ``no_grad``.

    >>> grad_enabled()
    True
    """
    return bool(MODE.get() & RECORD)
