"""Small deterministic 2-D datasets and mini-batch iteration.

Each maker returns ``(X, y)``: ``X`` a list of ``[x0, x1]`` points, ``y`` a list
of int class labels (moons, circles, blobs, and :mod:`nn.data_plane`'s xor and
spiral) or of real targets (:mod:`nn.data_plane`'s plane and gaussians, for
regression); the same seed gives the same data. Their
arguments are checked first (:mod:`autograd.checks`): ``n_samples`` a whole
number >= 1, ``noise`` and ``std`` finite numbers >= 0, a seed a whole number
>= 0 or None (NumPy integers too); a string, a bool or NaN is refused.

>>> X, y = make_moons(6, noise=0.0, seed=0)
>>> len(X), sorted(y)
(6, [0, 0, 0, 1, 1, 1])
>>> [len(xb) for xb, yb in batches(X, y, 4, seed=0)]
[4, 2]
"""

from __future__ import annotations

import math
import numbers
import random
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from autograd import checks
from autograd.arrays import targets, to_python
from autograd.checks import count, flag, real
from nn.data_make import Dataset
from nn.data_make import arguments as _check
from nn.data_make import finish as _finish
from nn.data_plane import make_gaussians, make_plane, make_spiral, make_xor

T = TypeVar("T")
U = TypeVar("U")


def _arc(n: int) -> list[float]:
    """n angles evenly spaced over [0, pi], ends included."""
    return [math.pi * i / (n - 1) if n > 1 else 0.0 for i in range(n)]


def make_moons(n_samples: int = 100, noise: float = 0.0, seed: int | None = None) -> Dataset:
    """Two interleaving half circles: class 0 on top, class 1 below, shifted right.

    Args:
        n_samples: total points; class 0 gets ``n_samples // 2``.
        noise: standard deviation of Gaussian noise added to each coordinate.
        seed: seeds the shuffle and the noise.

    >>> X, y = make_moons(2, seed=0)
    >>> sorted(zip(y, X))
    [(0, [1.0, 0.0]), (1, [0.0, 0.5])]
    """
    n_samples, rng, noise = _check("make_moons()", n_samples, seed, noise)
    n_top = n_samples // 2
    top = [(math.cos(t), math.sin(t), 0) for t in _arc(n_top)]
    bottom = [(1.0 - math.cos(t), 0.5 - math.sin(t), 1) for t in _arc(n_samples - n_top)]
    return _finish(top + bottom, noise, rng, "make_moons()")


def make_circles(
    n_samples: int = 100, noise: float = 0.0, factor: float = 0.5, seed: int | None = None
) -> Dataset:
    """A circle of radius ``factor`` (class 1) inside the unit circle (class 0).

    >>> X, y = make_circles(4, factor=0.5, seed=0)
    >>> sorted(round(math.hypot(*p), 6) for p, label in zip(X, y) if label == 1)
    [0.5, 0.5]
    """
    n_samples, rng, noise = _check("make_circles()", n_samples, seed, noise)
    factor = real(
        factor, "make_circles() factor", low=0.0, high=1.0, low_open=True, high_open=True
    )
    n_out = n_samples // 2
    n_in = n_samples - n_out
    outer = [
        (math.cos(2 * math.pi * i / n_out), math.sin(2 * math.pi * i / n_out), 0)
        for i in range(n_out)
    ]
    inner = [
        (factor * math.cos(2 * math.pi * i / n_in), factor * math.sin(2 * math.pi * i / n_in), 1)
        for i in range(n_in)
    ]
    return _finish(outer + inner, noise, rng, "make_circles()")


def make_blobs(
    n_samples: int = 100,
    centers: Sequence[Sequence[float]] = ((-2.0, 0.0), (2.0, 0.0), (0.0, 3.0)),
    std: float = 1.0,
    seed: int | None = None,
) -> Dataset:
    """Gaussian clusters, one class per centre, points dealt out in turn.

    >>> X, y = make_blobs(3, centers=[(0.0, 0.0), (5.0, 5.0)], std=0.0, seed=0)
    >>> sorted(zip(y, X))
    [(0, [0.0, 0.0]), (0, [0.0, 0.0]), (1, [5.0, 5.0])]
    """
    n_samples, rng, std = _check("make_blobs()", n_samples, seed, std, "std")
    found = _centers(centers)
    points = [(*found[i % len(found)], i % len(found)) for i in range(n_samples)]
    return _finish(points, std, rng, "make_blobs()")


def _centers(centers: object) -> list[tuple[float, float]]:
    """make_blobs' centres: at least one point ``(x, y)`` of finite numbers."""
    wanted = "a non-empty list of points (x, y)"
    centers = to_python(centers, "make_blobs() centers")
    if isinstance(centers, (str, bytes)) or not isinstance(centers, Sequence):
        raise TypeError(f"make_blobs() centers must be {wanted}, got {checks.described(centers)}")
    if not centers:
        raise ValueError(f"make_blobs() centers must be {wanted}, got an empty list")
    found = []
    for i, c in enumerate(centers):
        if isinstance(c, (str, bytes)) or not isinstance(c, Sequence) or len(c) != 2:
            raise ValueError(
                f"make_blobs() centers[{i}] must be a point (x, y), got {checks.described(c)}"
            )
        found.append(
            (
                real(c[0], f"make_blobs() centers[{i}][0]"),
                real(c[1], f"make_blobs() centers[{i}][1]"),
            )
        )
    return found


