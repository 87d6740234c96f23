"""The door checks (autograd.checks): one wording per kind of argument, the right error type."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from autograd import checks


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (np.int64(3), 3), (np.uint8(0), 0), (10**20, 10**20)],
)
def test_count_reads_whole_numbers_numpy_included(value, expected):
    assert checks.count(value, "n", least=0) == expected
    assert type(checks.count(value, "n", least=0)) is int


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (True, TypeError, "n must be a whole number >= 1, got True (a bool)"),
        (np.True_, TypeError, "n must be a whole number >= 1, got"),
        ("5", TypeError, "n must be a whole number >= 1, got '5' (a str)"),
        (None, TypeError, "n must be a whole number >= 1, got None"),
        (2.5, ValueError, "n must be a whole number >= 1, got 2.5"),
        (2.0, ValueError, "n must be a whole number >= 1, got 2.0"),
        (math.nan, ValueError, "n must be a whole number >= 1, got nan"),
        (0, ValueError, "n must be a whole number >= 1, got 0"),
    ],
)
def test_count_refuses(value, error, message):
    with pytest.raises(error) as caught:
        checks.count(value, "n")
    assert message in str(caught.value)


def test_count_upper_bound_is_inclusive():
    assert checks.count(5000, "points", least=4, most=5000) == 5000
    with pytest.raises(ValueError, match="points must be a whole number from 4 to 5000, got 5001"):
        checks.count(5001, "points", least=4, most=5000)


@pytest.mark.parametrize(
    ("value", "bounds", "message"),
    [
        (math.nan, {}, "x must be a finite number, got nan"),
        (math.inf, {"low": 0.0}, "x must be a finite number >= 0, got inf"),
        (-1.0, {"low": 0.0}, "x must be a finite number >= 0, got -1.0"),
        (0.0, {"low": 0.0, "low_open": True}, "x must be a finite number > 0, got 0.0"),
        (
            1.0,
            {"low": 0.0, "high": 1.0, "high_open": True},
            "x must be a number in [0, 1), got 1.0",
        ),
        (2.0, {"high": 1.0}, "x must be a finite number <= 1, got 2.0"),
        (10**400, {}, "x must be a finite number, got an int of 1329 bits"),
    ],
)
def test_real_refuses_out_of_bounds_with_a_value_error(value, bounds, message):
    with pytest.raises(ValueError) as caught:
        checks.real(value, "x", **bounds)
    assert str(caught.value) == message


@pytest.mark.parametrize("value", ["0.1", None, True, np.False_, 1j, [0.1]])
def test_real_refuses_other_kinds_with_a_type_error(value):
    with pytest.raises(TypeError, match="x must be a number >= 0, got"):
        checks.real(value, "x", low=0.0)


def test_real_reads_every_real_number_as_a_float():
    assert checks.real(Fraction(1, 4), "x") == 0.25
    assert checks.real(np.float32(0.5), "x") == 0.5
    assert checks.real(np.int64(-2), "x") == -2.0


def test_flag_takes_python_and_numpy_bools_only():
    assert checks.flag(np.True_, "f") is True
    assert checks.flag(False, "f") is False
    for value in ("no", 1, 0.0, None):
        with pytest.raises(TypeError, match="f must be True or False"):
            checks.flag(value, "f")


def test_optional_says_none_is_allowed_and_keeps_the_error_type():
    assert checks.optional(checks.count, None, "batch_size") is None
    with pytest.raises(ValueError, match="batch_size must be a whole number >= 1 or None, got 0"):
        checks.optional(checks.count, 0, "batch_size")
    with pytest.raises(TypeError, match="or None, got 'a' "):
        checks.optional(checks.real, "a", "target_loss")


def test_interval_needs_low_below_high():
    assert checks.interval(-1, 2, "range") == (-1.0, 2.0)
    for low, high in [(1.0, 1.0), (2.0, 1.0)]:
        with pytest.raises(ValueError, match="range needs low < high"):
            checks.interval(low, high, "range")
    with pytest.raises(ValueError, match="range high must be a finite number, got inf"):
        checks.interval(0.0, math.inf, "range")


def test_choice_lists_the_options():
    with pytest.raises(ValueError, match="activation must be one of tanh, relu, got 'tahn'"):
        checks.choice("tahn", "activation", ("tanh", "relu"))


def test_a_refused_data_set_is_named_by_its_size_not_printed():
    big = [[0.5, 0.25]] * 20000
    with pytest.raises(TypeError) as caught:
        checks.flag(big, "progress")
    assert len(str(caught.value)) < 150
    assert "a list of 20000 items" in str(caught.value)
