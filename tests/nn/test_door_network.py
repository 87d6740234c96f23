"""The network view shows what the model computes (issue 24, items 2 and 13).

Each neuron shows its own output for ``x``, as the model's forward computes
it: after the LayerNorm that feeds its layer, with dropout off; the output
neurons show ``model(x)`` exactly. ``x`` is checked as one example: a list or
a 1-D NumPy array of finite numbers.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest

from autograd import Value
from nn import MLP, Layer, Neuron, draw_network
from nn.layers import ACTIVATIONS
from nn.pictures.network import network

X = [1.0, 0.5]


def shown(model: Any, x: Any) -> list[list[float | None]]:
    """The value each neuron of the view shows, column by column (inputs left out)."""
    return [[u.value for u in column.units] for column in network(model, x).columns[1:]]


def outputs(model: Any, x: Any) -> list[float]:
    out = model(x)
    return [v.data for v in (out if isinstance(out, list) else [out])]


def set_weights(model: Any, values: dict[str, float]) -> None:
    named = dict(model.named_parameters())
    for name, value in values.items():
        named[name].data = value


def test_a_layer_normed_network_by_hand() -> None:
    # Hidden relu neurons: relu(2 + 1) = 3 and relu(2 - 1) = 1. LayerNorm (eps 0):
    # mean 2, variance 1, so [1, -1]. Output: 0.5 · 1 + 0.25 · (-1) + 0.125 = 0.375
    # (fed the raw 3 and 1 it would be 0.5 · 3 + 0.25 · 1 + 0.125 = 1.875).
    model = MLP(2, [2, 1], activation="relu", layer_norm=True, seed=0)
    model.norms[0].eps = 0.0
    set_weights(
        model,
        {
            "layers.0.neurons.0.w.0": 1.0,
            "layers.0.neurons.0.w.1": 1.0,
            "layers.0.neurons.0.b": 0.0,
            "layers.0.neurons.1.w.0": 1.0,
            "layers.0.neurons.1.w.1": -1.0,
            "layers.0.neurons.1.b": 0.0,
            "layers.1.neurons.0.w.0": 0.5,
            "layers.1.neurons.0.w.1": 0.25,
            "layers.1.neurons.0.b": 0.125,
        },
    )
    assert shown(model, [2.0, 1.0]) == [[3.0, 1.0], [0.375]]
    assert re.search(r"label=<<B>1</B> 0.375>", draw_network(model, [2.0, 1.0]).source)


def test_the_issue_example_shows_the_models_output() -> None:
    model = MLP(2, [3, 3, 1], layer_norm=True, seed=0)
    want = model(X).data
    assert shown(model, X)[-1] == [want]
    assert round(want, 4) == -1.9708  # the issue's figure; the view said -0.99998
    labels = re.findall(r"label=<<B>\d</B> ([^>]*)>", draw_network(model, X).source)
    assert labels[-1] == "-1.97"


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("layer_norm", [False, True])
def test_every_neuron_shows_what_the_model_computes(activation: str, layer_norm: bool) -> None:
    model = MLP(3, [4, 3, 2], activation=activation, layer_norm=layer_norm, seed=1)
    x = [0.5, -1.0, 2.0]
    view = shown(model, x)
    assert view[-1] == outputs(model, x)  # exactly: the model's own arithmetic
    # Each hidden layer, read from the model's parts as its forward joins them.
    values: list[Any] = x
    for k, layer in enumerate(model.layers[:-1]):
        own = layer(values)
        assert view[k] == [v.data for v in own]
        values = model.norms[k](own) if layer_norm else own


def test_dropout_is_off_in_the_view_and_the_mode_and_masks_are_left_alone() -> None:
    model, twin = (MLP(2, [6, 6, 1], dropout=0.5, seed=3) for _ in range(2))
    view = shown(model, X)
    assert model.training and all(d.training for d in model.dropouts)
    assert view[-1] == outputs(twin.eval(), X)  # as evaluate() sees it
    twin.train()
    assert outputs(model, X) == outputs(twin, X)  # the next masks are the ones due
    assert shown(model, X) == view  # and a second view is the same


def test_a_model_in_eval_mode_or_partly_so_keeps_its_modes() -> None:
    model = MLP(2, [4, 4, 4, 1], dropout=0.25, layer_norm=True, seed=0)
    model.dropouts[1].eval()  # a mixed state: only the second dropout off
    modes = [m.training for m in model.modules()]
    draw_network(model, X)
    assert [m.training for m in model.modules()] == modes
    model.eval()
    draw_network(model, X)
    assert not any(m.training for m in model.modules())


def test_drawing_touches_no_gradient_and_leaves_the_model_as_it_was() -> None:
    model = MLP(2, [3, 1], seed=0)
    before = model.state_dict()
    draw_network(model, X)
    assert all(p.grad == 0.0 for p in model.parameters()) and model.state_dict() == before
    y = model(X)
    y.backward()  # the model still builds its graph as before
    assert any(p.grad != 0.0 for p in model.parameters())


def test_a_layer_and_a_neuron_show_their_own_outputs() -> None:
    layer = Layer(2, 3, "relu", rng=None)
    assert shown(layer, X) == [[v.data for v in layer(X)]]
    neuron = Neuron(2, "sigmoid", init=("constant", 0.5))
    assert shown(neuron, X) == [[1.0 / (1.0 + math.exp(-(0.5 + 0.25 + 0.5)))]]


# -- item 13: x as NumPy, and checked as one example ---------------------------------


@pytest.mark.parametrize(
    "x",
    [np.array([1.0, 0.5]), np.array([1.0, 0.5], dtype=np.float32), [np.float64(1.0), 0.5]],
    ids=["float64", "float32", "numpy scalars"],
)
def test_numpy_input_draws_as_the_list_does(x: Any) -> None:
    model = MLP(2, [3, 1], seed=0)
    assert draw_network(model, x).source == draw_network(model, X).source


def test_values_as_input_are_read_as_their_numbers() -> None:
    model = MLP(2, [3, 1], seed=0)
    assert shown(model, [Value(1.0), Value(0.5)]) == shown(model, X)


@pytest.mark.parametrize(
    ("x", "error", "said"),
    [
        (np.array([1.0, 0.5, 2.0]), ValueError, "x has 3 numbers, the model takes 2 inputs"),
        (np.array([[1.0], [0.5]]), TypeError, r"x\[0\] must be a number, got \[1.0\]"),
        (np.array(["a", "b"]), TypeError, "x needs real numbers"),
        ([1.0, math.nan], ValueError, r"x\[1\] is nan: every entry must be a finite number"),
        (np.array([math.inf, 0.5]), ValueError, r"x\[0\] is inf"),
        ([1.0, "0.5"], TypeError, r"x\[1\] must be a number, got '0.5'"),
        (5.0, TypeError, "x must be a list of numbers"),
        (iter(X), TypeError, r"pass list\(...\) of it"),
    ],
)
def test_an_x_that_is_not_one_example_is_refused(
    x: Any, error: type[Exception], said: str
) -> None:
    with pytest.raises(error, match=f"^draw_network .*{said}"):
        draw_network(MLP(2, [3, 1], seed=0), x)
