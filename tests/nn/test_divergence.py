"""Where a diverged step first went wrong (issue 29, item 4): the step re-run under detect_anomaly.

Each case is a model built so that one value, worked out by hand, is the first to
overflow: in a forward pass, in the loss's penalty, in a backward pass, in the sum
of a gradient's terms, in the optimizer's update, in the validation pass after it.
The natural case (the playground at a huge learning rate on its own seed) is
checked against the same step taken in PyTorch, then the validation pass in plain
floats, unit by unit in the order a forward pass runs them.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from nn import MLP
from nn.widgets.divergence import first_non_finite
from nn.widgets.trainer import Settings, Trainer

INF = float("inf")


def two_units(w0: float, w_out: float) -> MLP:
    """MLP(2, [1, 1]), linear: h = w0 * x0 (the other weight and biases 0), z = w_out * h."""
    model = MLP(2, [1, 1], activation="linear", seed=0)
    model.load_state_dict(
        {
            "layers.0.neurons.0.w.0": w0,
            "layers.0.neurons.0.w.1": 0.0,
            "layers.0.neurons.0.b": 0.0,
            "layers.1.neurons.0.w.0": w_out,
            "layers.1.neurons.0.b": 0.0,
        }
    )
    return model


def trainer(model: MLP, x0: float, **settings: Any) -> Trainer:
    """Four copies of the point (x0, 0), class 0: three to train on, one to validate."""
    s = Settings(**{"hidden": [1], "activation": "linear", **settings})
    return Trainer(([[x0, 0.0]] * 4, [0, 0, 0, 0]), s, model, points=4)


def state(t: Trainer) -> tuple[dict[str, float], list[float], dict[str, Any]]:
    opt = {k: list(v) if isinstance(v, list) else v for k, v in vars(t.optimizer).items()}
    del opt["params"]
    return t.model.state_dict(), [p.grad for p in t.model.parameters()], opt


# -- one case a stage, each worked out by hand --------------------------------------------


def test_a_weighted_sum_that_overflows_in_the_forward_pass_is_named_by_its_unit() -> None:
    # h = 1e300 * 1.0 is finite; z = 1e300 * h is 1e600: inf, in layer 2's only unit.
    t = trainer(two_units(1e300, 1e300), 1.0)
    found = first_non_finite(t)
    assert found is not None
    assert (found.stage, found.op, found.node, found.value) == (
        "forward",
        "dot",
        "layer 2 · neuron 1",
        INF,
    )
    assert (found.step, found.lr) == (1, 0.1)
    assert str(found) == (
        "Step 1 re-run under detect_anomaly: the first non-finite value is inf, from dot "
        "(the weighted sum w·x + b) in layer 2 · neuron 1, on the training point (1.0, 0.0); "
        "learning rate 0.1"
    )


def test_a_weighted_sum_whose_terms_overflow_both_ways_is_nan_and_says_so() -> None:
    # Two hidden units of 1e300 each; the output's weights 1e300 and -1e300: inf + -inf.
    model = MLP(2, [2, 1], activation="linear", seed=0)
    weights = dict.fromkeys(model.state_dict(), 0.0)
    weights |= {"layers.0.neurons.0.w.0": 1e300, "layers.0.neurons.1.w.0": 1e300}
    weights |= {"layers.1.neurons.0.w.0": 1e300, "layers.1.neurons.0.w.1": -1e300}
    model.load_state_dict(weights)
    found = first_non_finite(trainer(model, 1.0, hidden=[2]))
    assert found is not None and math.isnan(found.value)
    assert (found.stage, found.op, found.node) == ("forward", "dot", "layer 2 · neuron 1")
    assert "is nan, from dot (the weighted sum w·x + b, whose terms overflowed both ways)" in str(
        found
    )


def test_a_penalty_that_overflows_is_named_as_the_penalty() -> None:
    # The loss is finite (z = 1e200 * 1e-300 = 1e-100) but the l2 penalty squares 1e200.
    t = trainer(two_units(1e200, 1.0), 1e-300, penalty="l2", rate=0.1)
    found = first_non_finite(t)
    assert found is not None
    assert (found.stage, found.op, found.node, found.value) == (
        "penalty",
        "*",
        "the l2 penalty",
        INF,
    )


def test_a_gradient_that_overflows_in_the_backward_pass_names_the_weight_it_was_for() -> None:
    # z = 0, so dL/dz = (sigmoid(0) - 0) / 3 for each of the 3 training points; back
    # through w_out = 1e308 that is 3.3e307, and times x0 = 1e4 for w.0: inf.
    assert math.isinf((0.5 / 3) * 1e308 * 1e4)
    t = trainer(two_units(0.0, 1e308), 1e4)
    found = first_non_finite(t)
    assert found is not None
    assert (found.stage, found.op, found.node, found.value) == (
        "backward",
        "dot",
        "layer 1 · neuron 1",
        INF,
    )
    assert "the gradient it passes to layers.0.neurons.0.w.0" in str(found)


def test_finite_terms_whose_sum_overflows_are_named_as_the_sum() -> None:
    # Each training point's term for w.0 is (0.5 / 3) * 1e300 * 6e8 = 1e308, finite;
    # detect_anomaly checks each term, and the three of them add up to inf.
    term = (0.5 / 3) * 1e300 * 6e8
    assert math.isfinite(term) and math.isinf(term + term + term)
    found = first_non_finite(trainer(two_units(0.0, 1e300), 6e8))
    assert found is not None
    assert (found.stage, found.op, found.value) == ("backward", "+", INF)
    assert found.node == "layers.0.neurons.0.w.0 (layer 1 · neuron 1)"


def test_an_update_that_overflows_is_named_with_its_weight_and_gradient() -> None:
    # Every value of the forward and backward passes is finite: w.0's gradient is
    # (0.5 / 3) * 1.0 * 1e4 summed over 3 points = 5000; SGD: 0 - 1e308 * 5000 = -inf.
    t = trainer(two_units(0.0, 1.0), 1e4, lr=1e308)
    found = first_non_finite(t)
    assert found is not None
    assert (found.stage, found.op, found.value) == ("update", "the sgd update", -INF)
    assert found.node == "layers.0.neurons.0.w.0 (layer 1 · neuron 1)"
    assert found.detail == ": weight 0.0, gradient 5000.0"


def test_a_step_that_does_not_diverge_finds_nothing() -> None:
    assert first_non_finite(trainer(two_units(0.5, 0.5), 1.0)) is None


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam", "rmsprop"])
def test_the_re_run_leaves_the_model_its_gradients_and_its_optimizer_as_they_were(
    optimizer: str,
) -> None:
    t = Trainer("moons", Settings(hidden=[4], activation="relu", optimizer=optimizer), points=40)
    for _ in range(3):
        t.step()
    t.optimizer.lr = 1e200
    before = state(t)
    assert first_non_finite(t) is not None
    assert state(t) == before


# -- the playground's own case, against PyTorch -----------------------------------------


def torch_step(t: Trainer, lr: float) -> dict[str, float]:
    """The trainer's first step taken in PyTorch (float64): the weights after one SGD step."""
    torch = pytest.importorskip("torch")
    names = list(t.model.state_dict())
    params = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True)
        for k, v in t.model.state_dict().items()
    }
    sizes = [len(layer.neurons) for layer in t.model.layers]
    logits = []
    for x in t.X:
        h = [torch.tensor(v, dtype=torch.float64) for v in x]
        for k, n in enumerate(sizes):
            z = [
                sum(params[f"layers.{k}.neurons.{j}.w.{i}"] * hi for i, hi in enumerate(h))
                + params[f"layers.{k}.neurons.{j}.b"]
                for j in range(n)
            ]
            h = z if k == len(sizes) - 1 else [torch.relu(v) for v in z]
        logits.append(h[0])
    loss = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.stack(logits), torch.tensor([float(v) for v in t.y], dtype=torch.float64)
    )
    loss.backward()
    return {k: float(params[k].detach() - lr * params[k].grad) for k in names}


