"""Regression and three classes through the playground, and lessons' settings (issue 30).

The weights after n steps equal ``nn.fit``'s with ``mse`` or ``cross_entropy``
(to 1e-12); the surface each update sends has the frame's contract, its cells
computed by hand from the model; ``pg.explain(i)``'s loss is the example's, by
hand; ``pg.settings`` with every new field rebuilds the same weights after the
same steps. The still picture: ``test_playground_still_picture.py``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from autograd import no_grad
from nn import MLP, playground
from nn.data import make_gaussians, make_xor, train_test_split
from nn.losses import cross_entropy, mse
from tests.nn.playground_oracle import assert_weights, fit_weights, sets
from tests.nn.trainer_data import three_classes

#: The six bumps of make_gaussians, as its docstring defines them: (x, y, sign), std 0.5.
BUMPS = [(-1.5, 1, 1), (0, 1, -1), (1.5, 1, 1), (-1.5, -1, -1), (0, -1, 1), (1.5, -1, -1)]


def outputs(pg: Any, point: list[float]) -> list[float]:
    """The model's outputs at a point (x1, x2), no graph."""
    with no_grad():
        out = pg.model(point)
    return [v.data for v in out] if isinstance(out, list) else [out.data]


# -- regression and three classes -----------------------------------------------------------


def test_gaussians_are_the_six_bumps_by_hand() -> None:
    pg = playground([3], "gaussians", points=40, noise=0.0)
    X, t = pg.trainer.data
    by_hand = [
        sum(s * math.exp(-((a - cx) ** 2 + (b - cy) ** 2) / (2 * 0.5**2)) for cx, cy, s in BUMPS)
        for a, b in X
    ]
    assert t == pytest.approx(by_hand, abs=1e-15)
    assert pg.trainer.task.kind == "regression" and len(pg.model.layers[-1].neurons) == 1


@pytest.mark.parametrize("batch_size", [None, 16])
def test_gaussians_steps_equal_fit_with_mse(batch_size: int | None) -> None:
    pg = playground([4], "gaussians", points=60, seed=1, lr=0.05, batch_size=batch_size)
    epochs = 3
    pg.train(epochs * (1 if batch_size is None else math.ceil(45 / batch_size)))
    X, _, y, _ = train_test_split(*make_gaussians(60, noise=0.05, seed=1), 0.25, seed=1)
    want = fit_weights(X, y, ("x1", "x2"), [4, 1], mse, epochs=epochs, batch_size=batch_size,
                       seed=1, lr=0.05)  # fmt: skip
    assert_weights(pg, want)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_three_classes_steps_equal_fit_with_cross_entropy(optimizer: str) -> None:
    data = three_classes()
    pg = playground([5], data, seed=2, lr=0.1, optimizer=optimizer, batch_size=10)
    assert len(pg.model.layers[-1].neurons) == 3  # one logit per class
    pg.train(2 * math.ceil(45 / 10))
    X, _, y, _ = train_test_split(*data, 0.25, seed=2)
    want = fit_weights(X, y, ("x1", "x2"), [5, 3], cross_entropy, epochs=2, batch_size=10,
                       seed=2, lr=0.1, optimizer=optimizer)  # fmt: skip
    assert_weights(pg, want)


def _centres(pg: Any) -> list[list[float]]:
    """The n x n cells' centres over the points' bounds, rows from the top (largest x2)."""
    n = pg.frame["n"]
    x0, x1, y0, y1 = pg.points["bounds"]
    return [[x0 + (c + 0.5) * (x1 - x0) / n, y1 - (r + 0.5) * (y1 - y0) / n]
            for r in range(n) for c in range(n)]  # fmt: skip


def test_a_regressions_surface_is_the_fitted_value_in_every_cell() -> None:
    pg = playground([4], "gaussians", points=60, seed=1, lr=0.05).train(3)
    surface = pg.frame["surface"]
    assert set(surface) == {"task", "grid", "confidence", "range", "classes"}
    assert (surface["task"], surface["confidence"], surface["classes"]) == ("regression", None, 1)
    _, _, y, _ = train_test_split(*make_gaussians(60, noise=0.05, seed=1), 0.25, seed=1)
    assert surface["range"] == [min(y), max(y)]  # the training targets' scale
    cells = [outputs(pg, p)[0] for p in _centres(pg)]
    assert len(surface["grid"]) == 32 * 32 == len(cells)
    assert surface["grid"] == [float(f"{v:.4g}") for v in cells]


def test_three_classes_surface_is_the_likeliest_class_and_its_probability() -> None:
    pg = playground([5], three_classes(), seed=2, lr=0.3).train(5)
    surface = pg.frame["surface"]
    assert (surface["task"], surface["range"], surface["classes"]) == ("classes", None, 3)
    want_class, want_percent = [], []
    for p in _centres(pg):
        z = outputs(pg, p)
        best = max(range(3), key=lambda k: (z[k], -k))  # the first of the largest
        want_class.append(best)
        want_percent.append(round(100 * math.exp(z[best]) / sum(math.exp(v) for v in z)))
    assert surface["grid"] == want_class and surface["confidence"] == want_percent
    assert set(want_class) == {0, 1, 2}  # after 5 steps every class has its region


