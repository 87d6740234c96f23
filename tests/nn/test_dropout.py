"""Dropout and training mode: inverted dropout while training, the identity in eval."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from autograd import Value
from autograd.trace import forward_steps
from nn import MLP, Dropout, Layer, Module
from nn.pictures.network import layers_of


def test_dropout_drops_with_probability_p_and_doubles_the_rest_at_half() -> None:
    xs = [Value(1.0), Value(2.0), Value(3.0), Value(4.0)]
    # Dropped where the seeded draw is < p: the same draws, made here.
    rng = random.Random(0)
    dropped = [rng.random() < 0.5 for _ in xs]
    assert any(dropped) and not all(dropped)
    out = Dropout(0.5, seed=0)(xs)
    assert [v.data for v in out] == [0.0 if d else 2.0 * x.data for d, x in zip(dropped, xs)]
    sum(out[1:], out[0]).backward()
    # The gradient is the mask: 0.0 where dropped, 1 / (1 - p) = 2.0 where kept.
    assert [x.grad for x in xs] == [0.0 if d else 2.0 for d in dropped]


def test_eval_mode_and_p_zero_are_the_identity() -> None:
    xs = [Value(1.0), Value(-2.0)]
    drop = Dropout(0.5, seed=0)
    assert drop.eval() is drop and not drop.training
    assert all(a is b for a, b in zip(drop(xs), xs))
    assert all(a is b for a, b in zip(Dropout(0.0)(xs), xs))
    assert [v.data for v in Dropout(0.5).eval()([0.5, 0.25])] == [0.5, 0.25]


def test_p_one_drops_everything_as_torch() -> None:
    xs = [Value(1.0), Value(-2.0)]
    out = Dropout(1.0, seed=0)(xs)
    assert [v.data for v in out] == [0.0, 0.0]
    (out[0] + out[1]).backward()
    assert [x.grad for x in xs] == [0.0, 0.0]


def test_the_same_seed_gives_the_same_mask() -> None:
    xs = [1.0] * 50
    first = [v.data for v in Dropout(0.3, seed=4)(xs)]
    assert first == [v.data for v in Dropout(0.3, seed=4)(xs)]
    assert first == [v.data for v in Dropout(0.3, seed=random.Random(4))(xs)]


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_the_kept_fraction_is_one_minus_p_and_the_mean_is_kept(p: float) -> None:
    n = 20_000
    out = [v.data for v in Dropout(p, seed=1)([1.0] * n)]
    kept = sum(v != 0.0 for v in out) / n
    # A binomial proportion: standard error sqrt(p (1 - p) / n); 5 of them.
    se = math.sqrt(p * (1 - p) / n)
    assert abs(kept - (1 - p)) <= 5 * se
    assert set(out) == {0.0, 1.0 / (1.0 - p)}
    assert abs(sum(out) / n - 1.0) <= 5 * se / (1 - p)


@pytest.mark.parametrize(
    ("p", "error", "message"),
    [
        (-0.1, ValueError, "Dropout p must be a number in [0, 1], got -0.1"),
        (1.5, ValueError, "got 1.5"),
        (math.nan, ValueError, "got nan"),
        ("0.5", TypeError, "Dropout p must be a number in [0, 1], got '0.5' (a str)"),
        (True, TypeError, "got True"),
    ],
)
def test_a_bad_p_is_refused(p: Any, error: type, message: str) -> None:
    with pytest.raises(error) as raised:
        Dropout(p)
    assert message in str(raised.value)
    with pytest.raises(error):
        MLP(2, [1], dropout=p)


@pytest.mark.oracle
def test_dropout_matches_torch_scaling_and_modes(torch: Any) -> None:
    drop = torch.nn.Dropout(0.25)
    theirs = set(drop(torch.ones(1000)).tolist())
    ours = {v.data for v in Dropout(0.25, seed=0)([1.0] * 1000)}
    assert ours == theirs == {0.0, 1.0 / 0.75}
    assert torch.nn.Dropout(1.0)(torch.ones(3)).tolist() == [
        v.data for v in Dropout(1.0)([1.0] * 3)
    ]
    assert drop.eval()(torch.ones(2)).tolist() == [v.data for v in Dropout(0.25).eval()([1.0] * 2)]


def test_train_and_eval_set_every_submodule_and_return_self() -> None:
    model = MLP(2, [3, 3, 1], dropout=0.5, layer_norm=True, seed=0)
    assert model.training and all(m.training for m in model.modules())
    assert model.eval() is model
    assert not any(m.training for m in model.modules())
    assert model.train() is model and all(m.training for m in model.modules())
    assert model.train(False) is model and not model.dropouts[1].training
    with pytest.raises(TypeError, match=r"train\(\) mode must be True or False, got 1 \(an int\)"):
        model.train(1)  # type: ignore[arg-type]


def test_train_walks_a_shared_module_and_a_back_reference_once() -> None:
    class Child(Module):
        def __init__(self, parent: Module) -> None:
            self.parent = parent
            self.drop = Dropout(0.5)

    class Parent(Module):
        def __init__(self) -> None:
            self.child = Child(self)
            self.again = [self.child, self.child.drop]

    model = Parent()
    assert [type(m).__name__ for m in model.modules()] == ["Parent", "Child", "Dropout"]
    assert not model.eval().child.drop.training


def test_mlp_dropout_after_each_hidden_layer_and_none_by_default() -> None:
    x = [0.5, -1.0]
    plain = MLP(2, [4, 4, 1], seed=2)
    assert plain.dropouts == [] and plain.norms == []
    assert repr(plain) == "MLP(2, [4, 4, 1], activation='tanh')"
    dropped = MLP(2, [4, 4, 1], dropout=0.5, seed=2)
    assert repr(dropped) == "MLP(2, [4, 4, 1], activation='tanh', dropout=0.5)"
    assert len(dropped.dropouts) == 2
    # Dropout changes neither the weights nor, in eval mode, the output.
    assert dropped.state_dict() == plain.state_dict()
    assert dropped.eval()(x).data == plain(x).data
    # dropout=0.0 leaves the graph as it was: the same nodes, op by op.
    ops = [v.op for v in forward_steps(plain(x))]
    assert ops == [v.op for v in forward_steps(MLP(2, [4, 4, 1], dropout=0.0, seed=2)(x))]
    # Training mode: seeded masks, some hidden outputs dropped.
    train = [MLP(2, [4, 4, 1], dropout=0.5, seed=2)(x).data for _ in range(2)]
    assert train[0] == train[1]
    assert layers_of(dropped) == dropped.layers and all(
        isinstance(x, Layer) for x in dropped.layers
    )


def test_evaluate_runs_in_eval_mode_and_restores_the_mode() -> None:
    from nn.losses import mse
    from nn.train import evaluate

    model = MLP(2, [8, 1], dropout=0.5, seed=0)
    xs, ys = [[1.0, -0.5], [0.25, 2.0]], [1.0, 0.0]
    first = evaluate(model, xs, ys, mse)
    assert model.training  # left as it was
    assert evaluate(model, xs, ys, mse) == first  # no dropout: the same every time
    model.eval()
    by_hand = mse([model(x) for x in xs], ys).data
    assert first == (by_hand, None) and not model.training
