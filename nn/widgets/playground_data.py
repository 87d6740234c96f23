"""The playground's data, checked at the door: a named data set, or the user's ``(X, y)``.

:func:`dataset` makes a set of :data:`DATASETS` (``points`` of them, with its
noise) or reads the user's pair, at most ``max_points`` of either;
:func:`task_of` says what the targets ask for: two classes, more, or a real
number (regression). Class labels are whole numbers ``0 .. k-1`` (``1.0``
counts as 1), every class with a point when there are three or more; targets
that are not all whole numbers are a regression's.
:mod:`nn.widgets.playground_settings` re-exports these names.

>>> X, y = dataset("xor", points=8, noise=0.0)
>>> task_of(y), all((a * b < 0) == (label == 1) for (a, b), label in zip(X, y))
(('binary', 2), True)
>>> task_of([0.5, 1.0, 2.0])
('regression', 1)
>>> dataset(([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 5, 5, 0]))
Traceback (most recent call last):
...
ValueError: playground() data labels must be 0 to k-1 for k classes, each with a point, \
got [0, 5] (none is 1, 2, 3, 4)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from autograd.arrays import targets
from autograd.checks import count, real, shown
from autograd.kinds import class_name
from autograd.value import is_real
from nn.data import (
    make_blobs,
    make_circles,
    make_gaussians,
    make_moons,
    make_plane,
    make_spiral,
    make_xor,
)
from nn.examples import examples
from nn.widgets.surface_colors import MOST

#: Each named set's maker, from (points, noise, seed): the noise is the std of the
#: Gaussian noise on each coordinate (on blobs, each blob's std), on plane and
#: gaussians on each target. moons .. spiral: classes 0 and 1; plane, gaussians: real
#: targets in about [-1, 1]. All lie in about [-2, 3] x [-2, 2].
MAKERS: dict[str, Callable[[int, float, int], tuple[list[list[float]], list[Any]]]] = {
    "moons": lambda n, noise, seed: make_moons(n, noise=noise, seed=seed),
    "circles": lambda n, noise, seed: make_circles(n, noise=noise, seed=seed),
    "blobs": lambda n, noise, seed: make_blobs(
        n, centers=((-1.0, -1.0), (1.0, 1.0)), std=noise, seed=seed
    ),
    "xor": lambda n, noise, seed: make_xor(n, noise=noise, seed=seed),
    "spiral": lambda n, noise, seed: make_spiral(n, noise=noise, seed=seed),
    "plane": lambda n, noise, seed: make_plane(n, noise=noise, seed=seed),
    "gaussians": lambda n, noise, seed: make_gaussians(n, noise=noise, seed=seed),
}
#: The data sets by name.
DATASETS = tuple(MAKERS)
#: Each named set's noise unless told (``noise=None``).
NOISE = {"moons": 0.1, "circles": 0.08, "blobs": 1.0, "xor": 0.1, "spiral": 0.05,
         "plane": 0.1, "gaussians": 0.05}  # fmt: skip
#: The most points the playground trains on unless told otherwise (``max_points``).
MAX_POINTS = 2000
#: A step's time on MAX_POINTS points (1,500 of them for training), measured: an
#: MLP(2, [8, 8, 1]) takes 0.16 s, about 6 updates a second (200 points: 11 ms).
#: It grows with the points, so a refusal can say how long a step would take.
STEP_SECONDS = 0.16
#: The fewest points: three to train on and one to validate with.
LEAST_POINTS = 4
#: The most classes: one output unit, and one colour in the picture, for each
#: (:data:`nn.widgets.surface_colors.MOST`: past six, pale cells are hard to tell apart).
MOST_CLASSES = MOST


def check_points(points: object, max_points: object, where: str = "playground()") -> int:
    """How many points a named data set has: from 4 to ``max_points``.

    >>> check_points(10**6, 2000)
    Traceback (most recent call last):
    ...
    ValueError: playground() points=1000000 is more than max_points=2000: a step would take \
