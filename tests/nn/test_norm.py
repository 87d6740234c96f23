"""LayerNorm: hand-worked numbers, torch.nn.LayerNorm as the oracle, and inside an MLP."""

from __future__ import annotations

import math
from typing import Any

import pytest

from autograd import Value, gradcheck
from nn import MLP, LayerNorm
from nn.pictures.network import network

XS = [0.5, -1.25, 2.0, 0.25]
GAIN = [1.5, -0.5, 2.0, 0.75]
BIAS = [0.25, 0.0, -1.0, 0.5]
UPSTREAM = [1.0, -2.0, 0.5, 3.0]  # weights of the sum backpropagated


def _ours(eps: float = 1e-5) -> tuple[LayerNorm, list[Value], list[Value]]:
    norm = LayerNorm(4, eps=eps)
    for g, b, gain, bias in zip(norm.gain, norm.bias, GAIN, BIAS, strict=True):
        g.data, b.data = gain, bias
    xs = [Value(x) for x in XS]
    return norm, xs, norm(xs)


def test_two_values_become_minus_one_and_one() -> None:
    norm = LayerNorm(2, eps=0.0)
    xs = [Value(1.0), Value(3.0)]
    out = norm(xs)
    assert [v.data for v in out] == [-1.0, 1.0]  # mean 2, variance (1 + 1) / 2 = 1
    out[1].backward()
    assert norm.gain[1].grad == 1.0 and norm.bias[1].grad == 1.0 and norm.gain[0].grad == 0.0
    # d(y1)/d(xj) = (delta_1j - 1/n - y1 yj / n) / std: 1 - 1/2 - 1/2 and 0 - 1/2 + 1/2.
    # (Two values always normalise to -1 and 1, so no gradient reaches them.)
    assert [x.grad for x in xs] == pytest.approx([0.0, 0.0], abs=1e-15)


def test_parameters_start_at_gain_one_bias_zero_with_names() -> None:
    norm = LayerNorm(3)
    assert norm.state_dict() == {
        "gain.0": 1.0,
        "gain.1": 1.0,
        "gain.2": 1.0,
        "bias.0": 0.0,
        "bias.1": 0.0,
        "bias.2": 0.0,
    }
    assert repr(norm) == "LayerNorm(3, eps=1e-05)"


def test_the_output_has_mean_zero_and_variance_one_before_gain_and_bias() -> None:
    out = [v.data for v in LayerNorm(4, eps=0.0)(XS)]
    assert sum(out) / 4 == pytest.approx(0.0, abs=1e-15)
    assert sum(v * v for v in out) / 4 == pytest.approx(1.0, rel=1e-15)


def test_gradients_pass_the_finite_difference_check() -> None:
    norm = LayerNorm(3)

    def f(a: Value, b: Value, c: Value) -> Value:
        out = norm([a, b, c])
        return out[0] * 2.0 - out[1] + out[2] * out[2]

    gradcheck(f, [0.5, -1.0, 2.0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0,), "LayerNorm n must be a whole number >= 1, got 0"),
        ((2.0,), "LayerNorm n must be a whole number >= 1, got 2.0"),
        ((2, -1e-5), "LayerNorm eps must be a finite number >= 0, got -1e-05"),
        ((2, math.nan), "LayerNorm eps must be a finite number >= 0, got nan"),
    ],
)
def test_bad_arguments_are_refused(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ValueError) as raised:
        LayerNorm(*args)
    assert str(raised.value) == message


def test_the_wrong_number_of_values_is_refused() -> None:
    with pytest.raises(ValueError, match="LayerNorm takes 2 values, got 3"):
        LayerNorm(2)([1.0, 2.0, 3.0])


@pytest.mark.oracle
@pytest.mark.parametrize("eps", [1e-5, 0.5])
def test_values_and_gradients_match_torch_layer_norm(torch: Any, eps: float) -> None:
    norm, xs, out = _ours(eps)
    sum(u * y for u, y in zip(UPSTREAM, out)).backward()  # type: ignore[attr-defined]
    theirs = torch.nn.LayerNorm(4, eps=eps)
    with torch.no_grad():
        theirs.weight.copy_(torch.tensor(GAIN))
        theirs.bias.copy_(torch.tensor(BIAS))
    t = torch.tensor(XS, requires_grad=True)
    y = theirs(t)
    (y * torch.tensor(UPSTREAM)).sum().backward()
    assert [v.data for v in out] == pytest.approx(y.tolist(), rel=1e-12, abs=1e-14)
    assert [x.grad for x in xs] == pytest.approx(t.grad.tolist(), rel=1e-10, abs=1e-14)
    assert [g.grad for g in norm.gain] == pytest.approx(theirs.weight.grad.tolist(), rel=1e-12)
    assert [b.grad for b in norm.bias] == pytest.approx(theirs.bias.grad.tolist(), rel=1e-12)


def test_mlp_layer_norm_after_each_hidden_layer() -> None:
    x = [0.5, -1.0]
    model = MLP(2, [3, 4, 1], layer_norm=True, seed=0)
    plain = MLP(2, [3, 4, 1], seed=0)
    assert repr(model) == "MLP(2, [3, 4, 1], activation='tanh', layer_norm=True)"
    assert [len(n.gain) for n in model.norms] == [3, 4]
    names = list(model.state_dict())
    # The layers' names as before, the norms' after them.
    assert names[: len(plain.state_dict())] == list(plain.state_dict())
    assert names[-1] == "norms.1.bias.3" and len(names) == 9 + 16 + 5 + 2 * (3 + 4)
    # By hand: layer, norm, layer, norm, output layer.
    h: list[Any] = x
    for layer, norm in zip(model.layers, [*model.norms, None]):
        h = layer(h)
        h = norm(h) if norm is not None else h
    assert model(x).data == h[0].data
    with pytest.raises(TypeError, match="MLP layer_norm must be True or False, got 1"):
        MLP(2, [1], layer_norm=1)  # type: ignore[arg-type]
    # The network view still draws its layers (the neurons' own outputs).
    assert len(network(model, x).columns) == 4
