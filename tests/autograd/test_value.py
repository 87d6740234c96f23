"""Value construction, attributes and operators: hand-worked examples first."""

from __future__ import annotations

import fractions
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value, grad

# -- construction --------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [3, 2.5, -0.0, fractions.Fraction(1, 4), np.float64(0.5), np.int32(7)]
)
def test_data_is_stored_as_float(data: object) -> None:
    v = Value(data)  # type: ignore[arg-type]
    assert type(v.data) is float
    assert v.data == float(data)  # type: ignore[arg-type]
    assert v.grad == 0.0 and v.label == "" and v.op == "" and v.parents == ()


@pytest.mark.parametrize(
    ("bad", "kind"),
    [
        ("1.0", "str"),
        (None, "NoneType"),
        (True, "bool"),
        (1j, "complex"),
        ([1.0], "list"),
        (np.array([1.0]), r"takes one number, got a NumPy array of shape \(1,\)"),
        (np.bool_(True), "bool"),
    ],
)
def test_non_real_data_is_a_type_error_naming_the_type(bad: object, kind: str) -> None:
    with pytest.raises(TypeError, match=kind):
        Value(bad)  # type: ignore[arg-type]


def test_label_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="label"):
        Value(1.0, label=3)  # type: ignore[arg-type]


def test_label_set_after_construction_must_be_a_string_too() -> None:
    v = Value(1.0, label="v")
    with pytest.raises(TypeError, match=r"Value label must be a str, got int: 5"):
        v.label = 5  # type: ignore[assignment]
    assert v.label == "v"  # unchanged by the refused assignment
    v.label = "w"
    assert v.label == "w" and repr(v) == "Value(data=1.0, grad=0.0, label='w')"


@pytest.mark.parametrize("big", [10**400, -(10**400), fractions.Fraction(10**400, 3)])
def test_a_number_too_large_for_a_float_names_value(big: object) -> None:
    # float(10**400) raises a bare "int too large to convert to float".
    with pytest.raises(OverflowError, match=r"^Value\(\) needs a number a float can hold"):
        Value(big)  # type: ignore[arg-type]


def test_repr_shows_data_grad_and_label() -> None:
    v = Value(2.0, label="w")
    v.grad = -0.5
    assert repr(v) == "Value(data=2.0, grad=-0.5, label='w')"
    assert repr(Value(1.0)) == "Value(data=1.0, grad=0.0)"


def test_values_hash_and_compare_by_identity() -> None:
    a, b = Value(1.0), Value(1.0)
    assert a != b and a == a
    assert len({a, b, a}) == 2
    assert {a: "a"}[a] == "a"


# -- the Python protocol: numbers out of a Value (the README's table) -------------


def test_conversions_and_math_functions_read_the_data() -> None:
    v = Value(2.5, label="v")
    assert float(v) == 2.5 and type(float(v)) is float
    assert (int(v), int(Value(-2.5))) == (2, -2)
    assert (round(v), round(Value(0.125), 2), round(Value(3.5))) == (2, 0.12, 4)
    assert math.sqrt(Value(4.0)) == 2.0 and math.floor(v) == 2 and math.isfinite(v)
    assert f"{float(v):.1f}" == "2.5"


def test_bool_is_data_not_zero() -> None:
    # Was True for every Value, Value(0.0) included.
    assert [bool(Value(x)) for x in (0.0, -0.0, 0.5, -1.0, math.nan)] == [
        False,
        False,
        True,
        True,
        True,
    ]
    x = Value(0.0)
    assert (x if x else "zero") == "zero"


