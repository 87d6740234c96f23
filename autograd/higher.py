"""Higher-order derivatives: derivatives of derivatives, Jacobians, Hessians.

All of them differentiate the *graph of a gradient*: ``grad(...,
create_graph=True)`` hands the op table's rules Values instead of floats, so
the same rules that give first derivatives build the graph of the gradient,
which is differentiated again. There is no second copy of the calculus.

>>> import math
>>> d2 = derivative(lambda x: x.sin(), order=2)     # sin'' = -sin
>>> d2(math.pi / 2).data
-1.0
>>> hessian(lambda x, y: x * x * y, [3.0, 2.0])     # [[2y, 2x], [2x, 0]]
[[4.0, 6.0], [6.0, 0.0]]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from autograd.arrays import flat
from autograd.gradient import grad
from autograd.kinds import class_name
from autograd.value import Value, as_real


def _leaves(inputs: Sequence[float], where: str) -> list[Value]:
    points = flat(inputs, f"{where} inputs")  # a 1-D NumPy array as its list
    return [Value(as_real(x, f"{where} input {i}"), label=f"x{i}") for i, x in enumerate(points)]


def _call(f: Callable[..., Any], xs: list[Value], where: str) -> Any:
    out = f(*xs)
    if isinstance(out, Value):
        return out
    if isinstance(out, Sequence) and all(isinstance(o, Value) for o in out):
        return list(out)
    raise TypeError(f"{where}: f must return a Value (or a list of Values), got {class_name(out)}")


def derivative(f: Callable[[Value], Value], order: int = 1) -> Callable[[Any], Value]:
    """The ``order``-th derivative of a one-input function, as a function.

    The returned function takes a float or a Value and returns a Value; given
    a Value, the result's graph depends on it, so derivatives compose and
    can be drawn.

    Raises:
        ValueError: ``order`` is not a non-negative integer.

    >>> cube = lambda x: x * x * x
    >>> [derivative(cube, n)(2.0).data for n in range(5)]   # 8, 3x², 6x, 6, 0
    [8.0, 12.0, 12.0, 6.0, 0.0]
    """
    if isinstance(order, bool) or not isinstance(order, int) or order < 0:
        raise ValueError(f"derivative() order must be a non-negative int, got {order!r}")

    def nth_derivative(x: Any) -> Value:
        point = x if isinstance(x, Value) else Value(as_real(x, "derivative() input"), label="x")
        y: Value = _call(f, [point], "derivative()")
        if not isinstance(y, Value):
            raise TypeError("derivative(): f must return a single Value")
        for _ in range(order):
            (y,) = grad(y, [point], create_graph=True)
        return y

    nth_derivative.__name__ = f"d{order}_{getattr(f, '__name__', 'f')}"
    return nth_derivative


def jacobian(f: Callable[..., Any], inputs: Sequence[float]) -> list[list[float]]:
    """d f_i / d x_j at ``inputs``, one row per output of ``f``.

    ``f`` takes one Value per input and returns a Value or a list of Values.

    >>> jacobian(lambda x, y: [x * y, x + y], [2.0, 3.0])
    [[3.0, 2.0], [1.0, 1.0]]
    """
    xs = _leaves(inputs, "jacobian()")
    out = _call(f, xs, "jacobian()")
    rows = [out] if isinstance(out, Value) else out
    return [grad(row, xs) for row in rows]


def hessian(f: Callable[..., Value], inputs: Sequence[float]) -> list[list[float]]:
    """The matrix of second derivatives d²f / dx_i dx_j at ``inputs``.

    One backward pass builds the gradient as graphs, then one pass per input
    differentiates each gradient component again.

    >>> hessian(lambda x, y: x * y + y.exp() * 0.0, [1.0, 2.0])
    [[0.0, 1.0], [1.0, 0.0]]
    """
    xs = _leaves(inputs, "hessian()")
    out = _call(f, xs, "hessian()")
    if not isinstance(out, Value):
        raise TypeError("hessian(): f must return a single Value")
    return [grad(g, xs) for g in grad(out, xs, create_graph=True)]


__all__ = ["derivative", "hessian", "jacobian"]
