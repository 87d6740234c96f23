"""Data for the trainer's tests of issue 30: three classes, a plane, features by formula."""

from __future__ import annotations

import random

import numpy as np


def three_classes(n: int = 60, seed: int = 0) -> tuple[list[list[float]], list[int]]:
    """Three blobs at (-2, 0), (2, 0) and (0, 2.5), class k at the k-th, shuffled."""
    rng = random.Random(seed)
    centres = [(-2.0, 0.0), (2.0, 0.0), (0.0, 2.5)]
    points = [
        ([cx + rng.gauss(0, 0.6), cy + rng.gauss(0, 0.6)], k)
        for k, (cx, cy) in enumerate(centres)
        for _ in range(n // 3)
    ]
    rng.shuffle(points)
    return [p for p, _ in points], [k for _, k in points]


def plane(n: int = 60, seed: int = 0) -> tuple[list[list[float]], list[float]]:
    """A linear target on the plane with noise: t = 2 x1 - x2 + 0.5 + N(0, 0.1)."""
    rng = random.Random(seed)
    X = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(n)]
    return X, [2 * a - b + 0.5 + rng.gauss(0, 0.1) for a, b in X]


def by_formula(X: list[list[float]], chosen: tuple[str, ...]) -> list[list[float]]:
    """The features by their formulas, in NumPy (not nn.features)."""
    a, b = np.array(X)[:, 0], np.array(X)[:, 1]
    columns = {
        "x1": a, "x2": b, "x1²": a * a, "x2²": b * b, "x1·x2": a * b,
        "sin x1": np.sin(a), "sin x2": np.sin(b),
    }  # fmt: skip
    return np.column_stack([columns[f] for f in chosen]).tolist()
