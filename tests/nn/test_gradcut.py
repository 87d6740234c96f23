"""Step and callable activations, and fit's warning when a layer gets no gradient."""

from __future__ import annotations

import warnings

import pytest

from autograd import Value
from nn import MLP, Layer, Neuron
from nn.gradcut import MESSAGE, first_dead_layer
from nn.losses import mse
from nn.optim import SGD
from nn.train import fit

X, Y = [[1.0, 2.0], [-1.0, 0.5], [0.5, -2.0], [2.0, 1.0]], [1.0, -1.0, 0.5, 0.0]


def test_a_step_neuron_hand_worked() -> None:
    n = Neuron(2, "step", init=("constant", 0.5))
    x = [Value(2.0), Value(-1.0)]
    out = n(x)  # step(0.5*2 - 0.5*1 + 0.5) = step(1.0)
    out.backward()
    assert out.data == 1.0
    assert [p.grad for p in n.parameters()] == [0.0, 0.0, 0.0]
    assert [v.grad for v in x] == [0.0, 0.0]
    assert Neuron(2, "step", init=("constant", -0.5))([1.0, 1.0]).data == 0.0  # step(-1.5)
    assert Neuron(1, "step", init="zeros")([1.0]).data == 0.0  # step(0) = 0.0


def test_a_step_mlp_trains_with_zero_gradients_and_fit_warns_once() -> None:
    model = MLP(2, [3, 1], activation="step", seed=0)
    hidden = [p.data for p in model.layers[0].parameters()]
    with pytest.warns(RuntimeWarning) as record:
        fit(model, X, Y, loss=mse, optimizer=SGD(model.parameters(), lr=0.1), epochs=5,
            batch_size=2, progress=False)  # fmt: skip
    assert len(record) == 1
    assert str(record[0].message) == f"{MESSAGE} (first: layers.0)"
    assert [p.data for p in model.layers[0].parameters()] == hidden  # never moved


