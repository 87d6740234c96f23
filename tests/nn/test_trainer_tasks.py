"""The playground's trainer on every task, features, batch size and split (issue 30).

Every expectation is computed without the Trainer: the split by
``nn.data.train_test_split``, the features by their formulas in NumPy, the
weights after n steps by ``nn.fit`` (its own batches and seed), the boundary
panel's cells by the model's own forward pass on Values at each cell's centre.
"""

from __future__ import annotations

import math
import random
from typing import Any

import numpy as np
import pytest

import nn.widgets.trainer as trainer_module
from autograd import no_grad
from nn import MLP, fit
from nn.data import make_moons, train_test_split
from nn.losses import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    l1_penalty,
    l2_penalty,
    mse,
)
from nn.optim import SGD, Adam
from nn.widgets.divergence import first_non_finite
from nn.widgets.playground_settings import check_setting
from nn.widgets.trainer import Settings, Trainer

OPTIMIZERS = {"sgd": lambda p, lr: SGD(p, lr), "adam": lambda p, lr: Adam(p, lr)}


@pytest.fixture
def any_targets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let ``(X, y)`` with k classes or real targets through ``dataset()`` as given.

    Another part of issue 30 extends ``dataset()``'s checks to k classes and real
    targets; until it lands, these tests hand the Trainer their data as lists.
    """
    checked = trainer_module.dataset

    def given(data: Any, *args: Any) -> Any:
        return checked(data, *args) if isinstance(data, str) else (data[0], data[1])

    monkeypatch.setattr(trainer_module, "dataset", given)


def three_classes(n: int = 60, seed: int = 0) -> tuple[list[list[float]], list[int]]:
    """Three blobs at (-2, 0), (2, 0) and (0, 2.5), class k at the k-th, shuffled."""
    rng = random.Random(seed)
    centres = [(-2.0, 0.0), (2.0, 0.0), (0.0, 2.5)]
    points = [
        ([cx + rng.gauss(0, 0.6), cy + rng.gauss(0, 0.6)], k)
        for k, (cx, cy) in enumerate(centres)
        for _ in range(n // 3)
    ]
    rng.shuffle(points)
    return [p for p, _ in points], [k for _, k in points]


def plane(n: int = 60, seed: int = 0) -> tuple[list[list[float]], list[float]]:
    """A linear target on the plane with noise: t = 2 x1 - x2 + 0.5 + N(0, 0.1)."""
    rng = random.Random(seed)
    X = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(n)]
    return X, [2 * a - b + 0.5 + rng.gauss(0, 0.1) for a, b in X]


def by_formula(X: list[list[float]], chosen: tuple[str, ...]) -> list[list[float]]:
    """The features by their formulas, in NumPy (not nn.features)."""
    a, b = np.array(X)[:, 0], np.array(X)[:, 1]
    columns = {
        "x1": a, "x2": b, "x1²": a * a, "x2²": b * b, "x1·x2": a * b,
        "sin x1": np.sin(a), "sin x2": np.sin(b),
    }  # fmt: skip
    return np.column_stack([columns[f] for f in chosen]).tolist()


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
    any_targets: None, optimizer: str, batch_size: int | None
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
def test_regression_steps_equal_fit_with_mse(
    any_targets: None, penalty: str, batch_size: int | None
) -> None:
    data = plane()
    s = Settings(hidden=[4], activation="relu", lr=0.02, seed=4, penalty=penalty,
                 batch_size=batch_size)  # fmt: skip
    t = Trainer(data, s, points=60)
    assert (t.task.kind, t.task.outputs) == ("regression", 1)
    epochs = 4
    steps(t, epochs * (1 if batch_size is None else math.ceil(45 / batch_size)))
    assert_same_weights(t.model, fitted(data, s, mse, 1, epochs))


def test_the_validation_loss_is_the_tasks_loss_on_the_held_out_points(any_targets: None) -> None:
    for data, loss in ((three_classes(), cross_entropy), (plane(), mse)):
        t = steps(Trainer(data, Settings(hidden=[3], seed=2)), 2)
        with no_grad():
            want = loss([t.model(x) for x in t.inputs_val], t.y_val).data
        assert t.val_loss[-1] == pytest.approx(want, rel=1e-12)


def test_the_accuracy_counts_the_largest_logit(any_targets: None) -> None:
    t = Trainer(three_classes(), Settings(hidden=[3], seed=2))
    with no_grad():
        logits = [[v.data for v in t.model(x)] for x in t.inputs_val]
    hits = sum(row.index(max(row)) == label for row, label in zip(logits, t.y_val, strict=True))
    assert t.accuracy() == hits / 15
    assert Trainer(plane(), Settings(hidden=[3])).accuracy() is None


# -- what it says ------------------------------------------------------------------------


def test_summary_says_each_tasks_loss(any_targets: None) -> None:
    t = steps(Trainer(plane(), Settings(hidden=[3], lr=0.01)), 1)
    mse_val = t.val_loss[-1]
    assert t.summary().startswith("step 1 · mse ")
    assert f"(rmse {math.sqrt(mse_val):.6g})" in t.summary()
    classes = Trainer(three_classes(), Settings(hidden=[3]))
    assert classes.summary().startswith("step 0 · validation loss ")
    assert classes.summary().endswith(f"validation accuracy {round(100 * classes.accuracy())}%")
    binary = steps(Trainer("moons", Settings(hidden=[3]), points=40), 1)
    assert " · loss " in binary.summary() and "accuracy" not in binary.summary()


# -- the boundary panel's data ------------------------------------------------------------


def centres(t: Trainer, n: int) -> list[list[float]]:
    x0, x1, y0, y1 = t.bounds()
    return [
        [x0 + (c + 0.5) * (x1 - x0) / n, y1 - (r + 0.5) * (y1 - y0) / n]
        for r in range(n)
        for c in range(n)
    ]


def forward(t: Trainer, point: list[float]) -> list[float]:
    """The model's outputs at ``point``, on Values, from the features' formulas."""
    with no_grad():
        out = t.model(by_formula([point], t.settings.features)[0])
    return [out.data] if not isinstance(out, list) else [v.data for v in out]


def test_surface_of_two_classes_is_the_probability_of_class_1() -> None:
    s = Settings(hidden=[4], features=("x1", "x2", "x2²"), seed=1)
    t = steps(Trainer("circles", s, points=40), 3)
    found = t.surface(6)
    want = [round(100 / (1 + math.exp(-forward(t, p)[0]))) for p in centres(t, 6)]
    assert found == {"task": "binary", "grid": want, "confidence": None, "range": None,
                     "classes": 2}  # fmt: skip
    assert t.grid(6) == want


def test_surface_of_three_classes_is_the_likeliest_class_and_its_probability(
    any_targets: None,
) -> None:
    t = steps(Trainer(three_classes(), Settings(hidden=[4], lr=0.3)), 20)
    found = t.surface(7)
    grid, confidence = [], []
    for p in centres(t, 7):
        z = forward(t, p)
        probs = [math.exp(v) / sum(math.exp(u) for u in z) for v in z]
        grid.append(probs.index(max(probs)))
        confidence.append(round(100 * max(probs)))
    assert found == {"task": "classes", "grid": grid, "confidence": confidence, "range": None,
                     "classes": 3}  # fmt: skip
    assert set(grid) == {0, 1, 2}  # trained: each class has its region


def test_surface_of_a_regression_is_the_value_to_four_digits(any_targets: None) -> None:
    data = plane()
    t = steps(Trainer(data, Settings(hidden=[4], lr=0.02)), 5)
    found = t.surface(5)
    want = []
    for p in centres(t, 5):
        v = forward(t, p)[0]
        want.append(round(v, 3 - math.floor(math.log10(abs(v)))))  # 4 significant digits
    assert found["grid"] == want
    _, _, y_train, _ = train_test_split(*data, 0.25, seed=0)
    assert found["range"] == [min(y_train), max(y_train)]
    assert (found["task"], found["confidence"], found["classes"]) == ("regression", None, 1)


def test_cells_where_the_output_is_not_finite(any_targets: None) -> None:
    for data, cell in (
        ("moons", (50, None)),
        (three_classes(), (-1, -1)),
        (plane(), (None, None)),
    ):
        t = Trainer(data, Settings(hidden=[2]), points=40)
        t.model.layers[-1].neurons[0].b.data = math.nan
        found = t.surface(2)
        assert found["grid"] == [cell[0]] * 4
        if found["task"] == "classes":
            assert found["confidence"] == [cell[1]] * 4


# -- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "value", "error", "message"),
    [
        ("batch_size", 0, ValueError,
         "playground batch_size must be a whole number >= 1 or None, got 0"),
        ("batch_size", 2.5, ValueError,
         "playground batch_size must be a whole number >= 1 or None, got 2.5"),
        ("batch_size", True, TypeError,
         "playground batch_size must be a whole number >= 1 or None, got True (a bool)"),
        ("batch_size", "all", TypeError,
         "playground batch_size must be a whole number >= 1 or None, got 'all'"),
        ("test_fraction", 0.0, ValueError,
         "playground test_fraction must be a number in (0, 1), got 0.0"),
        ("test_fraction", 1, ValueError,
         "playground test_fraction must be a number in (0, 1), got 1"),
        ("test_fraction", math.nan, ValueError,
         "playground test_fraction must be a number in (0, 1), got nan"),
        ("test_fraction", "0.2", TypeError,
         "playground test_fraction must be a number in (0, 1), got '0.2' (a str)"),
        ("features", [], ValueError, "playground features is empty: choose at least one of x1"),
        ("features", ["x1", "z"], ValueError, "playground features has no feature 'z': choose"),
        ("features", ("x1", "x1"), ValueError, "playground features names x1 twice"),
        ("features", "x1", TypeError, "playground features must be a list of feature names"),
    ],
)  # fmt: skip
def test_a_setting_it_lacks_is_refused_in_one_line_before_anything_is_built(
    setting: str, value: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as found:
        Trainer("moons", Settings(**{setting: value}), points=40)
    assert str(found.value).startswith(message) and "\n" not in str(found.value)
    with pytest.raises(error, match=r"^playground\(\) "):
        check_setting(setting, value, "playground()")


def test_settings_keep_their_checked_values() -> None:
    s = Settings(features=["sin x1", "x1"], batch_size=None, test_fraction=0.5)
    s.check()
    assert (s.features, s.batch_size, s.test_fraction) == (("x1", "sin x1"), None, 0.5)
    assert Settings().features == ("x1", "x2") and Settings().batch_size is None
    assert Settings().test_fraction == 0.25
    assert check_setting("batch_size", np.int64(8)) == 8


def test_a_split_that_leaves_a_part_empty_is_refused() -> None:
    four = ([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]], [0, 1, 1, 0])
    with pytest.raises(ValueError) as found:
        Trainer(four, Settings(test_fraction=0.9), points=4)
    assert str(found.value) == (
        "playground test_fraction=0.9 would hold out 4 of 4 points: training and validation "
        "each need at least one"
    )
    assert len(Trainer(four, Settings(test_fraction=0.1), points=4).X_val) == 1


def test_a_model_that_does_not_fit_the_features_or_the_task_is_refused(any_targets: None) -> None:
    with pytest.raises(ValueError) as found:
        Trainer("moons", Settings(features=("x1", "x2", "x1·x2")), MLP(2, [4, 1], seed=0))
    assert str(found.value) == (
        "playground model MLP(2, [4, 1], activation='tanh') has 2 inputs and 1 output; the "
        "features x1, x2, x1·x2 need 3 inputs and binary needs 1 output: pass MLP(3, [..., 1])"
    )
    with pytest.raises(ValueError, match=r"3 classes need 3 outputs: pass MLP\(2, \[\.+, 3\]\)$"):
        Trainer(three_classes(), Settings(), MLP(2, [4, 1], seed=0))
    with pytest.raises(ValueError, match=r"regression needs 1 output: pass MLP\(2, \[\.+, 1\]\)$"):
        Trainer(plane(), Settings(), MLP(2, [4, 3], seed=0))


# -- divergence, for every task ------------------------------------------------------------


@pytest.mark.parametrize("task", ["classes", "regression"])
def test_a_diverged_step_is_refused_and_explained_for_every_task(
    any_targets: None, task: str
) -> None:
    data = three_classes() if task == "classes" else plane()
    s = Settings(hidden=[4], activation="relu", lr=1e200, features=("x1", "x2", "x1²"),
                 batch_size=10)  # fmt: skip
    t = Trainer(data, s)
    before = t.model.state_dict()
    with pytest.raises(FloatingPointError) as error:
        t.step()
    message = str(error.value)
    assert message.startswith("training diverged at step 1: ")
    assert "\nStep 1 re-run under detect_anomaly: the first non-finite value is " in message
    assert t.model.state_dict() == before and t.steps == 0
    found = first_non_finite(t)
    assert found is not None and found.step == 1
    if "point (" in found.detail:  # the point as drawn: two numbers, not the three features
        shown = found.detail.split("point (")[1].split(")")[0]
        assert len(shown.split(", ")) == 2


def test_the_re_run_of_a_diverged_step_takes_that_steps_batch() -> None:
    # h = 1e300 * x1 overflows for the points at x1 = 1e10 and not for those at 1e-10;
    # with lr 0 nothing moves. A batch of one point: the forward pass fails on it only
    # if it is a large one, and the finding names it (as drawn).
    X = [[1e10 if i % 2 else 1e-10, 0.0] for i in range(8)]
    y = [0] * 8
    stages = set()
    for seed in range(6):
        model = MLP(2, [1, 1], activation="linear", seed=0)
        model.load_state_dict(
            {"layers.0.neurons.0.w.0": 1e300, "layers.0.neurons.0.w.1": 0.0,
             "layers.0.neurons.0.b": 0.0, "layers.1.neurons.0.w.0": 1.0,
             "layers.1.neurons.0.b": 0.0}
        )  # fmt: skip
        s = Settings(hidden=[1], activation="linear", lr=0.0, batch_size=1, seed=seed)
        t = Trainer((X, y), s, model, points=8)
        X_train, _, _, _ = train_test_split(X, y, 0.25, seed=seed)
        order = list(range(6))
        random.Random(seed).shuffle(order)  # fit's first epoch, as nn.data.batches draws it
        point = X_train[order[0]]
        found = first_non_finite(t)
        assert found is not None
        assert (found.stage == "forward") == (point[0] == 1e10)
        if found.stage == "forward":
            assert found.detail == ", on the training point (1e+10, 0.0)"
        stages.add(found.stage)
    assert "forward" in stages and len(stages) > 1  # both kinds of batch were drawn
