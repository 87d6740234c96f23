"""``Neuron``, ``Layer`` and ``MLP``: networks built from scalar neurons.

A neuron computes ``activation(w · x + b)``. The weighted sum, bias included,
is one n-ary ``dot`` node (``autograd.dot(w, x, bias=b)``), so
a neuron adds two nodes to the graph, not 2n + 2.

>>> model = MLP(3, [4, 4, 1], seed=0)
>>> len(model.parameters())
41
>>> model.named_parameters()[0][0], model.named_parameters()[-1][0]
('layers.0.neurons.0.w.0', 'layers.2.neurons.0.b')
>>> y = model([1.0, -2.0, 0.5])          # one output: a single Value
>>> y.backward()
>>> sum(p.grad != 0.0 for p in model.parameters()) > 0
True
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import autograd
from autograd import Value, checks, ops
from autograd.arrays import flat, to_python
from autograd.checks import count, flag
from autograd.value import Operand
from nn import init as _init
from nn.dropout import Dropout
from nn.init import Init
from nn.module import Module
from nn.norm import LayerNorm

#: The activations a neuron may use by name (the op table's, and "linear": none);
#: any callable ``Value -> Value`` works too.
ACTIVATIONS = (*ops.ACTIVATIONS, "linear")

#: A neuron's activation: a name from :data:`ACTIVATIONS` or a callable ``Value -> Value``.
Activation = str | Callable[[Value], Value]


def _check_activation(activation: object) -> Activation:
    wanted = f"one of {', '.join(ACTIVATIONS)} or a function of a Value"
    if isinstance(activation, str):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be {wanted}, got {activation!r}")
        return activation
    if not callable(activation):
        raise TypeError(f"activation must be {wanted}, got {checks.described(activation)}")
    return activation


def _rng(rng: object, where: str) -> random.Random:
    """A layer's source of initial weights: a ``random.Random``, or None for a fresh one."""
    if rng is None:
        return random.Random()
    if not isinstance(rng, random.Random):
        raise TypeError(
            f"{where} rng must be a random.Random or None, got {checks.described(rng)}"
        )
    return rng


def activation_name(activation: Activation) -> str:
    """An activation as text: its name, or a callable's ``__name__``.

    >>> activation_name("relu"), activation_name(lambda v: v.tanh()), activation_name(abs)
    ('relu', '<lambda>', 'abs')
    """
    if isinstance(activation, str):
        return activation
    return str(getattr(activation, "__name__", activation))


#: Each activation's method on Value (None: linear, the weighted sum itself).
_ACTIVATE: dict[str, Callable[[Value], Value] | None] = {
    "tanh": Value.tanh,
    "relu": Value.relu,
    "sigmoid": Value.sigmoid,
    "leaky_relu": Value.leaky_relu,
    "step": Value.step,  # no gradient flows through it: nothing before it learns
    "linear": None,
}


def _shown(activation: Activation) -> str:
    # A name in quotes, as it was passed; a callable by its __name__.
    return repr(activation) if isinstance(activation, str) else activation_name(activation)


