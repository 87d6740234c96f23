"""``0 ** 0`` on every path: grad, grad(create_graph=True), hessian (issue 24, item 14).

PyTorch's conventions at a zero base: d(x**y)/dx = 0 where y = 0, and
d(x**y)/dy = 0 where x = 0 and y >= 0. First derivatives are the same on
every path; so are second derivatives wherever PyTorch gives a number. Where
PyTorch gives NaN (its masked branch differentiated again: 0 * inf), the
engine gives the derivative of the convention, 0.0, and never a pole error.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from autograd import Value, grad, hessian


def first(x: float, y: float, create_graph: bool) -> list[float]:
    a, b = Value(x), Value(y)
    found = grad(a**b, [a, b], create_graph=create_graph)
    return [g.data if isinstance(g, Value) else g for g in found]


# -- hand-worked -----------------------------------------------------------------------


@pytest.mark.parametrize("create_graph", [False, True])
def test_the_first_derivatives_of_x_to_the_y_at_zero_zero_are_zero(create_graph: bool) -> None:
    assert first(0.0, 0.0, create_graph) == [0.0, 0.0]


def test_the_hessian_of_x_to_the_y_at_zero_zero_is_zero() -> None:
    # x**0 = 1 for every x, so d²/dx² = 0; the rest is the derivative of the
    # conventions (constant 0), as in the neighbouring cases below.
    assert hessian(lambda x, y: x**y, [0.0, 0.0]) == [[0.0, 0.0], [0.0, 0.0]]


def test_a_constant_zero_power_at_zero() -> None:
    x = Value(0.0)
    (d,) = grad(x**0.0, [x], create_graph=True)
    assert d.data == 0.0
    assert hessian(lambda v: v**0.0, [0.0]) == [[0.0]]
    assert hessian(lambda v: v**0, [0.0]) == [[0.0]]


@pytest.mark.parametrize(
    ("y", "grads", "rows"),
    [
        # x**1 = x: d/dx = 1, d²/dx² = 0, d/dy (x**(y-1) · y) at y = 1 = x**0 = 1.
        (1.0, [1.0, 0.0], [[0.0, 1.0], [0.0, 0.0]]),
        # x**2: d/dx = 2x = 0, d²/dx² = 2; d/dy (y · x**(y-1)) = x + 2x log x -> 0.
        (2.0, [0.0, 0.0], [[2.0, 0.0], [0.0, 0.0]]),
        # x**3: 3x² = 0 and 6x = 0 at 0.
        (3.0, [0.0, 0.0], [[0.0, 0.0], [0.0, 0.0]]),
    ],
)
def test_neighbouring_powers_at_a_zero_base(
    y: float, grads: list[float], rows: list[list[float]]
) -> None:
    assert first(0.0, y, False) == first(0.0, y, True) == grads
    assert hessian(lambda a, b: a**b, [0.0, y]) == rows


@pytest.mark.parametrize(("c", "second"), [(1.0, 0.0), (2.0, 2.0), (3.0, 0.0)])
def test_neighbouring_constant_powers_at_zero(c: float, second: float) -> None:
    x = Value(0.0)
    (d,) = grad(x**c, [x], create_graph=True)
    assert d.data == (1.0 if c == 1.0 else 0.0)  # c · 0**(c-1)
    assert hessian(lambda v: v**c, [0.0]) == [[second]]


def test_away_from_a_zero_base_a_zero_exponent_keeps_its_mixed_derivative() -> None:
    # d/dy (y · x**(y-1)) at y = 0 is x**-1 = 1/x: 0.5 at x = 2. The convention
    # d(x**0)/dx = 0 must not cut it off. d²(x**y)/dy² = x**y · log(x)² = log(2)².
    h = hessian(lambda x, y: x**y, [2.0, 0.0])
    assert h[0] == [0.0, 0.5] and h[1][0] == 0.5
    assert h[1][1] == pytest.approx(math.log(2.0) ** 2, rel=1e-15)


def test_a_fractional_power_at_zero_is_still_a_pole() -> None:
    with pytest.raises(ZeroDivisionError, match="infinite here"):
        hessian(lambda x, y: x**y, [0.0, 0.5])


# -- against PyTorch -------------------------------------------------------------------


def torch_derivatives(
    torch: Any, xs: list[float], f: Any
) -> tuple[list[float], list[list[float]]]:
    ts = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in xs]
    found = torch.autograd.grad(f(*ts), ts, create_graph=True, allow_unused=True)
    grads = [0.0 if g is None else g.item() for g in found]
    rows = []
    for g in found:
        if g is None or not g.requires_grad:
            rows.append([0.0] * len(ts))
            continue
        again = torch.autograd.grad(g, ts, allow_unused=True)
        rows.append([0.0 if h is None else h.item() for h in again])
    return grads, rows


@pytest.mark.oracle
@pytest.mark.parametrize("point", [(0.0, 0.0), (0.0, 1.0), (0.0, 2.0), (0.0, 3.0)])
def test_x_to_the_y_matches_pytorch_on_every_path(torch: Any, point: tuple[float, float]) -> None:
    grads, rows = torch_derivatives(torch, list(point), lambda a, b: a**b)
    assert first(*point, False) == first(*point, True) == grads
    ours = hessian(lambda a, b: a**b, list(point))
    for mine, theirs in zip(ours, rows, strict=True):
        assert mine == [0.0 if math.isnan(t) else t for t in theirs]


@pytest.mark.oracle
@pytest.mark.parametrize("x", [2.0, 0.5])
def test_a_zero_exponent_away_from_zero_matches_pytorch_where_its_hessian_is_symmetric(
    torch: Any, x: float
) -> None:
    # x**y is smooth here, so d²/dx dy = d²/dy dx = 1/x. PyTorch's mask at y = 0
    # drops one of the two orders (its H[0][1] is 0); the other, H[1][0], is 1/x.
    grads, rows = torch_derivatives(torch, [x, 0.0], lambda a, b: a**b)
    assert first(x, 0.0, False) == first(x, 0.0, True) == grads
    ours = hessian(lambda a, b: a**b, [x, 0.0])
    assert ours[0][0] == rows[0][0] == 0.0 and ours[1][1] == pytest.approx(rows[1][1], rel=1e-15)
    assert ours[0][1] == ours[1][0] == rows[1][0] == 1.0 / x


@pytest.mark.oracle
@pytest.mark.parametrize("c", [0.0, 1.0, 2.0, 3.0])
def test_x_to_a_constant_at_zero_matches_pytorch(torch: Any, c: float) -> None:
    grads, rows = torch_derivatives(torch, [0.0], lambda a: a**c)
    x = Value(0.0)
    assert [g.data for g in grad(x**c, [x], create_graph=True)] == grad(x**c, [x]) == grads
    assert hessian(lambda v: v**c, [0.0]) == rows
