"""The playground's trainer on every task, features, batch size and split (issue 30).

Every expectation is computed without the Trainer: the split by
``nn.data.train_test_split``, the features by their formulas in NumPy, the
weights after n steps by ``nn.fit`` (its own batches and seed).
"""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from autograd import no_grad
from nn import MLP, fit
from nn.data import make_moons, train_test_split
from nn.losses import binary_cross_entropy_with_logits, cross_entropy, l1_penalty, l2_penalty, mse
from nn.optim import SGD, Adam
from nn.widgets.trainer import Settings, Trainer
from tests.nn.trainer_data import by_formula, plane, three_classes

OPTIMIZERS = {"sgd": lambda p, lr: SGD(p, lr), "adam": lambda p, lr: Adam(p, lr)}


def fitted(
    data: tuple[list[Any], list[Any]], s: Settings, loss: Any, outputs: int, epochs: int
) -> MLP:
    """What nn.fit leaves after ``epochs`` epochs on the settings' split and features."""
    X, _, y, _ = train_test_split(*data, s.test_fraction, seed=s.seed)
    model = MLP(len(s.features), [*s.hidden, outputs], s.activation, seed=s.seed)
    params = model.parameters()
    if s.penalty != "none":
        penalty = {"l1": l1_penalty, "l2": l2_penalty}[s.penalty]

        def objective(preds: list[Any], targets: list[Any]) -> Any:
            return loss(preds, targets) + s.rate * penalty(params)
    else:
        objective = loss
    fit(model, by_formula(X, s.features), y, loss=objective,
        optimizer=OPTIMIZERS[s.optimizer](params, s.lr), epochs=epochs,
        batch_size=s.batch_size, seed=s.seed, progress=False)  # fmt: skip
    return model


def steps(t: Trainer, n: int) -> Trainer:
    for _ in range(n):
        t.step()
    return t


def assert_same_weights(a: MLP, b: MLP) -> None:
    got, want = a.state_dict(), b.state_dict()
    assert got.keys() == want.keys()
    assert max(abs(got[k] - want[k]) for k in got) <= 1e-12


# -- the split and the features -----------------------------------------------------------


def test_the_split_and_the_inputs_are_train_test_split_and_the_features_formulas() -> None:
    s = Settings(hidden=[3], features=("x1·x2", "x1", "sin x2"), test_fraction=0.4, seed=2)
    t = Trainer("moons", s, points=50)
    X, y = make_moons(50, noise=0.1, seed=2)
    X_train, X_val, y_train, y_val = train_test_split(X, y, 0.4, seed=2)
    assert (t.X, t.X_val, t.y, t.y_val) == (X_train, X_val, y_train, y_val)
    assert len(t.X_val) == 20  # ceil(0.4 * 50)
    assert t.settings.features == ("x1", "x1·x2", "sin x2")  # kept in the network's order
    assert t.inputs == by_formula(X_train, ("x1", "x1·x2", "sin x2"))
    assert t.inputs_val == by_formula(X_val, ("x1", "x1·x2", "sin x2"))
    assert len(t.model.layers[0].neurons[0].w) == 3


def test_on_xor_the_product_alone_makes_a_linear_model_suffice() -> None:
    rng = random.Random(0)
    X = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(200)]
    X = [p for p in X if abs(p[0]) > 0.1 and abs(p[1]) > 0.1]  # off the axes, as a margin
    y = [int(a * b > 0) for a, b in X]
    linear = MLP(1, [1], seed=0)  # no hidden layer: one weight on x1·x2, one bias
    t = Trainer((X, y), Settings(features=("x1·x2",), lr=1.0), linear, points=len(X))
    steps(t, 300)
    assert t.accuracy() == 1.0
    flat = Trainer((X, y), Settings(features=("x1", "x2"), lr=1.0), MLP(2, [1], seed=0))
    assert steps(flat, 300).accuracy() < 0.75  # a line through x1, x2 cannot


# -- steps equal fit's ------------------------------------------------------------------


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
@pytest.mark.parametrize("penalty", ["none", "l2", "l1"])
@pytest.mark.parametrize("batch_size", [1, 7, 10, 45, 1000])
def test_batch_steps_equal_fits_steps(optimizer: str, penalty: str, batch_size: int) -> None:
    # 60 moons: 45 to train on, so batches of 7 end with one of 3 and 1000 is all of them.
    s = Settings(hidden=[4], optimizer=optimizer, lr=0.05, penalty=penalty, rate=0.01, seed=3,
                 batch_size=batch_size)  # fmt: skip
    t = Trainer("moons", s, points=60)
    epochs = 2
    steps(t, epochs * math.ceil(45 / batch_size))
    data = make_moons(60, noise=0.1, seed=3)
    assert_same_weights(t.model, fitted(data, s, binary_cross_entropy_with_logits, 1, epochs))


