"""The learner's own points: ``add_point``, ``remove_point`` and the clicks' messages (issue 30).

Each edit is checked against the sets it should leave (the split as
``train_test_split`` makes it, plus or minus exactly that point) and the step
after it against ``nn.fit`` on the changed training set; each refusal against
a snapshot of everything it must leave as it was. Through a rebuild and the
settings: ``test_playground_points_kept.py``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from nn import playground
from nn.data import train_test_split
from nn.losses import binary_cross_entropy_with_logits, cross_entropy, mse
from tests.nn.playground_oracle import assert_weights, fit_weights, sets, state

#: Twelve points of two classes: 9 to train on, 3 held out (ceil(0.25 * 12)).
OWN = (
    [[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0], [0.5, 0.25], [-0.5, 0.75], [2.0, -1.0],
     [0.25, 0.5], [-1.0, -1.0], [1.5, 0.5], [-0.25, -0.75], [0.75, -0.5]],
    [0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0],
)  # fmt: skip
#: The same points with three classes, and with real targets (t = x1 - 2 x2 + 0.25).
THREE = (OWN[0], [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2])
REAL = (OWN[0], [a - 2 * b + 0.25 for a, b in OWN[0]])
BCE = binary_cross_entropy_with_logits


def made(data: Any = OWN, **more: Any) -> Any:
    return playground([3], data, seed=1, lr=0.2, **more)


def test_a_point_added_joins_the_training_set_and_nothing_else() -> None:
    pg = made()
    X, X_val, y, y_val = train_test_split(*OWN, 0.25, seed=1)
    assert sets(pg) == (X, X_val, y, y_val)
    assert pg.add_point([0.75, -0.25], 1) is pg
    assert sets(pg) == ([*X, [0.75, -0.25]], X_val, [*y, 1], y_val)
    assert pg._given == (OWN[0] + [[0.75, -0.25]], OWN[1] + [1])  # explain(12) is the new one
    assert pg.points["xy"][len(X)] == [0.75, -0.25, 1, 1]  # drawn, filled: a training point
    assert pg.settings["added"] == [[0.75, -0.25, 1]] and "removed" not in pg.settings


@pytest.mark.parametrize(
    ("data", "target", "loss", "outputs"),
    [(OWN, 1, BCE, 1), (THREE, 2, cross_entropy, 3), (REAL, 0.375, mse, 1)],
    ids=["binary", "three-classes", "regression"],
)
def test_the_steps_after_an_add_are_fits_on_the_changed_training_set(
    data: Any, target: Any, loss: Any, outputs: int
) -> None:
    pg = made(data).train(3)
    start = pg.model.state_dict()  # SGD keeps no state: fit from these weights is the same
    X, _, y, _ = train_test_split(*data, 0.25, seed=1)
    pg.add_point([0.75, -0.25], target)
    pg.train(2)
    want = fit_weights([*X, [0.75, -0.25]], [*y, target], ("x1", "x2"), [3, outputs], loss,
                       epochs=2, seed=1, lr=0.2, start=start)  # fmt: skip
    assert_weights(pg, want)


def test_with_batches_the_steps_after_an_add_at_the_start_are_fits() -> None:
    pg = made(batch_size=4)
    pg.add_point([0.75, -0.25], 1)
    pg.train(2 * math.ceil(10 / 4))  # 10 training points now: 3 steps an epoch
    X, _, y, _ = train_test_split(*OWN, 0.25, seed=1)
    want = fit_weights([*X, [0.75, -0.25]], [*y, 1], ("x1", "x2"), [3, 1], BCE,
                       epochs=2, batch_size=4, seed=1, lr=0.2)  # fmt: skip
    assert_weights(pg, want)


def test_remove_point_takes_point_i_as_given_from_its_set() -> None:
    pg = made()
    X, X_val, y, y_val = train_test_split(*OWN, 0.25, seed=1)
    i = OWN[0].index(X_val[0])  # a validation point, by its place in the data as given
    j = OWN[0].index(X[2])  # a training point
    pg.remove_point(i).remove_point(j - (j > i))  # the given data closes up after each
    assert sets(pg) == (X[:2] + X[3:], X_val[1:], y[:2] + y[3:], y_val[1:])
    assert pg.settings["removed"] == [[*X_val[0], y_val[0]], [*X[2], y[2]]]
    start = pg.model.state_dict()
    pg.train(3)
    want = fit_weights(X[:2] + X[3:], y[:2] + y[3:], ("x1", "x2"), [3, 1], BCE,
                       epochs=3, seed=1, lr=0.2, start=start)  # fmt: skip
    assert_weights(pg, want)


def test_the_clicks_messages_add_and_remove_in_the_front_ends_order() -> None:
    pg = made()
    X, X_val, y, y_val = train_test_split(*OWN, 0.25, seed=1)
    pg._edit_message(None, {"add": [0.5, -0.5], "target": 0}, None)
    X, y = [*X, [0.5, -0.5]], [*y, 0]
    assert sets(pg) == (X, X_val, y, y_val) and pg.error == ""
    pg._edit_message(None, {"remove": len(X) + 1}, None)  # the second validation point
    assert sets(pg) == (X, X_val[:1] + X_val[2:], y, y_val[:1] + y_val[2:])
    pg._edit_message(None, {"remove": 0}, None)  # the first training point
    assert sets(pg) == (X[1:], X_val[:1] + X_val[2:], y[1:], y_val[:1] + y_val[2:])
    assert pg.error == ""


ADD_REFUSED = [
    ([0.5, 0.5], 5, "the point's class must be one of 0, 1 (the data's classes), got 5"),
    ([0.5, 0.5], True, "the point's class must be one of 0, 1"),
    ([0.5, 0.5], None, "the point's class must be one of 0, 1"),
    ([0.5, 0.5], 0.5, "the point's class must be one of 0, 1"),
    ([float("nan"), 0.5], 1, "the point's x1 must be a finite number"),
    ([0.5, float("inf")], 1, "the point's x2 must be a finite number"),
    ("ab", 1, "the point must be 2 numbers (x1, x2), got 'ab'"),
    ([0.5], 1, "the point must be 2 numbers (x1, x2)"),
    ([0.5, 0.5, 0.5], 1, "the point must be 2 numbers (x1, x2)"),
    (None, 1, "the point must be 2 numbers (x1, x2)"),
    (["a", 0.5], 1, "the point's x1 must be a"),
]


@pytest.mark.parametrize(("point", "target", "words"), ADD_REFUSED)
def test_an_add_refused_says_why_in_one_line_and_changes_nothing(
    point: Any, target: Any, words: str
) -> None:
    pg = made().train(1)
    before = state(pg)
    with pytest.raises((TypeError, ValueError)) as caught:
        pg.add_point(point, target)
    assert str(caught.value).startswith(words) and "\n" not in str(caught.value)
    assert state(pg) == before
    pg._edit_message(None, {"add": point, "target": target}, None)
    assert pg.error.startswith(f"add a point: {words}") and state(pg) == before


@pytest.mark.parametrize("target", [float("nan"), "x", None, [1.0]])
def test_a_regressions_target_must_be_a_finite_number(target: Any) -> None:
    pg = made(REAL)
    before = state(pg)
    with pytest.raises((TypeError, ValueError), match=r"^the point's target must be"):
        pg.add_point([0.5, 0.5], target)
    assert state(pg) == before
    pg.add_point([0.5, 0.5], -3)  # any finite number is a target, a whole one too
    assert pg.trainer.y[-1] == -3.0


def test_removing_below_three_training_or_one_validation_point_is_refused() -> None:
    four = (OWN[0][:4], [0, 1, 1, 0])  # 3 to train on, 1 held out
    pg = made(four)
    before = state(pg)
    t = pg.trainer
    for k, words in ((0, "at least 3 training points"), (3, "at least 1 validation point:")):
        with pytest.raises(ValueError, match=f"^the playground keeps {words}"):
            pg.remove_point(four[0].index([*t.X, *t.X_val][k]))
        assert state(pg) == before
        pg._edit_message(None, {"remove": k}, None)
        assert pg.error.startswith(f"remove a point: the playground keeps {words}")
        assert state(pg) == before
    pg.add_point([0.5, 0.5], 1).remove_point(0)  # with a fourth training point, one may go
    assert len(t.X) == 3


@pytest.mark.parametrize(("index", "kind"), [(12, ValueError), (-1, ValueError),
                                             (1.5, ValueError), ("0", TypeError)])  # fmt: skip
def test_an_index_out_of_range_is_refused(index: Any, kind: type[Exception]) -> None:
    pg = made()
    before = state(pg)
    with pytest.raises(kind, match=r"^remove_point\(\) i must be"):
        pg.remove_point(index)
    assert state(pg) == before
    pg._edit_message(None, {"remove": index}, None)
    assert pg.error.startswith("remove a point: the point clicked must be")
    assert state(pg) == before


def test_a_point_added_then_removed_leaves_no_trace() -> None:
    pg = made().train(2)
    settings, data = pg.settings, sets(pg)
    pg.add_point([0.5, -0.5], 1).remove_point(len(OWN[0]))  # the added point, as given
    assert pg.settings == settings and sets(pg) == data
    pg._edit_message(None, {"add": [0.5, -0.5], "target": 1}, None)
    pg._edit_message(None, {"remove": len(pg.trainer.X) - 1}, None)  # the last training point
    assert pg.settings == settings and sets(pg) == data


def test_numpy_points_and_targets_are_read_as_their_lists() -> None:
    np = pytest.importorskip("numpy")
    pg = made().add_point(np.array([0.75, -0.25]), np.int64(1))
    assert pg.trainer.X[-1] == [0.75, -0.25] and pg.trainer.y[-1] == 1
    assert type(pg.trainer.y[-1]) is int  # as the data's own labels, for the settings' JSON
    regression = made(REAL).add_point(np.array([0.5, 0.5], dtype=np.float32), np.float64(0.25))
    assert regression.trainer.X[-1] == [0.5, 0.5] and regression.trainer.y[-1] == 0.25
    json.dumps(pg.settings), json.dumps(regression.settings)  # plain values, still
