"""Finite differences: a gradient estimated from function values alone.

:func:`numerical_grad` is the estimate :func:`autograd.gradcheck` compares the
engine's gradient with; :func:`central` and :func:`evaluate` are its steps,
which the checker's diagnosis (:mod:`autograd.gradreport`) reuses.

>>> [round(g, 6) for g in numerical_grad(lambda x: x * x, [0.5])]
[1.0]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from autograd.arrays import flat
from autograd.kinds import class_name
from autograd.mode import no_grad
from autograd.value import Value, as_real

#: A function under test: one Value per input in, one Value out.
Function = Callable[..., Value]

METHODS = ("central", "richardson")
#: Richardson starts from a step 2**(_LEVELS - 1) times eps and halves it
#: down to eps: 512 * eps = 5.12e-4 at the default eps.
_LEVELS = 10
#: Stop once the newest extrapolation is this many times worse than the best
#: error estimate so far: round-off is taking over (Ridders' rule).
_SAFE = 2.0


class FiniteDifferenceError(ValueError):
    """``f`` failed or was not finite at a point a finite difference needed."""


def numerical_grad(
    f: Function, inputs: Sequence[float], *, eps: float = 1e-6, method: str = "central"
) -> list[float]:
    """The gradient of ``f`` at ``inputs``, estimated by finite differences.

    ``f`` is called under ``no_grad`` with one Value per input.

    Args:
        f: takes one Value per input and returns a Value.
        inputs: the point, one real number per input (a list or a 1-D NumPy array).
        eps: the step. ``"central"`` uses (f(x + eps) - f(x - eps)) / (2 eps),
            whose error is about eps**2 (truncation) plus 1e-16 / eps (round-off).
        method: ``"central"`` or ``"richardson"``: central differences at steps
            from 512 eps down to eps, extrapolated to step 0 (Ridders' form of
            Richardson extrapolation, which keeps the estimate with the
            smallest error estimate). Typically 1e-12 or better on smooth
            functions; the larger steps must stay clear of kinks.

    Returns:
        d f / d input, one float per input.

    Raises:
        ValueError: bad ``eps`` or ``method``.
        TypeError: an input is not a real number, or ``f`` returns no Value.
        FiniteDifferenceError: ``f`` raises or is not finite at a shifted point.

    >>> [round(g, 6) for g in numerical_grad(lambda x, y: x * y, [3.0, 0.5])]
    [0.5, 3.0]
    >>> round(numerical_grad(lambda x: x.exp(), [0.0], method="richardson")[0], 11)
    1.0
    """
    xs = points(inputs, "numerical_grad()")
    check_settings(eps, method, "numerical_grad()")
    estimate = estimator(method)
    return [estimate(f, xs, i, eps) for i in range(len(xs))]


def points(inputs: Sequence[float], where: str) -> list[float]:
    # A NumPy point is read as its list: a 2-D one is refused by shape.
    points = flat(inputs, f"{where} inputs")
    return [as_real(x, f"{where} input {i}") for i, x in enumerate(points)]


def check_settings(eps: float, method: str, where: str) -> None:
    if not (isinstance(eps, (int, float)) and eps > 0 and math.isfinite(eps)):
        raise ValueError(f"{where} eps must be a finite number > 0, got {eps!r}")
    if method not in METHODS:
        raise ValueError(f"{where} method must be one of {METHODS}, got {method!r}")


def output(f: Function, values: list[Value]) -> Value:
    out = f(*values)
    if not isinstance(out, Value):
        raise TypeError(f"f must return a Value, got {class_name(out)}: {out!r}")
    return out


def evaluate(f: Function, xs: list[float]) -> float:
    """``f`` at the point ``xs`` as a float, recording no graph.

    Raises:
        FiniteDifferenceError: ``f`` raised an arithmetic error or is not finite.
    """
    try:
        with no_grad():
            y = output(f, [Value(x) for x in xs]).data
    except (ArithmeticError, ValueError) as error:
        raise FiniteDifferenceError(
            f"f failed at {xs}: {type(error).__name__}: {error}"
        ) from error
    if not math.isfinite(y):
        raise FiniteDifferenceError(f"f is {y!r} at {xs}")
    return y


def central(f: Function, xs: list[float], i: int, step: float) -> float:
    """(f(x + step) - f(x - step)) / (2 step), moving input ``i`` only."""
    up, down = list(xs), list(xs)
    up[i] += step
    down[i] -= step
    # Divide by the distance actually travelled: x + step is rounded, and the
    # rounding error is otherwise a relative error of 1e-16 / step.
    return (evaluate(f, up) - evaluate(f, down)) / (up[i] - down[i])


def _central(f: Function, xs: list[float], i: int, eps: float) -> float:
    return central(f, xs, i, eps)


def _richardson(f: Function, xs: list[float], i: int, eps: float) -> float:
    # Ridders' tableau: row k holds the central difference at step
    # eps * 2**(_LEVELS - 1 - k) and its extrapolations. Halving the step
    # divides the eps**2 error term by 4, so order j is cancelled by 4**j.
    best, error = math.nan, math.inf
    previous: list[float] = []
    for k in reversed(range(_LEVELS)):
        try:
            row = [central(f, xs, i, eps * 2.0**k)]
        except FiniteDifferenceError:
            if k == 0:
                raise
            previous = []  # a large step left the domain: start again smaller
            continue
        for j in range(1, len(previous) + 1):
            factor = 4.0**j
            row.append((factor * row[j - 1] - previous[j - 1]) / (factor - 1.0))
            e = max(abs(row[j] - row[j - 1]), abs(row[j] - previous[j - 1]))
            if e <= error:
                best, error = row[j], e
        if previous and abs(row[-1] - previous[-1]) >= _SAFE * error:
            break
        previous = row
    return previous[0] if math.isnan(best) else best


def estimator(method: str) -> Callable[[Function, list[float], int, float], float]:
    """The estimate of one partial derivative that ``method`` (in METHODS) names."""
    return _central if method == "central" else _richardson


__all__ = [
    "METHODS",
    "FiniteDifferenceError",
    "Function",
    "central",
    "estimator",
    "evaluate",
    "numerical_grad",
]
