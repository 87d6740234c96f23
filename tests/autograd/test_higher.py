"""Higher-order derivatives: hand-worked first, then every op against PyTorch and
finite differences, Hessians, Newton's method, and the modes."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd import Value, derivative, detect_anomaly, grad, hessian, jacobian, no_grad, ops
from autograd.testing import expressions, operands
from autograd.value import apply
from tests.autograd.torch_twins import torch_forward

# -- hand-worked ---------------------------------------------------------------------


def test_derivatives_of_a_cube() -> None:
    cube = derivative(lambda x: x * x * x, 0)
    assert [derivative(lambda x: x * x * x, n)(-2.0).data for n in range(5)] == [
        -8.0,  # x³
        12.0,  # 3x²
        -12.0,  # 6x
        6.0,
        0.0,
    ]
    assert cube(0.5).data == 0.125


def test_derivatives_of_exp_and_sin_cycle() -> None:
    x = 0.7
    assert [derivative(lambda v: v.exp(), n)(x).data for n in range(4)] == pytest.approx(
        [math.exp(x)] * 4, rel=1e-15
    )
    sines = [derivative(lambda v: v.sin(), n)(x).data for n in range(5)]
    expected = [math.sin(x), math.cos(x), -math.sin(x), -math.cos(x), math.sin(x)]
    assert sines == pytest.approx(expected, rel=1e-15)


def test_derivative_composes_and_accepts_values() -> None:
    x = Value(1.5)
    d1 = derivative(lambda v: v * v * v)  # 3x²
    d2_of_d1 = derivative(d1)  # 6x, built from d1's graph
    assert d2_of_d1(x).data == 9.0
    assert grad(d1(x), [x]) == [9.0]


def test_derivative_order_is_validated() -> None:
    for bad in (-1, 1.5, True, "2"):
        with pytest.raises(ValueError, match="order must be a non-negative int"):
            derivative(lambda v: v, bad)  # type: ignore[arg-type]


def test_grad_with_create_graph_returns_differentiable_values() -> None:
    x, y = Value(2.0), Value(3.0)
    gx, gy = grad(x * x * y, [x, y], create_graph=True)  # 2xy, x²
    assert (gx.data, gy.data) == (12.0, 4.0)
    assert grad(gx, [x, y]) == [6.0, 4.0]  # 2y, 2x
    assert grad(gy, [x, y]) == [4.0, 0.0]  # 2x, 0


def test_unrelated_inputs_get_a_zero_value_with_create_graph() -> None:
    x, z = Value(2.0), Value(5.0)
    gz, gx = grad(x + 1.0, [z, x], create_graph=True)
    assert isinstance(gz, Value) and (gz.data, gx.data) == (0.0, 1.0)


def test_gradient_graph_has_no_multiplications_by_one() -> None:
    x = Value(2.0, label="x")
    (g,) = grad(x.tanh(), [x], create_graph=True)  # 1 - tanh(x)**2, nothing else
    assert g.op == "-" and {p.op for p in g.parents} == {"*"}


def test_backward_create_graph_sets_grad_value_like_grad() -> None:
    x = Value(3.0)
    y = x * x  # interior
    z = y * x  # x³
    z.backward(create_graph=True)
    assert (x.grad, x.grad_value.data) == (27.0, 27.0)  # type: ignore[union-attr]
    assert (y.grad, y.grad_value.data) == (3.0, 3.0)  # type: ignore[union-attr]
    z.backward(create_graph=True)
    # Leaves accumulate (grad and graph alike); interior nodes are set.
    assert (x.grad, x.grad_value.data) == (54.0, 54.0)  # type: ignore[union-attr]
    assert (y.grad, y.grad_value.data) == (3.0, 3.0)  # type: ignore[union-attr]
    assert grad(x.grad_value, [x]) == [36.0]  # type: ignore[arg-type]  # d(2·3x²)/dx = 12x


def test_create_graph_after_a_float_backward_keeps_the_earlier_gradient() -> None:
    x = Value(2.0)
    (x * x).backward()  # x.grad = 4.0, no graph
    (x * x).backward(create_graph=True)
    assert x.grad == 8.0 and x.grad_value.data == 8.0  # type: ignore[union-attr]
    assert grad(x.grad_value, [x]) == [2.0]  # type: ignore[arg-type]  # the float part is constant


def test_grad_value_is_none_without_create_graph_and_checks_its_type() -> None:
    x = Value(1.0)
    (x * 2.0).backward()
    assert x.grad_value is None
    with pytest.raises(TypeError, match="grad_value must be a Value or None, got float"):
        x.grad_value = 1.0  # type: ignore[assignment]


def test_jacobian_and_hessian_by_hand() -> None:
    assert jacobian(lambda x, y: [x * y, x - y, (x * y).log()], [2.0, 4.0]) == [
        [4.0, 2.0],
        [1.0, -1.0],
        [0.5, 0.25],  # 1/x, 1/y
    ]
    # f = x²y + y³: H = [[2y, 2x], [2x, 6y]]
    assert hessian(lambda x, y: x * x * y + y**3, [1.0, 2.0]) == [[4.0, 2.0], [2.0, 12.0]]


def test_hessian_rejects_a_function_returning_several_values() -> None:
    with pytest.raises(TypeError, match="single Value"):
        hessian(lambda x: [x, x], [1.0])
    with pytest.raises(TypeError, match="must return a Value"):
        jacobian(lambda x: 3.0, [1.0])


# -- Newton's method: quadratic convergence ----------------------------------------------


def test_newton_1d_converges_quadratically() -> None:
    # Root of f(x) = x³ - 2, via f/f'; the error roughly squares each step.
    f = lambda x: x * x * x - 2.0  # noqa: E731
    df = derivative(f)
    x, root = 1.0, 2.0 ** (1 / 3)
    errors = []
    for _ in range(6):
        x = x - f(Value(x)).data / df(x).data
        errors.append(abs(x - root))
    assert errors[-1] < 1e-15
    for before, after in itertools.pairwise(errors[1:5]):
        assert after <= 2.0 * before**2  # quadratic, not linear


def test_newton_2d_on_rosenbrock_converges_quadratically() -> None:
    def rosenbrock(x: Value, y: Value) -> Value:
        return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2

    p = [-0.5, 0.5]
    errors = []
    for _ in range(8):
        xs = [Value(p[0]), Value(p[1])]
        g = grad(rosenbrock(*xs), xs)
        (a, b), (c, d) = hessian(rosenbrock, p)
        det = a * d - b * c
        step = [(d * g[0] - b * g[1]) / det, (-c * g[0] + a * g[1]) / det]
        p = [p[0] - step[0], p[1] - step[1]]
        errors.append(math.hypot(p[0] - 1.0, p[1] - 1.0))
    assert errors[-1] < 1e-12
    tail = [e for e in errors if e > 1e-14][-3:]
    for before, after in itertools.pairwise(tail):
        assert after <= 10.0 * before**2


# -- modes -------------------------------------------------------------------------------


def test_create_graph_under_no_grad_gives_values_without_graphs() -> None:
    x = Value(2.0)
    y = x * x * x
    with no_grad():
        (g,) = grad(y, [x], create_graph=True)
    assert g.data == 12.0 and g.parents == ()


def test_detect_anomaly_checks_the_gradient_graph_too() -> None:
    # d/dx sqrt(x) = 0.5 / sqrt(x) is fine at 1e-320, but the second derivative
    # -0.25 x^-1.5 overflows to -inf while differentiating the gradient graph.
    x = Value(1e-300, label="x")
    y = x.sqrt()
    (g,) = grad(y, [x], create_graph=True)
    with detect_anomaly(), pytest.raises(FloatingPointError, match="inf"):
        grad(g * g * g, [x], create_graph=True)


# -- every op: second and third derivatives ---------------------------------------------


def _third(f: Any, xs: list[Value]) -> list[list[list[float]]]:
    g = grad(f(*xs), xs, create_graph=True)
    return [[grad(h, xs) for h in grad(gi, xs, create_graph=True)] for gi in g]


def _torch_third(torch: Any, f: Any, xs: list[float]) -> list[list[list[float]]]:
    ts = [torch.tensor(x, requires_grad=True) for x in xs]
    g = torch.autograd.grad(f(*ts), ts, create_graph=True, allow_unused=True)
    out = []
    for gi in g:
        if gi is None or not gi.requires_grad:
            out.append([[0.0] * len(xs) for _ in xs])
            continue
        rows = []
        for h in torch.autograd.grad(gi, ts, create_graph=True, allow_unused=True):
            if h is None or not h.requires_grad:
                rows.append([0.0] * len(xs))
                continue
            third = torch.autograd.grad(h, ts, allow_unused=True, retain_graph=True)
            rows.append([0.0 if t is None else t.item() for t in third])
        out.append(rows)
    return out


def _flat(matrix: list[list[float]]) -> list[float]:
    return [x for row in matrix for x in row]


def _op_fn(op: ops.Op) -> Any:
    return lambda *xs: apply(op, tuple(xs))


@st.composite
def _op_case(draw: st.DrawFn) -> tuple[ops.Op, list[float]]:
    op = draw(st.sampled_from(ops.TABLE))
    return op, draw(operands(op, max_terms=2))


@pytest.mark.oracle
@given(_op_case())
def test_second_and_third_derivatives_of_every_op_match_pytorch(
    torch: Any, case: tuple[ops.Op, list[float]]
) -> None:
    op, xs = case
    # PyTorch's pow backward returns exactly 0 wherever the exponent is 0 (to
    # dodge 0 ** -1), and its higher derivatives differentiate x ** (y - 1) and
    # x ** (y - 2), so at y in {0, 1, 2} it zeroes e.g. d³(x**y)/dx²dy =
    # x**(y-2) * (2y - 1) + ...; ours are the true values (the finite-difference
    # test below covers those points).
    assume(not (op in (ops.POW, ops.POW_CONST) and xs[1] in (0.0, 1.0, 2.0)))
    tf = torch_forward(op, torch)
    ours = _third(_op_fn(op), [Value(x) for x in xs])
    theirs = _torch_third(torch, tf, xs)
    for a, b in zip(ours, theirs):
        for row_a, row_b in zip(a, b):
            assert row_a == pytest.approx(row_b, rel=1e-10, abs=1e-10)
    ts = [torch.tensor(x) for x in xs]
    expected_h = torch.autograd.functional.hessian(lambda *t: tf(*t), tuple(ts))
    assert _flat(hessian(_op_fn(op), xs)) == pytest.approx(
        [expected_h[i][j].item() for i in range(len(xs)) for j in range(len(xs))],
        rel=1e-10,
        abs=1e-10,
    )


@given(_op_case())
def test_hessian_of_every_op_matches_differences_of_the_gradient(
    case: tuple[ops.Op, list[float]],
) -> None:
    op, xs = case
    f = _op_fn(op)
    h = 1e-6

    def gradient_at(point: list[float]) -> list[float]:
        vs = [Value(p) for p in point]
        return grad(f(*vs), vs)

    analytic = hessian(f, xs)
    for j in range(len(xs)):
        up = gradient_at([x + h if k == j else x for k, x in enumerate(xs)])
        down = gradient_at([x - h if k == j else x for k, x in enumerate(xs)])
        for i in range(len(xs)):
            assert analytic[i][j] == pytest.approx((up[i] - down[i]) / (2 * h), rel=1e-4, abs=1e-5)


# -- Hessians of small functions against PyTorch ----------------------------------------


@pytest.mark.oracle
def test_rosenbrock_hessian_matches_pytorch(torch: Any) -> None:
    def rosenbrock(*v: Any) -> Any:
        return sum(
            (1.0 - v[i]) ** 2 + 100.0 * (v[i + 1] - v[i] * v[i]) ** 2 for i in range(len(v) - 1)
        )

    point = [-1.2, 1.0, 0.5, 0.25]
    expected = torch.autograd.functional.hessian(lambda t: rosenbrock(*t), torch.tensor(point))
    assert _flat(hessian(rosenbrock, point)) == pytest.approx(
        _flat(expected.tolist()), rel=1e-12, abs=1e-12
    )


@pytest.mark.oracle
def test_tiny_mlp_loss_hessian_matches_pytorch(torch: Any) -> None:
    import autograd

    def loss(*p: Any) -> Any:
        # MLP(2, [2, 1]) on two points; p = 6 hidden weights+biases, 3 output.
        total = 0.0
        for (x0, x1), y in (((0.5, -1.0), 1.0), ((-0.25, 2.0), -1.0)):
            h = [(p[3 * k] * x0 + p[3 * k + 1] * x1 + p[3 * k + 2]).tanh() for k in range(2)]
            s = p[6] * h[0] + p[7] * h[1] + p[8]
            total = total + (s - y) * (s - y)
        return total * 0.5

    point = [0.1 * (k - 4) for k in range(9)]
    expected = torch.autograd.functional.hessian(lambda t: loss(*t), torch.tensor(point))
    assert _flat(hessian(loss, point)) == pytest.approx(
        _flat(expected.tolist()), rel=1e-12, abs=1e-12
    )

    # The same loss written with autograd.dot (one node per neuron) agrees.
    def loss_dot(*p: Any) -> Any:
        total: Any = 0.0
        for (x0, x1), y in (((0.5, -1.0), 1.0), ((-0.25, 2.0), -1.0)):
            h = [
                autograd.dot([p[3 * k], p[3 * k + 1], p[3 * k + 2]], [x0, x1, 1.0]).tanh()
                for k in range(2)
            ]
            s = autograd.dot([p[6], p[7], p[8]], [h[0], h[1], 1.0])
            total = total + (s - y) * (s - y)
        return total * 0.5

    assert _flat(hessian(loss_dot, point)) == pytest.approx(
        _flat(expected.tolist()), rel=1e-12, abs=1e-12
    )


# -- gradgradcheck: second (and third) derivatives against finite differences ---------


def _rule_frozen_on_values(x: Any, out: Any) -> float:
    # Right on floats, but always a float: its own derivative is silently lost.
    return math.cos(x if isinstance(x, float) else x.data)


FROZEN_SIN = ops.Op("sin", math.sin, (_rule_frozen_on_values,), (ops.REALS,))


def test_gradgradcheck_passes_for_correct_rules_and_catches_a_frozen_one() -> None:
    from autograd.gradcheck import GradcheckError, gradcheck, gradgradcheck

    def good(x: Value, y: Value) -> Value:
        return x.sin() * y

    def bad(x: Value, y: Value) -> Value:
        return apply(FROZEN_SIN, (x,)) * y

    assert gradgradcheck(good, [0.5, 2.0])
    assert gradcheck(bad, [0.5, 2.0])  # first derivatives are right...
    assert not gradgradcheck(bad, [0.5, 2.0], raise_exception=False)  # ...second are not
    with pytest.raises(GradcheckError) as info:
        gradgradcheck(bad, [0.5, 2.0])
    message = str(info.value)
    # d(df/dx0)/dx0 = -y sin x = -2 sin 0.5 numerically; the frozen rule gives 0.
    assert "second derivatives d(df/dx0)/dx_j: gradcheck failed for 1 of 2 inputs" in message
    assert f"{-2 * math.sin(0.5):.8g}" in message
    assert "the analytic derivative looks wrong" in message


def test_gradgradcheck_validates_like_gradcheck() -> None:
    from autograd.gradcheck import gradgradcheck

    with pytest.raises(TypeError, match="input 0 needs a real number"):
        gradgradcheck(lambda x: x, ["a"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="eps must be"):
        gradgradcheck(lambda x: x * x, [1.0], eps=0.0)


@given(expressions())
def test_second_derivatives_of_random_expressions_match_finite_differences(e: Any) -> None:
    from autograd.gradcheck import gradgradcheck

    assert gradgradcheck(e.fn, e.inputs)


@settings(max_examples=40)
@given(expressions(max_inputs=2, max_depth=3))
def test_third_derivatives_of_random_expressions_match_finite_differences(e: Any) -> None:
    from autograd import enable_grad
    from autograd.gradcheck import gradgradcheck

    def df_dx0(*xs: Value) -> Value:
        with enable_grad():  # f's graph is needed even under gradcheck's no_grad
            out = e.fn(*xs)
        return grad(out, xs, create_graph=True)[0]

    # Second derivatives of df/dx0 are third derivatives of f.
    assert gradgradcheck(df_dx0, e.inputs)