def test_batch_steps_follow_fits_order_within_an_epoch_too() -> None:
    # Three steps of 10 from 45: fit's first epoch, cut short after its third batch.
    s = Settings(hidden=[4], lr=0.1, seed=5, batch_size=10)
    t = steps(Trainer("moons", s, points=60), 3)
    X, _, y, _ = train_test_split(*make_moons(60, noise=0.1, seed=5), 0.25, seed=5)
    model = MLP(2, [4, 1], seed=5)
    taken: list[int] = []

    def loss(preds: list[Any], targets: list[Any]) -> Any:
        if len(taken) == 3:
            raise StopIteration  # fit's fourth step: stop before it changes anything
        taken.append(len(preds))
        return binary_cross_entropy_with_logits(preds, targets)

    with pytest.raises(StopIteration):
        fit(model, X, y, loss=loss, optimizer=SGD(model.parameters(), 0.1), epochs=1,
            batch_size=10, seed=5, progress=False)  # fmt: skip
    assert taken == [10, 10, 10]
    assert_same_weights(t.model, model)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
@pytest.mark.parametrize("batch_size", [None, 8])
def test_three_classes_steps_equal_fit_with_cross_entropy(
    optimizer: str, batch_size: int | None
) -> None:
    data = three_classes()
    s = Settings(hidden=[5], optimizer=optimizer, lr=0.1, seed=1, batch_size=batch_size,
                 features=("x1", "x2", "x1·x2"))  # fmt: skip
    t = Trainer(data, s, points=60)
    assert (t.task.kind, t.task.k) == ("classes", 3)
    assert len(t.model.layers[-1].neurons) == 3  # one logit per class
    epochs = 3
    steps(t, epochs * (1 if batch_size is None else math.ceil(45 / batch_size)))
    assert_same_weights(t.model, fitted(data, s, cross_entropy, 3, epochs))


@pytest.mark.parametrize("penalty", ["none", "l2"])
@pytest.mark.parametrize("batch_size", [None, 16])
def test_regression_steps_equal_fit_with_mse(penalty: str, batch_size: int | None) -> None:
    data = plane()
    s = Settings(hidden=[4], activation="relu", lr=0.02, seed=4, penalty=penalty,
                 batch_size=batch_size)  # fmt: skip
    t = Trainer(data, s, points=60)
    assert (t.task.kind, t.task.outputs) == ("regression", 1)
    epochs = 4
    steps(t, epochs * (1 if batch_size is None else math.ceil(45 / batch_size)))
    assert_same_weights(t.model, fitted(data, s, mse, 1, epochs))


def test_the_validation_loss_is_the_tasks_loss_on_the_held_out_points() -> None:
    for data, loss in ((three_classes(), cross_entropy), (plane(), mse)):
        t = steps(Trainer(data, Settings(hidden=[3], seed=2)), 2)
        with no_grad():
            want = loss([t.model(x) for x in t.inputs_val], t.y_val).data
        assert t.val_loss[-1] == pytest.approx(want, rel=1e-12)


def test_the_accuracy_counts_the_largest_logit() -> None:
    t = Trainer(three_classes(), Settings(hidden=[3], seed=2))
    with no_grad():
        logits = [[v.data for v in t.model(x)] for x in t.inputs_val]
    hits = sum(row.index(max(row)) == label for row, label in zip(logits, t.y_val, strict=True))
    assert t.accuracy() == hits / 15
    assert Trainer(plane(), Settings(hidden=[3])).accuracy() is None


# -- what it says ------------------------------------------------------------------------


def test_summary_says_each_tasks_loss() -> None:
    t = steps(Trainer(plane(), Settings(hidden=[3], lr=0.01)), 1)
    mse_val = t.val_loss[-1]
    assert t.summary().startswith("step 1 · mse ")
    assert f"(rmse {math.sqrt(mse_val):.6g})" in t.summary()
    classes = Trainer(three_classes(), Settings(hidden=[3]))
    assert classes.summary().startswith("step 0 · validation loss ")
    assert classes.summary().endswith(f"validation accuracy {round(100 * classes.accuracy())}%")
    binary = steps(Trainer("moons", Settings(hidden=[3]), points=40), 1)
    assert " · loss " in binary.summary() and "accuracy" not in binary.summary()
