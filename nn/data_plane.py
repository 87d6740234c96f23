"""Four more data sets on the plane, after TensorFlow Playground's: xor, spiral, plane, gaussians.

Each is defined by a formula, stated in its docstring, in the square
``[-2, 2] x [-2, 2]`` (TensorFlow Playground draws the same shapes in
``[-6, 6]``; chainrule's sets sit where moons and circles do). Two classify,
with int labels 0 and 1 and class 0 holding ``n_samples // 2`` points, as
:func:`nn.data.make_moons`; two regress, with a real target for each point.
The generator ``random.Random(seed)`` draws, in this order, the points'
coordinates (xor, plane, gaussians), the shuffle (xor, spiral) and then the
noise, so with ``noise=0.0`` every point and target is its formula exactly.

>>> X, y = make_xor(8, seed=0)
>>> all((a * b < 0) == (label == 1) for (a, b), label in zip(X, y)), sorted(y)
(True, [0, 0, 0, 0, 1, 1, 1, 1])
>>> X, t = make_plane(3, seed=0)
>>> all(target == (a + b) / 4 for (a, b), target in zip(X, t))
True
"""

from __future__ import annotations

import math
import random

from nn.data_make import Dataset, Targets, arguments, finish, jitter

#: Every set's points lie in [-SIDE, SIDE] x [-SIDE, SIDE] (before noise).
SIDE = 2.0
#: xor's points keep this far from the axes, so that no point sits on a boundary.
XOR_MARGIN = 0.1
#: xor's quadrants in turn, as the signs of (x1, x2): labels 1, 0, 1, 0.
_QUADRANTS = ((-1.0, 1.0), (1.0, 1.0), (1.0, -1.0), (-1.0, -1.0))
#: How many times each spiral winds round the origin.
SPIRAL_TURNS = 1.75
#: The Gaussian bumps of make_gaussians: (centre x1, centre x2, sign), a 3 x 2 checkerboard.
BUMPS = (
    (-1.5, 1.0, 1.0),
    (0.0, 1.0, -1.0),
    (1.5, 1.0, 1.0),
    (-1.5, -1.0, -1.0),
    (0.0, -1.0, 1.0),
    (1.5, -1.0, -1.0),
)
#: The bumps' width: the standard deviation of each, so a bump is exp(-d**2 / (2 * 0.5**2)).
BUMP_WIDTH = 0.5


def make_xor(n_samples: int = 100, noise: float = 0.0, seed: int | None = None) -> Dataset:
    """Four quadrants of points: class 1 where exactly one coordinate is negative.

    Point ``i`` lies in the quadrant of signs ``(-, +), (+, +), (+, -), (-, -)``
    for ``i % 4 = 0, 1, 2, 3``, each coordinate's size drawn as
    ``rng.uniform(0.1, 2.0)`` (x1, then x2); its label is 1 if ``x1 * x2 < 0``
    (the signs differ: the exclusive or of ``x1 < 0`` and ``x2 < 0``), else 0.
    Then the points are shuffled and each coordinate moves by Gaussian noise
    of std ``noise`` (a label stays its clean point's).

    Args:
        n_samples: total points; class 0 gets ``n_samples // 2``.
        noise: standard deviation of Gaussian noise added to each coordinate.
        seed: seeds the points, the shuffle and the noise.

    >>> X, y = make_xor(4, seed=0)
    >>> sorted((label, a > 0, b > 0) for (a, b), label in zip(X, y))
    [(0, False, False), (0, True, True), (1, False, True), (1, True, False)]
    """
    n, rng, noise = arguments("make_xor()", n_samples, seed, noise)
    points = []
    for i in range(n):
        s1, s2 = _QUADRANTS[i % 4]
        x1 = s1 * rng.uniform(XOR_MARGIN, SIDE)
        x2 = s2 * rng.uniform(XOR_MARGIN, SIDE)
        points.append((x1, x2, int(s1 * s2 < 0)))
    return finish(points, noise, rng, "make_xor()")


def _arm(m: int, label: int) -> list[tuple[float, float, int]]:
    """One spiral of m points; class 1's is class 0's rotated by pi: every point negated."""
    side = 1.0 if label == 0 else -1.0
    arm = []
    for i in range(m):
        r = SIDE * (i + 1) / m
        t = SPIRAL_TURNS * math.pi * r
        arm.append((side * r * math.sin(t), side * r * math.cos(t), label))
    return arm


