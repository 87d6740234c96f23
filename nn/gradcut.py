"""Training diagnostics: parameters whose gradients are exactly zero.

A step activation or a hand-made ``Value(...)`` cuts the graph, and a layer
whose ReLUs are all off passes nothing back: either way the layers before the
cut get gradients of exactly 0.0 and never learn. :class:`CutWatch` checks
after each backward, in one pass over the parameters that moves on from a
layer at its first nonzero gradient, and warns once.

A single ReLU neuron can die on its own: once its input is below 0 for every
example, ``relu'`` is 0 for all of them, its weights get no gradient and stay
where they are, so it stays off. :class:`ReluWatch` notices a ReLU neuron
whose weights and bias got no gradient in any batch of a whole epoch.

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
from autograd.names import layer_of
from nn.layers import Neuron

MESSAGE = (
    "every gradient is 0 after backward: a step activation or a hand-made Value(...) "
    "cut the graph, every ReLU is off, or the weights after it are all 0 (zero init)"
)


def first_dead_layer(named: Iterable[tuple[str, Value]]) -> str | None:
    """The first layer (by :func:`autograd.names.layer_of`) whose gradients are all 0.0.

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


def relu_neurons(model: Any) -> dict[str, list[Value]]:
    """Each ReLU :class:`~nn.layers.Neuron` of ``model`` by its dotted name, with its parameters.

    >>> from nn import MLP
    >>> found = relu_neurons(MLP(2, [2, 1], activation="relu", seed=0))
    >>> {name: len(params) for name, params in found.items()}
    {'layers.0.neurons.0': 3, 'layers.0.neurons.1': 3}
    """
    found: dict[str, list[Value]] = {}
    for name, item in model._walk() if hasattr(model, "_walk") else ():
        if isinstance(item, Neuron) and item.activation == "relu":
            found[name] = item.parameters()
    return found


class ReluWatch:
    """Warns (``RuntimeWarning``) once when a ReLU neuron learns nothing for a whole epoch.

    Call :meth:`check` after every backward and :meth:`end_epoch` after the
    epoch's last; a neuron counts as dead when none of its parameters had a
    nonzero gradient after any backward of the epoch. (The output layer of an
    :class:`~nn.MLP` is linear, so every ReLU has a layer after it.)
    """

    def __init__(self, model: Any) -> None:
        self._neurons = relu_neurons(model)
        self._quiet = set(self._neurons)  # no gradient yet this epoch
        self.warned = False

    def check(self) -> None:
        """After a backward: every neuron with a nonzero gradient is alive this epoch."""
        if self._quiet and not self.warned:
            self._quiet -= {n for n in self._quiet if any(p.grad for p in self._neurons[n])}

    def end_epoch(self, epoch: int, *, cut: bool = False) -> None:
        """Warn about this epoch's dead neurons, unless ``cut`` (a whole layer got nothing)."""
        dead = sorted(self._quiet, key=list(self._neurons).index)
        self._quiet = set(self._neurons)
        if dead and not cut and not self.warned:
            self.warned = True
            shown = ", ".join(dead[:3]) + (f" and {len(dead) - 3} more" if len(dead) > 3 else "")
            warnings.warn(
                f"{len(dead)} ReLU neuron(s) got no gradient in epoch {epoch + 1} ({shown}): "
                "their input was below 0 for every example, so they output 0 and stop "
                "learning (dead ReLU); a smaller learning rate or activation='leaky_relu' "
                "helps (init='he', the default for relu, only if another init was chosen)",
                RuntimeWarning,
                stacklevel=3,
            )


__all__ = ["MESSAGE", "CutWatch", "ReluWatch", "first_dead_layer", "relu_neurons"]
