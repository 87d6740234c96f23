"""Small deterministic 2-D datasets and mini-batch iteration.

Each maker returns ``(X, y)``: ``X`` a list of ``[x0, x1]`` points, ``y`` a list
of int class labels, shuffled; the same seed gives the same data.

>>> X, y = make_moons(6, noise=0.0, seed=0)
>>> len(X), sorted(y)
(6, [0, 0, 0, 1, 1, 1])
>>> [len(xb) for xb, yb in batches(X, y, 4, seed=0)]
[4, 2]
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from typing import TypeVar

from autograd.arrays import targets, to_python

T = TypeVar("T")
U = TypeVar("U")
Dataset = tuple[list[list[float]], list[int]]


def _check(n_samples: int, noise: float) -> None:
    if not isinstance(n_samples, int) or isinstance(n_samples, bool) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive int, got {n_samples!r}")
    if not noise >= 0:
        raise ValueError(f"noise must be >= 0, got {noise!r}")


def _finish(points: list[tuple[float, float, int]], noise: float, rng: random.Random) -> Dataset:
    rng.shuffle(points)
    X = [[x + rng.gauss(0.0, noise), y + rng.gauss(0.0, noise)] for x, y, _ in points]
    return X, [label for _, _, label in points]


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
    _check(n_samples, noise)
    n_top = n_samples // 2
    top = [(math.cos(t), math.sin(t), 0) for t in _arc(n_top)]
    bottom = [(1.0 - math.cos(t), 0.5 - math.sin(t), 1) for t in _arc(n_samples - n_top)]
    return _finish(top + bottom, noise, random.Random(seed))


def make_circles(
    n_samples: int = 100, noise: float = 0.0, factor: float = 0.5, seed: int | None = None
) -> Dataset:
    """A circle of radius ``factor`` (class 1) inside the unit circle (class 0).

    >>> X, y = make_circles(4, factor=0.5, seed=0)
    >>> sorted(round(math.hypot(*p), 6) for p, label in zip(X, y) if label == 1)
    [0.5, 0.5]
    """
    _check(n_samples, noise)
    if not 0 < factor < 1:
        raise ValueError(f"factor must lie in (0, 1), got {factor!r}")
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
    return _finish(outer + inner, noise, random.Random(seed))


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
    _check(n_samples, std)
    if not centers or any(len(c) != 2 for c in centers):
        raise ValueError(f"centers must be a non-empty list of 2-D points, got {centers!r}")
    points = [
        (
            float(centers[i % len(centers)][0]),
            float(centers[i % len(centers)][1]),
            i % len(centers),
        )
        for i in range(n_samples)
    ]
    return _finish(points, std, random.Random(seed))


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
    X, y = to_python(X, "batches() X"), targets(y, "batches() y")
    if len(X) != len(y):
        raise ValueError(f"batches() got {len(X)} inputs and {len(y)} targets")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    order = list(range(len(X)))
    if shuffle:
        random.Random(seed).shuffle(order)
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
    X, y = to_python(X, "train_test_split() X"), targets(y, "train_test_split() y")
    if len(X) != len(y):
        raise ValueError(f"train_test_split() got {len(X)} inputs and {len(y)} targets")
    n_test = _test_count(test_size, len(X))
    order = list(range(len(X)))
    random.Random(seed).shuffle(order)
    test, train = order[:n_test], order[n_test:]
    return [X[i] for i in train], [X[i] for i in test], [y[i] for i in train], [y[i] for i in test]


def _test_count(test_size: float | int, n: int) -> int:
    if isinstance(test_size, bool) or not isinstance(test_size, int | float):
        raise TypeError(f"test_size must be a fraction or an int count, got {test_size!r}")
    if isinstance(test_size, float):
        if not 0.0 < test_size < 1.0:
            raise ValueError(f"test_size as a fraction must lie in (0, 1), got {test_size!r}")
        n_test = math.ceil(test_size * n)
    else:
        n_test = test_size
    if not 0 < n_test < n:
        raise ValueError(
            f"train_test_split() with test_size={test_size!r} would put {n_test} of {n} "
            f"examples in the test set; both parts need at least one"
        )
    return n_test


__all__ = ["batches", "make_blobs", "make_circles", "make_moons", "train_test_split"]
