"""The network view: inputs, hidden layers and outputs as columns of neurons, weights as edges.

The diagram every backprop article draws, with this model's numbers on it.
:func:`network` reads what to draw from a model (and optionally an input and a
loss): one :class:`Column` per layer, one :class:`Unit` per neuron, one
:class:`Wire` per weight. :mod:`nn.network_dot` turns that into DOT text, and
:func:`draw_network` into a ``Drawing``.

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

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from autograd import Value, grad, no_grad
from autograd.kinds import class_name
from autograd.reached import reached
from autograd.viz.scene import colors
from nn.examples import row
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
    unknown: bool = False  # no backward pass has reached the weights: drawn uncoloured


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
        raise TypeError(f"draw_network draws an MLP, a Layer or a Neuron, got {class_name(model)}")
    return layers


@dataclass(frozen=True)
class _OneNeuron:
    neuron: Any

    @property
    def neurons(self) -> list[Any]:
        return [self.neuron]


def _activations(model: Any, layers: list[Any], x: list[float]) -> list[list[float]]:
    """Each neuron's output for input ``x``, as the model itself computes it.

    The model is called as it is, so what comes between its layers (a
    LayerNorm, a Dropout, whatever a model's ``forward`` does) feeds each
    layer as in use; only each neuron's ``forward`` is wrapped for the call,
    to note its output. Dropout is off (eval mode, as ``evaluate``), no graph
    is kept, and every module's mode is put back after.
    """
    found = [[math.nan] * len(layer.neurons) for layer in layers]
    noted = [(n, found[k], j) for k, lay in enumerate(layers) for j, n in enumerate(lay.neurons)]
    modes = [(m, m.training) for m in _modules(model)]
    try:
        for n, outputs, j in noted:
            n.forward = _noting(n.forward, outputs, j)  # an instance attribute hides the method
        for m, _ in modes:
            m.train(False)
        with no_grad():
            model(x)
    finally:
        for n, _, _ in noted:
            vars(n).pop("forward", None)
        for m, mode in modes:  # parents first, so each module ends in its own mode
            m.train(mode)
    return found


def _noting(forward: Any, outputs: list[float], j: int) -> Any:
    """``forward``, noting the output's value in ``outputs[j]``."""

    def noting(*args: Any, **kwargs: Any) -> Any:
        out = forward(*args, **kwargs)
        outputs[j] = out.data
        return out

    return noting


def _modules(model: Any) -> list[Any]:
    return list(model.modules()) if hasattr(model, "modules") else []


def _input(x: Any, nin: int) -> list[float]:
    """``x`` checked as one example (a list or a 1-D array of numbers); Values are read."""
    if isinstance(x, (list, tuple)):
        x = [v.data if isinstance(v, Value) else v for v in x]
    return row(x, "draw_network x", nin)


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


def _note(unknown: bool, zeros: bool) -> str:
    """The warning under the title: no gradient yet, or every gradient 0 ("" for none)."""
    if unknown:
        return "no gradient computed yet (grad —): call loss.backward() first, or pass loss="
    return "every gradient is 0: call loss.backward() first, or pass loss=" if zeros else ""


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
        raise TypeError(f"draw_network: loss must be a Value, got {class_name(loss)}")
    layers = layers_of(model)
    nin = len(layers[0].neurons[0].w)
    inputs = _input(x, nin) if x is not None else None
    outputs = _activations(model, layers, inputs) if inputs is not None else None
    amounts = _amounts(layers, show, loss)
    # Not computed yet is not zero: no colour, no flag (a 0 would read "vanishing").
    unknown = show == "grad" and loss is None and not any(reached(p) for p in amounts)
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
            amount = None if unknown else amounts[n.b]
            units.append(Unit(str(j + 1), f"layer {k + 1} · neuron {j + 1}", value, amount))
            wires += [Wire(k, i, j, amounts[w]) for i, w in enumerate(n.w)]
        mags = [abs(amounts[p]) for n in layer.neurons for p in (*n.w, n.b)]
        flag = _flag(mags, vanishing, exploding) if show == "grad" and not unknown else ""
        activation = _activation_name(layer.neurons[0].activation)
        columns.append(Column(f"layer {k + 1} · {activation}", units, flag))
    note = _note(unknown, show == "grad" and loss is None and not any(amounts.values()))
    return Network(
        columns,
        wires,
        show,
        None if loss is None else loss.data,
        vanishing,
        exploding,
        note,
        unknown,
    )


__all__ = ["SHOWS", "Column", "Network", "Unit", "Wire", "layers_of", "network"]
