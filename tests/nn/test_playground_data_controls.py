"""The playground's data controls as traits: data set, noise, features, split, batch size.

Each expectation is computed without the playground: the data by the data
set's maker in :mod:`nn.data`, the split by ``train_test_split``, the
features by their formulas (NumPy), the weights by ``nn.fit`` (issue 30).
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
import traitlets

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from nn import playground
from nn.data import (
    make_blobs,
    make_circles,
    make_gaussians,
    make_moons,
    make_plane,
    make_spiral,
    make_xor,
    train_test_split,
)
from nn.losses import binary_cross_entropy_with_logits
from tests.nn.playground_oracle import assert_weights, fit_weights, sets, state
from tests.nn.trainer_data import by_formula

#: Each data set by name, from (points, noise, seed), as the issue defines it; blobs: two
#: blobs at (-1, -1) and (1, 1) whose std is the noise. The defaults: the issue's noises.
MADE = {
    "moons": (lambda n, s, seed: make_moons(n, noise=s, seed=seed), 0.1),
    "circles": (lambda n, s, seed: make_circles(n, noise=s, seed=seed), 0.08),
    "blobs": (lambda n, s, seed: make_blobs(n, centers=((-1, -1), (1, 1)), std=s, seed=seed), 1.0),
    "xor": (lambda n, s, seed: make_xor(n, noise=s, seed=seed), 0.1),
    "spiral": (lambda n, s, seed: make_spiral(n, noise=s, seed=seed), 0.05),
    "plane": (lambda n, s, seed: make_plane(n, noise=s, seed=seed), 0.1),
    "gaussians": (lambda n, s, seed: make_gaussians(n, noise=s, seed=seed), 0.05),
}
OWN = (
    [[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0], [0.5, 0.25], [-0.5, 0.75], [2.0, -1.0],
     [0.25, 0.5]],
    [0, 1, 1, 0, 1, 0, 1, 0],
)  # fmt: skip


def split(data: tuple[list[Any], list[Any]], fraction: float, seed: int) -> tuple[Any, ...]:
    return tuple(train_test_split(*data, fraction, seed=seed))


def test_the_controls_offer_every_data_set_and_own_only_when_given() -> None:
    assert playground([3], points=40).choices["data"] == list(MADE)
    assert playground([3], OWN).choices["data"] == [*MADE, "own"]


@pytest.mark.parametrize("name", list(MADE))
def test_each_named_set_is_its_maker_split_by_train_test_split(name: str) -> None:
    make, noise = MADE[name]
    other = "circles" if name == "moons" else "moons"  # a set other than name, first
    pg = playground([3], other, points=40, seed=2)
    pg.noise = 0.5  # not carried over: a set chosen comes with its own noise
    pg.train(2)
    pg.data = name
    data = make(40, noise, 2)
    assert pg.trainer.data == (data[0], data[1])
    assert sets(pg) == split(data, 0.25, 2)
    assert pg.step == 0 and pg.trainer.steps == 0  # a new data set: a fresh start
    regression = name in ("plane", "gaussians")
    assert pg.trainer.task.kind == ("regression" if regression else "binary")
    assert pg.frame["surface"]["task"] == pg.trainer.task.kind
    assert {k: pg.settings[k] for k in ("data", "points", "noise")} == {
        "data": name, "points": 40, "noise": noise}  # fmt: skip


def test_a_named_set_made_at_the_door_is_its_maker_with_its_own_noise() -> None:
    for name, (make, noise) in MADE.items():
        pg = playground([3], name, points=40, seed=1)
        assert pg.noise == noise
        assert sets(pg) == split(make(40, noise, 1), 0.25, 1)


def test_the_noise_control_remakes_the_data_with_that_noise() -> None:
    pg = playground([3], "moons", points=40, seed=3)
    pg.noise = 0.3
    assert sets(pg) == split(make_moons(40, noise=0.3, seed=3), 0.25, 3)
    assert pg.settings["noise"] == 0.3
    pg.data = "xor"  # a set chosen comes with its own noise (each set's on its own scale)
    assert pg.noise == 0.1 and sets(pg) == split(make_xor(40, noise=0.1, seed=3), 0.25, 3)
    pg.noise = 0.0
    assert sets(pg) == split(make_xor(40, noise=0.0, seed=3), 0.25, 3)


def test_own_comes_back_to_the_users_points() -> None:
    pg = playground([3], OWN, seed=1)
    assert pg.data == "own" and sets(pg) == split(OWN, 0.25, 1)
    pg.data = "xor"
    assert sets(pg) == split(make_xor(8, noise=0.1, seed=1), 0.25, 1)  # xor's own noise
    pg.data = "own"
    assert pg.trainer.data == OWN
    assert sets(pg) == split(OWN, 0.25, 1)
    assert pg.settings["X"] == OWN[0] and "data" not in pg.settings
    pg.noise = 0.5  # the user's points are taken as they are
    assert sets(pg) == split(OWN, 0.25, 1)


def test_own_is_refused_where_no_points_were_given() -> None:
    pg = playground([3], "moons", points=40)
    before = state(pg)
    with pytest.raises(traitlets.TraitError, match=r"^playground data must be one of moons"):
        pg.data = "own"
    assert state(pg) == before


def _input_labels(svg: str) -> set[str]:
    return set(re.findall(r">([^<>]+)</text>", svg))


def test_features_rebuild_the_model_and_label_its_inputs() -> None:
    pg = playground([3], "xor", points=40, seed=1)
    pg.train(2)
    pg.features = ["x1·x2", "sin x1", "x1²"]
    chosen = ("x1²", "x1·x2", "sin x1")  # FEATURES order
    assert pg.features == list(chosen) or tuple(pg.features) == chosen
    assert len(pg.model.layers[0].neurons[0].w) == 3 and pg.trainer.steps == 0
    X, X_val, y, _ = split(make_xor(40, noise=0.1, seed=1), 0.25, 1)
    assert pg.trainer.inputs == by_formula(X, chosen)
    assert pg.trainer.inputs_val == by_formula(X_val, chosen)
    labels = _input_labels(pg.svg)
    assert set(chosen) <= labels and not {"x1", "x2", "x2²", "sin x2"} & labels
    pg.train(5)
    want = fit_weights(X, y, chosen, [3, 1], binary_cross_entropy_with_logits, epochs=5, seed=1)
    assert_weights(pg, want)


def test_test_fraction_splits_again() -> None:
    pg = playground([3], "circles", points=50, seed=4)
    pg.test_fraction = 0.4
    assert sets(pg) == split(make_circles(50, noise=0.08, seed=4), 0.4, 4)
    assert len(pg.trainer.X_val) == math.ceil(0.4 * 50)
    assert pg.settings["test_fraction"] == 0.4


@pytest.mark.parametrize("batch_size", [1, 10, 30, 1000])
def test_batch_size_steps_equal_fits_steps(batch_size: int) -> None:
    pg = playground([4], "moons", points=40, seed=5, lr=0.2)
    pg.batch_size = batch_size
    epochs = 2
    pg.train(epochs * math.ceil(30 / batch_size))  # 30 training points
    X, _, y, _ = split(make_moons(40, noise=0.1, seed=5), 0.25, 5)
    want = fit_weights(X, y, ("x1", "x2"), [4, 1], binary_cross_entropy_with_logits,
                       epochs=epochs, batch_size=batch_size, seed=5, lr=0.2)  # fmt: skip
    assert_weights(pg, want)
    pg.batch_size = None  # every point again, in order: one step is one epoch
    assert pg.settings["batch_size"] is None


REFUSED = [
    ("features", [], "playground features is empty"),
    ("features", ["x3"], "playground features has no feature 'x3'"),
    ("test_fraction", 1.0, "playground test_fraction"),
    ("test_fraction", 0.99, "playground test_fraction=0.99 would hold out 40 of 40 points"),
    ("batch_size", 0, "playground batch_size"),
    ("batch_size", 2.5, "playground batch_size"),
    ("data", "nope", "playground data must be one of moons"),
    ("noise", -1, "playground noise must be a finite number >= 0"),
    ("noise", float("nan"), "playground noise"),
    ("noise", True, "playground noise must be a number"),  # not 1.0, as a Float trait reads it
    ("noise", "0.3", "playground noise must be a number"),
    ("data", 5, "playground data must be one of moons"),
    ("batch_size", True, "playground batch_size"),
]


@pytest.mark.parametrize(("name", "value", "words"), REFUSED)
def test_a_refused_data_control_raises_and_changes_nothing(
    name: str, value: Any, words: str
) -> None:
    pg = playground([3], "moons", points=40).train(2)
    before = state(pg)
    with pytest.raises(traitlets.TraitError) as caught:
        setattr(pg, name, value)
    assert str(caught.value).startswith(words) and "\n" not in str(caught.value)
    assert state(pg) == before


@pytest.mark.parametrize(("name", "value", "words"), REFUSED)
def test_a_refused_data_control_from_the_browser_rolls_back_and_is_shown(
    name: str, value: Any, words: str
) -> None:
    pg = playground([3], "moons", points=40).train(2)
    before = state(pg)
    sent: list[Any] = []
    pg.send_state = lambda key=None: sent.append(key)  # what goes to the front end
    pg.set_state({name: value})
    assert pg.error.startswith(words)
    assert state(pg) == before
    assert [name] in sent  # the kept value goes back to the control
