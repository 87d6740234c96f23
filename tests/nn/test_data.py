"""Datasets are deterministic and shaped as documented; batches cover every example once."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from nn.data import batches, make_blobs, make_circles, make_moons, train_test_split


def test_moons_without_noise_lie_on_the_two_half_circles() -> None:
    X, y = make_moons(10, seed=0)
    assert len(X) == 10 and sorted(y) == [0] * 5 + [1] * 5
    for (a, b), label in zip(X, y, strict=True):
        # class 0: the unit upper half circle; class 1: centred on (1, 0.5), lower half
        cx, cy = (0.0, 0.0) if label == 0 else (1.0, 0.5)
        assert math.hypot(a - cx, b - cy) == pytest.approx(1.0, rel=1e-12)
        assert (b >= -1e-12) if label == 0 else (b <= 0.5 + 1e-12)


def test_same_seed_same_data_and_noise_moves_points() -> None:
    assert make_moons(50, noise=0.1, seed=3) == make_moons(50, noise=0.1, seed=3)
    assert make_moons(50, noise=0.1, seed=3) != make_moons(50, noise=0.1, seed=4)
    assert make_moons(50, noise=0.1, seed=3)[0] != make_moons(50, noise=0.0, seed=3)[0]


def test_circles_and_blobs() -> None:
    X, y = make_circles(8, factor=0.25, seed=0)
    radii = {
        label: {round(math.hypot(*p), 12) for p, t in zip(X, y, strict=True) if t == label}
        for label in (0, 1)
    }
    assert radii == {0: {1.0}, 1: {0.25}}
    X, y = make_blobs(6, centers=[(1.0, 2.0), (-3.0, 0.5)], std=0.0, seed=0)
    assert (
        sorted(zip(y, map(tuple, X), strict=True))
        == [(0, (1.0, 2.0))] * 3 + [(1, (-3.0, 0.5))] * 3
    )


def test_bad_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="n_samples must be a whole number >= 1, got 0"):
        make_moons(0)
    with pytest.raises(ValueError, match=r"noise must be a finite number >= 0, got -1\.0"):
        make_moons(10, noise=-1.0)
    with pytest.raises(ValueError, match=r"factor must be a number in \(0, 1\), got 1.5"):
        make_circles(10, factor=1.5)
    with pytest.raises(ValueError, match="got 2 inputs and 1 targets"):
        list(batches([[0.0], [1.0]], [0], 1))
    with pytest.raises(ValueError, match="batch_size must be a whole number >= 1, got 0"):
        list(batches([[0.0]], [0], 0))


@given(st.integers(1, 40), st.integers(1, 50), st.integers(0, 1000))
def test_batches_cover_every_example_once_in_pairs(n: int, size: int, seed: int) -> None:
    X = [[float(i)] for i in range(n)]
    y = list(range(n))
    got = list(batches(X, y, size, seed=seed))
    assert all(len(xb) == len(yb) <= size for xb, yb in got)
    assert all(x[0] == t for xb, yb in got for x, t in zip(xb, yb, strict=True))
    assert sorted(t for _, yb in got for t in yb) == y


# -- train_test_split ---------------------------------------------------------------


def test_train_test_split_by_hand() -> None:
    X, y = [[float(i)] for i in range(5)], [0, 1, 2, 3, 4]
    # the order is random.Random(3)'s shuffle of range(5); the test set is its head
    order = list(range(5))
    random.Random(3).shuffle(order)
    X_train, X_test, y_train, y_test = train_test_split(X, y, 2, seed=3)
    assert y_test == order[:2] and y_train == order[2:]
    assert X_test == [X[i] for i in order[:2]] and X_train == [X[i] for i in order[2:]]


def test_train_test_split_sizes_as_scikit_learn() -> None:
    X, y = list(range(10)), list(range(10))
    # a fraction rounds the test set up: ceil(0.25 * 10) = 3
    assert [len(part) for part in train_test_split(X, y, 0.25)] == [7, 3, 7, 3]
    assert [len(part) for part in train_test_split(X, y, 4)] == [6, 4, 6, 4]
    assert [len(part) for part in train_test_split(X, y)] == [7, 3, 7, 3]  # default 0.25


def test_train_test_split_is_deterministic_and_seed_dependent() -> None:
    X, y = list(range(20)), list(range(20))
    assert train_test_split(X, y, 0.5, seed=1) == train_test_split(X, y, 0.5, seed=1)
    assert train_test_split(X, y, 0.5, seed=1) != train_test_split(X, y, 0.5, seed=2)


def test_train_test_split_bad_arguments_are_named() -> None:
    X, y = [1, 2, 3], [0, 1, 0]
    with pytest.raises(ValueError, match=r"train_test_split\(\) got 3 inputs and 2 targets"):
        train_test_split(X, y[:2])
    fraction = r"test_size as a fraction must be a number in \(0, 1\), got"
    with pytest.raises(ValueError, match=f"{fraction} 1.5"):
        train_test_split(X, y, 1.5)
    with pytest.raises(ValueError, match=f"{fraction} 0.0"):
        train_test_split(X, y, 0.0)
    with pytest.raises(ValueError, match="would put 3 of 3 examples in the test set"):
        train_test_split(X, y, 3)
    with pytest.raises(ValueError, match="would put 3 of 3 examples in the test set"):
        train_test_split(X, y, 0.9)  # ceil(2.7) = 3 leaves no training example
    with pytest.raises(ValueError, match="would put 0 of 3 examples"):
        train_test_split(X, y, 0)
    wanted = r"test_size must be a fraction in \(0, 1\) or a whole number, got"
    with pytest.raises(TypeError, match=f"{wanted} True"):
        train_test_split(X, y, True)
    with pytest.raises(TypeError, match=f"{wanted} '0.5'"):
        train_test_split(X, y, "0.5")  # type: ignore[arg-type]


@given(st.integers(2, 40), st.floats(0.01, 0.99), st.integers(0, 2**32))
def test_train_test_split_partitions_the_data(n: int, fraction: float, seed: int) -> None:
    X, y = [[float(i)] for i in range(n)], list(range(n))
    assume(0 < math.ceil(fraction * n) < n)
    X_train, X_test, y_train, y_test = train_test_split(X, y, fraction, seed=seed)
    assert len(y_test) == math.ceil(fraction * n)
    assert sorted(y_train + y_test) == y
    assert [int(x[0]) for x in X_train + X_test] == y_train + y_test
