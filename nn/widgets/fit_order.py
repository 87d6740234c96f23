"""Which points train and which step takes them: the split, and :func:`nn.fit`'s batch order.

:func:`held_out` is how many points a fraction holds out for validation, as
:func:`nn.data.train_test_split` counts them (``ceil(fraction * n)``), refused
in the playground's words when a part would be empty.

``fit(..., batch_size=b, seed=s)`` shuffles epoch ``e`` with ``seed s + e``
(:func:`nn.data.batches`) and takes one step per batch of ``b`` (the last may be
smaller); with ``batch_size=None`` every step is the whole set, in order. A
:class:`FitOrder` gives the batch of step ``k`` (counted from 0), by index, so
the playground's ``k``-th step is ``fit``'s ``k``-th, whatever it took before.

>>> order = FitOrder(5, 2, seed=0)
>>> [len(order.batch(k)) for k in range(4)]   # 2, 2, 1, then the next epoch's first
[2, 2, 1, 2]
>>> sorted(order.batch(0) + order.batch(1) + order.batch(2))
[0, 1, 2, 3, 4]
>>> FitOrder(3, None, seed=0).batch(7)
[0, 1, 2]
>>> held_out(0.25, 200), held_out(0.1, 4)
(50, 1)
>>> held_out(0.9, 4)
Traceback (most recent call last):
...
ValueError: playground test_fraction=0.9 would hold out 4 of 4 points: training and \
validation each need at least one
"""

from __future__ import annotations

import math

from nn.data import batches


def held_out(fraction: float, n: int) -> int:
    """The validation points of ``n``: ``ceil(fraction * n)``, leaving at least one of each."""
    held = math.ceil(fraction * n)
    if not 0 < held < n:
        raise ValueError(
            f"playground test_fraction={fraction:g} would hold out {held} of {n} points: "
            "training and validation each need at least one"
        )
    return held


class FitOrder:
    """The batches of ``n`` points of ``size`` (None: all, in order), as ``fit`` with ``seed``."""

    def __init__(self, n: int, size: int | None, seed: int) -> None:
        self.n, self.size, self.seed = n, size, seed
        self._epoch: tuple[int, list[list[int]]] | None = None  # the last epoch's batches

    def batch(self, step: int) -> list[int]:
        """The indices of step ``step``'s batch (a batch beyond the set: all of it, shuffled)."""
        if self.size is None:
            return list(range(self.n))
        epoch, k = divmod(step, -(-self.n // self.size))
        if self._epoch is None or self._epoch[0] != epoch:
            order = range(self.n)  # batches' own shuffle, of the indices
            shuffled = batches(order, order, self.size, shuffle=True, seed=self.seed + epoch)
            self._epoch = epoch, [xb for xb, _ in shuffled]
        return self._epoch[1][k]


__all__ = ["FitOrder", "held_out"]
