"""Datasets are deterministic and shaped as documented; batches cover every example once."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nn.data import batches, make_blobs, make_circles, make_moons


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
    with pytest.raises(ValueError, match="n_samples must be a positive int, got 0"):
        make_moons(0)
    with pytest.raises(ValueError, match="noise must be >= 0"):
        make_moons(10, noise=-1.0)
    with pytest.raises(ValueError, match="factor must lie in"):
        make_circles(10, factor=1.5)
    with pytest.raises(ValueError, match="got 2 inputs and 1 targets"):
        list(batches([[0.0], [1.0]], [0], 1))
    with pytest.raises(ValueError, match="batch_size must be a positive int"):
        list(batches([[0.0]], [0], 0))


@given(st.integers(1, 40), st.integers(1, 50), st.integers(0, 1000))
def test_batches_cover_every_example_once_in_pairs(n: int, size: int, seed: int) -> None:
    X = [[float(i)] for i in range(n)]
    y = list(range(n))
    got = list(batches(X, y, size, seed=seed))
    assert all(len(xb) == len(yb) <= size for xb, yb in got)
    assert all(x[0] == t for xb, yb in got for x, t in zip(xb, yb, strict=True))
    assert sorted(t for _, yb in got for t in yb) == y
