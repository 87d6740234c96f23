"""The playground's data door (nn.widgets.playground_data): named sets and their noise,
the user's (X, y) with class labels 0 .. k-1 or real targets, and task_of.

Written for issue 30; no widget is made, so anywidget is not needed.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nn import MLP, fit
from nn.data import (
    make_blobs,
    make_circles,
    make_gaussians,
    make_moons,
    make_plane,
    make_spiral,
    make_xor,
)
from nn.losses import binary_cross_entropy_with_logits
from nn.optim import SGD
from nn.widgets.playground_data import DATASETS, dataset, task_of
from nn.widgets.playground_settings import DATASETS as REEXPORTED
from nn.widgets.trainer import Settings, Trainer

FOUR = [[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]]


def test_the_named_sets_and_their_own_noise() -> None:
    assert DATASETS == REEXPORTED == (
        "moons", "circles", "blobs", "xor", "spiral", "plane", "gaussians"
    )  # fmt: skip
    # Each set's own noise: what moons, circles and blobs had before issue 30, and the new sets'.
    blobs = make_blobs(40, centers=[(-1.0, -1.0), (1.0, 1.0)], std=1.0, seed=3)
    assert dataset("moons", 40, 3) == make_moons(40, noise=0.1, seed=3)
    assert dataset("circles", 40, 3) == make_circles(40, noise=0.08, seed=3)
    assert dataset("blobs", 40, 3) == blobs
    assert dataset("xor", 40, 3) == make_xor(40, noise=0.1, seed=3)
    assert dataset("spiral", 40, 3) == make_spiral(40, noise=0.05, seed=3)
    assert dataset("plane", 40, 3) == make_plane(40, noise=0.1, seed=3)
    assert dataset("gaussians", 40, 3) == make_gaussians(40, noise=0.05, seed=3)


def test_a_noise_given_is_the_sets_noise() -> None:
    assert dataset("spiral", 40, 3, noise=0.0) == make_spiral(40, seed=3)
    assert dataset("gaussians", 40, 3, noise=0.25) == make_gaussians(40, noise=0.25, seed=3)
    blobs = make_blobs(40, centers=[(-1.0, -1.0), (1.0, 1.0)], std=0.5, seed=3)
    assert dataset("blobs", 40, 3, noise=0.5) == blobs  # the blobs' std
    # the user's pair is taken as it is: a noise is checked, never added
    assert dataset((FOUR, [0, 1, 1, 0]), noise=0.5) == (FOUR, [0, 1, 1, 0])


@pytest.mark.parametrize(
    ("noise", "kind", "message"),
    [
        (-0.1, ValueError, r"noise must be a finite number >= 0, got -0\.1$"),
        (float("nan"), ValueError, r"noise must be a finite number >= 0, got nan$"),
        ("0.1", TypeError, r"noise must be a number >= 0, got '0\.1' \(a str\)$"),
        (True, TypeError, r"noise must be a number >= 0, got True \(a bool\)$"),
        (1e308, ValueError, r"noise=1e\+308 made points too large to be finite: pass a smaller"),
    ],
)
def test_a_bad_noise_is_refused_in_the_users_words(
    noise: Any, kind: type[Exception], message: str
) -> None:
    with pytest.raises(kind, match=r"^playground\(\) " + message):
        dataset("moons", 200, 0, noise=noise)


def test_a_bad_seed_is_named_as_the_seed() -> None:
    with pytest.raises(
        ValueError, match=r"^playground\(\) seed must be a whole number >= 0, got -1"
    ):
        dataset("xor", 40, -1, noise=0.1)


def test_task_of_by_hand() -> None:
    assert task_of([0, 1, 1, 0]) == ("binary", 2)
    assert task_of([0, 0, 0, 0]) == task_of([1, 1]) == ("binary", 2)  # one class of two
    assert task_of([2, 0, 1, 1]) == ("classes", 3)
    assert task_of([0.0, 1.0, 2.0, 3.0]) == ("classes", 4)  # whole floats are labels
    assert task_of([0, 1, 0.5]) == ("regression", 1)
    assert task_of([3.0, -2.5]) == ("regression", 1)
    assert task_of(list(range(6))) == ("classes", 6)


def test_the_users_targets_come_back_as_labels_or_reals() -> None:
    X, y = dataset((FOUR, [0, 1.0, 2, 2.0]))
    assert y == [0, 1, 2, 2] and all(type(t) is int for t in y)
    X, y = dataset((FOUR, [0, 1, 2, 0.5]))
    assert y == [0.0, 1.0, 2.0, 0.5] and all(type(t) is float for t in y)
    assert X == FOUR


def test_numpy_targets_are_read_as_their_lists() -> None:
    np = pytest.importorskip("numpy")
    assert task_of(np.array([0, 2, 1])) == ("classes", 3)
    assert task_of(np.array([[0.5], [1.0]])) == ("regression", 1)  # a column
    _, y = dataset((np.array(FOUR), np.array([0.0, 1.0, 2.0, 3.0])))
    assert y == [0, 1, 2, 3] and type(y[0]) is int


@pytest.mark.parametrize(
    ("y", "kind", "message"),
    [
        ([0, 5, 5, 0], ValueError, r"labels must be 0 to k-1 .* \[0, 5\] \(none is 1, 2, 3, 4\)$"),
        ([0, 2, 2, 0], ValueError, r"got \[0, 2\] \(none is 1\)$"),
        ([-1, 1, 1, -1], ValueError, r"got \[-1, 1\] \(a label below 0\)$"),
        ([0.0, 2.0, 2.0, 0.0], ValueError, r"\(none is 1\); targets that are all whole numbers"),
        ([0, 1, 2, 10], ValueError, r"got \[0, 1, 2, 10\] \(none is 3, 4, 5, 6, 7, 8, 9\)$"),
        ([[0.0], [1.0], [1.0], [0.0]], ValueError, r"y\[0\] is \[0\.0\]: the playground needs"),
        ([0, 1, True, 0], TypeError, r"y\[2\] is True"),
        ([0, 1, float("inf"), 0], ValueError, r"y\[2\] is inf"),
    ],
)  # fmt: skip
def test_labels_must_be_0_to_k_minus_1(y: Any, kind: type[Exception], message: str) -> None:
    with pytest.raises(kind, match=r"^playground\(\) data .*" + message):
        dataset((FOUR, y))


def test_at_most_six_classes_and_task_of_alone() -> None:
    X = [[float(i), 0.0] for i in range(7)]
    assert dataset((X[:6], list(range(6))))[1] == [0, 1, 2, 3, 4, 5]  # six: one colour each
    with pytest.raises(ValueError, match=r"^playground\(\) data labels name 7 classes; the pla"):
        dataset((X, list(range(7))))
    with pytest.raises(ValueError, match=r"^playground\(\) data y is empty"):
        task_of([])
    with pytest.raises(TypeError, match=r"^fit\(\) data y must be a list of targets"):
        task_of(iter([0, 1]), "fit()")
    with pytest.raises(TypeError, match=r"^playground\(\) data y\[1\] must be a number, got 'a'"):
        task_of([0, "a"])


def test_the_regression_sets_are_regressions_and_xor_and_spiral_binary() -> None:
    for name, task in [("xor", "binary"), ("spiral", "binary"), ("plane", "regression"),
                       ("gaussians", "regression"), ("moons", "binary")]:  # fmt: skip
        assert task_of(dataset(name, 40, 1)[1])[0] == task


def test_xor_and_spiral_train_in_the_playground_as_fit_does() -> None:
    # Two classes, 0 and 1: the trainer as it is takes them; each step is fit's.
    for name in ("xor", "spiral"):
        t = Trainer(name, Settings(hidden=[4], lr=0.3, seed=3), points=60)
        for _ in range(3):
            t.step()
        model = MLP(2, [4, 1], seed=3)
        history = fit(
            model, t.X, t.y, loss=binary_cross_entropy_with_logits,
            optimizer=SGD(model.parameters(), lr=0.3), epochs=3, progress=False,
        )  # fmt: skip
        assert t.model.state_dict() == model.state_dict() and t.loss == history.loss
        assert sorted(t.y + t.y_val) == sorted(dataset(name, 60, 3)[1])


# -- properties ----------------------------------------------------------------------


@given(st.integers(2, 6).flatmap(lambda k: st.permutations(range(k))), st.integers(0, 30))
def test_labels_naming_every_class_are_k_classes(order: list[int], extra: int) -> None:
    y = list(order) + [order[extra % len(order)]] * extra
    k = len(order)
    assert task_of(y) == (("binary", 2) if k == 2 else ("classes", k))
    assert task_of([float(t) for t in y]) == task_of(y)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=20), st.floats(-1e6, 1e6))
def test_one_target_that_is_not_whole_makes_a_regression(y: list[float], odd: float) -> None:
    odd = odd if not odd.is_integer() else odd + 0.5
    assert task_of([*y, odd]) == ("regression", 1)
