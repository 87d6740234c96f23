"""Made-up surfaces, as ``Trainer.surface(n)`` returns them, and points over them.

Each comes from a function of the plane that looks like a trained model's output:
k classes round a circle (softmax of minus the squared distance to each centre),
two classes split by a curve, and a sum of two Gaussian bumps, one up, one down.
Rows run from the top (largest y) down, cells are sampled at their centres.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

BOUNDS = (-1.0, 1.0, -1.0, 1.0)


def centres(n: int) -> list[tuple[float, float]]:
    """The n x n cell centres of :data:`BOUNDS`, rows from the top."""
    step = 2 / n
    return [(-1 + (c + 0.5) * step, 1 - (r + 0.5) * step) for r in range(n) for c in range(n)]


def _probabilities(k: int) -> Callable[[float, float], list[float]]:
    def probabilities(x: float, y: float) -> list[float]:
        angles = [2 * math.pi * i / k for i in range(k)]
        scores = [
            -6 * ((x - 0.6 * math.cos(a)) ** 2 + (y - 0.6 * math.sin(a)) ** 2) for a in angles
        ]
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        return [w / sum(weights) for w in weights]

    return probabilities


def _bumps(x: float, y: float) -> float:
    return 2.5 * math.exp(-((x - 0.4) ** 2 + (y - 0.3) ** 2) / 0.12) - 1.5 * math.exp(
        -((x + 0.4) ** 2 + (y + 0.35) ** 2) / 0.08
    )


def surface(task: str, n: int, k: int = 2) -> dict[str, Any]:
    """A surface of ``task`` ("binary", "classes" with ``k``, "regression") on n x n cells."""
    cells = centres(n)
    if task == "binary":
        grid = [round(100 / (1 + math.exp(-6 * (y - 0.8 * math.sin(2 * x))))) for x, y in cells]
        return {"task": task, "grid": grid, "confidence": None, "range": None, "classes": 2}
    if task == "classes":
        p = [_probabilities(k)(x, y) for x, y in cells]
        grid = [max(range(k), key=row.__getitem__) for row in p]
        confidence = [round(100 * max(row)) for row in p]
        return {"task": task, "grid": grid, "confidence": confidence, "range": None, "classes": k}
    targets = [t for _, _, t, _ in points(task, k)]
    grid = [_bumps(x, y) for x, y in cells]
    span = [min(targets), max(targets)]
    return {"task": task, "grid": grid, "confidence": None, "range": span, "classes": 0}


def points(task: str, k: int = 2, count: int = 60) -> list[list[float]]:
    """``[x, y, label, train]``: seeded points labelled by the same function (every fourth
    one for validation), a target for a regression."""
    rng = random.Random(7)
    found = []
    for i in range(count):
        x, y = rng.uniform(-0.95, 0.95), rng.uniform(-0.95, 0.95)
        if task == "binary":
            label: float = int(y > 0.8 * math.sin(2 * x))
        elif task == "classes":
            p = _probabilities(k)(x, y)
            label = max(range(k), key=p.__getitem__)
        else:
            label = round(_bumps(x, y) + rng.gauss(0, 0.1), 3)
        found.append([round(x, 3), round(y, 3), label, int(i % 4 != 0)])
    return found