class Neuron(Module):
    """One neuron: ``activation(w · x + b)``.

    Args:
        nin: number of inputs.
        activation: ``"tanh"``, ``"relu"``, ``"sigmoid"``, ``"leaky_relu"`` (slope
            0.01), ``"step"`` (which passes no gradient), ``"linear"``, or any
            callable ``Value -> Value`` (shown by its ``__name__``).
        rng: where the initial weights come from; a fresh unseeded
            ``random.Random`` when None.
        init: how the weights (and, for ``"zeros"`` and ``"constant"``, the
            bias) start: a name from :data:`nn.init.INITS` or a name with its
            numbers, such as ``("constant", 0.5)`` (see :mod:`nn.init`). The
            bias starts at 0.0 otherwise.
        fan_out: the width of the neuron's layer (``"xavier"`` uses it).

    Raises:
        TypeError: ``nin`` is not a whole number (a string, a bool), or
            ``activation`` is neither a name nor a function.
        ValueError: ``nin`` < 1, or ``activation`` or ``init`` is unknown.

    >>> n = Neuron(2, "relu", rng=random.Random(0))
    >>> n.load_state_dict({"w.0": 0.5, "w.1": -1.0, "b": 0.25})
    >>> n([2.0, 0.5]).data                  # relu(0.5*2 - 1*0.5 + 0.25)
    0.75
    >>> def square(v): return v * v
    >>> n = Neuron(2, square, init=("constant", 0.5))
    >>> n, n([2.0, 1.0]).data               # (0.5*2 + 0.5*1 + 0.5) ** 2
    (Neuron(2, square), 4.0)
    """

    def __init__(
        self,
        nin: int,
        activation: Activation = "tanh",
        *,
        rng: random.Random | None = None,
        init: Init = "default",
        fan_out: int = 1,
    ) -> None:
        nin = count(nin, "Neuron nin")
        fan_out = count(fan_out, "Neuron fan_out")
        self.activation = _check_activation(activation)
        rng = _rng(rng, "Neuron")
        weights = _init.weights(init, nin, fan_out, self.activation, rng)
        self.w = [Value(w) for w in weights]
        self.b = Value(_init.bias(init))
        self.named_parameters()  # sets the labels

    def forward(self, x: Sequence[Operand]) -> Value:
        """The neuron's output for inputs ``x`` (floats or Values, or a 1-D NumPy array)."""
        if x.__class__ is not list:  # a layer passes lists: one test, not a call
            x = flat(x, "Neuron input", len(self.w))
        if len(x) != len(self.w):
            raise ValueError(f"Neuron takes {len(self.w)} inputs, got {len(x)}")
        # The bias inside the dot node: one node for w · x + b instead of
        # two, which cut the benchmark's MLP step from 10,442 nodes to 7,142.
        z = autograd.dot(self.w, x, bias=self.b)
        a = self.activation
        activate = _ACTIVATE[a] if a.__class__ is str else a
        return z if activate is None else activate(z)  # type: ignore[operator]

    def __repr__(self) -> str:
        return f"Neuron({len(self.w)}, {_shown(self.activation)})"


class Layer(Module):
    """``nout`` neurons that see the same inputs; always returns a list.

    ``init`` is each neuron's (see :class:`Neuron`), its ``fan_out`` ``nout``.

    >>> layer = Layer(3, 2, rng=random.Random(0))
    >>> len(layer([1.0, 2.0, 3.0])), len(layer.parameters())
    (2, 8)
    """

    def __init__(
        self,
        nin: int,
        nout: int,
        activation: Activation = "tanh",
        *,
        rng: random.Random | None = None,
        init: Init = "default",
    ) -> None:
        nout = count(nout, "Layer nout")
        _init.check(init)
        rng = _rng(rng, "Layer")
        self.neurons = [
            Neuron(nin, activation, rng=rng, init=init, fan_out=nout) for _ in range(nout)
        ]
        self.named_parameters()

    def forward(self, x: Sequence[Operand]) -> list[Value]:
        """Each neuron's output, in order (a list even for one neuron)."""
        x = flat(x, "Layer input", len(self.neurons[0].w))  # a NumPy row, read once
        # forward() directly: Module.__call__ only forwards to it.
        return [n.forward(x) for n in self.neurons]

    def __repr__(self) -> str:
        first = self.neurons[0]
        return f"Layer({len(first.w)}, {len(self.neurons)}, {_shown(first.activation)})"


def _sizes(nouts: object) -> list[int]:
    """MLP's layer sizes: a non-empty list (or 1-D array) of whole numbers >= 1."""
    nouts = to_python(nouts, "MLP nouts")
    wanted = "a non-empty list of layer sizes, such as [8, 1]"
    if isinstance(nouts, (str, bytes)) or not isinstance(nouts, Sequence):
        raise TypeError(f"MLP nouts must be {wanted}, got {checks.described(nouts)}")
    if not nouts:
        raise ValueError(f"MLP nouts must be {wanted}, got []")
    return [count(n, f"MLP nouts[{i}]") for i, n in enumerate(nouts)]


