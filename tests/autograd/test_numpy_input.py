"""NumPy input to the engine: arrays and NumPy scalars give what the lists give, to the bit."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd
from autograd import Value, grad
from autograd.gradcheck import numerical_grad

np = pytest.importorskip("numpy")


# -- examples -------------------------------------------------------------------


def test_dot_takes_an_int_array_of_inputs() -> None:
    w = [Value(2.0), Value(3.0), Value(5.0)]
    d = autograd.dot(w, np.array([1, 0, 1]))
    # 2*1 + 3*0 + 5*1; d/dw_i = x_i.
    assert d.data == 7.0
    assert grad(d, w) == [1.0, 0.0, 1.0]


def test_dot_takes_arrays_on_either_side_and_a_numpy_bias() -> None:
    x = [Value(0.5), Value(0.25)]
    d = autograd.dot(np.array([2.0, 4.0]), x, bias=np.array(0.125))
    assert d.data == 2.0 * 0.5 + 4.0 * 0.25 + 0.125
    assert grad(d, x) == [2.0, 4.0]


def test_sum_takes_numpy_scalars_among_values_and_a_whole_array() -> None:
    a = Value(2.0)
    s = autograd.sum([np.float64(1.0), a, np.float32(0.5), np.int64(3)])
    assert s.data == 6.5
    assert grad(s, a) == 1.0
    assert autograd.sum(np.array([0.5, 0.25])).data == 0.75
    assert autograd.sum(np.array([], dtype=float)).data == 0.0


def test_value_takes_a_zero_d_array_as_a_number() -> None:
    assert Value(np.array(2.5)).data == 2.5
    # float32 0.1 widened exactly: 13421773 / 2**27.
    assert Value(np.array(0.1, dtype=np.float32)).data == 13421773 / 2**27


def test_float32_and_int_arrays_widen_exactly() -> None:
    w = [Value(1.0)]
    assert autograd.dot(w, np.array([0.1], dtype=np.float32)).data == 13421773 / 2**27
    big = 2**53 + 1  # rounds to 2**53 as a float, as float(big) does
    assert autograd.dot(w, np.array([big], dtype=np.int64)).data == 2.0**53


def test_higher_order_helpers_take_a_1d_array_point() -> None:
    def f(x: Value, y: Value) -> Value:
        return x * x * y

    point = np.array([3.0, 2.0])
    assert autograd.jacobian(f, point) == [[12.0, 9.0]]  # [2xy, x**2]
    assert autograd.hessian(f, point) == [[4.0, 6.0], [6.0, 0.0]]
    assert autograd.gradcheck(f, point)
    assert numerical_grad(f, point) == numerical_grad(f, [3.0, 2.0])


# -- refusals -------------------------------------------------------------------


def test_value_of_an_array_names_its_shape() -> None:
    with pytest.raises(
        TypeError, match=r"Value\(\) takes one number, got a NumPy array of shape \(2,\)"
    ):
        Value(np.array([1, 2]))


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        (np.complex128(1.0), "a NumPy complex128"),
        (np.array(1j), r"a NumPy array of shape \(\) and dtype complex128"),
        (np.bool_(True), "a NumPy bool"),
        (np.str_("1"), "a NumPy <U1"),
    ],
)
def test_value_refuses_numpy_numbers_that_are_not_real(bad: Any, named: str) -> None:
    with pytest.raises(TypeError, match=rf"Value\(\) needs (a )?real numbers?, got {named}"):
        Value(bad)


def test_dot_and_sum_refuse_an_array_that_is_not_1d() -> None:
    w = [Value(1.0), Value(1.0), Value(1.0)]
    with pytest.raises(ValueError, match=r"dot\(\) inputs must be a 1-D array, got .* \(3, 1\)"):
        autograd.dot(w, np.ones((3, 1)))
    with pytest.raises(ValueError, match=r"sum\(\) values must be a 1-D array, got .* \(2, 2\)"):
        autograd.sum(np.ones((2, 2)))


@pytest.mark.parametrize(
    ("array", "dtype"),
    [(np.array([1j, 2.0]), "complex128"), (np.array([1.0, None]), "object")],
)
def test_dot_refuses_arrays_of_other_things_than_real_numbers(array: Any, dtype: str) -> None:
    with pytest.raises(TypeError, match=rf"dot\(\) inputs needs real numbers, .* dtype {dtype}"):
        autograd.dot([Value(1.0), Value(1.0)], array)


def test_an_array_among_the_terms_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"sum\(\) element 1 takes one number, got .* \(2,\)"):
        autograd.sum([Value(1.0), np.array([1.0, 2.0])])


def test_bool_arrays_are_refused_as_lists_of_bools_are() -> None:
    w = [Value(1.0)]
    for xs in ([True], np.array([True])):
        with pytest.raises(TypeError, match=r"dot\(\) element 1 needs a real number, got bool"):
            autograd.dot(w, xs)


def test_importing_and_using_the_packages_never_imports_numpy() -> None:
    script = (
        "import sys, autograd, nn\n"
        "autograd.dot([autograd.Value(1.0)], [2.0]).backward()\n"
        "autograd.sum([1.0, 2.0]); autograd.Value(1.0)\n"
        "nn.MLP(3, [2, 1], seed=0)([1.0, 2.0, 3.0])\n"
        "assert 'numpy' not in sys.modules, 'numpy was imported'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


# -- properties: the array gives what the list gives -----------------------------

finite = st.floats(-1e6, 1e6, allow_nan=False)
# (Python numbers, dtype): an array of the dtype holds exactly these numbers.
columns = st.one_of(
    st.lists(finite, min_size=1, max_size=6).map(lambda xs: (xs, np.float64)),
    st.lists(st.floats(-1e6, 1e6, width=32), min_size=1, max_size=6).map(
        lambda xs: (xs, np.float32)
    ),
    st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=6).map(lambda xs: (xs, np.int64)),
)


@given(columns, st.data())
def test_dot_of_an_array_equals_dot_of_its_list(column: Any, data: st.DataObject) -> None:
    numbers, dtype = column
    weights = [
        Value(w) for w in data.draw(st.lists(finite, min_size=len(numbers), max_size=len(numbers)))
    ]
    by_list = autograd.dot(weights, numbers)
    from_list = grad(by_list, weights)
    by_array = autograd.dot(weights, np.array(numbers, dtype=dtype))
    assert by_array.data == by_list.data
    assert grad(by_array, weights) == from_list


@given(columns)
def test_sum_of_numpy_scalars_equals_sum_of_the_numbers(column: Any) -> None:
    numbers, dtype = column
    x = Value(0.5)
    scalars = [dtype(n) for n in numbers]
    assert autograd.sum([x, *scalars]).data == autograd.sum([x, *numbers]).data
    assert autograd.sum(np.array(numbers, dtype=dtype)).data == autograd.sum(numbers).data
