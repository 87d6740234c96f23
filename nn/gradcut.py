"""A training diagnostic: a whole layer whose gradients are all exactly zero.

A step activation or a hand-made ``Value(...)`` cuts the graph, and a layer
whose ReLUs are all off passes nothing back: either way the layers before the
cut get gradients of exactly 0.0 and never learn. :class:`CutWatch` checks
after each backward, in one pass over the parameters that moves on from a
layer at its first nonzero gradient, and warns once.

>>> from autograd import Value
>>> w, b = Value(0.5), Value(0.25)
>>> w.grad, b.grad = 0.0, 1.0
>>> first_dead_layer([("layers.0.neurons.0.w.0", w), ("layers.1.neurons.0.b", b)])
'layers.0'
>>> b.grad = 0.0
>>> first_dead_layer([("layers.1.neurons.0.b", b)])
'layers.1'
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

from autograd import Value
from autograd.viz.flow import layer_of

MESSAGE = (
    "every gradient is 0 after backward: a step activation or a hand-made Value(...) "
    "cut the graph, every ReLU is off, or the weights after it are all 0 (zero init)"
)


def first_dead_layer(named: Iterable[tuple[str, Value]]) -> str | None:
    """The first layer (by :func:`autograd.viz.flow.layer_of`) whose gradients are all 0.0.

    Parameters of one layer must come together, as ``named_parameters()`` gives them.
    """
    layer, dead = None, False
    for name, p in named:
        here = layer_of(name)
        if here != layer:
            if dead:
                return layer
            layer, dead = here, True
        if dead and p.grad != 0.0:
            dead = False
    return layer if dead else None


class CutWatch:
    """Warns (``RuntimeWarning``) the first time :meth:`check` finds a dead layer."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.warned = False

    def check(self) -> None:
        """After a backward: warn once per watch when some layer's gradients are all 0.0."""
        if self.warned or not hasattr(self._model, "named_parameters"):
            return
        layer = first_dead_layer(self._model.named_parameters())
        if layer is not None:
            self.warned = True
            warnings.warn(f"{MESSAGE} (first: {layer})", RuntimeWarning, stacklevel=4)


__all__ = ["MESSAGE", "CutWatch", "first_dead_layer"]
