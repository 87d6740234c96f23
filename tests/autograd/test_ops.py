"""Every op of the table: hand-worked values and derivatives, kinks, errors, then
hypothesis properties against finite differences (``gradcheck``), op by op and
over random formulas from ``autograd.testing.expressions``."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, dot, grad, gradcheck, ops
from autograd.testing import Expression, expressions, operands
from autograd.value import apply

LN2 = math.log(2.0)

# op -> (operands, expected value, expected d/d(operand) for each operand), worked by hand.
HAND_WORKED: dict[ops.Op, tuple[tuple[float, ...], float, tuple[float, ...]]] = {
    ops.ADD: ((2.0, 3.0), 5.0, (1.0, 1.0)),
    ops.SUB: ((2.0, 3.0), -1.0, (1.0, -1.0)),
    ops.MUL: ((2.0, 3.0), 6.0, (3.0, 2.0)),
    ops.DIV: ((3.0, 2.0), 1.5, (0.5, -0.75)),  # d/dy x/y = -x/y**2 = -3/4
    ops.POW: ((2.0, 3.0), 8.0, (12.0, 8.0 * LN2)),  # 3*2**2; 2**3 ln 2
    ops.POW_CONST: ((3.0, 2.0), 9.0, (6.0, 9.0 * math.log(3.0))),
    ops.NEG: ((2.0,), -2.0, (-1.0,)),
    ops.ABS: ((-2.0,), 2.0, (-1.0,)),
    ops.EXP: ((LN2,), 2.0, (2.0,)),
    ops.LOG: ((2.0,), LN2, (0.5,)),
    ops.SQRT: ((4.0,), 2.0, (0.25,)),  # 1/(2 sqrt 4)
    ops.TANH: ((math.atanh(0.5),), 0.5, (0.75,)),  # 1 - 0.5**2
    ops.SIGMOID: ((0.0,), 0.5, (0.25,)),  # 0.5 * (1 - 0.5)
    ops.RELU: ((2.0,), 2.0, (1.0,)),
    ops.LEAKY_RELU: ((-2.0, 0.25), -0.5, (0.25, -2.0)),  # d/dslope = x for x < 0
    ops.STEP: ((2.0,), 1.0, (0.0,)),  # no gradient flows through a step
    ops.SIN: ((math.pi / 6,), 0.5, (math.sqrt(3.0) / 2,)),
    ops.COS: ((math.pi / 3,), 0.5, (-math.sqrt(3.0) / 2,)),
    ops.SUM: ((1.0, -2.0, 0.5), -0.5, (1.0, 1.0, 1.0)),
    ops.DOT: ((1.0, 2.0, 3.0, 4.0), 11.0, (3.0, 4.0, 1.0, 2.0)),  # 1*3 + 2*4
}


def test_every_op_in_the_table_has_a_hand_worked_example() -> None:
    assert set(HAND_WORKED) == set(ops.TABLE)


@pytest.mark.parametrize("op", ops.TABLE, ids=lambda op: f"{op.name}/{op.arity or 'n'}")
def test_hand_worked_value_and_derivatives(op: ops.Op) -> None:
    operands, value, derivatives = HAND_WORKED[op]
    xs = [Value(x) for x in operands]
    out = apply(op, tuple(xs))
    assert out.data == pytest.approx(value, rel=1e-15)
    assert grad(out, xs) == pytest.approx(list(derivatives), rel=1e-15)


def test_dot_with_a_bias_hand_worked() -> None:
    w, x, b = [Value(1.0), Value(2.0)], [Value(3.0), Value(4.0)], Value(0.5)
    out = dot(w, x, bias=b)  # 1*3 + 2*4 + 0.5
    assert out._args == (*w, *x, b)
    assert out.data == 11.5
    assert grad(out, [*w, *x, b]) == [3.0, 4.0, 1.0, 2.0, 1.0]
    # The same node from the table row: an odd operand count means a bias last.
    assert apply(ops.DOT, (*w, *x, b)).data == 11.5


# -- conventions at kinks (one comment each, next to the rule in ops.py) --------


def test_relu_derivative_at_zero_is_zero() -> None:
    x = Value(0.0)
    assert grad(x.relu(), [x]) == [0.0]


def test_step_is_zero_at_zero_and_passes_no_gradient() -> None:
    # step(0) = 0.0, as torch.heaviside(x, 0.0); step' = 0 on both sides and at 0.
    xs = [Value(-2.0), Value(0.0), Value(0.5)]
    outs = [x.step() for x in xs]
    assert [out.data for out in outs] == [0.0, 0.0, 1.0]
    assert [grad(out, [x]) for out, x in zip(outs, xs, strict=True)] == [[0.0]] * 3
    # Through a graph: 3 * step(x) + x**2 at x = 0.5 has gradient 2x = 1.0 from x**2 alone.
    x = Value(0.5)
    assert grad(3.0 * x.step() + x * x, [x]) == [1.0]


def test_abs_derivative_at_zero_is_zero() -> None:
    x = Value(0.0)
    assert grad(abs(x), [x]) == [0.0]


def test_leaky_relu_derivative_at_zero_is_the_slope() -> None:
    x = Value(0.0)
    assert grad(x.leaky_relu(0.1), [x]) == [0.1]
    assert grad(Value(-1.0).leaky_relu(), [Value(0.0)]) == [0.0]


def test_leaky_relu_default_slope_is_one_hundredth() -> None:
    x = Value(-3.0)
    assert x.leaky_relu().data == pytest.approx(-0.03, rel=1e-15)


def test_leaky_relu_with_a_value_slope_learns_the_slope() -> None:
    x, a = Value(-2.0), Value(0.25)
    assert grad(x.leaky_relu(a), [x, a]) == [0.25, -2.0]


# -- numerical stability ---------------------------------------------------------


@pytest.mark.parametrize("x", [-1000.0, -745.0, 745.0, 1000.0, 1e308])
def test_sigmoid_and_tanh_never_overflow(x: float) -> None:
    v = Value(x)
    s, t = v.sigmoid(), v.tanh()
    assert s.data == (1.0 if x > 0 else 0.0) or 0.0 < s.data < 1e-300
    assert t.data == math.copysign(1.0, x)
    assert grad(s, [v]) == [0.0] or abs(grad(s, [v])[0]) < 1e-300
    assert grad(t, [v]) == [0.0]


def test_sigmoid_keeps_precision_in_the_far_negative_tail() -> None:
    # 1/(1+e**40) computed naively loses nothing here, but e**-40 / (1 + e**-40)
    # is the form that stays accurate; both agree with exp(-40) to 1e-15.
    assert Value(-40.0).sigmoid().data == pytest.approx(math.exp(-40.0), rel=1e-15)


# -- errors name the op, the value and the label ---------------------------------


@pytest.mark.parametrize(
    ("build", "kind", "pattern"),
    [
        (lambda x: x.log(), ValueError, r"log\(\) needs a positive input, got -1.0 \(Value 'x'\)"),
        (lambda x: (x + 1).log(), ValueError, r"log\(\) needs a positive input, got 0.0$"),
        (
            lambda x: x.sqrt(),
            ValueError,
            r"sqrt\(\) needs a non-negative input, got -1.0 \(Value 'x'\)",
        ),
        (lambda x: 1 / (x + 1), ZeroDivisionError, r"division by zero in 1.0 / 0.0"),
        (lambda x: 2.0 / (x * 0), ZeroDivisionError, r"division by zero in 2.0 / -0.0"),
        (lambda x: (x * -1000).exp(), OverflowError, r"exp\(\) of 1000.0 failed"),
        (
            lambda x: (x * -10.0) ** 400,
            OverflowError,
            r"\*\* of 10.0 \(Value|\*\* of 10.0 and 400.0",
        ),
    ],
)
def test_bad_input_raises_at_the_op_naming_op_and_value(build, kind, pattern) -> None:  # type: ignore[no-untyped-def]
    x = Value(-1.0, label="x")
    with pytest.raises(kind, match=pattern):
        build(x)


def test_division_by_a_labelled_zero_names_the_label() -> None:
    with pytest.raises(ZeroDivisionError, match=r"division by zero in 1.0 / 0.0 \(Value 'd'\)"):
        Value(1.0) / Value(0.0, label="d")


# -- properties: every op, then whole formulas, against finite differences ---------


@st.composite
def _op_and_operands(draw: st.DrawFn) -> tuple[ops.Op, list[float]]:
    op = draw(st.sampled_from(ops.TABLE))
    return op, draw(operands(op))


@given(_op_and_operands())
def test_every_derivative_matches_finite_differences(case: tuple[ops.Op, list[float]]) -> None:
    op, xs = case
    assert gradcheck(lambda *values: apply(op, values), xs)


@given(_op_and_operands())
def test_parameters_passed_as_numbers_are_constants(case: tuple[ops.Op, list[float]]) -> None:
    op, xs = case
    free = [i for i in range(len(xs)) if i not in op.parameters]

    def with_constant_parameters(*values: Value) -> Value:
        args = [x if i in op.parameters else values[free.index(i)] for i, x in enumerate(xs)]
        return apply(op, tuple(args))

    values = [Value(xs[i]) for i in free]
    assert with_constant_parameters(*values).parents == tuple(values)
    assert gradcheck(with_constant_parameters, [xs[i] for i in free])


# Every op of the table, composed into DAGs with shared subexpressions and
# repeated operands: about 40 nodes per op at 400 examples.
@settings(max_examples=400)
@given(expressions())
def test_every_formula_of_every_op_matches_finite_differences(e: Expression) -> None:
    assert gradcheck(e.fn, e.inputs)


# -- n-ary ops ---------------------------------------------------------------------


def test_sum_and_dot_are_single_nodes_with_constants_kept_out_of_parents() -> None:
    import autograd

    a, b = Value(1.0), Value(2.0)
    s = autograd.sum([a, 3, b, a])
    assert (s.op, s.parents, s.data) == ("sum", (a, b, a), 7.0)
    assert grad(s, [a, b]) == [2.0, 1.0]
    d = autograd.dot([a, 0.5], [b, a])  # a*b + 0.5*a
    assert (d.op, d.parents, d.data) == ("dot", (a, b, a), 2.5)
    assert grad(d, [a, b]) == [2.0 + 0.5, 1.0]


def test_sum_and_dot_of_numbers_only_or_nothing_are_leaves() -> None:
    import autograd

    assert (autograd.sum([]).data, autograd.sum([]).op) == (0.0, "")
    assert autograd.sum([1, 2.5]).data == 3.5
    assert autograd.dot([], []).data == 0.0


def test_dot_needs_equal_lengths_and_real_numbers() -> None:
    import autograd

    with pytest.raises(ValueError, match="2 weights and 1 inputs"):
        autograd.dot([Value(1.0), Value(2.0)], [Value(1.0)])
    with pytest.raises(TypeError, match=r"dot\(\) element 1 needs a real number, got str"):
        autograd.dot([Value(1.0)], ["x"])  # type: ignore[list-item]


@given(st.lists(st.floats(-10, 10), min_size=1, max_size=40))
def test_sum_equals_a_chain_of_additions(xs: list[float]) -> None:
    import autograd

    values = [Value(x) for x in xs]
    chain = values[0]
    for v in values[1:]:
        chain = chain + v
    fast = autograd.sum(values)
    assert fast.data == chain.data  # same left-to-right rounding
    assert grad(fast, values) == grad(chain, values)


def test_zeroth_power_has_zero_derivative_even_at_zero() -> None:
    x = Value(0.0)
    y = x**0
    y.backward()
    assert (y.data, x.grad) == (1.0, 0.0)
    for start in (-2.0, 3.0):
        z = Value(start)
        assert grad(z**0.0, [z]) == [0.0]