def make_spiral(n_samples: int = 100, noise: float = 0.0, seed: int | None = None) -> Dataset:
    """Two interleaved spirals: class 1's is class 0's turned half a turn about the origin.

    Class 0's ``m = n_samples // 2`` points are ``(r sin t, r cos t)`` with
    ``r = 2 (i + 1) / m`` and ``t = 1.75 pi r`` for ``i = 0 .. m - 1``: an
    Archimedean spiral out to radius 2 that winds 1.75 times, as TensorFlow
    Playground's. Class 1's ``n_samples - m`` points are the same formula with
    their own count, negated (rotated by pi). Then the points are shuffled and
    each coordinate moves by Gaussian noise of std ``noise``.

    >>> X, y = make_spiral(2, seed=0)
    >>> sorted((label, round(a, 6), round(b, 6)) for (a, b), label in zip(X, y))
    [(0, -2.0, -0.0), (1, 2.0, 0.0)]
    """
    n, rng, noise = arguments("make_spiral()", n_samples, seed, noise)
    m = n // 2
    return finish(_arm(m, 0) + _arm(n - m, 1), noise, rng, "make_spiral()")


def _uniform(n: int, rng: random.Random) -> list[list[float]]:
    """n points drawn uniformly from the square: x1, then x2, for each point in turn."""
    return [[rng.uniform(-SIDE, SIDE), rng.uniform(-SIDE, SIDE)] for _ in range(n)]


def make_plane(n_samples: int = 100, noise: float = 0.0, seed: int | None = None) -> Targets:
    """Regression on a tilted plane: target ``(x1 + x2) / 4`` plus Gaussian noise.

    The points are drawn uniformly from ``[-2, 2] x [-2, 2]`` (``rng.uniform``,
    x1 then x2 for each point in turn), so the targets span ``[-1, 1]``; then
    each target, in order, gets Gaussian noise of std ``noise`` (the points
    stay: only the targets are noisy, and the same seed gives the same points
    whatever the noise).

    >>> X, t = make_plane(2, noise=0.5, seed=0)
    >>> X == make_plane(2, seed=0)[0], t == make_plane(2, seed=0)[1]
    (True, False)
    """
    n, rng, noise = arguments("make_plane()", n_samples, seed, noise)
    X = _uniform(n, rng)
    return X, jitter([(a + b) / 4 for a, b in X], noise, rng, "make_plane()")


def _bumps(x1: float, x2: float) -> float:
    """The sum of the signed bumps at a point."""
    return sum(
        sign * math.exp(-((x1 - c1) ** 2 + (x2 - c2) ** 2) / (2 * BUMP_WIDTH**2))
        for c1, c2, sign in BUMPS
    )


def make_gaussians(n_samples: int = 100, noise: float = 0.0, seed: int | None = None) -> Targets:
    """Regression on six Gaussian bumps, up and down like a checkerboard, plus noise.

    The target is ``sum(sign * exp(-d**2 / (2 * 0.5**2)))`` over the bumps of
    :data:`BUMPS`, ``d`` the distance to a bump's centre: centres
    ``(-1.5, 1), (0, 1), (1.5, 1)`` with signs ``+, -, +`` and
    ``(-1.5, -1), (0, -1), (1.5, -1)`` with ``-, +, -``, each of standard
    deviation 0.5, so the targets lie in about ``[-1, 1]`` (TensorFlow
    Playground's six bumps, as smooth Gaussians). Points and noise as
    :func:`make_plane`'s.

    >>> X, t = make_gaussians(200, seed=0)
    >>> round(max(t), 1), round(min(t), 1)
    (1.0, -1.0)
    """
    n, rng, noise = arguments("make_gaussians()", n_samples, seed, noise)
    X = _uniform(n, rng)
    return X, jitter([_bumps(a, b) for a, b in X], noise, rng, "make_gaussians()")


__all__ = [
    "BUMPS",
    "BUMP_WIDTH",
    "SIDE",
    "SPIRAL_TURNS",
    "XOR_MARGIN",
    "make_gaussians",
    "make_plane",
    "make_spiral",
    "make_xor",
]