about 80 s; pass fewer points, or max_points=1000000 to train on them anyway
    """
    most = count(max_points, f"{where} max_points", least=LEAST_POINTS)
    number = count(points, f"{where} points", least=LEAST_POINTS)
    if number > most:
        raise ValueError(_too_many(f"{where} points={number}", number, most))
    return number


def _too_many(what: str, number: int, most: int) -> str:
    """The refusal of ``number`` points, more than ``most``: how long a step would take."""
    return (
        f"{what} is more than max_points={most}: a step would take about "
        f"{number * STEP_SECONDS / MAX_POINTS:.2g} s; pass fewer points, "
        f"or max_points={number} to train on them anyway"
    )


def _number(t: object, name: str) -> float:
    """One target: a finite number, never a row of several (the playground has one output)."""
    if isinstance(t, (list, tuple)):
        raise ValueError(f"{name} is {shown(t)}: the playground needs one number per point")
    if isinstance(t, bool) or not is_real(t):
        raise TypeError(f"{name} must be a number, got {shown(t)} (a {class_name(t)})")
    number = float(t)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise ValueError(f"{name} is {shown(t)}: every target must be a finite number")
    return number


def _classes(labels: list[int], where: str, floats: bool) -> int:
    """How many classes whole-number labels name: 2 (labels 0 and 1, either may be
    absent), or k from 3 to :data:`MOST_CLASSES` (labels 0 .. k-1, every one present)."""
    found = sorted(set(labels))
    k = max(found[-1] + 1, 2)
    gap = [c for c in range(k) if c not in found]
    if found[0] < 0 or (k > 2 and gap):
        why = "a label below 0" if found[0] < 0 else f"none is {', '.join(map(str, gap[:8]))}"
        why += ", ..." if len(gap) > 8 else ""
        read = "; targets that are all whole numbers are class labels" if floats else ""
        raise ValueError(
            f"{where} labels must be 0 to k-1 for k classes, each with a point, "
            f"got {shown(found)} ({why}){read}"
        )
    if k > MOST_CLASSES:
        raise ValueError(
            f"{where} labels name {k} classes; the playground colours at most {MOST_CLASSES}"
        )
    return k


def task_of(y: Any, where: str = "playground()") -> tuple[str, int]:
    """What targets ``y`` ask to learn, and the outputs it takes: ("binary", 2),
    ("classes", k) for k >= 3, or ("regression", 1).

    Targets that are all whole numbers (ints, or floats such as 1.0) are class
    labels: 0 and 1 (two classes, as before issue 30, even when the points are
    all of one, as a learner's clicks can leave them), or 0 .. k-1 for k from 3
    to :data:`MOST_CLASSES` with a point in every class (a label 5 with no 1 to
    4 is more likely a slip than four empty classes). Other real targets are a
    regression's. A NumPy array is read as its list.

    Raises:
        TypeError: a target is not a number. ValueError: no targets; a target
            is NaN, infinite or a row; labels below 0, or a class below the
            largest label without a point; more classes than :data:`MOST_CLASSES`.

    >>> task_of([0, 1, 1, 0]), task_of([0.0, 2.0, 1.0]), task_of([0.25, -1.0])
    (('binary', 2), ('classes', 3), ('regression', 1))
    """
    name = f"{where} data y"
    y = targets(y, name)
    if isinstance(y, (str, bytes)) or not isinstance(y, Sequence):
        raise TypeError(f"{name} must be a list of targets (or an array), got {shown(y)}")
    if not y:
        raise ValueError(f"{name} is empty: it needs one target per point")
    values = [_number(t, f"{name}[{i}]") for i, t in enumerate(y)]
    if not all(v.is_integer() for v in values):
        return "regression", 1
    k = _classes([int(v) for v in values], f"{where} data", any(type(t) is float for t in y))
    return ("binary", 2) if k == 2 else ("classes", k)


def _named(
    name: str, points: object, seed: object, max_points: object, noise: float | None, where: str
) -> tuple[list[list[float]], list[Any]]:
    """A set of :data:`DATASETS` with its noise (its own unless given)."""
    n = check_points(points, max_points, where)
    spread = NOISE[name] if noise is None else noise
    try:
        return MAKERS[name](n, spread, count(seed, f"{where} seed", least=0))
    except ValueError as error:
        if "too large to be finite" not in str(error):
            raise
        # The arguments were checked: only a noise so large that a point overflows is left.
        raise ValueError(
            f"{where} noise={spread!r} made points too large to be finite: pass a smaller noise"
        ) from None


def dataset(
    data: Any,
    points: object = 200,
    seed: int = 0,
    max_points: object = MAX_POINTS,
    where: str = "playground()",
    noise: object = None,
) -> tuple[list[list[float]], list[Any]]:
    """``data`` as ``(X, y)``: a name of :data:`DATASETS` or the user's pair, checked.

    Args:
        data: a name, or ``(X, y)``: 2-D points and a target for each (lists or
            arrays), class labels 0 .. k-1 or real targets, as :func:`task_of` reads them.
        points: how many points a named set has, from 4 to ``max_points``.
        noise: a named set's noise (see :data:`MAKERS`), a number >= 0; None: its own,
            :data:`NOISE`. The user's pair is taken as it is: a noise is checked, not added.

    Returns:
        ``X`` as lists of floats; ``y`` as ints (class labels, 1.0 read as 1) or floats.

    Raises:
        TypeError: ``data`` is neither a name nor a pair ``(X, y)``, or holds what is
            not a number; a noise that is not a number.
        ValueError: an unknown name; points that are not 2-D, or NaN or infinite;
            fewer than 4 points or more than ``max_points``; labels other than 0 .. k-1
            (:func:`task_of`); a noise below 0.

    >>> X, y = dataset(([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 1.0, 2, 0]))
    >>> X[1], y
    ([1.0, 1.0], [0, 1, 2, 0])
    """
    wanted = f"{where} data must be one of {', '.join(DATASETS)} or a pair (X, y)"
    if noise is not None:
        noise = real(noise, f"{where} noise", low=0.0)
    if isinstance(data, str):
        if data not in DATASETS:
            raise ValueError(f"{wanted}, got {shown(data)}")
        return _named(data, points, seed, max_points, noise, where)
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise TypeError(f"{wanted}, got {shown(data)}")
    most = count(max_points, f"{where} max_points", least=LEAST_POINTS)
    X, y = examples(data[0], data[1], f"{where} data", width=2)
    if len(X) < LEAST_POINTS:
        raise ValueError(f"{where} data needs at least {LEAST_POINTS} points, got {len(X)}")
    if len(X) > most:
        raise ValueError(_too_many(f"{where} data of {len(X)} points", len(X), most))
    kind, _ = task_of(y, where)
    return X, [float(t) for t in y] if kind == "regression" else [int(t) for t in y]


__all__ = [
    "DATASETS",
    "LEAST_POINTS",
    "MAKERS",
    "MAX_POINTS",
    "MOST_CLASSES",
    "NOISE",
    "STEP_SECONDS",
    "check_points",
    "dataset",
    "task_of",
]