def test_comparisons_read_the_data_return_bools_and_record_nothing() -> None:
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    # 2 > a on purpose: a number on the left (the reflected comparison).
    results = [a < b, a <= b, a > b, a >= b, a < 1.5, 2 > a, a >= 1, b <= 2.0]  # noqa: SIM300
    assert results == [True, True, False, False, True, True, True, True]
    assert all(type(r) is bool for r in results)
    assert max([b, a]) is b and sorted([b, a]) == [a, b]
    assert (a.grad, b.grad, a.op) == (0.0, 0.0, "")  # nothing was recorded
    with pytest.raises(TypeError):
        a < "1"  # type: ignore[operator]  # noqa: B015
    # == stays identity (the next test): equal data, different nodes.
    assert Value(1.0) <= Value(1.0) and Value(1.0) >= Value(1.0) and Value(1.0) != Value(1.0)


# -- graph structure -------------------------------------------------------------


def test_parents_keep_operand_order_and_duplicates() -> None:
    x, y = Value(2.0), Value(3.0)
    assert (x * x).parents == (x, x)
    assert (y - x).parents == (y, x)
    assert (x - y).op == "-"


def test_plain_numbers_are_constants_not_parents() -> None:
    x = Value(2.0)
    for expr in (x + 1, 1 + x, x * 3, 3 * x, x - 1, 1 - x, x / 4, 4 / x, x**2, 2**x):
        assert expr.parents == (x,)


def test_ops_are_named() -> None:
    x = Value(0.5)
    names = [
        (x + x).op,
        (x - x).op,
        (x * x).op,
        (x / x).op,
        (x**2).op,
        (-x).op,
        abs(x).op,
        x.exp().op,
        x.log().op,
        x.sqrt().op,
        x.tanh().op,
        x.sigmoid().op,
        x.relu().op,
        x.leaky_relu().op,
        x.step().op,
        x.sin().op,
        x.cos().op,
    ]
    assert names == [
        "+",
        "-",
        "*",
        "/",
        "**",
        "neg",
        "abs",
        "exp",
        "log",
        "sqrt",
        "tanh",
        "sigmoid",
        "relu",
        "leaky_relu",
        "step",
        "sin",
        "cos",
    ]


# -- operators with numbers on either side ---------------------------------------


def test_operators_with_numbers_on_both_sides() -> None:
    x = Value(2.0)
    assert [(x + 3).data, (3 + x).data, (x - 3).data, (3 - x).data] == [5.0, 5.0, -1.0, 1.0]
    assert [(x * 3).data, (3 * x).data, (x / 4).data, (4 / x).data] == [6.0, 6.0, 0.5, 2.0]
    assert [(x**3).data, (3**x).data, (-x).data, abs(-x).data] == [8.0, 9.0, -2.0, 2.0]


def test_reflected_operators_differentiate_the_value_side() -> None:
    x = Value(2.0)
    # d(3 - x)/dx = -1; d(4 / x)/dx = -4 / x**2 = -1; d(3**x)/dx = 3**x ln 3
    assert grad(3 - x, [x]) == [-1.0]
    assert grad(4 / x, [x]) == [-1.0]
    assert grad(3**x, [x]) == pytest.approx([9.0 * math.log(3.0)], rel=1e-15)


@pytest.mark.parametrize("other", ["a", None, [1.0], True, 1j])
def test_unknown_operand_types_are_refused(other: object) -> None:
    x = Value(1.0)
    for op in (
        "__add__",
        "__radd__",
        "__sub__",
        "__rsub__",
        "__mul__",
        "__rmul__",
        "__truediv__",
        "__rtruediv__",
        "__pow__",
        "__rpow__",
    ):
        assert getattr(x, op)(other) is NotImplemented
    with pytest.raises(TypeError):
        x + other  # type: ignore[operator]


def test_numpy_scalars_mix_with_values() -> None:
    x = Value(2.0)
    y = x * np.float64(3.0)
    # NumPy's own __mul__ runs first on the left; either way the result must be a Value.
    assert isinstance(y, Value) and y.data == 6.0


def test_power_with_constant_exponent_works_for_negative_base() -> None:
    x = Value(-3.0)
    y = x**2
    y.backward()
    assert (y.data, x.grad) == (9.0, -6.0)