def first_overflow_by_hand(t: Trainer, weights: dict[str, float]) -> tuple[int, int, int, float]:
    """(validation point, layer, neuron, value): the first weighted sum that is not finite,
    in plain floats, in the order a forward pass computes them (relu hidden units)."""
    sizes = [len(layer.neurons) for layer in t.model.layers]
    for p, x in enumerate(t.X_val):
        h = list(x)
        for k, n in enumerate(sizes):
            z = []
            for j in range(n):
                s = sum(weights[f"layers.{k}.neurons.{j}.w.{i}"] * hi for i, hi in enumerate(h))
                s += weights[f"layers.{k}.neurons.{j}.b"]
                if not math.isfinite(s):
                    return p, k + 1, j + 1, s
                z.append(s)
            h = [max(v, 0.0) for v in z]
    raise AssertionError("no weighted sum overflows")


def test_the_playground_at_lr_1e200_names_the_unit_and_the_point_pytorch_and_floats_find() -> None:
    pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
    from nn import playground

    pg = playground([8, 8], lr=1e200, activation="relu")
    t = pg.trainer
    weights = torch_step(t, 1e200)
    assert all(map(math.isfinite, weights.values()))  # the update itself is finite
    p, layer, neuron, value = first_overflow_by_hand(t, weights)
    with pytest.raises(FloatingPointError) as info:
        pg.train(1)
    x = ", ".join(f"{v:g}" for v in t.X_val[p])
    want = (
        f"\nStep 1 re-run under detect_anomaly: the first non-finite value is {value!r}, from dot "
        f"(the weighted sum w·x + b) in layer {layer} · neuron {neuron}, on the validation point "
        f"({x}) with the weights the update gave; learning rate 1e+200"
    )
    assert str(info.value).endswith(want) and pg.error == str(info.value)


