"""The benchmark checks itself: every side must compute the same step.

>>> from benchmarks.data import initial_weights, two_moons
>>> from benchmarks.mlp import Chainrule, EngineMLP, PurePython
>>> X, y = two_moons(6, seed=0)
>>> w = initial_weights([2, 3, 1], seed=0)
>>> check_agreement({"chainrule": Chainrule(EngineMLP(w, [2, 3, 1]), X, y),
...                  "pure Python": PurePython(w, [2, 3, 1], X, y)})
>>> bad = w[:-1] + [w[-1] + 0.5]
>>> check_agreement({"chainrule": Chainrule(EngineMLP(w, [2, 3, 1]), X, y),
...                  "pure Python": PurePython(bad, [2, 3, 1], X, y)})
Traceback (most recent call last):
...
benchmarks.check.MismatchError: step 1: loss of pure Python is ... but chainrule gives ...
"""

from __future__ import annotations

import math
from typing import Any

#: Losses, gradients and weights must agree this closely (relative, or absolute near 0).
TOLERANCE = 1e-12


class MismatchError(RuntimeError):
    """Two implementations of one benchmark step disagree: the timings would mean nothing."""


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def _compare(what: str, name: str, got: list[float], want: list[float], ref: str) -> None:
    if len(got) != len(want):
        raise MismatchError(f"{what}: {name} has {len(got)} values, {ref} has {len(want)}")
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        if not _close(g, w):
            raise MismatchError(f"{what} {i}: {name} gives {g!r} but {ref} gives {w!r}")


def check_agreement(sides: dict[str, Any], steps: int = 2, lr: float = 0.5) -> None:
    """Run ``steps`` training steps on every side and compare after each one.

    The first side is the reference. After each step the losses, the
    gradients (before the update) and the updated weights must agree to
    :data:`TOLERANCE`.

    Raises:
        MismatchError: naming the step, the quantity and the two values.
    """
    (ref, first), *others = sides.items()
    for step in range(1, steps + 1):
        want = first.forward_backward()
        grads = first.gradients()
        first.update(lr)
        for name, side in others:
            got = side.forward_backward()
            if not _close(got, want):
                raise MismatchError(
                    f"step {step}: loss of {name} is {got!r} but {ref} gives {want!r}"
                )
            _compare(f"step {step}: gradient", name, side.gradients(), grads, ref)
            side.update(lr)
            _compare(f"step {step}: updated weight", name, side.weights(), first.weights(), ref)
