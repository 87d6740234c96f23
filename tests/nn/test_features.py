"""The playground's input features (issue 30): each equals its formula, here in NumPy."""

from __future__ import annotations

import numpy as np
import pytest

from nn.features import FEATURES, check_features, feature_map, features

POINTS = np.array([[0.5, -2.0], [1.25, 3.0], [-0.75, 0.1], [0.0, -1.5], [2.5, 2.5]])
X1, X2 = POINTS[:, 0], POINTS[:, 1]
# TensorFlow Playground's formulas, one column each, in NumPy.
FORMULAS = {
    "x1": X1,
    "x2": X2,
    "x1²": np.square(X1),
    "x2²": np.square(X2),
    "x1·x2": X1 * X2,
    "sin x1": np.sin(X1),
    "sin x2": np.sin(X2),
}


def test_worked_by_hand() -> None:
    # (0.5, -2): x1² 0.25, x2² 4, x1·x2 -1.
    assert features([[0.5, -2.0]], ["x1", "x2", "x1²", "x2²", "x1·x2"]) == [
        [0.5, -2.0, 0.25, 4.0, -1.0]
    ]


@pytest.mark.parametrize("name", FEATURES)
def test_every_feature_equals_its_formula(name: str) -> None:
    column = [row[0] for row in features(POINTS, [name])]
    assert np.allclose(column, FORMULAS[name], rtol=1e-15, atol=0.0)
    assert column == FORMULAS[name].tolist()  # and to the bit


def test_all_seven_come_in_the_networks_order_whatever_order_they_are_chosen_in() -> None:
    assert FEATURES == ("x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2")
    shuffled = ["sin x2", "x1·x2", "x1", "x2²", "sin x1", "x2", "x1²"]
    want = np.column_stack([FORMULAS[name] for name in FEATURES]).tolist()
    assert features(POINTS, shuffled) == want
    assert check_features(shuffled) == FEATURES
    assert [feature_map(shuffled)(p) for p in POINTS.tolist()] == want


def test_lists_and_arrays_give_the_same_features() -> None:
    assert features(POINTS.tolist(), ["x1·x2"]) == features(POINTS, ["x1·x2"])


@pytest.mark.parametrize(
    ("chosen", "error", "message"),
    [
        ([], ValueError, "features() is empty: choose at least one of x1, x2, x1², x2², x1·x2, "
            "sin x1, sin x2"),
        (["x1", "x3"], ValueError, "features() has no feature 'x3': choose from x1, x2, x1², "
            "x2², x1·x2, sin x1, sin x2"),
        (["x1*x2"], ValueError, "features() has no feature 'x1*x2': choose from"),
        (["x2", "x2"], ValueError, "features() names x2 twice: choose each feature once"),
        ("x1", TypeError, "features() must be a list of feature names such as ['x1', 'x2'], "
            "got 'x1' (a str)"),
        (None, TypeError, "features() must be a list of feature names"),
        ([1], ValueError, "features() has no feature 1: choose from"),
    ],
)  # fmt: skip
def test_a_choice_it_lacks_is_refused_in_one_line(
    chosen: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as found:
        features(POINTS, chosen)  # type: ignore[arg-type]
    assert str(found.value).startswith(message) and "\n" not in str(found.value)


def test_points_must_be_two_dimensional() -> None:
    with pytest.raises(
        ValueError, match=r"features\(\) needs 2-D points \(x1, x2\), got rows of 3"
    ):
        features([[1.0, 2.0, 3.0]], ["x1"])
    with pytest.raises(ValueError, match=r"features\(\) X\[0\]\[1\]"):
        features([[1.0, float("nan")]], ["x1"])
