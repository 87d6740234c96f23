"""Finite differences and the gradient checker.

:func:`numerical_grad` estimates a gradient from function values alone;
:func:`gradcheck` compares it with the engine's :func:`autograd.grad`, input by
input, and on a mismatch raises :class:`GradcheckError` with a table a learner
can read and, where one applies, a diagnosis.

The package attribute ``autograd.gradcheck`` is the function (``from autograd
import gradcheck``); the module's other names import as usual
(``from autograd.gradcheck import numerical_grad``). ``import
autograd.gradcheck as m`` gives the function too, as Python looks the
attribute up first: use ``importlib.import_module`` for the module object.

>>> from autograd import Value
>>> gradcheck(lambda x, y: (x * y).tanh(), [0.5, -0.25])
True
>>> def frozen(x, y):           # treats y as a constant: its derivative is lost
...     return x * Value(y.data)
>>> gradcheck(frozen, [0.5, -0.25], raise_exception=False)
False
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from autograd.arrays import flat
from autograd.backward import grad
from autograd.gradreport import Row, diagnose, report
from autograd.mode import enable_grad, no_grad
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


class GradcheckError(AssertionError):
    """The analytic gradient disagrees with finite differences.

    An AssertionError, so pytest shows the message (the table) in full.
    ``rows`` holds one :class:`autograd.gradreport.Row` per input.
    """

    def __init__(self, message: str, rows: list[Row]) -> None:
        super().__init__(message)
        self.rows = rows


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
    xs = _points(inputs, "numerical_grad()")
    _check_settings(eps, method, "numerical_grad()")
    estimate = _central if method == "central" else _richardson
    return [estimate(f, xs, i, eps) for i in range(len(xs))]


def gradcheck(
    f: Function,
    inputs: Sequence[float],
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    method: str = "central",
    raise_exception: bool = True,
) -> bool:
    """Check ``autograd.grad`` of ``f`` against finite differences at ``inputs``.

    Input ``i`` passes when ``|analytic - numeric| <= atol + rtol * |numeric|``.
    The inputs are Values labelled ``x0``, ``x1``, ... .

    Args:
        f: takes one Value per input and returns a Value.
        inputs: the point, one real number per input (a list or a 1-D NumPy array).
        eps, method: the finite difference, as in :func:`numerical_grad`.
        atol, rtol: the tolerances.
        raise_exception: on failure, raise (default) or return False.

    Returns:
        True when every input passes (False on failure without raising).

    Raises:
        GradcheckError: some input failed. The message is a table (index,
            label, value, analytic, numeric, absolute and relative error) and
            a diagnosis per failing input: a kink between the sample points,
            a function not finite nearby, unstable estimates, or a stable
            estimate that points at the analytic derivative.

    >>> from autograd import Value
    >>> gradcheck(lambda x: x * Value(x.data), [3.0])
    Traceback (most recent call last):
    ...
    autograd.gradcheck.GradcheckError: gradcheck failed for 1 of 1 inputs (eps=1e-06, ...):
    <BLANKLINE>
      input  label  value  analytic  numeric  abs error  rel error
      0      x0     3.0    3.0       6.0      3.0        0.5        FAIL
    <BLANKLINE>
    input 0 (x0): the numeric estimates agree (...); the analytic derivative looks wrong
    """
    xs = _points(inputs, "gradcheck()")
    _check_settings(eps, method, "gradcheck()")
    for name, tol in (("atol", atol), ("rtol", rtol)):
        if not (isinstance(tol, (int, float)) and tol >= 0 and math.isfinite(tol)):
            raise ValueError(f"gradcheck() {name} must be a finite number >= 0, got {tol!r}")
    values = [Value(x, label=f"x{i}") for i, x in enumerate(xs)]
    analytic = grad(_output(f, values), values)
    estimate = _central if method == "central" else _richardson
    rows = []
    for i, x in enumerate(xs):
        try:
            numeric, failure = estimate(f, xs, i, eps), ""
        except FiniteDifferenceError as error:
            numeric, failure = math.nan, str(error)
        a = float(analytic[i])
        ok = abs(a - numeric) <= atol + rtol * abs(numeric)  # False for NaN
        rows.append(Row(i, values[i].label, x, a, numeric, ok, failure))
    if all(row.ok for row in rows):
        return True
    if not raise_exception:
        return False
    notes = [diagnose(f, xs, row, eps, atol, rtol) for row in rows if not row.ok]
    settings = f"eps={eps!r}, atol={atol!r}, rtol={rtol!r}, method={method!r}"
    raise GradcheckError(report(rows, notes, settings), rows)


def gradgradcheck(
    f: Function,
    inputs: Sequence[float],
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    method: str = "central",
    raise_exception: bool = True,
) -> bool:
    """Check second derivatives: each analytic gradient component against finite
    differences of itself.

    Component ``i`` is ``df/dx_i`` built as a graph (``grad(...,
    create_graph=True)``); :func:`gradcheck` then compares its analytic
    gradient (a row of the Hessian) with finite differences of the component.
    That catches a derivative rule that is right on floats but does not
    differentiate again (say, one that calls ``math.cos`` instead of the
    dispatching helper). Arguments and report format as :func:`gradcheck`.

    Raises:
        GradcheckError: some second derivative failed; one table per failing
            component, headed by the component.

    >>> gradgradcheck(lambda x, y: x * x * y.sin(), [0.5, 2.0])
    True
    """
    xs = _points(inputs, "gradgradcheck()")
    failures: list[tuple[int, GradcheckError]] = []
    for i in range(len(xs)):
        try:
            gradcheck(_gradient_component(f, i), xs, eps=eps, atol=atol, rtol=rtol, method=method)
        except GradcheckError as error:
            failures.append((i, error))
    if not failures:
        return True
    if not raise_exception:
        return False
    parts = [f"second derivatives d(df/dx{i})/dx_j: {error}" for i, error in failures]
    raise GradcheckError("\n\n".join(parts), [row for _, e in failures for row in e.rows])


def _gradient_component(f: Function, i: int) -> Function:
    """x -> df/dx_i as a Value whose graph can be differentiated again."""

    def component(*values: Value) -> Value:
        # f's own graph is needed even when the finite differences evaluate
        # the component under no_grad; the gradient graph built from it then
        # follows the caller's mode (none under no_grad, so the value is all
        # that is computed there).
        with enable_grad():
            out = _output(f, list(values))
        grads: list[Value] = grad(out, values, create_graph=True)
        return grads[i]

    component.__name__ = f"d{getattr(f, '__name__', 'f')}_dx{i}"
    return component


# -- finite differences -----------------------------------------------------------


def _points(inputs: Sequence[float], where: str) -> list[float]:
    # A NumPy point is read as its list: a 2-D one is refused by shape.
    points = flat(inputs, f"{where} inputs")
    return [as_real(x, f"{where} input {i}") for i, x in enumerate(points)]


def _check_settings(eps: float, method: str, where: str) -> None:
    if not (isinstance(eps, (int, float)) and eps > 0 and math.isfinite(eps)):
        raise ValueError(f"{where} eps must be a finite number > 0, got {eps!r}")
    if method not in METHODS:
        raise ValueError(f"{where} method must be one of {METHODS}, got {method!r}")


def _output(f: Function, values: list[Value]) -> Value:
    out = f(*values)
    if not isinstance(out, Value):
        raise TypeError(f"f must return a Value, got {type(out).__name__}: {out!r}")
    return out


def evaluate(f: Function, xs: list[float]) -> float:
    """``f`` at the point ``xs`` as a float, recording no graph.

    Raises:
        FiniteDifferenceError: ``f`` raised an arithmetic error or is not finite.
    """
    try:
        with no_grad():
            y = _output(f, [Value(x) for x in xs]).data
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


__all__ = [
    "METHODS",
    "FiniteDifferenceError",
    "GradcheckError",
    "central",
    "evaluate",
    "gradcheck",
    "gradgradcheck",
    "numerical_grad",
]
