"""The network view: inputs, hidden layers and outputs as columns of neurons, weights as edges.

The diagram every backprop article draws, with this model's numbers on it.
:func:`network` reads what to draw from a model (and optionally an input and a
loss): one :class:`Column` per layer, one :class:`Unit` per neuron, one
:class:`Wire` per weight. :mod:`nn.network_dot` turns that into DOT text, and
:func:`draw_network` into a ``graphviz.Digraph``.

Numbering is a slide's: inputs ``x1 .. xn``, layers from 1 (the first hidden
layer is layer 1), neurons from 1 (``layer 2 · neuron 5`` is the parameter
``layers.1.neurons.4``, whose dotted names count from 0).

>>> from nn import MLP
>>> model = MLP(2, [3, 1], seed=0)
>>> view = network(model, [1.0, 0.5], show="weight")
>>> [c.title for c in view.columns]
['inputs', 'layer 1 · tanh', 'layer 2 · linear']
>>> len(view.wires) == 2 * 3 + 3 * 1
True
>>> view.columns[1].units[2].tip
'layer 1 · neuron 3'
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from autograd import Value, grad, no_grad
from autograd.value import is_real
from autograd.viz import colors
from nn.layers import activation_name as _activation_name

SHOWS = ("grad", "weight")


@dataclass(frozen=True)
class Unit:
    """One neuron (or input) of the picture.

    Attributes:
        name: what the node says: ``x1`` for an input, ``5`` for neuron 5.
        tip: the whole name, for a tooltip: ``layer 2 · neuron 5``.
        value: its activation for the input given (or the input's value), None without one.
        amount: what colours it: its bias's gradient or value (None for an input).
    """

    name: str
    tip: str
    value: float | None = None
    amount: float | None = None


@dataclass(frozen=True)
class Column:
    """A layer: its title, its neurons, and a flag ("vanishing", "exploding" or "")."""

    title: str
    units: list[Unit]
    flag: str = ""


@dataclass(frozen=True)
class Wire:
    """A weight: from unit ``source`` of column ``column`` to unit ``target`` of the next."""

    column: int
    source: int
    target: int
    amount: float  # the weight's gradient or value


@dataclass(frozen=True)
class Network:
    """Everything a network picture shows (see the module docstring)."""

    columns: list[Column]
    wires: list[Wire]
    show: str
    loss: float | None = None
    vanishing: float = colors.VANISHING
    exploding: float = colors.EXPLODING
    note: str = ""  # a warning shown under the title ("" for none)


def layers_of(model: Any) -> list[Any]:
    """The model's layers, each with ``neurons`` (each with ``w``, ``b``, ``activation``).

    An ``MLP`` gives its layers, a ``Layer`` itself, a ``Neuron`` a layer of one.

    Raises:
        TypeError: ``model`` is none of these.
    """
    if hasattr(model, "layers"):
        layers = list(model.layers)
    elif hasattr(model, "neurons"):
        layers = [model]
    elif hasattr(model, "w") and hasattr(model, "b"):
        layers = [_OneNeuron(model)]
    else:
        layers = []
    if not layers or not all(hasattr(layer, "neurons") for layer in layers):
        raise TypeError(
            f"draw_network draws an MLP, a Layer or a Neuron, got {type(model).__name__}"
        )
    return layers


@dataclass(frozen=True)
class _OneNeuron:
    neuron: Any

    @property
    def neurons(self) -> list[Any]:
        return [self.neuron]


def _activations(layers: list[Any], x: Sequence[Any]) -> list[list[float]]:
    """Each layer's outputs for input ``x``, as floats (no graph is kept)."""
    found = []
    values: list[Any] = list(x)
    with no_grad():
        for layer in layers:
            values = [n.forward(values) for n in layer.neurons]
            found.append([v.data for v in values])
    return found


def _check_input(x: Any, nin: int) -> list[float]:
    if isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
        raise TypeError(f"draw_network: x must be a list of {nin} numbers, got {x!r}")
    if len(x) != nin:
        raise ValueError(f"draw_network: x has {len(x)} numbers, the model takes {nin} inputs")
    out = []
    for i, xi in enumerate(x):
        number = xi.data if isinstance(xi, Value) else xi
        if not is_real(number):
            raise TypeError(f"draw_network: x[{i}] must be a number, got {xi!r}")
        out.append(float(number))
    return out


def _amounts(layers: list[Any], show: str, loss: Value | None) -> dict[Value, float]:
    """What colours each parameter: its gradient (of ``loss``, else ``.grad``) or its value."""
    params = [p for layer in layers for n in layer.neurons for p in (*n.w, n.b)]
    if show == "weight":
        return {p: p.data for p in params}
    if loss is None:
        return {p: p.grad for p in params}
    found = grad(loss, params)
    if not any(found) and not any(p in _ancestors(loss) for p in params):
        raise ValueError("draw_network: loss does not depend on this model's parameters")
    return dict(zip(params, (float(g) for g in found), strict=True))


def _ancestors(root: Value) -> set[Value]:
    from autograd.trace import forward_steps

    return set(forward_steps(root))


def _flag(mags: list[float], vanishing: float, exploding: float) -> str:
    """A layer's flag, as ``grad_flow_summary`` decides it: max too large, or median too small."""
    if not all(m <= exploding for m in mags):  # NaN counts as exploding
        return "exploding"
    return "vanishing" if statistics.median(mags) < vanishing else ""


def network(
    model: Any,
    x: Sequence[Any] | None = None,
    *,
    loss: Value | None = None,
    show: str = "grad",
    vanishing: float = colors.VANISHING,
    exploding: float = colors.EXPLODING,
) -> Network:
    """What :func:`draw_network` draws for these arguments (see there)."""
    if show not in SHOWS:
        raise ValueError(f"draw_network: show must be 'grad' or 'weight', got {show!r}")
    if loss is not None and not isinstance(loss, Value):
        raise TypeError(f"draw_network: loss must be a Value, got {type(loss).__name__}")
    layers = layers_of(model)
    nin = len(layers[0].neurons[0].w)
    inputs = _check_input(x, nin) if x is not None else None
    outputs = _activations(layers, inputs) if inputs is not None else None
    amounts = _amounts(layers, show, loss)
    columns = [
        Column(
            "inputs",
            [
                Unit(f"x{i + 1}", f"input {i + 1}", None if inputs is None else inputs[i])
                for i in range(nin)
            ],
        )
    ]
    wires = []
    for k, layer in enumerate(layers):
        units = []
        for j, n in enumerate(layer.neurons):
            value = None if outputs is None else outputs[k][j]
            units.append(Unit(str(j + 1), f"layer {k + 1} · neuron {j + 1}", value, amounts[n.b]))
            wires += [Wire(k, i, j, amounts[w]) for i, w in enumerate(n.w)]
        mags = [abs(amounts[p]) for n in layer.neurons for p in (*n.w, n.b)]
        flag = _flag(mags, vanishing, exploding) if show == "grad" else ""
        activation = _activation_name(layer.neurons[0].activation)
        columns.append(Column(f"layer {k + 1} · {activation}", units, flag))
    note = ""
    if show == "grad" and loss is None and not any(amounts.values()):
        note = "every gradient is 0: call loss.backward() first, or pass loss="
    return Network(
        columns,
        wires,
        show,
        None if loss is None else loss.data,
        vanishing,
        exploding,
        note,
    )


__all__ = ["SHOWS", "Column", "Network", "Unit", "Wire", "layers_of", "network"]
