"""Finite differences and the gradient checker: hand-worked examples, the checker
rejecting wrong derivatives, its report and diagnoses, then properties."""

from __future__ import annotations

import importlib
import math

import pytest
from hypothesis import assume, given, settings

import autograd
from autograd import Value, gradcheck, ops
from autograd.gradcheck import FiniteDifferenceError, GradcheckError, numerical_grad
from autograd.mode import grad_enabled
from autograd.testing import Expression, expressions
from autograd.value import apply

# -- numerical_grad ----------------------------------------------------------------


def test_numerical_grad_of_a_product_is_the_other_factor() -> None:
    assert numerical_grad(lambda x, y: x * y, [3.0, 0.5]) == pytest.approx([0.5, 3.0], abs=1e-9)


def test_numerical_grad_of_a_cube() -> None:
    # The central difference of x**3 is 3x**2 + eps**2 exactly: 12 + 1e-12 at x = 2.
    assert numerical_grad(lambda x: x * x * x, [2.0]) == pytest.approx([12.0], abs=1e-8)


def test_numerical_grad_evaluates_f_without_recording() -> None:
    modes: list[bool] = []

    def f(x: Value) -> Value:
        modes.append(grad_enabled())
        return x * x

    numerical_grad(f, [1.0])
    numerical_grad(f, [1.0], method="richardson")
    assert modes and not any(modes)


def _smooth(x: Value) -> Value:
    return x.sin() * x.exp()


def _smooth_derivative(x: float) -> float:
    return math.exp(x) * (math.sin(x) + math.cos(x))


POINTS = [-1.5, -0.25, 0.3, 1.0, 2.0]


def test_richardson_is_more_accurate_than_central_differences() -> None:
    def worst(method: str, eps: float) -> float:
        return max(
            abs(numerical_grad(_smooth, [x], eps=eps, method=method)[0] - _smooth_derivative(x))
            for x in POINTS
        )

    # Central differences: 1e-16 / eps round-off at eps = 1e-6, eps**2 truncation at 1e-3.
    assert worst("central", 1e-6) > 1e-11
    assert worst("central", 1e-3) > 1e-7
    assert worst("richardson", 1e-6) < 1e-11
    assert worst("richardson", 1e-6) < worst("central", 1e-6) / 10


def test_richardson_starts_again_with_smaller_steps_near_the_end_of_a_domain() -> None:
    # Its largest step, 5.12e-4, would take log below 0 at x = 2e-4.
    assert numerical_grad(lambda x: x.log(), [2e-4], method="richardson") == pytest.approx(
        [5000.0], rel=1e-8
    )


def test_numerical_grad_fails_clearly_where_f_is_undefined_nearby() -> None:
    with pytest.raises(FiniteDifferenceError, match=r"log\(\) needs a positive input"):
        numerical_grad(lambda x: x.log(), [1e-7])


@pytest.mark.parametrize(
    ("kwargs", "kind", "pattern"),
    [
        ({"eps": 0.0}, ValueError, "eps must be a finite number > 0, got 0.0"),
        ({"eps": math.inf}, ValueError, "eps must be a finite number > 0, got inf"),
        ({"method": "forward"}, ValueError, "method must be one of .*got 'forward'"),
    ],
)
def test_numerical_grad_rejects_bad_settings(kwargs, kind, pattern) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(kind, match=pattern):
        numerical_grad(lambda x: x, [1.0], **kwargs)


