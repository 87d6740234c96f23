"""Deterministic two-moons data and MLP weights, shared by every implementation.

>>> X, y = two_moons(4, noise=0.0, seed=0)
>>> len(X), y
(4, [-1.0, -1.0, 1.0, 1.0])
>>> X[0]
[1.0, 0.0]
>>> len(initial_weights([2, 3, 1], seed=0))    # 3 * (2 + 1) + 1 * (3 + 1)
13
"""

from __future__ import annotations

import itertools
import math
import random


def two_moons(
    n: int, noise: float = 0.1, seed: int = 1337
) -> tuple[list[list[float]], list[float]]:
    """``n`` points of two interleaved half circles, labels -1.0 and +1.0.

    The same shape as scikit-learn's ``make_moons``: the first half on the
    upper moon (label -1), the second on the lower one (label +1), plus
    Gaussian noise of standard deviation ``noise``.
    """
    rng = random.Random(seed)
    upper, lower = n - n // 2, n // 2
    X: list[list[float]] = []
    for i in range(upper):
        t = math.pi * i / max(upper - 1, 1)
        X.append([math.cos(t), math.sin(t)])
    for i in range(lower):
        t = math.pi * i / max(lower - 1, 1)
        X.append([1.0 - math.cos(t), 0.5 - math.sin(t)])
    X = [[a + rng.gauss(0.0, noise), b + rng.gauss(0.0, noise)] for a, b in X] if noise else X
    y = [-1.0] * upper + [1.0] * lower
    return X, y


def initial_weights(sizes: list[int], seed: int = 1337) -> list[float]:
    """Uniform(-1, 1) weights and biases in parameter order.

    The order is micrograd's ``MLP.parameters()``: layer by layer, neuron by
    neuron, each neuron's weights then its bias.
    """
    rng = random.Random(seed)
    count = sum((nin + 1) * nout for nin, nout in itertools.pairwise(sizes))
    return [rng.uniform(-1.0, 1.0) for _ in range(count)]


def split(weights: list[float], sizes: list[int]) -> list[list[tuple[list[float], float]]]:
    """The flat ``weights`` as layers of (neuron weights, bias).

    >>> split([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 2])
    [[([1.0, 2.0], 3.0), ([4.0, 5.0], 6.0)]]
    """
    layers, k = [], 0
    for nin, nout in itertools.pairwise(sizes):
        layer = []
        for _ in range(nout):
            layer.append((weights[k : k + nin], weights[k + nin]))
            k += nin + 1
        layers.append(layer)
    if k != len(weights):
        raise ValueError(f"{len(weights)} weights do not fit sizes {sizes} (need {k})")
    return layers
