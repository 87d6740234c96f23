"""``init=``: the rules of torch.nn.init, by name, on Neuron, Layer and MLP.

The statistical tests draw one large layer and compare its sample mean, mean
square and extremes with the distribution torch.nn.init's formulas give, within
5 standard errors worked out from the sample size (a chance failure of about
1 in 10**6 for a fixed seed that is then fixed forever).
"""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from autograd import Value
from nn import MLP, Layer, Neuron, init

NIN, NOUT = 150, 200  # one layer: 30,000 weights
N = NIN * NOUT
Z = 5.0  # standard errors allowed


def _weights(layer: Layer) -> list[float]:
    return [w.data for n in layer.neurons for w in n.w]


def _biases(layer: Layer) -> list[float]:
    return [n.b.data for n in layer.neurons]


def test_zeros_sets_weights_and_biases_so_every_neuron_gets_the_same_gradient() -> None:
    model = MLP(2, [3, 1], seed=0, init="zeros")
    assert set(model.state_dict().values()) == {0.0}
    # Let a gradient reach the hidden layer: output weights 1.0.
    model.load_state_dict({f"layers.1.neurons.0.w.{i}": 1.0 for i in range(3)}, strict=False)
    out = model([0.5, -2.0])
    assert isinstance(out, Value)
    out.backward()
    grads = {tuple(p.grad for p in (*n.w, n.b)) for n in model.layers[0].neurons}
    # The symmetry lesson: identical neurons get identical gradients, so stay identical.
    assert len(grads) == 1 and grads != {(0.0, 0.0, 0.0)}


def test_constant_sets_weights_and_biases_to_its_value() -> None:
    layer = Layer(3, 2, rng=random.Random(0), init=("constant", 0.5))
    assert _weights(layer) == [0.5] * 6 and _biases(layer) == [0.5, 0.5]


def test_default_is_todays_rule_and_other_rules_leave_the_bias_at_zero() -> None:
    # Today's rule: uniform with variance gain**2 / nin, drawn in the same order.
    rng = random.Random(7)
    a = math.sqrt(3.0 * 2.0 / 4)
    expected = [rng.uniform(-a, a) for _ in range(4)]
    assert [w.data for w in Neuron(4, "relu", rng=random.Random(7)).w] == expected
    for name in ("default", "xavier", "he", "uniform", "normal"):
        assert _biases(Layer(3, 4, rng=random.Random(0), init=name)) == [0.0] * 4


@pytest.mark.parametrize("name", [*init.INITS[:-1], ("constant", 0.25), ("normal", 1.0, 0.5)])
def test_the_same_seed_gives_the_same_state_dict(name: init.Init) -> None:
    first = MLP(3, [4, 2], seed=3, init=name).state_dict()
    assert first == MLP(3, [4, 2], seed=3, init=name).state_dict()


def test_init_default_keeps_every_seeded_model_as_it_was() -> None:
    assert (
        MLP(3, [4, 4, 1], seed=0).state_dict()
        == MLP(3, [4, 4, 1], seed=0, init="default").state_dict()
    )


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        ("glorot", ValueError, f"init must be one of {init.INITS}, got 'glorot'"),
        ("constant", ValueError, "init 'constant' needs its value"),
        (("normal", 1.0), ValueError, "init 'normal' takes (mean, std), got ('normal', 1.0)"),
        (("normal", 0.0, -1.0), ValueError, "'normal' std must be a finite number >= 0, got -1.0"),
        (("zeros", 1.0), ValueError, "init 'zeros' takes (no numbers)"),
        (("constant", "half"), TypeError, "'constant' val must be a number, got 'half' (a str)"),
        (("constant", math.inf), ValueError, "'constant' val must be a finite number, got inf"),
        (3, ValueError, "init must be one of"),
    ],
)
def test_a_bad_init_is_refused_by_every_constructor(bad: Any, error: type, message: str) -> None:
    for make in (
        lambda: Neuron(2, init=bad),
        lambda: Layer(2, 2, init=bad),
        lambda: MLP(2, [2, 1], init=bad),
    ):
        with pytest.raises(error) as raised:
            make()
        assert message in str(raised.value)


