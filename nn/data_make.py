"""What every data set maker of :mod:`nn.data` shares: its door and its noise.

A maker takes ``(n_samples, noise, seed)``, checked here in the same words
for all (:mod:`autograd.checks`), builds its points exactly by its formula,
then :func:`finish` shuffles them and jitters each coordinate, or
:func:`jitter` adds noise to real targets, from the one generator the seed
made, so the same seed gives the same data.

>>> n, rng, noise = arguments("make_moons()", 3, 0, 0.0)
>>> finish([(0.0, 1.0, 0), (2.0, 3.0, 1)], noise, rng, "make_moons()")[1] in ([0, 1], [1, 0])
True
"""

from __future__ import annotations

import math
import random

from autograd import checks
from autograd.checks import count, real

#: A classification set: points ``[x1, x2]`` and an int label for each.
Dataset = tuple[list[list[float]], list[int]]
#: A regression set: points ``[x1, x2]`` and a real target for each.
Targets = tuple[list[list[float]], list[float]]


def arguments(
    where: str, n_samples: object, seed: object, spread: object, name: str = "noise"
) -> tuple[int, random.Random, float]:
    """A maker's common arguments: a count, a seed, and a noise (a std) that is finite >= 0."""
    n = count(n_samples, f"{where} n_samples")
    rng = random.Random(checks.seed(seed, f"{where} seed"))
    return n, rng, real(spread, f"{where} {name}", low=0.0)


def _finite(values: list[float], where: str) -> None:
    if not all(math.isfinite(v) for v in values):
        # Finite numbers near 1e308 can still sum to infinity.
        raise ValueError(f"{where} made points too large to be finite: use a smaller scale")


def finish(
    points: list[tuple[float, float, int]], noise: float, rng: random.Random, where: str
) -> Dataset:
    """Labelled points shuffled, then each coordinate moved by Gaussian noise of std ``noise``."""
    rng.shuffle(points)
    X = [[x + rng.gauss(0.0, noise), y + rng.gauss(0.0, noise)] for x, y, _ in points]
    _finite([v for point in X for v in point], where)
    return X, [label for _, _, label in points]


def jitter(targets: list[float], noise: float, rng: random.Random, where: str) -> list[float]:
    """Each target plus Gaussian noise of std ``noise``, drawn in order after the points."""
    found = [t + rng.gauss(0.0, noise) for t in targets]
    _finite(found, where)
    return found


__all__ = ["Dataset", "Targets", "arguments", "finish", "jitter"]
