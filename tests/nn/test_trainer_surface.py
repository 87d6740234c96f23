"""The trainer's boundary panel data, refusals and divergence on every task (issue 30).

The panel's cells are checked against the model's own forward pass on Values at
each cell's centre, its features computed by their formulas in NumPy.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from autograd import no_grad
from nn import MLP
from nn.data import train_test_split
from nn.widgets.divergence import first_non_finite
from nn.widgets.playground_settings import check_setting
from nn.widgets.trainer import Settings, Trainer
from tests.nn.trainer_data import by_formula, plane, three_classes


def steps(t: Trainer, n: int) -> Trainer:
    for _ in range(n):
        t.step()
    return t


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


def test_surface_of_three_classes_is_the_likeliest_class_and_its_probability() -> None:
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


def test_surface_of_a_regression_is_the_value_to_four_digits() -> None:
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


def test_cells_where_the_output_is_not_finite() -> None:
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


def test_a_model_that_does_not_fit_the_features_or_the_task_is_refused() -> None:
    with pytest.raises(ValueError) as found:
        Trainer("moons", Settings(features=("x1", "x2", "x1·x2")), MLP(2, [4, 1], seed=0))
    assert str(found.value) == (
        "playground() model MLP(2, [4, 1], activation='tanh') has 2 inputs and 1 output; the "
        "features x1, x2, x1·x2 need 3 inputs and two classes need 1 output: pass MLP(3, [..., 1])"
    )
    with pytest.raises(ValueError, match=r"3 classes need 3 outputs: pass MLP\(2, \[\.+, 3\]\)$"):
        Trainer(three_classes(), Settings(), MLP(2, [4, 1], seed=0))
    with pytest.raises(ValueError, match=r"regression needs 1 output: pass MLP\(2, \[\.+, 1\]\)$"):
        Trainer(plane(), Settings(), MLP(2, [4, 3], seed=0))


# -- divergence, for every task ------------------------------------------------------------


@pytest.mark.parametrize("task", ["classes", "regression"])
def test_a_diverged_step_is_refused_and_explained_for_every_task(task: str) -> None:
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