def _torch_weight(torch: Any, name: str, activation: str) -> Any:
    """A ``torch.nn.Linear(NIN, NOUT)``-shaped weight, initialised by torch.nn.init."""
    torch.manual_seed(0)
    w = torch.empty(NOUT, NIN)
    nonlinearity = activation
    param = 0.01 if activation == "leaky_relu" else None
    if name == "xavier":
        return torch.nn.init.xavier_uniform_(
            w, gain=torch.nn.init.calculate_gain(nonlinearity, param)
        )
    if name == "he":
        return torch.nn.init.kaiming_uniform_(
            w, a=param or 0.0, mode="fan_in", nonlinearity=nonlinearity
        )
    # chainrule's default: kaiming_uniform_ with gain 1 for tanh and sigmoid (LeCun).
    rectifier = activation in ("relu", "leaky_relu")
    return torch.nn.init.kaiming_uniform_(
        w, a=param or 0.0, mode="fan_in", nonlinearity=nonlinearity if rectifier else "linear"
    )


def _expected_bound(torch: Any, name: str, activation: str) -> float:
    """torch.nn.init's documented bound for a (NOUT, NIN) weight."""
    param = 0.01 if activation == "leaky_relu" else None
    gain = torch.nn.init.calculate_gain(activation, param)
    if name == "xavier":
        return gain * math.sqrt(6.0 / (NIN + NOUT))
    if name == "default" and activation not in ("relu", "leaky_relu"):
        gain = 1.0
    return gain * math.sqrt(3.0 / NIN)


def _check_uniform(sample: list[float], low: float, high: float) -> None:
    n = len(sample)
    mean = sum(sample) / n
    width = high - low
    assert abs(mean - (low + high) / 2) <= Z * width / math.sqrt(12 * n)
    # Centred mean square: variance width**2 / 12; its standard error from
    # Var((X - m)**2) = width**4 / 180 for a uniform X.
    mean_square = sum((x - (low + high) / 2) ** 2 for x in sample) / n
    assert abs(mean_square - width**2 / 12) <= Z * width**2 / math.sqrt(180 * n)
    # Every draw inside, and the extremes near the ends: P(all > t from an end) = (1 - t/width)**n.
    t = 20.0 * width / n
    assert low <= min(sample) <= low + t and high - t <= max(sample) <= high


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["default", "xavier", "he"])
@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "leaky_relu", "linear"])
def test_uniform_rules_match_torch_nn_init(torch: Any, name: str, activation: str) -> None:
    a = _expected_bound(torch, name, activation)
    ours = _weights(Layer(NIN, NOUT, activation, rng=random.Random(0), init=name))
    theirs = _torch_weight(torch, name, activation).flatten().tolist()
    assert init.bound(name, NIN, NOUT, activation) == pytest.approx(a, rel=1e-12)
    _check_uniform(ours, -a, a)
    _check_uniform(theirs, -a, a)  # the formula is torch's: its own draws pass too


@pytest.mark.oracle
def test_uniform_and_normal_match_torch_nn_init(torch: Any) -> None:
    ours = _weights(Layer(NIN, NOUT, rng=random.Random(0), init=("uniform", -0.5, 1.5)))
    torch.manual_seed(0)
    theirs = torch.nn.init.uniform_(torch.empty(NOUT, NIN), -0.5, 1.5).flatten().tolist()
    _check_uniform(ours, -0.5, 1.5)
    _check_uniform(theirs, -0.5, 1.5)
    assert _weights(Layer(2, 2, rng=random.Random(0), init="uniform")) == pytest.approx(
        _weights(Layer(2, 2, rng=random.Random(0), init=("uniform", 0.0, 1.0)))
    )
    mean, std = 0.5, 2.0
    ours = _weights(Layer(NIN, NOUT, rng=random.Random(0), init=("normal", mean, std)))
    theirs = torch.nn.init.normal_(torch.empty(NOUT, NIN), mean, std).flatten().tolist()
    for sample in (ours, theirs):
        m = sum(sample) / N
        assert abs(m - mean) <= Z * std / math.sqrt(N)
        # Var((X - mean)**2) = 2 std**4 for a normal X.
        var = sum((x - mean) ** 2 for x in sample) / N
        assert abs(var - std**2) <= Z * std**2 * math.sqrt(2.0 / N)
    torch.nn.init.zeros_(w := torch.empty(2, 2))
    assert _weights(Layer(2, 2, init="zeros")) == w.flatten().tolist()
    torch.nn.init.constant_(w, 0.25)
    assert _weights(Layer(2, 2, init=("constant", 0.25))) == w.flatten().tolist()
