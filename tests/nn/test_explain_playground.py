"""pg.explain(i) and a clicked point: the data as given, the objective and optimizer it trains."""

from __future__ import annotations

import copy

import pytest

import nn
from nn.losses import binary_cross_entropy_with_logits, l2_penalty
from nn.widgets.explain_view import sent_order, wire_tags

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
pytestmark = pytest.mark.needs_dot

X = [
    [0.0, 0.0],
    [1.0, 1.0],
    [0.0, 1.0],
    [1.0, 0.0],
    [0.5, 0.25],
    [-0.5, 0.75],
    [2.0, -1.0],
    [0.25, 0.5],
]
Y = [0, 1, 1, 0, 1, 0, 1, 0]


def made(**settings):
    return nn.playground([3], (X, Y), lr=0.1, optimizer="momentum", **settings).train(2)


def test_explain_i_is_point_i_as_given_with_the_playgrounds_objective():
    pg = made(penalty="l2", rate=0.01)
    shown = pg.explain(5)
    model = copy.deepcopy(pg.model)
    model.zero_grad()  # the copy keeps the last step's gradients
    logit = model(X[5])
    expected = binary_cross_entropy_with_logits([logit], [Y[5]]) + 0.01 * l2_penalty(
        model.parameters()
    )
    expected.backward()
    assert shown.loss == pytest.approx(expected.data, rel=1e-12)
    assert [u.grad for u in shown.updates] == pytest.approx(
        [p.grad for p in model.parameters()], rel=1e-12, abs=1e-15
    )
    assert "SGD, lr 0.1, momentum 0.9:" in shown.captions[-2]  # the playground's optimizer


def test_a_click_opens_the_point_clicked_in_the_front_ends_order():
    pg = made()
    t = pg.trainer
    order = sent_order((X, Y), t.X, t.y, t.X_val, t.y_val)
    assert sorted(order) == list(range(len(X)))  # every point once
    for k, i in enumerate(order):  # the front end's point k is point i as given
        assert [*pg.points["xy"][k][:2]] == X[i] and pg.points["xy"][k][2] == Y[i]
    pg._explain_message(None, {"explain": 3}, [])
    assert pg.error == ""
    assert pg.explained["title"].startswith(f"Point {order[3]} (class {Y[order[3]]}) at step 2")
    frames = pg.explained["data"]["frames"]
    assert frames[0]["caption"] == pg.explain(order[3]).captions[0]
    # Each weight's wire leads to its own update frame.
    k = pg.explained["wires"]["1_2_0"]
    assert (
        frames[k]["caption"].startswith("Update ")
        and "layers.1.neurons.0.w.2," in frames[k]["caption"]
    )


def test_a_bad_click_or_index_is_refused_in_one_line():
    pg = made()
    pg._explain_message(None, {"explain": 99}, [])
    assert pg.error == (
        "explain: ValueError: the point clicked must be a whole number from 0 to 7, got 99"
    )
    with pytest.raises(
        ValueError, match=r"^explain\(\) i must be a whole number from 0 to 7, got 8$"
    ):
        pg.explain(8)
    with pytest.raises(TypeError, match=r"^explain\(\) i must be"):
        pg.explain("3")


def test_wire_tags_read_weights_only():
    labels = ["layers.0.neurons.0.w.0", "layers.0.neurons.0.w.1", "layers.0.neurons.0.b",
              "layers.1.neurons.2.w.7"]  # fmt: skip
    assert wire_tags(labels) == {"0_0_0": 0, "0_1_0": 1, "1_7_2": 3}
