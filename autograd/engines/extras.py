"""Probes beyond one formula: two graphs, long chains, two backward()s, relu'(0).

Each returns the :class:`~autograd.engines.report.Failure` s and notes it found,
and never lets the learner's code raise out of it: a RecursionError on the
long chain becomes a note, a runaway sort is stopped by the budget.

>>> from autograd import Value
>>> two_graphs(Value), long_chain(Value)
(([], []), ([], []))
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

from autograd.engines.budget import Foreign, Stopped, Watch, steps_allowed, walk
from autograd.engines.causes import raised
from autograd.engines.report import Failure
from autograd.engines.trial import close

Found = tuple[list[Failure], list[str]]
#: Python's own default recursion limit, which the long chain runs under.
DEFAULT_LIMIT = 1000
CHAIN, DIAMONDS = 1_500, 40


def _watched_backward(root: Any) -> None:
    nodes = walk(root)
    with Watch(nodes, steps_allowed(len(nodes))):
        root.backward()


def two_graphs(cls: type) -> Found:
    """Two graphs built, then each one's backward(): the first's gradients must not change."""
    x1, y1, x2, y2 = cls(2.0), cls(3.0), cls(5.0), cls(0.5)
    try:
        r1, r2 = x1 * y1 + x1, x2 * y2  # d r1/d x1 = y1 + 1 = 4, d r1/d y1 = x1 = 2
        _watched_backward(r1)
        first = (x1.grad, y1.grad)
        _watched_backward(r2)
        after = (x1.grad, y1.grad)
    except Foreign:
        # The second backward() ran a _backward of the first graph's (the watch saw it).
        where = "the second graph's backward() ran the first graph's _backward"
    except Exception as error:
        return [], [f"two graphs side by side were not checked: {type(error).__name__}: {error}"]
    else:
        # Only whether the second changed the first: wrong gradients are the formulas' to find.
        if all(close(a, b) for a, b in zip(after, first, strict=True)):
            return [], []
        where = (
            f"the first graph's x.grad and y.grad were {first[0]!r}, {first[1]!r} after its own "
            f"backward() and {after[0]!r}, {after[1]!r} after the second graph's"
        )
    cause = (
        "two graphs interfere: the sort's list or visited set is shared between calls (a class "
        "attribute or a default argument); make them local variables of backward()"
    )
    failure = Failure(None, "two graphs: x*y + x, then u*v", (), (), (), where, cause)
    return [failure], []


def long_chain(cls: type) -> Found:
    """1,500 ``+`` in a chain, under Python's default recursion limit: RecursionError is a note."""
    x, c = cls(0.5), cls(0.001)
    y = x
    try:
        for _ in range(CHAIN):
            y = y + c
        with _recursion_limit(DEFAULT_LIMIT):
            _watched_backward(y)
    except RecursionError:
        return [], [
            f"backward() raises RecursionError on a chain of {CHAIN:,} ops (Python stops at "
            f"{DEFAULT_LIMIT:,} nested calls): sort with an explicit stack instead of recursion"
        ]
    except Stopped as error:
        return [], [f"a chain of {CHAIN:,} ops: {error}"]
    except Exception as error:
        return [], [f"a chain of {CHAIN:,} ops was not checked: {type(error).__name__}: {error}"]
    return [], []  # its gradients are the formulas' to check


class _recursion_limit:
    """At most ``limit`` while inside; a lower limit already set is kept."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.before = sys.getrecursionlimit()

    def __enter__(self) -> None:
        if self.before > self.limit:
            # Already deeper than that: the limit is kept as it is.
            with contextlib.suppress(RecursionError):
                sys.setrecursionlimit(self.limit)

    def __exit__(self, *exc: object) -> None:
        sys.setrecursionlimit(self.before)


def diamonds(cls: type) -> Found:
    """``y = y*h + y*q``, 40 times: linear for a sorted walk, 2**40 steps without a visited set."""
    x, h, q = cls(1.0), cls(0.5), cls(0.25)
    y = x
    try:
        for _ in range(DIAMONDS):
            y = y * h + y * q
        with _recursion_limit(DEFAULT_LIMIT):
            _watched_backward(y)
    except RecursionError:
        return [], []  # the long chain's note says it
    except Exception as error:
        where, cause = raised(error)
        text = f"a chain of {DIAMONDS} diamonds: y = y*h + y*q"
        return [Failure(None, text, (1.0,), (), (), where, cause)], []
    return [], []  # its gradients are the formulas' to check


def backward_twice(cls: type) -> Found:
    """What a second ``backward()`` does to the gradients, against PyTorch."""
    x, y = cls(2.0), cls(3.0)
    try:
        r = x * y + x
        _watched_backward(r)
        once = float(x.grad)
        _watched_backward(r)
        twice = float(x.grad)
    except Exception as error:
        return [], [f"a second backward() raises {type(error).__name__}: {error}"]
    torch = (
        "PyTorch raises on a second backward() unless retain_graph=True, and then adds "
        f"the same gradient again ({2 * once!r}); zero every grad to start afresh"
    )
    if close(twice, once):
        return [], [f"a second backward() leaves x.grad at {once!r}: it starts afresh. {torch}"]
    how = (
        "adds it again"
        if close(twice, 2 * once)
        else "adds more than that (the inner nodes kept their grads)"
    )
    return [], [f"a second backward() takes x.grad from {once!r} to {twice!r}: it {how}. {torch}"]


def relu_at_zero(cls: type) -> Found:
    """The engine's relu'(0), against the convention chainrule and PyTorch use (0)."""
    x = cls(0.0)
    try:
        r = x.relu() if hasattr(x, "relu") else x.ReLU()
        _watched_backward(r)
        slope = float(x.grad)
    except Exception as error:
        return [], [f"relu at 0 raises {type(error).__name__}: {error}"]
    if slope == 0.0:
        return [], ["relu'(0) = 0, as chainrule and PyTorch"]
    return [], [
        f"relu'(0) = {slope!r} here; chainrule and PyTorch use 0 (any value in [0, 1] is a "
        "subgradient, but gradients then differ from theirs exactly at 0)"
    ]


__all__ = [
    "CHAIN",
    "DIAMONDS",
    "backward_twice",
    "diamonds",
    "long_chain",
    "relu_at_zero",
    "two_graphs",
]