def batches(
    X: Sequence[T],
    y: Sequence[U],
    batch_size: int,
    *,
    shuffle: bool = True,
    seed: int | None = None,
) -> Iterator[tuple[list[T], list[U]]]:
    """Mini-batches ``(X_batch, y_batch)`` of ``batch_size`` (the last may be smaller).

    Args:
        shuffle: visit the examples in an order drawn from ``random.Random(seed)``.

    NumPy arrays are read as lists (a column ``y`` of shape ``(n, 1)`` as n
    targets), so each batch holds lists, as :func:`nn.fit` passes them on.

    Raises:
        ValueError: ``X`` and ``y`` differ in length, or ``batch_size`` < 1.

    >>> list(batches([[1.0], [2.0], [3.0]], [0, 1, 0], 2, shuffle=False))
    [([[1.0], [2.0]], [0, 1]), ([[3.0]], [0])]
    """
    X, y = _pair(X, y, "batches()")
    batch_size = count(batch_size, "batches() batch_size")
    order = list(range(len(X)))
    if flag(shuffle, "batches() shuffle"):
        random.Random(checks.seed(seed, "batches() seed")).shuffle(order)
    for start in range(0, len(order), batch_size):
        chosen = order[start : start + batch_size]
        yield [X[i] for i in chosen], [y[i] for i in chosen]


def train_test_split(
    X: Sequence[T],
    y: Sequence[U],
    test_size: float | int = 0.25,
    *,
    seed: int | None = 0,
) -> tuple[list[T], list[T], list[U], list[U]]:
    """Shuffle ``(X, y)`` with ``random.Random(seed)`` and split off a test set.

    As scikit-learn's: returns ``X_train, X_test, y_train, y_test``, and
    ``test_size`` is a fraction in (0, 1) (the test set gets
    ``ceil(test_size * n)`` examples) or an int count. The same seed gives the
    same split; None shuffles unpredictably. NumPy arrays come back as lists
    (a column ``y`` of shape ``(n, 1)`` as a flat list), the same lists the
    arrays' ``.tolist()`` would have given.

    Raises:
        ValueError: ``X`` and ``y`` differ in length, ``test_size`` is not a
            fraction in (0, 1) or an int, or either part would be empty.
        TypeError: ``test_size`` is neither a float nor an int.

    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> X_train, X_test, y_train, y_test = train_test_split(X, [0, 1, 2, 3], 0.5, seed=0)
    >>> len(X_train), len(X_test), sorted(y_train + y_test)
    (2, 2, [0, 1, 2, 3])
    >>> [int(x[0]) for x in X_test] == y_test        # pairs stay together
    True
    """
    X, y = _pair(X, y, "train_test_split()")
    n_test = _test_count(test_size, len(X))
    rng = random.Random(checks.seed(seed, "train_test_split() seed"))
    order = list(range(len(X)))
    rng.shuffle(order)
    test, train = order[:n_test], order[n_test:]
    return [X[i] for i in train], [X[i] for i in test], [y[i] for i in train], [y[i] for i in test]


def _pair(X: Any, y: Any, where: str) -> tuple[Sequence[Any], Sequence[Any]]:
    """``X`` and ``y`` as lists (arrays read as lists) of the same length; never a generator."""
    found = []
    for name, data in (("X", to_python(X, f"{where} X")), ("y", targets(y, f"{where} y"))):
        if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
            hint = ": pass list(...) of it" if hasattr(data, "__next__") else ""
            raise TypeError(
                f"{where} {name} must be a list (or an array), got {checks.described(data)}{hint}"
            )
        found.append(data)
    if len(found[0]) != len(found[1]):
        raise ValueError(f"{where} got {len(found[0])} inputs and {len(found[1])} targets")
    return found[0], found[1]


def _test_count(test_size: object, n: int) -> int:
    """The test set's size: ``ceil(test_size * n)`` for a fraction, else the whole number given."""
    name = "train_test_split() test_size"
    given: float
    if isinstance(test_size, numbers.Integral) and not isinstance(test_size, bool):
        n_test = given = count(test_size, name, least=0)
    elif isinstance(test_size, numbers.Real) and not isinstance(test_size, bool):
        fraction = real(
            test_size, f"{name} as a fraction", low=0.0, high=1.0, low_open=True, high_open=True
        )
        n_test, given = math.ceil(fraction * n), fraction
    else:
        raise TypeError(
            f"{name} must be a fraction in (0, 1) or a whole number, "
            f"got {checks.described(test_size)}"
        )
    if not 0 < n_test < n:
        raise ValueError(
            f"train_test_split() with test_size={given!r} would put {n_test} of {n} "
            f"examples in the test set; both parts need at least one"
        )
    return n_test


__all__ = [
    "batches",
    "make_blobs",
    "make_circles",
    "make_gaussians",
    "make_moons",
    "make_plane",
    "make_spiral",
    "make_xor",
    "train_test_split",
]
