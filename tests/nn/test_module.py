"""Modules: parameter counts and names, seeding, forward shapes, and strict state loading."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value
from nn import MLP, Layer, Module, Neuron


def test_mlp_3_4_4_1_has_41_parameters_with_dotted_names() -> None:
    model = MLP(3, [4, 4, 1], seed=0)
    names = [name for name, _ in model.named_parameters()]
    # (3 weights + 1 bias) * 4 + (4 + 1) * 4 + (4 + 1) * 1
    assert len(model.parameters()) == len(names) == 41
    assert names[:5] == [
        "layers.0.neurons.0.w.0",
        "layers.0.neurons.0.w.1",
        "layers.0.neurons.0.w.2",
        "layers.0.neurons.0.b",
        "layers.0.neurons.1.w.0",
    ]
    assert "layers.1.neurons.3.w.1" in names
    assert names[-1] == "layers.2.neurons.0.b"
    assert all(p.label == name for name, p in model.named_parameters())


def test_neuron_computes_activation_of_weighted_sum_as_one_dot_node() -> None:
    n = Neuron(2, "tanh", rng=random.Random(0))
    n.load_state_dict({"w.0": 0.5, "w.1": -1.0, "b": 0.25})
    x = [Value(2.0), 3.0]
    out = n(x)
    # tanh(0.5*2 - 1*3 + 0.25) = tanh(-1.75)
    assert out.data == math.tanh(-1.75)
    # w · x + b is one dot node, the bias its last operand.
    z = out.parents[0]
    assert out.op == "tanh" and z.op == "dot"
    assert z.parents == (n.w[0], n.w[1], x[0], n.b)
    out.backward()
    d = 1.0 - math.tanh(-1.75) ** 2
    assert n.w[0].grad == pytest.approx(2.0 * d, rel=1e-15)
    assert n.w[1].grad == pytest.approx(3.0 * d, rel=1e-15)
    assert n.b.grad == pytest.approx(d, rel=1e-15)
    assert x[0].grad == pytest.approx(0.5 * d, rel=1e-15)


@pytest.mark.parametrize(
    ("activation", "expected"),
    [
        ("relu", 0.0),
        ("sigmoid", 1.0 / (1.0 + math.exp(1.5))),
        ("leaky_relu", -0.015),
        ("linear", -1.5),
        ("tanh", math.tanh(-1.5)),
    ],
)
def test_each_activation(activation: str, expected: float) -> None:
    n = Neuron(1, activation, rng=random.Random(0))
    n.load_state_dict({"w.0": 1.0, "b": -0.5})
    assert n([-1.0]).data == pytest.approx(expected, rel=1e-15)


def test_layer_returns_a_list_even_for_one_neuron_and_mlp_unwraps_only_the_last() -> None:
    layer = Layer(2, 1, rng=random.Random(0))
    assert isinstance(layer([1.0, 2.0]), list) and len(layer([1.0, 2.0])) == 1
    assert isinstance(MLP(2, [3, 1], seed=0)([1.0, 2.0]), Value)
    outputs = MLP(2, [3, 2], seed=0)([1.0, 2.0])
    assert isinstance(outputs, list) and len(outputs) == 2


def test_hidden_layers_use_the_activation_and_the_last_is_linear() -> None:
    model = MLP(2, [3, 3, 2], activation="relu", seed=0)
    kinds = [[n.activation for n in layer.neurons] for layer in model.layers]
    assert kinds == [["relu"] * 3, ["relu"] * 3, ["linear"] * 2]


def test_same_seed_same_state_and_different_seed_different_state() -> None:
    assert MLP(2, [16, 16, 1], seed=7).state_dict() == MLP(2, [16, 16, 1], seed=7).state_dict()
    assert MLP(2, [16, 16, 1], seed=7).state_dict() != MLP(2, [16, 16, 1], seed=8).state_dict()


def test_initial_weights_scale_with_fan_in_and_biases_start_at_zero() -> None:
    model = MLP(400, [50, 1], activation="relu", seed=0)
    weights = [p.data for name, p in model.named_parameters() if ".w." in name]
    first = weights[: 400 * 50]
    # He: variance 2 / fan_in; 20000 draws give the variance within a few percent.
    variance = sum(w * w for w in first) / len(first)
    assert variance == pytest.approx(2.0 / 400, rel=0.05)
    assert max(abs(w) for w in first) <= math.sqrt(6.0 / 400)
    assert all(p.data == 0.0 for name, p in model.named_parameters() if name.endswith(".b"))


def test_zero_grad_clears_every_gradient() -> None:
    model = MLP(2, [3, 1], seed=0)
    model([1.0, -1.0]).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_state_dict_is_ordered_like_named_parameters() -> None:
    model = MLP(2, [2, 1], seed=0)
    state = model.state_dict()
    assert list(state) == [name for name, _ in model.named_parameters()]
    assert all(type(v) is float for v in state.values())


def test_strict_load_names_missing_and_unexpected_and_changes_nothing() -> None:
    model = MLP(2, [2, 1], seed=0)
    before = model.state_dict()
    state = dict(before)
    state["layers.0.neurons.0.w.0"] = 99.0
    del state["layers.1.neurons.0.b"]
    state["layers.9.bias"] = 1.0
    with pytest.raises(KeyError, match=r"missing \['layers.1.neurons.0.b'\].*unexpected"):
        model.load_state_dict(state)
    assert model.state_dict() == before


@pytest.mark.parametrize("bad", ["1.0", None, True, [1.0]])
def test_non_numeric_entry_is_named_and_changes_nothing(bad: object) -> None:
    model = MLP(2, [2, 1], seed=0)
    before = model.state_dict()
    state: dict[str, object] = {name: 5.0 for name in before}
    state["layers.0.neurons.1.b"] = bad
    with pytest.raises(TypeError, match=r"'layers.0.neurons.1.b' must be a real number"):
        model.load_state_dict(state)
    assert model.state_dict() == before


def test_non_finite_entry_is_refused() -> None:
    model = Neuron(1, rng=random.Random(0))
    with pytest.raises(ValueError, match=r"'b' must be finite"):
        model.load_state_dict({"w.0": 1.0, "b": math.nan})


def test_non_strict_load_ignores_missing_and_unexpected() -> None:
    model = Neuron(2, rng=random.Random(0))
    w1 = model.w[1].data
    model.load_state_dict({"w.0": 0.5, "other": 1.0}, strict=False)
    assert model.w[0].data == 0.5 and model.w[1].data == w1


def test_a_custom_module_finds_values_submodules_and_lists_and_lists_shared_weights_once() -> None:
    class Pair(Module):
        def __init__(self) -> None:
            self.scale = Value(2.0)
            self.inner = Neuron(1, "linear", rng=random.Random(0))
            self.extra = [Value(1.0), self.scale]

        def forward(self, x: float) -> Value:
            return self.scale * self.inner([x]) + self.extra[0]

    m = Pair()
    names = [name for name, _ in m.named_parameters()]
    assert names == ["scale", "inner.w.0", "inner.b", "extra.0"]
    assert isinstance(m(1.0), Value)


def test_bad_construction_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="activation must be one of"):
        Neuron(2, "softsign")
    with pytest.raises(ValueError, match="Neuron nin must be a whole number >= 1, got 0"):
        Neuron(0)
    with pytest.raises(ValueError, match=r"MLP nouts\[1\] must be a whole number >= 1, got 0"):
        MLP(2, [3, 0])
    with pytest.raises(ValueError, match="non-empty list"):
        MLP(2, [])
    with pytest.raises(ValueError, match="Neuron takes 2 inputs, got 3"):
        Neuron(2)([1.0, 2.0, 3.0])
    with pytest.raises(NotImplementedError, match="does not define forward"):
        Module()(1.0)


# -- properties ---------------------------------------------------------------------


@given(
    nin=st.integers(1, 5),
    nouts=st.lists(st.integers(1, 5), min_size=1, max_size=3),
)
def test_parameter_count_is_sum_of_fan_in_plus_one_times_fan_out(
    nin: int, nouts: list[int]
) -> None:
    sizes = [nin, *nouts]
    expected = sum((a + 1) * b for a, b in itertools.pairwise(sizes))
    model = MLP(nin, nouts, seed=0)
    assert len(model.parameters()) == expected
    assert len({name for name, _ in model.named_parameters()}) == expected


@given(seed=st.integers(0, 2**32))
def test_state_dict_round_trips_into_a_differently_seeded_model(seed: int) -> None:
    source, target = MLP(2, [3, 2], seed=seed), MLP(2, [3, 2], seed=seed + 1)
    target.load_state_dict(source.state_dict())
    x = [0.5, -0.25]
    assert [v.data for v in target(x)] == [v.data for v in source(x)]


def test_a_module_that_refers_back_to_its_parent_is_walked_once() -> None:
    import threading

    class Child(Module):
        def __init__(self, parent: Module) -> None:
            self.parent = parent  # a back reference: the module tree has a cycle
            self.w = Value(0.5)

    class Parent(Module):
        def __init__(self) -> None:
            self.b = Value(0.25)
            self.children = [Child(self), Child(self)]

    model = Parent()
    found: list[list[tuple[str, Value]]] = []
    # A hang guard: the walk runs in a thread, so a regression fails the test.
    walker = threading.Thread(target=lambda: found.append(model.named_parameters()), daemon=True)
    walker.start()
    walker.join(timeout=10)
    assert found, "named_parameters() did not return within 10 s"
    assert [name for name, _ in found[0]] == ["b", "children.0.w", "children.1.w"]
    assert model.state_dict() == {"b": 0.25, "children.0.w": 0.5, "children.1.w": 0.5}