def test_no_warning_for_a_normal_mlp() -> None:
    model = MLP(2, [4, 4, 1], seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit(model, X, Y, loss=mse, optimizer=SGD(model.parameters(), lr=0.1), epochs=5,
            batch_size=2, progress=False)  # fmt: skip


def test_first_dead_layer_moves_on_at_the_first_nonzero_gradient() -> None:
    a, b, c = Value(1.0), Value(1.0), Value(1.0)
    a.grad, b.grad, c.grad = 0.0, 0.5, 0.0
    named = [("layers.0.w", a), ("layers.0.b", b), ("layers.1.b", c)]
    assert first_dead_layer(named) == "layers.1"
    c.grad = -0.25
    assert first_dead_layer(named) is None


def square(v: Value) -> Value:
    return v * v


@pytest.mark.parametrize(
    ("activation", "name"), [(lambda v: v.tanh(), "<lambda>"), (square, "square")]
)
def test_a_callable_activation_works_and_shows_its_name(activation, name) -> None:  # type: ignore[no-untyped-def]
    n = Neuron(2, activation, init=("constant", 0.5))
    x = [Value(1.0), Value(0.5)]
    out = n(x)  # z = 0.5*1 + 0.5*0.5 + 0.5 = 1.25
    out.backward()
    z = 1.25
    local = 1.0 - activation(Value(z)).data ** 2 if name == "<lambda>" else 2.0 * z
    assert out.data == pytest.approx(activation(Value(z)).data)
    assert [v.grad for v in x] == pytest.approx([0.5 * local, 0.5 * local])
    assert repr(n) == f"Neuron(2, {name})"
    assert repr(Layer(2, 3, activation)) == f"Layer(2, 3, {name})"
    model = MLP(2, [3, 1], activation=activation, seed=0)
    assert repr(model) == f"MLP(2, [3, 1], activation={name})"
    assert model.layers[0].neurons[0].activation is activation


def test_an_activation_that_is_neither_a_name_nor_callable_is_refused() -> None:
    with pytest.raises(TypeError, match=r"or a function of a Value, got 3 \(an int\)"):
        Neuron(2, 3)  # type: ignore[arg-type]


def test_the_network_view_titles_a_callable_activation_by_its_name() -> None:
    from nn.pictures.network import network

    view = network(MLP(2, [3, 1], activation=square, seed=0), [1.0, 0.5])
    assert [c.title for c in view.columns][1:] == ["layer 1 · square", "layer 2 · linear"]


def _relu_mlp(nouts: list[int], dead: dict[str, float]) -> MLP:
    model = MLP(2, nouts, activation="relu", seed=0)
    model.load_state_dict(dead, strict=False)
    return model


def _fit(model: MLP, batch_size: int = 2, epochs: int = 3) -> None:
    fit(model, X, Y, loss=mse, optimizer=SGD(model.parameters(), lr=0.05), epochs=epochs,
        batch_size=batch_size, progress=False)  # fmt: skip


# relu(0*x1 + 0*x2 - 1) = 0 for every input: the neuron is off and relu'(-1) = 0.
OFF = {"w.0": 0.0, "w.1": 0.0, "b": -1.0}


def test_a_dead_relu_neuron_is_named_once() -> None:
    model = _relu_mlp([3, 1], {f"layers.0.neurons.1.{k}": v for k, v in OFF.items()})
    dead = model.layers[0].neurons[1]
    assert [dead(x).data for x in X] == [0.0] * len(X)
    with pytest.warns(RuntimeWarning) as record:
        _fit(model)
    assert len(record) == 1
    message = str(record[0].message)
    assert message.startswith("1 ReLU neuron(s) got no gradient in epoch 1 (layers.0.neurons.1)")
    assert "dead ReLU" in message and "activation='leaky_relu'" in message
    assert "init='he', the default for relu, only if another init was chosen" in message
    assert [p.data for p in dead.parameters()] == [0.0, 0.0, -1.0]  # never moved


def test_a_relu_on_for_one_example_of_the_epoch_is_alive() -> None:
    # relu(x1 - 1.5) is on only for X[3] = [2.0, 1.0]; one example a epoch is enough.
    on_once = {"w.0": 1.0, "w.1": 0.0, "b": -1.5}
    model = _relu_mlp([3, 1], {f"layers.0.neurons.1.{k}": v for k, v in on_once.items()})
    assert [model.layers[0].neurons[1](x).data > 0 for x in X] == [False, False, False, True]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _fit(model, batch_size=2, epochs=1)


def test_a_whole_dead_layer_gives_one_warning_not_two() -> None:
    state = {f"layers.1.neurons.{i}.{k}": v for i in range(3) for k, v in OFF.items()}
    with pytest.warns(RuntimeWarning) as record:
        _fit(_relu_mlp([3, 3, 1], state))
    assert [str(r.message) for r in record] == [f"{MESSAGE} (first: layers.0)"]


def test_dead_neurons_beyond_three_are_counted() -> None:
    state = {f"layers.0.neurons.{i}.{k}": v for i in range(5) for k, v in OFF.items()}
    with pytest.warns(RuntimeWarning) as record:
        _fit(_relu_mlp([6, 1], state), epochs=1)
    assert str(record[0].message).startswith(
        "5 ReLU neuron(s) got no gradient in epoch 1 (layers.0.neurons.0, "
        "layers.0.neurons.1, layers.0.neurons.2 and 2 more)"
    )


def test_the_grad_flow_chart_keeps_a_layer_behind_dead_relus_and_marks_its_median_0() -> None:
    pytest.importorskip("matplotlib", reason="plot_grad_flow needs matplotlib")
    from autograd.viz import grad_flow_summary, plot_grad_flow

    # Two of layers.0's three ReLUs are off for every example: their six parameters
    # get no gradient, and neither do the two output weights that read them.
    state = {f"layers.0.neurons.{i}.{k}": v for i in (0, 1) for k, v in OFF.items()}
    model = _relu_mlp([3, 1], state)
    mse([model(x) for x in X], Y).backward()
    hidden, out = grad_flow_summary(model)
    assert (hidden.zeros, hidden.count, hidden.median, hidden.flag) == (6, 9, 0.0, "vanishing")
    assert (out.zeros, out.count) == (2, 4) and out.median > 0.0
    (ax,) = plot_grad_flow(model).axes
    hollow = [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert [line.get_xdata()[0] for line in hollow] == [0]
    assert "median 0" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert [t.get_text() for t in ax.texts] == ["6\nzeros", "2\nzeros"]
