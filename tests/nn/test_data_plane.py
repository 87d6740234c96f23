"""xor, spiral, plane and gaussians (nn.data_plane) against their definitions.

Each definition is written again here, from the docstrings, and the maker's
seeded output compared with it exactly: with ``noise=0.0`` a point or a
target is its formula to the last bit, and the noise is the same generator's
next draws.
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nn.data import make_gaussians, make_plane, make_spiral, make_xor
from nn.data_plane import _bumps

MAKERS = (make_xor, make_spiral, make_plane, make_gaussians)
SIZES = st.integers(1, 60)
SEEDS = st.integers(0, 2**32)


def xor_by_definition(n: int, noise: float, seed: int) -> tuple[list[list[float]], list[int]]:
    """Quadrants (-,+), (+,+), (+,-), (-,-) in turn, sizes uniform in [0.1, 2]; shuffle; noise."""
    rng = random.Random(seed)
    signs = [(-1, 1), (1, 1), (1, -1), (-1, -1)]
    points = []
    for i in range(n):
        s1, s2 = signs[i % 4]
        a = s1 * rng.uniform(0.1, 2.0)
        b = s2 * rng.uniform(0.1, 2.0)
        points.append((a, b, 1 if (a < 0) != (b < 0) else 0))
    rng.shuffle(points)
    X = [[a + rng.gauss(0.0, noise), b + rng.gauss(0.0, noise)] for a, b, _ in points]
    return X, [label for _, _, label in points]


def uniform_square(n: int, rng: random.Random) -> list[list[float]]:
    return [[rng.uniform(-2.0, 2.0), rng.uniform(-2.0, 2.0)] for _ in range(n)]


# The six bumps, written again: centre, sign; standard deviation 0.5.
BUMPS = [((-1.5, 1.0), 1), ((0.0, 1.0), -1), ((1.5, 1.0), 1),
         ((-1.5, -1.0), -1), ((0.0, -1.0), 1), ((1.5, -1.0), -1)]  # fmt: skip


def bumps(a: float, b: float) -> float:
    return sum(s * math.exp(-((a - c1) ** 2 + (b - c2) ** 2) / 0.5) for (c1, c2), s in BUMPS)


def test_xor_is_its_definition_with_and_without_noise() -> None:
    assert make_xor(9, seed=4) == xor_by_definition(9, 0.0, 4)
    assert make_xor(9, noise=0.3, seed=4) == xor_by_definition(9, 0.3, 4)


def test_xor_by_hand() -> None:
    X, y = make_xor(8, seed=1)
    assert sorted(y) == [0] * 4 + [1] * 4
    for (a, b), label in zip(X, y, strict=True):
        assert 0.1 <= abs(a) <= 2.0 and 0.1 <= abs(b) <= 2.0
        assert label == (1 if a * b < 0 else 0)
    # two of each quadrant: signs (+,+) and (-,-) are class 0, the others class 1
    quadrants = sorted((a > 0, b > 0) for a, b in X)
    assert (
        quadrants
        == [(False, False)] * 2 + [(False, True)] * 2 + [(True, False)] * 2 + [(True, True)] * 2
    )


def test_on_xor_the_product_alone_separates_the_classes() -> None:
    # the feature x1*x2 makes xor linearly separable: its sign is the label
    X, y = make_xor(200, seed=0)
    assert all((a * b < 0) == (label == 1) for (a, b), label in zip(X, y, strict=True))


def test_spiral_by_its_polar_formula() -> None:
    X, y = make_spiral(10, seed=0)
    assert sorted(y) == [0] * 5 + [1] * 5
    radii = []
    for (a, b), label in zip(X, y, strict=True):
        if label == 1:
            a, b = -a, -b  # class 1 is class 0 turned by pi
        r = math.hypot(a, b)
        radii.append(round(r, 12))
        # x = r sin t, y = r cos t with t = 1.75 pi r: the angle from the x2 axis, mod 2 pi
        turn = (math.atan2(a, b) - 1.75 * math.pi * r) / (2 * math.pi)
        assert turn == pytest.approx(round(turn), abs=1e-12)
    # each arm's 5 radii are 2 (i + 1) / 5: 0.4, 0.8, ..., 2.0
    assert sorted(radii) == sorted([0.4, 0.8, 1.2, 1.6, 2.0] * 2)


def test_spiral_is_its_definition_exactly() -> None:
    n, noise, seed = 7, 0.2, 3
    points = []
    for label, m, side in ((0, n // 2, 1), (1, n - n // 2, -1)):
        for i in range(m):
            r = 2 * (i + 1) / m
            t = 1.75 * math.pi * r
            points.append((side * r * math.sin(t), side * r * math.cos(t), label))
    rng = random.Random(seed)
    rng.shuffle(points)
    want_X = [[a + rng.gauss(0.0, noise), b + rng.gauss(0.0, noise)] for a, b, _ in points]
    assert make_spiral(n, noise=noise, seed=seed) == (want_X, [p[2] for p in points])


def test_the_two_spirals_interleave() -> None:
    # Along the ray x1 = 0, x2 > 0 the arms cross in turn: class 0 at r = 2k / 1.75
    # (t = 2 pi k), class 1 at r = (2k + 1) / 1.75 (t = (2k + 1) pi, then negated).
    X, y = make_spiral(2 * 700, seed=0)
    on_ray = sorted(
        (b, label) for (a, b), label in zip(X, y, strict=True) if b > 0 and abs(a) < 0.02 * b
    )
    classes = [label for _, label in on_ray]
    runs = [c for i, c in enumerate(classes) if i == 0 or c != classes[i - 1]]
    assert runs == [0, 1, 0, 1]  # class 0 from the centre, then radii 0.57, 1.14 and 1.71
    radii = [r for r, label in on_ray]
    assert any(abs(r - 1 / 1.75) < 0.01 for r in radii) and any(
        abs(r - 3 / 1.75) < 0.01 for r in radii
    )


def test_plane_is_its_definition() -> None:
    rng = random.Random(6)
    X = uniform_square(5, rng)
    assert make_plane(5, seed=6) == (X, [(a + b) / 4 for a, b in X])
    noisy = [(a + b) / 4 + rng.gauss(0.0, 0.1) for a, b in X]
    assert make_plane(5, noise=0.1, seed=6) == (X, noisy)


def test_gaussians_is_its_definition() -> None:
    rng = random.Random(2)
    X = uniform_square(6, rng)
    assert make_gaussians(6, seed=2) == (X, [bumps(a, b) for a, b in X])
    noisy = [bumps(a, b) + rng.gauss(0.0, 0.5) for a, b in X]
    assert make_gaussians(6, noise=0.5, seed=2) == (X, noisy)


def test_the_bumps_by_hand() -> None:
    # At a centre its own bump gives 1 (or -1); the others exp(-d**2 / 0.5) with
    # d**2 = 2.25 (beside), 4 (above), 6.25, 9 and 13 away.
    e = math.exp
    want = 1 - e(-4.5) - e(-8) + e(-12.5) + e(-18) - e(-26)
    assert _bumps(-1.5, 1.0) == pytest.approx(want, rel=1e-15)
    # (0, -1): two - bumps beside, a - above, two + diagonally
    assert _bumps(0.0, -1.0) == pytest.approx(1 - 2 * e(-4.5) - e(-8) + 2 * e(-12.5), rel=1e-15)
    assert _bumps(0.0, 0.0) == pytest.approx(0.0, abs=1e-15)  # the signs cancel in pairs


def test_regression_targets_are_floats_and_labels_ints() -> None:
    for maker in (make_xor, make_spiral):
        assert all(type(label) is int for label in maker(20, noise=0.1, seed=0)[1])
    for maker in (make_plane, make_gaussians):
        X, t = maker(20, noise=0.1, seed=0)
        assert all(type(v) is float for v in t) and all(len(p) == 2 for p in X)


def test_bad_arguments_are_named_by_each_maker() -> None:
    for maker in MAKERS:
        name = maker.__name__
        with pytest.raises(
            ValueError, match=rf"^{name}\(\) n_samples must be a whole number >= 1"
        ):
            maker(0)
        with pytest.raises(ValueError, match=rf"^{name}\(\) noise must be a finite number >= 0"):
            maker(10, noise=-0.5)
        with pytest.raises(TypeError, match=rf"^{name}\(\) seed must be a whole number >= 0 or"):
            maker(10, seed="abc")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=rf"^{name}\(\) made points too large to be finite"):
            maker(100, noise=1e308, seed=0)


# -- properties ----------------------------------------------------------------------


@given(SIZES, SEEDS)
def test_every_set_is_seeded_shaped_and_in_the_square(n: int, seed: int) -> None:
    for maker in MAKERS:
        X, y = maker(n, seed=seed)
        assert (X, y) == maker(n, seed=seed) and len(X) == len(y) == n
        assert all(len(p) == 2 and -2.0 <= p[0] <= 2.0 and -2.0 <= p[1] <= 2.0 for p in X)


@given(SIZES, SEEDS)
def test_classes_are_balanced_as_moons(n: int, seed: int) -> None:
    for maker in (make_xor, make_spiral):
        y = maker(n, noise=0.1, seed=seed)[1]
        assert y.count(0) == n // 2 and y.count(1) == n - n // 2


@given(SIZES, SEEDS, st.floats(0.0, 1.0))
def test_noise_moves_only_what_the_definition_says(n: int, seed: int, noise: float) -> None:
    # plane and gaussians: the points stay and the targets move; xor and spiral:
    # the labels stay and the points move
    for maker in (make_plane, make_gaussians):
        assert maker(n, noise=noise, seed=seed)[0] == maker(n, seed=seed)[0]
    for maker in (make_xor, make_spiral):
        assert maker(n, noise=noise, seed=seed)[1] == maker(n, seed=seed)[1]


@given(st.integers(2, 60), SEEDS)
def test_a_seed_changes_the_points_that_are_random(n: int, seed: int) -> None:
    for maker in (make_xor, make_plane, make_gaussians):
        assert maker(n, seed=seed) != maker(n, seed=seed + 1)
