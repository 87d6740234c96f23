"""The gradient checker.

:func:`numerical_grad` (from :mod:`autograd.differences`) estimates a gradient
from function values alone; :func:`gradcheck` compares it with the engine's
:func:`autograd.grad`, input by input, and on a mismatch raises
:class:`GradcheckError` with a table a learner can read and, where one
applies, a diagnosis.

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
from collections.abc import Sequence

from autograd.differences import (
    METHODS,
    FiniteDifferenceError,
    Function,
    central,
    check_settings,
    estimator,
    evaluate,
    numerical_grad,
    output,
    points,
)
from autograd.gradient import grad
from autograd.gradreport import Row, diagnose, report
from autograd.mode import enable_grad
from autograd.value import Value


class GradcheckError(AssertionError):
    """The analytic gradient disagrees with finite differences.

    An AssertionError, so pytest shows the message (the table) in full.
    ``rows`` holds one :class:`autograd.gradreport.Row` per input.
    """

    def __init__(self, message: str, rows: list[Row]) -> None:
        super().__init__(message)
        self.rows = rows


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
    xs = points(inputs, "gradcheck()")
    check_settings(eps, method, "gradcheck()")
    for name, tol in (("atol", atol), ("rtol", rtol)):
        if not (isinstance(tol, (int, float)) and tol >= 0 and math.isfinite(tol)):
            raise ValueError(f"gradcheck() {name} must be a finite number >= 0, got {tol!r}")
    values = [Value(x, label=f"x{i}") for i, x in enumerate(xs)]
    analytic = grad(output(f, values), values)
    estimate = estimator(method)
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
    xs = points(inputs, "gradgradcheck()")
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
            out = output(f, list(values))
        grads: list[Value] = grad(out, values, create_graph=True)
        return grads[i]

    component.__name__ = f"d{getattr(f, '__name__', 'f')}_dx{i}"
    return component


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