@pytest.mark.needs_dot
def test_explain_gives_a_regressions_squared_error_and_three_classes_cross_entropy() -> None:
    pg = playground([4], "gaussians", points=40, seed=1, lr=0.05).train(2)
    X, t = pg.trainer.data
    (pred,) = outputs(pg, X[5])
    assert pg.explain(5).loss == pytest.approx((pred - t[5]) ** 2, rel=1e-12)
    data = three_classes()
    pg = playground([5], data, seed=2, lr=0.1).train(2)
    z = outputs(pg, data[0][7])
    by_hand = math.log(sum(math.exp(v) for v in z)) - z[data[1][7]]  # -log softmax(z)[y]
    assert pg.explain(7).loss == pytest.approx(by_hand, rel=1e-12)


# -- settings: a lesson, rebuilt ---------------------------------------------------------------


def _through_json(settings: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(settings))


def test_settings_carry_every_new_field_and_rebuild_the_same_weights() -> None:
    pg = playground([4, 3], "xor", points=60, noise=0.3, features=["x1·x2", "x1", "sin x2"],
                    batch_size=7, test_fraction=0.4, show="weight", heatmaps=False, seed=3,
                    lr=0.2, optimizer="adam")  # fmt: skip
    pg.train(4).add_point([0.5, -1.5], 1).remove_point(2)
    settings = _through_json(pg.settings)
    assert settings == pg.settings
    assert {k: settings[k] for k in ("data", "points", "noise", "features", "batch_size",
                                     "test_fraction", "show", "heatmaps")} == {
        "data": "xor", "points": 60, "noise": 0.3, "features": ["x1", "x1·x2", "sin x2"],
        "batch_size": 7, "test_fraction": 0.4, "show": "weight", "heatmaps": False,
    }  # fmt: skip
    X, y = make_xor(60, noise=0.3, seed=3)
    assert settings["added"] == [[0.5, -1.5, 1]] and settings["removed"] == [[*X[2], y[2]]]
    assert X[2] not in pg.trainer.X + pg.trainer.X_val and pg.trainer.X[-1] == [0.5, -1.5]
    again = playground(settings=settings)
    assert (again.show, again.heatmaps, again.features) == ("weight", False, pg.features)
    assert sets(again) == sets(pg) and again.settings == pg.settings
    pg.reset()
    for n in (1, 6, 13):  # steps of 7 across an epoch's end (37 training points: 6 a pass)
        assert_weights(again.train(n), pg.train(n).model.state_dict())


@pytest.mark.parametrize(
    "made",
    [
        lambda: playground(MLP(3, [4, 1], seed=5), "moons", points=40,
                           features=["x1", "x2", "x1·x2"]),
        lambda: playground(MLP(2, [4, 3], seed=5), three_classes(), batch_size=9),
        lambda: playground(MLP(1, [1], seed=5), "gaussians", points=40, features=["x2²"]),
    ],
    ids=["three-features", "three-classes", "regression-one-feature"],
)  # fmt: skip
def test_a_given_models_weights_rebuild_whatever_its_inputs_and_outputs(made: Any) -> None:
    pg = made()
    again = playground(settings=_through_json(pg.settings))
    assert again.model.state_dict() == pg.model.state_dict()
    assert_weights(again.train(4), pg.train(4).model.state_dict())


def test_show_test_data_and_discretize_output_are_part_of_the_lesson() -> None:
    pg = playground([5], three_classes(), seed=2, lr=0.3)
    pg.show_test, pg.discretize = False, True
    settings = _through_json(pg.settings)
    assert (settings["show_test"], settings["discretize"]) == (False, True)
    again = playground(settings=settings)
    assert (again.show_test, again.discretize) == (False, True)
    pg.train(3)
    again.train(3)
    assert again._repr_mimebundle_()[0]["text/html"] == pg._repr_mimebundle_()[0]["text/html"]
    for value in ("no", 1, None):
        with pytest.raises(TypeError, match=r"^playground\(\) settings show_test must be True or"):
            playground(settings={**settings, "show_test": value})


def test_a_lesson_may_hide_the_data_controls_too() -> None:
    hide = ["data", "noise", "features", "batch_size", "test_fraction", "show_test",
            "discretize"]  # fmt: skip
    pg = playground([3], "xor", points=40, hide=hide)
    assert pg.hide == hide
    assert playground(settings=pg.settings, hide=hide).hide == hide


def test_on_xor_the_product_alone_makes_a_linear_model_suffice() -> None:
    pg = playground([], "xor", points=100, noise=0.0, features=["x1·x2"], lr=1.0)
    assert repr(pg.model) == "MLP(1, [1], activation='tanh')"
    assert pg.train(200).trainer.accuracy() == 1.0
    pg.features = ["x1", "x2"]
    assert pg.train(200).trainer.accuracy() < 0.75