def test_inputs_must_be_real_numbers_and_f_must_return_a_value() -> None:
    with pytest.raises(
        TypeError, match=r"numerical_grad\(\) input 1 needs a real number, got str"
    ):
        numerical_grad(lambda x, y: x, [1.0, "2"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"f must return a Value, got float: 2\.0"):
        gradcheck(lambda x: 2.0, [1.0])  # type: ignore[arg-type, return-value]
    with pytest.raises(ValueError, match="atol must be a finite number >= 0, got -1"):
        gradcheck(lambda x: x, [1.0], atol=-1)


# -- gradcheck passes on correct derivatives ---------------------------------------


def test_gradcheck_passes_a_diamond_a_repeated_operand_and_a_long_chain() -> None:
    def diamond(x: Value) -> Value:
        a = x * 2.0
        return a.tanh() * a.sin()

    def chain(x: Value) -> Value:
        for _ in range(200):
            x = (x * 0.5).tanh() + 0.25
        return x

    assert gradcheck(diamond, [0.75])
    assert gradcheck(lambda a: a * a + (a + a), [-1.5])
    assert gradcheck(chain, [0.5])
    assert gradcheck(lambda x, y, z: autograd.dot([x, y], [z, z]).sigmoid(), [0.5, -1.0, 2.0])


# -- gradcheck rejects wrong derivatives -------------------------------------------


def _frozen(x: Value, y: Value) -> Value:
    # Rebuilds y from its float: the graph forgets y, so d/dy is lost.
    return x * Value(y.data)


def test_gradcheck_catches_a_factor_treated_as_a_constant() -> None:
    with pytest.raises(GradcheckError) as caught:
        gradcheck(_frozen, [3.0, -0.5])
    assert isinstance(caught.value, AssertionError)
    message = str(caught.value)
    assert "gradcheck failed for 1 of 2 inputs" in message
    assert "input  label  value  analytic  numeric  abs error  rel error" in message
    # x1: analytic 0 (lost), numeric x = 3, so |error| = 3 and relative error 1.
    assert "  1      x1     -0.5   0.0       3.0      3.0        1.0        FAIL" in message
    assert "input 1 (x1): the numeric estimates agree" in message
    assert "the analytic derivative looks wrong" in message
    row = caught.value.rows[1]
    assert (row.analytic, row.numeric, row.ok) == (0.0, pytest.approx(3.0), False)


def test_gradcheck_returns_false_instead_of_raising_when_asked() -> None:
    assert gradcheck(_frozen, [3.0, -0.5], raise_exception=False) is False


WRONG_SIN = ops.Op("sin", math.sin, (lambda x, out: -math.cos(x),), (ops.REALS,))


def test_gradcheck_catches_a_wrong_rule_in_an_op() -> None:
    with pytest.raises(GradcheckError, match="analytic derivative looks wrong"):
        gradcheck(lambda x: apply(WRONG_SIN, (x * 2.0,)), [0.5])


def test_tolerance_is_atol_plus_rtol_times_the_numeric_value() -> None:
    # Analytic 2.0, numeric 2.01: the error is 0.01.
    def f(x: Value) -> Value:
        return x * 2.0 + Value(0.01 * x.data)

    assert gradcheck(f, [1.0], atol=0.011, rtol=0.0)
    assert not gradcheck(f, [1.0], atol=0.009, rtol=0.0, raise_exception=False)
    assert gradcheck(f, [1.0], atol=0.0, rtol=0.0051)  # 0.0051 * 2.01 > 0.01
    assert not gradcheck(f, [1.0], atol=0.0, rtol=0.0049, raise_exception=False)


# -- diagnoses -----------------------------------------------------------------------


def test_diagnosis_names_the_kink_the_point_sits_on() -> None:
    # relu'(0) = 0, but the central difference at 0 sees (eps - 0) / 2 eps = 0.5.
    with pytest.raises(GradcheckError) as caught:
        gradcheck(lambda x: (x * 3.0).relu(), [0.0])
    message = str(caught.value)
    assert "  0      x0     0.0    0.0       1.5      1.5        1.0        FAIL" in message
    assert "input 0 (x0): the point sits on a kink: operand 0 of relu is 0.0" in message


def test_diagnosis_finds_a_kink_crossed_inside_the_step() -> None:
    # abs at 3e-7: the central difference sees (1.3e-6 - 0.7e-6) / 2e-6 = 0.3, not 1.
    with pytest.raises(GradcheckError) as caught:
        gradcheck(lambda x: abs(x), [3e-7])
    message = str(caught.value)
    assert "  0      x0     3e-07  1.0       0.3      0.7        2.3333333  FAIL" in message
    assert "the point sits on a kink: operand 0 of abs is 3e-07, and a step of 1e-06" in message


def test_diagnosis_says_when_f_is_not_finite_near_the_point() -> None:
    with pytest.raises(GradcheckError) as caught:
        gradcheck(lambda x: x.sqrt(), [1e-7])
    message = str(caught.value)
    assert "nan" in message
    assert "input 0 (x0): the function is not finite near the point" in message
    assert "sqrt() needs a non-negative input" in message


def test_diagnosis_says_when_the_estimate_depends_on_the_step() -> None:
    # sin(1e8 x) turns over within a step: no step size settles it.
    with pytest.raises(GradcheckError, match="unstable across step sizes"):
        gradcheck(lambda x: (x * 1e8).sin(), [1.0])


# -- the two import forms --------------------------------------------------------------


def test_autograd_gradcheck_is_the_function_and_the_module_still_imports() -> None:
    from autograd import gradcheck as from_package
    from autograd.gradcheck import gradcheck as from_module

    module = importlib.import_module("autograd.gradcheck")
    assert callable(from_package) and from_package is from_module is module.gradcheck
    assert module.numerical_grad is numerical_grad and module.GradcheckError is GradcheckError
    assert autograd.gradcheck is from_package
    assert "gradcheck" in autograd.__all__


# -- properties ------------------------------------------------------------------------


@settings(max_examples=150)
@given(expressions())
def test_central_and_richardson_agree_on_random_formulas(e: Expression) -> None:
    central = numerical_grad(e.fn, e.inputs)
    richardson = numerical_grad(e.fn, e.inputs, method="richardson")
    assert central == pytest.approx(richardson, rel=1e-4, abs=1e-5)


@settings(max_examples=150)
@given(expressions())
def test_gradcheck_catches_a_term_whose_derivative_is_lost(e: Expression) -> None:
    def broken(*xs: Value) -> Value:
        # d/dx0 of x0 * x0 is 2 x0; freezing one factor makes the engine see x0.
        return e.fn(*xs) + xs[0] * Value(xs[0].data)

    x0, numeric = e.inputs[0], numerical_grad(broken, e.inputs)[0]
    # The error, |x0|, must stand clear of the tolerance 1e-5 + 1e-3 |numeric|.
    assume(abs(x0) > 2 * (1e-5 + 1e-3 * abs(numeric)))
    with pytest.raises(GradcheckError, match=r"input 0 \(x0\): .*analytic derivative looks wrong"):
        gradcheck(broken, e.inputs)
