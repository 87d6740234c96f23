"""Input features of a 2-D point, as TensorFlow Playground offers them: x1, x2, x1², ... sin x2.

A point ``(x1, x2)`` (the network view's names for a model's first two
inputs) becomes the chosen features, always in :data:`FEATURES` order, so a
choice names a model's inputs the same way whatever order it was given in.
With ``x1·x2`` alone, XOR's classes (the sign of x1 times the sign of x2) are
separated by one threshold: a model with no hidden layer suffices.

>>> features([[2.0, 0.5]], ["x1·x2", "x1", "x2²"])  # FEATURES order: x1, x2², x1·x2
[[2.0, 0.25, 1.0]]
>>> check_features(["x1", "x1"], "playground features")
Traceback (most recent call last):
...
ValueError: playground features names x1 twice: choose each feature once
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from autograd.checks import described, shown
from nn.examples import rows

#: The features a point offers, in the order a model takes them.
FEATURES = ("x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2")

# x * x, not x ** 2: one correctly rounded multiplication, as TensorFlow Playground's.
_FORMULAS: dict[str, Callable[[float, float], float]] = {
    "x1": lambda a, b: a,
    "x2": lambda a, b: b,
    "x1²": lambda a, b: a * a,
    "x2²": lambda a, b: b * b,
    "x1·x2": lambda a, b: a * b,
    "sin x1": lambda a, b: math.sin(a),
    "sin x2": lambda a, b: math.sin(b),
}


def check_features(chosen: object, name: str = "features()") -> tuple[str, ...]:
    """``chosen`` as a tuple in :data:`FEATURES` order, or a one-line refusal naming ``name``.

    Raises:
        TypeError: ``chosen`` is not a list of names (a single string, say).
        ValueError: no feature, an unknown name, or a name given twice.

    >>> check_features(("sin x2", "x1"))
    ('x1', 'sin x2')
    >>> check_features(["x3"])
    Traceback (most recent call last):
    ...
    ValueError: features() has no feature 'x3': choose from x1, x2, x1², x2², x1·x2, sin x1, sin x2
    """
    if isinstance(chosen, (str, bytes)) or not isinstance(chosen, Sequence):
        raise TypeError(
            f"{name} must be a list of feature names such as ['x1', 'x2'], got {described(chosen)}"
        )
    if not chosen:
        raise ValueError(f"{name} is empty: choose at least one of {', '.join(FEATURES)}")
    for feature in chosen:
        if not isinstance(feature, str) or feature not in FEATURES:
            raise ValueError(
                f"{name} has no feature {shown(feature)}: choose from {', '.join(FEATURES)}"
            )
        if chosen.count(feature) > 1:
            raise ValueError(f"{name} names {feature} twice: choose each feature once")
    return tuple(f for f in FEATURES if f in chosen)


def features(X: Any, chosen: Sequence[str]) -> list[list[float]]:
    """Each 2-D point of ``X`` (a list of pairs, or an ``(n, 2)`` array) as the chosen features.

    Raises:
        TypeError, ValueError: ``chosen`` as :func:`check_features` refuses it; ``X``
            not rows of two finite numbers.

    >>> features([[0.5, -2.0], [1.0, 3.0]], ["x1", "x2", "x1²", "x2²", "x1·x2"])
    [[0.5, -2.0, 0.25, 4.0, -1.0], [1.0, 3.0, 1.0, 9.0, 3.0]]
    >>> features([[0.0, 0.0]], FEATURES)[0][5:]  # sin 0, sin 0
    [0.0, 0.0]
    """
    point = feature_map(chosen)
    points = rows(X, "features()")
    if len(points[0]) != 2:
        raise ValueError(f"features() needs 2-D points (x1, x2), got rows of {len(points[0])}")
    return [point(p) for p in points]


def feature_map(chosen: Sequence[str]) -> Callable[[Sequence[float]], list[float]]:
    """One point ``(x1, x2)`` (floats, unchecked) to the chosen features: :func:`features`
    without its check of every point, for the playground's grids of cell centres.

    >>> feature_map(["x1·x2", "sin x1"])([0.0, 4.0])
    [0.0, 0.0]
    """
    formulas = [_FORMULAS[f] for f in check_features(chosen)]
    return lambda p: [formula(p[0], p[1]) for formula in formulas]


__all__ = ["FEATURES", "check_features", "feature_map", "features"]
