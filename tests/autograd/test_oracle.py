"""The engine against PyTorch (float64): every op, kinks, and composite graphs with
shared subexpressions, repeated operands and diamonds."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value, grad, ops
from autograd.testing import operands
from autograd.value import apply
from tests.autograd.torch_twins import torch_forward as _torch_forward

pytestmark = pytest.mark.oracle


def _torch_grads(torch: Any, f: Callable[..., Any], xs: list[float]) -> tuple[float, list[float]]:
    ts = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in xs]
    out = f(*ts)
    gs = torch.autograd.grad(out, ts, allow_unused=True)
    return out.item(), [0.0 if g is None else g.item() for g in gs]


@st.composite
def _op_and_operands(draw: st.DrawFn) -> tuple[ops.Op, list[float]]:
    op = draw(st.sampled_from(ops.TABLE))
    return op, draw(operands(op))


@given(_op_and_operands())
def test_every_op_matches_pytorch(torch: Any, case: tuple[ops.Op, list[float]]) -> None:
    op, xs = case
    values = [Value(x) for x in xs]
    out = apply(op, tuple(values))
    expected_value, expected_grads = _torch_grads(torch, _torch_forward(op, torch), xs)
    assert out.data == pytest.approx(expected_value, rel=1e-12, abs=1e-300)
    assert grad(out, values) == pytest.approx(expected_grads, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("op", [ops.RELU, ops.ABS, ops.LEAKY_RELU], ids=lambda op: op.name)
def test_kink_conventions_match_pytorch(torch: Any, op: ops.Op) -> None:
    xs = [0.0] + [0.1] * (len(op.domains) - 1)
    values = [Value(x) for x in xs]
    _, expected = _torch_grads(torch, _torch_forward(op, torch), xs)
    assert grad(apply(op, tuple(values)), values) == expected


def _composites() -> list[Callable[..., Any]]:
    def shared(a: Any, b: Any, c: Any) -> Any:
        e = a * b  # used three times
        return (e + c).tanh() * e + e.sigmoid()

    def squares(a: Any, b: Any, c: Any) -> Any:
        return a * a + b * b * b + (c + c) * (c + c)

    def diamond(a: Any, b: Any, c: Any) -> Any:
        top = a * b + c
        left, right = top.sin(), top.cos()
        return left * right + (left - right) ** 2

    def neuron(a: Any, b: Any, c: Any) -> Any:
        return (a * 0.5 + b * -1.5 + c).tanh().relu() + (abs(a - b) + 1.0).sqrt()

    def everything(a: Any, b: Any, c: Any) -> Any:
        d = (a * a + 1.0).log() / (b.exp() + 2.0)
        return d * (c.sigmoid() - 0.5) + 2.0**c - (1.0 - a) + d

    return [shared, squares, diamond, neuron, everything]


@pytest.mark.parametrize("f", _composites(), ids=lambda f: f.__name__)
@given(xs=st.lists(st.floats(-3.0, 3.0), min_size=3, max_size=3))
def test_composite_graphs_match_pytorch(
    torch: Any, f: Callable[..., Any], xs: list[float]
) -> None:
    values = [Value(x) for x in xs]
    out = f(*values)
    expected_value, expected_grads = _torch_grads(torch, f, xs)
    assert out.data == pytest.approx(expected_value, rel=1e-12, abs=1e-12)
    assert grad(out, values) == pytest.approx(expected_grads, rel=1e-10, abs=1e-12)


def test_backward_twice_matches_pytorch_accumulation(torch: Any) -> None:
    a, b = Value(0.5), Value(-1.25)
    out = (a * b).tanh() + a * a
    out.backward()
    out.backward()
    ta = torch.tensor(0.5, requires_grad=True)
    tb = torch.tensor(-1.25, requires_grad=True)
    tout = (ta * tb).tanh() + ta * ta
    tout.backward(retain_graph=True)
    tout.backward()
    assert (a.grad, b.grad) == pytest.approx((ta.grad.item(), tb.grad.item()), rel=1e-15)


# -- the edges of the number line ------------------------------------------------


@pytest.mark.parametrize("y", [0.0, 0.25, 1.0, 2.0, 3.5])
def test_zero_to_a_power_matches_pytorch(torch: Any, y: float) -> None:
    # A plain-number base 0.0: value 0 (1 at y = 0) and d/dy = 0, as PyTorch.
    # A Value base 0.0 too, where d/dx = y * 0 ** (y - 1) is finite (y >= 1 or y = 0).
    exponent = Value(y)
    out = 0.0**exponent
    expected_value, (expected_grad,) = _torch_grads(torch, lambda t: 0.0**t, [y])
    assert (out.data, grad(out, exponent)) == (expected_value, expected_grad)
    if y >= 1.0 or y == 0.0:
        base = Value(0.0)
        both = base**exponent
        torch_value, torch_grads = _torch_grads(torch, lambda a, b: a**b, [0.0, y])
        assert (both.data, grad(both, [base, exponent])) == (torch_value, torch_grads)


#: Operands where a local derivative is infinite for PyTorch (a pole, or too
#: large for a float), beside ones where it is merely large.
EDGES: list[tuple[ops.Op, list[float]]] = [
    (ops.SQRT, [0.0]),
    (ops.SQRT, [5e-324]),
    (ops.LOG, [5e-324]),
    (ops.LOG, [1e-300]),
    (ops.DIV, [1.0, 1e-200]),
    (ops.DIV, [1e-300, 1e-200]),
    (ops.DIV, [1.0, 1e-154]),
    (ops.POW_CONST, [0.0, 0.5]),
    (ops.POW_CONST, [0.0, 2.0]),
    (ops.POW_CONST, [1e-200, -1.0]),
    (ops.POW_CONST, [1e-100, -1.0]),
    (ops.POW, [0.0, 0.5]),
    (ops.POW, [1e-200, -1.0]),
    (ops.POW, [2.0, 1000.0]),
]


@pytest.mark.parametrize(("op", "xs"), EDGES, ids=lambda e: getattr(e, "name", repr(e)))
def test_an_error_exactly_where_pytorch_gives_an_infinite_gradient(
    torch: Any, op: ops.Op, xs: list[float]
) -> None:
    # The policy: where PyTorch's gradient is inf (its local derivative is),
    # ours raises ZeroDivisionError or OverflowError naming the op; elsewhere
    # the gradients are equal.
    args = tuple(x if i in op.parameters else Value(x, label="x") for i, x in enumerate(xs))
    values = [a for a in args if isinstance(a, Value)]
    out = apply(op, args)
    if op.parameters:
        c = xs[1]
        _, expected = _torch_grads(torch, lambda t: t**c, xs[:1])
    else:
        _, expected = _torch_grads(torch, _torch_forward(op, torch), xs)
    if all(math.isfinite(g) for g in expected):
        assert grad(out, values) == pytest.approx(expected, rel=1e-12)
    else:
        with pytest.raises((ZeroDivisionError, OverflowError), match=r"the local derivative is"):
            grad(out, values)


def test_the_python_protocol_matches_pytorch_where_pytorch_has_it(torch: Any) -> None:
    for x in (2.5, -2.5, 0.0, 1e-300):
        v, t = Value(x), torch.tensor(x)
        assert float(v) == float(t) and int(v) == int(t) and bool(v) == bool(t)
        assert math.floor(v) == math.floor(t) and math.isfinite(v) == math.isfinite(t)
        for other in (0.0, 2.5, -3.0):
            assert (v < other, v <= other, v > other, v >= other) == (
                bool(t < other),
                bool(t <= other),
                bool(t > other),
                bool(t >= other),
            )
    # Identity hashing, as PyTorch's; == differs (PyTorch's is elementwise).
    v, t = Value(1.0), torch.tensor(1.0)
    assert hash(v) == object.__hash__(v) and hash(t) == id(t)