class MLP(Module):
    """A multilayer perceptron: hidden layers use ``activation``, the last is linear.

    Args:
        nin: number of inputs.
        nouts: the size of each layer, the output layer last.
        activation: the hidden layers' activation (see :class:`Neuron`).
        seed: seeds the ``random.Random`` that draws the initial weights (and
            then the dropout masks); the same seed gives the same ``state_dict``.
        init: how every layer's weights start (see :class:`Neuron` and :mod:`nn.init`).
        dropout: when > 0, a :class:`nn.Dropout` of this ``p`` after each hidden
            layer (in ``self.dropouts``); 0.0 adds nothing to the graph.
        layer_norm: when True, a :class:`nn.LayerNorm` on each hidden layer's
            outputs, after its activation and before its dropout (in ``self.norms``,
            its parameters named ``norms.0.gain.0`` and so on, after the layers').

    Sizes are whole numbers >= 1 (NumPy integers too), ``seed`` a whole
    number >= 0 or None. Calling the model returns a single ``Value`` when the
    last layer has one neuron, and a list otherwise. ``self.layers`` holds only
    the ``Layer`` objects, so the network view (:func:`nn.draw_network`) shows
    each neuron's own output, before any normalisation or dropout.

    >>> MLP(2, [3, 2], seed=1)
    MLP(2, [3, 2], activation='tanh')
    >>> MLP(2, [3, 2], seed=1).state_dict() == MLP(2, [3, 2], seed=1).state_dict()
    True
    """

    def __init__(
        self,
        nin: int,
        nouts: Sequence[int],
        activation: Activation = "tanh",
        *,
        seed: int | None = None,
        init: Init = "default",
        dropout: float = 0.0,
        layer_norm: bool = False,
    ) -> None:
        sizes = [count(nin, "MLP nin"), *_sizes(nouts)]
        self.activation = _check_activation(activation)
        _init.check(init)
        layer_norm = flag(layer_norm, "MLP layer_norm")
        rng = random.Random(checks.seed(seed, "MLP seed"))
        last = len(sizes) - 2
        self.layers = [
            Layer(sizes[i], sizes[i + 1], activation if i < last else "linear", rng=rng, init=init)
            for i in range(last + 1)
        ]
        hidden = sizes[1:-1]
        p = Dropout(dropout).p  # checks it even when there is no hidden layer
        self.norms = [LayerNorm(n) for n in hidden] if layer_norm else []
        # Drawn after every weight, so adding dropout leaves the weights as they were.
        masks = random.Random(rng.getrandbits(64))
        self.dropouts = [Dropout(p, seed=masks) for _ in hidden] if p > 0.0 else []
        self.named_parameters()

    def forward(self, x: Sequence[Operand]) -> Value | list[Value]:
        """The network's output: a Value for one output neuron, else a list.

        ``x`` is one example: a list of numbers or Values, or a 1-D NumPy array.
        """
        out: Sequence[Operand] = flat(x, "MLP input", len(self.layers[0].neurons[0].w))
        for i, layer in enumerate(self.layers):
            out = layer.forward(out)
            if i < len(self.norms):
                out = self.norms[i].forward(out)
            if i < len(self.dropouts):
                out = self.dropouts[i].forward(out)
        values: list[Value] = list(out)  # type: ignore[arg-type]
        return values[0] if len(values) == 1 else values

    def __repr__(self) -> str:
        sizes = [len(layer.neurons) for layer in self.layers]
        nin = len(self.layers[0].neurons[0].w)
        extra = f", dropout={self.dropouts[0].p}" if self.dropouts else ""
        extra += ", layer_norm=True" if self.norms else ""
        return f"MLP({nin}, {sizes}, activation={_shown(self.activation)}{extra})"


__all__ = ["ACTIVATIONS", "MLP", "Activation", "Layer", "Neuron", "activation_name"]