# -- the way out: reset with the learning rate divided by 10 --------------------------------


def test_reset_with_a_tenth_of_the_learning_rate_starts_as_a_fresh_playground() -> None:
    pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
    from nn import playground

    pg = playground([8, 8], lr=30.0, activation="linear")
    with pytest.raises(FloatingPointError):
        pg.train(60)
    assert pg.error and pg.step > 0
    pg._message(None, {"do": "reset", "lr": "tenth"}, [])  # the button's message
    fresh = playground([8, 8], lr=3.0, activation="linear")
    assert pg.lr == 3.0 and pg.trainer.optimizer.lr == 3.0
    assert pg.error == "" and pg.step == 0 and pg.trainer.loss == []
    assert pg.model.state_dict() == fresh.model.state_dict()
    assert pg.train(5).model.state_dict() == fresh.train(5).model.state_dict()


def test_the_button_shows_a_tenth_as_the_control_would_write_it() -> None:
    pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
    from nn import playground

    pg = playground([4], lr=0.003, points=60)
    assert 0.003 / 10 != 0.0003  # what the division alone would show: 0.00030000000000000003
    pg._message(None, {"do": "reset", "lr": "tenth"}, [])
    assert pg.lr == 0.0003 and pg.trainer.optimizer.lr == 0.0003


def test_reset_refuses_a_learning_rate_the_control_refuses_and_changes_nothing() -> None:
    pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
    import traitlets

    from nn import playground

    pg = playground([4], lr=0.3, points=60).train(2)
    start = pg.model.state_dict()
    with pytest.raises(traitlets.TraitError, match="lr"):
        pg.reset(lr=-0.1)
    assert pg.lr == 0.3 and pg.step == 2 and pg.model.state_dict() == start
