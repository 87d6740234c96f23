"""The learner's own points kept: through a rebuild, in the settings, at the door (issue 30).

A control that rebuilds (hidden layers, activation, features, the held-out
share, Reset) and ``playground(settings=...)`` both split the data as given
and make the edits again: the same sets, the same weights after the same
steps, checked against a playground built the other way and against
``train_test_split``; edits that no longer fit are refused before anything changes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from nn import playground
from nn.data import make_moons, train_test_split
from tests.nn.playground_oracle import assert_weights, sets, state
from tests.nn.test_playground_points import OWN, REAL, THREE, made


def _through_json(pg: Any) -> Any:
    return playground(settings=json.loads(json.dumps(pg.settings)))


@pytest.mark.parametrize(
    "rebuild",
    [
        {"hidden": [2]},
        {"activation": "relu"},
        {"features": ["x1", "x1·x2"]},
        {"test_fraction": 0.4},
    ],
    ids=["hidden", "activation", "features", "test_fraction"],
)
def test_a_control_that_rebuilds_keeps_the_edits_as_the_settings_rebuild_them(
    rebuild: dict[str, Any],
) -> None:
    pg = made(make_moons(40, noise=0.1, seed=1))
    pg.add_point([0.25, 2.5], 1).add_point([-1.75, -1.5], 0)
    pg.remove_point(0)
    for name, value in rebuild.items():
        setattr(pg, name, value)
    t = pg.trainer
    assert [0.25, 2.5] in t.X and [-1.75, -1.5] in t.X  # still added, still to train on
    assert len(t.X) + len(t.X_val) == 41
    again = _through_json(pg)
    assert sets(again) == sets(pg)
    assert again.model.state_dict() == pg.model.state_dict()
    assert_weights(again.train(4), pg.train(4).model.state_dict())


@pytest.mark.parametrize(
    "data", [OWN, THREE, REAL, "moons"], ids=["own", "three-classes", "regression", "named"]
)
def test_settings_carry_the_edits_and_rebuild_the_same_data_and_weights(data: Any) -> None:
    pg = playground([3], data, points=40, seed=2, lr=0.2, batch_size=3).train(2)
    target = {id(THREE): 2, id(REAL): -0.625}.get(id(data), 1)
    pg.add_point([0.25, 0.75], target).remove_point(1).add_point([-0.5, 0.5], 0)
    assert len(pg.settings["added"]) == 2 and len(pg.settings["removed"]) == 1
    again = _through_json(pg)
    assert again.trainer.data == pg.trainer.data and sets(again) == sets(pg)
    fresh = playground([3], data, points=40, seed=2, lr=0.2, batch_size=3)
    assert again.model.state_dict() == fresh.model.state_dict()  # the seed's start
    pg.reset()  # from the start too: the same steps reach the same weights
    assert_weights(again.train(5), pg.train(5).model.state_dict())


def test_a_removal_that_an_add_made_possible_survives_a_rebuild_and_the_settings() -> None:
    four = (OWN[0][:4], [0, 1, 1, 0])  # 3 to train on, 1 held out
    pg = made(four)
    X, X_val, y, y_val = train_test_split(*four, 0.25, seed=1)
    pg.add_point([0.5, 0.5], 1).remove_point(four[0].index(X[0]))  # 4 training points, then 3
    edited = ([*X[1:], [0.5, 0.5]], X_val, [*y[1:], 1], y_val)
    assert sets(pg) == edited
    assert sets(_through_json(pg)) == edited
    pg.hidden = [2]
    assert sets(pg) == edited and pg.error == ""


def test_a_held_out_share_that_would_leave_a_set_too_few_points_is_refused() -> None:
    pg = playground([3], "moons", points=40, seed=0)
    X, y = make_moons(40, noise=0.1, seed=0)
    _, alone, _, _ = train_test_split(X, y, 0.01, seed=0)  # the one point 0.01 holds out
    pg.remove_point(X.index(alone[0]))
    before = state(pg)
    with pytest.raises(Exception, match=r"^playground test_fraction=0.01 ") as caught:
        pg.test_fraction = 0.01
    assert "validation" in str(caught.value) and "\n" not in str(caught.value)
    assert state(pg) == before
    pg.test_fraction = 0.05  # two held out: one is left
    assert len(pg.trainer.X_val) == 1 and len(pg.trainer.X) == 38


@pytest.mark.parametrize(
    ("edits", "words"),
    [
        ({"removed": [[9.0, 9.0, 0]]}, "no point at [9.0, 9.0] of target 0 to remove"),
        ({"added": [[0.5, 0.5, 7]]}, "the point's class must be one of 0, 1"),
        ({"removed": [[*OWN[0][k], OWN[1][k]] for k in (7, 11, 0)]}, "would leave 0 validation"),
    ],
)
def test_settings_edits_that_do_not_fit_the_data_are_refused_at_the_door(
    edits: dict[str, Any], words: str
) -> None:
    settings = {**made().settings, **edits}
    with pytest.raises(ValueError) as caught:
        playground(settings=settings)
    said = str(caught.value)
    assert said.startswith(f"playground() settings added and removed: {words}"), said
    assert "\n" not in said


@pytest.mark.needs_dot
def test_an_added_point_is_explained_as_the_last_of_the_data_as_given() -> None:
    pg = made().add_point([0.75, -0.25], 1)
    k = len(pg.trainer.X) - 1  # the front end's order: the added point ends the training set
    pg._explain_message(None, {"explain": k}, None)
    assert pg.explained["title"].startswith("Point 12 (class 1) at step 0") and pg.error == ""


def test_a_new_data_set_forgets_the_edits_and_own_comes_back_without_them() -> None:
    pg = made().add_point([0.75, -0.25], 1).remove_point(0)
    pg.data = "xor"
    assert "added" not in pg.settings and "removed" not in pg.settings
    pg.data = "own"
    assert pg.trainer.data == OWN and sets(pg) == tuple(train_test_split(*OWN, 0.25, seed=1))


def test_a_split_the_door_takes_is_taken_by_the_control_too() -> None:
    four = (OWN[0][:4], [0, 1, 1, 0])
    assert len(made(four, test_fraction=0.5).trainer.X) == 2  # two to train on: the door's
    pg = made(four)
    pg.test_fraction = 0.5
    assert sets(pg) == tuple(train_test_split(*four, 0.5, seed=1))
    pg.remove_point(four[0].index(pg.trainer.X_val[0]))  # one held out is left
    pg.test_fraction = 0.4  # ceil(1.6) = 2 held out again, one of them removed
    assert len(pg.trainer.X) == 2 and len(pg.trainer.X_val) == 1
