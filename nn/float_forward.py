"""A model run on plain floats, in evaluation mode: what the playground draws after every step.

:func:`float_forward` reads an MLP's weights once and runs it on floats, no
graph built (the decision boundary's grid and the validation loss run after
every step); :func:`evaluating` runs a block with the model in evaluation mode
(dropout off), as :func:`nn.train.evaluate` does, then restores its mode.

>>> from nn import MLP
>>> model = MLP(2, [3, 1], seed=0)
>>> forward = float_forward(model)
>>> forward([0.5, -1.0]) == model([0.5, -1.0]).data
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import mul

from autograd import Value, no_grad, ops
from autograd.value import LEAKY_SLOPE
from nn.layers import MLP, activation_name
from nn.module import Module

#: The activations on floats, for the fast forward (no graph): the op
#: table's own forwards, so each is defined in one place.
FLOAT: dict[str, Callable[[float], float]] = {
    "tanh": ops.TANH.forward,
    "relu": ops.RELU.forward,
    "sigmoid": ops.SIGMOID.forward,  # never overflows, as Value.sigmoid
    "leaky_relu": lambda z: ops.LEAKY_RELU.forward(z, LEAKY_SLOPE),
    "step": ops.STEP.forward,
    "linear": lambda z: z,
}


@contextmanager
def evaluating(model: Module) -> Iterator[Module]:
    """``model`` in evaluation mode (dropout off) for the block, then in the mode it was in.

    >>> from nn import MLP
    >>> model = MLP(2, [3, 1], dropout=0.5, seed=0)
    >>> with evaluating(model):
    ...     model.dropouts[0].training
    False
    >>> model.training
    True
    """
    if type(model) is MLP and not model.dropouts:
        # Only its dropout acts differently in evaluation: an MLP without any (the
        # playground's own) skips two walks over its modules, 0.17 ms a step (2%).
        yield model
        return
    was = model.training
    model.eval()
    try:
        yield model
    finally:
        model.train(was)


def float_outputs(model: object) -> Callable[[Sequence[float]], list[float]] | None:
    """A plain MLP's outputs as a function of floats (its weights read once), else None.

    Plain: an :class:`~nn.MLP` with no layer norm, whose dropouts (if any) are in
    evaluation mode, and whose activations are all named ones. The same arithmetic
    as :meth:`~nn.MLP.forward` in the same order, so the same floats to the bit,
    about 20 times faster than on Values.

    >>> from nn import MLP
    >>> model = MLP(2, [3, 2], seed=0)
    >>> float_outputs(model)([0.5, -1.0]) == [v.data for v in model([0.5, -1.0])]
    True
    """
    layers = float_layers(model)
    if layers is None:
        return None
    return lambda x: layers(x)[-1]


def float_layers(model: object) -> Callable[[Sequence[float]], list[list[float]]] | None:
    """Every unit's output, layer by layer, as a function of floats: :func:`float_outputs`'s
    arithmetic, keeping each layer's outputs (the neuron heatmaps read them all in one pass).

    >>> from nn import MLP
    >>> model = MLP(2, [3, 1], seed=0)
    >>> hidden, out = float_layers(model)([0.5, -1.0])
    >>> len(hidden), out == [model([0.5, -1.0]).data]
    (3, True)
    """
    if type(model) is not MLP or model.norms or any(d.training for d in model.dropouts):
        return None  # a dropout in evaluation mode passes its inputs on unchanged
    names = [activation_name(layer.neurons[0].activation) for layer in model.layers]
    if any(name not in FLOAT for name in names):
        return None
    weights = [
        (
            [[w.data for w in n.w] for n in layer.neurons],
            [n.b.data for n in layer.neurons],
            FLOAT[a],
        )
        for layer, a in zip(model.layers, names, strict=True)
    ]

    def outputs(x: Sequence[float]) -> list[list[float]]:
        values, found = list(x), []
        for rows, biases, act in weights:
            # sum(map(mul, ...)): 2.5x a generator of products (10 ms, not 25, for a
            # 32 x 32 grid through MLP(2, [8, 8, 1])). Every row has len(values) weights.
            values = [act(sum(map(mul, row, values)) + b) for row, b in zip(rows, biases)]  # noqa: B905
            found.append(values)
        return found

    return outputs


def float_forward(model: Module) -> Callable[[Sequence[float]], float]:
    """The model's (first) output as a function of floats: :func:`float_outputs` where it
    applies; a model with layer norm, dropout or an activation of the user's own is run as
    itself, under ``no_grad``."""
    fast = float_outputs(model)
    if fast is not None:
        return lambda x: fast(x)[0]

    def slow(x: Sequence[float]) -> float:
        with no_grad():
            out = model(list(x))
        return float(out.data if isinstance(out, Value) else out[0].data)

    return slow


__all__ = ["FLOAT", "evaluating", "float_forward", "float_layers", "float_outputs"]