def test_power_with_value_exponent_differentiates_both() -> None:
    x, p = Value(2.0), Value(3.0)
    # d(x**p)/dx = p x**(p-1) = 12;  d(x**p)/dp = x**p ln x = 8 ln 2
    assert grad(x**p, [x, p]) == pytest.approx([12.0, 8.0 * math.log(2.0)], rel=1e-15)


def test_power_with_value_exponent_needs_a_base_of_at_least_zero() -> None:
    # Was "needs a positive base" for 0.0 too; 0.0 ** y is now defined (below).
    with pytest.raises(ValueError, match=r"\*\*.*base >= 0.*-2.0.*'b'"):
        Value(-2.0, label="b") ** Value(2.0)


def test_number_to_a_value_power_needs_a_base_of_at_least_zero() -> None:
    with pytest.raises(ValueError, match=r"base >= 0, got -2.0"):
        (-2) ** Value(2.0)


def test_zero_to_a_value_power_is_zero_with_zero_gradient() -> None:
    # As PyTorch and HIPS autograd: 0.0 ** y = 0 and d/dy = 0 for y > 0 (and
    # at y = 0, where 0.0 ** 0 = 1). Raised ValueError ("positive base") before.
    y = Value(2.0, label="y")
    assert (0.0**y).data == 0.0 and grad(0.0**y, [y]) == [0.0]
    zero = Value(0.0)
    assert (0**zero).data == 1.0 and grad(0**zero, [zero]) == [0.0]
    assert grad(0.0 ** (y * y), [y], create_graph=True)[0].data == 0.0
    x = Value(0.0, label="x")  # a Value base: d/dx = y * 0 ** (y - 1) = 0 as well
    assert grad(x**y, [x, y]) == [0.0, 0.0]
    with pytest.raises(ZeroDivisionError, match=r"0.0 \*\* -1.0 divides by zero"):
        0.0 ** Value(-1.0)


def test_fractional_power_of_negative_base_is_refused() -> None:
    with pytest.raises(ValueError, match=r"-8.0 \*\* 0.5 has no real value.*'x'"):
        Value(-8.0, label="x") ** 0.5


def test_zero_to_a_negative_power_is_a_zero_division() -> None:
    with pytest.raises(ZeroDivisionError, match=r"0.0 \*\* -1.0.*'z'"):
        Value(0.0, label="z") ** -1


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_arithmetic_matches_floats(a: float, b: float) -> None:
    x, y = Value(a), Value(b)
    assert (x + y).data == a + b and (x - y).data == a - b and (x * y).data == a * b
    assert (a + y).data == a + b and (x * b).data == a * b and (-x).data == -a


# -- copying and pickling graphs (issue 15) ------------------------------------


def test_deepcopy_of_a_2000_deep_graph_is_iterative_and_independent() -> None:
    import copy

    x = Value(2.0, label="x")
    y = x
    for _ in range(2000):
        y = y * 1.0 + 0.0
    x2, y2 = copy.deepcopy([x, y])  # one memo: the copied graph ends at the copied x
    y2.backward()
    assert (y2.data, x2.grad, x.grad) == (2.0, 1.0, 0.0)
    assert x2 is not x and x2.label == "x"
    shallow = copy.copy(y)
    assert shallow is not y and shallow.parents == y.parents


def test_pickling_a_leaf_round_trips_and_a_computed_node_is_refused_clearly() -> None:
    import pickle

    x = Value(2.0, label="x")
    x.grad = 0.5
    back = pickle.loads(pickle.dumps(x))
    assert (back.data, back.grad, back.label) == (2.0, 0.5, "x")
    y = x
    for _ in range(1000):
        y = y * 1.0
    y.label = "y"
    with pytest.raises(
        TypeError, match=r"cannot pickle a Value computed by '\*' \(Value 'y'\).*state_dict"
    ):
        pickle.dumps(y)
