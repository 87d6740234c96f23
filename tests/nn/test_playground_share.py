"""A playground as a lesson to share: ``pg.settings`` rebuilds it, ``hide`` hides, ``save_html``.

The rebuild is checked the strict way: a playground made from another's
settings, after a trip through JSON, takes the same steps to exactly the same
weights (float equality); every refusal names the argument at fault.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from nn import MLP, playground
from tests.nn.test_playground_browser import mount

XOR = ([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0], [0.5, 0.2]], [0, 0, 1, 1, 1])


def _weights(pg: Any) -> list[float]:
    return [p.data for p in pg.model.parameters()]


def _through_json(settings: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(settings))


@pytest.mark.parametrize(
    "made",
    [
        lambda: playground([4], "circles", lr=0.3, points=60, optimizer="adam"),
        lambda: playground([3, 2], "moons", activation="relu", init="he", penalty="l2", seed=4),
        lambda: playground(MLP(2, [3, 1], seed=5), XOR, optimizer="momentum"),
        lambda: playground([5], XOR, optimizer="rmsprop", penalty="l1", rate=0.01, seed=2),
    ],
    ids=["named-adam", "named-relu-l2", "own-model-own-data", "own-data"],
)
def test_settings_rebuild_the_same_weights_after_the_same_steps(made: Any) -> None:
    pg = made()
    settings = _through_json(pg.settings)
    assert settings == pg.settings  # plain values: JSON gives them back as they were
    again = playground(settings=settings)
    assert _weights(again) == _weights(pg)
    assert _weights(again.train(7)) == _weights(pg.train(7))
    assert again.settings == pg.settings


def test_settings_follow_the_controls_as_they_are_now() -> None:
    pg = playground([4], "circles", points=60)
    pg.lr, pg.optimizer, pg.hidden, pg.show, pg.heatmaps = 0.03, "adam", [3, 3], "weight", False
    settings = _through_json(pg.settings)
    wanted = playground(
        [3, 3], "circles", points=60, lr=0.03, optimizer="adam", show="weight", heatmaps=False
    )
    assert {k: settings[k] for k in ("lr", "optimizer", "hidden", "show", "heatmaps")} == {
        "lr": 0.03, "optimizer": "adam", "hidden": [3, 3], "show": "weight", "heatmaps": False
    }  # fmt: skip
    assert _weights(playground(settings=settings).train(4)) == _weights(wanted.train(4))


def test_a_passed_models_weights_are_kept_until_a_control_rebuilds_it() -> None:
    model = MLP(2, [3, 1], seed=9)
    start = model.state_dict()
    pg = playground(model, "moons", points=40)
    assert pg.settings["weights"] == start
    pg.train(2)
    assert pg.settings["weights"] == start  # where it started, not where it is
    pg.activation = "relu"  # a new MLP from the settings: they alone rebuild it now
    assert "weights" not in pg.settings
    assert _weights(playground(settings=pg.settings)) == _weights(pg)


REFUSED = {
    "not-a-dict": ([1, 2], TypeError, "settings must be a dict such as pg.settings, got list"),
    "unknown-key": ({"speed": 3}, ValueError, "settings has a key the playground lacks: 'speed'"),
    "version": ({"version": 2}, ValueError, "are of version 2; this chainrule reads version 1"),
    "both-data": (
        {"data": "moons", "X": [[0, 0]], "y": [0]},
        ValueError,
        "give points (X, y): keep one",
    ),
    "bad-value": ({"lr": -1}, ValueError, "playground() lr must be a finite number >= 0, got -1"),
    "weights-list": (
        {"hidden": [3], "weights": [1.0]},
        TypeError,
        "weights must be a dict of parameter names",
    ),
    "weights-short": (
        {"hidden": [3], "weights": {"layers.0.neurons.0.w.0": 1.0}},
        ValueError,
        "weights do not fit MLP(2, [3, 1]",
    ),
}


@pytest.mark.parametrize(("settings", "error", "words"), REFUSED.values(), ids=REFUSED)
def test_settings_refused_at_the_door(settings: Any, error: type, words: str) -> None:
    with pytest.raises(error) as caught:
        playground(settings=settings)
    assert words in str(caught.value)


def test_settings_come_alone() -> None:
    settings = playground([4], points=40).settings
    with pytest.raises(ValueError, match=r"takes settings alone .* got lr= too"):
        playground(settings=settings, lr=0.5)
    same = playground([8, 8], settings=settings, hide=["lr"], max_points=100)  # the defaults: fine
    assert same.settings == settings and same.hide == ["lr"]


def test_hide_is_checked_and_kept() -> None:
    with pytest.raises(ValueError, match=r"hide names a control the playground lacks: 'speed'"):
        playground(hide=["speed"])
    with pytest.raises(TypeError, match=r"hide must be a list of control names"):
        playground(hide="optimizer")
    assert playground([4], points=40, hide=["optimizer", "lr", "lr"]).hide == ["optimizer", "lr"]
    # The data's row and what a click does may be hidden too (a lesson on one data set).
    data_row = ["data", "noise", "test_fraction", "batch_size", "features", "show_test",
                "discretize", "click"]  # fmt: skip
    assert playground([4], points=40, hide=data_row).hide == data_row


@pytest.mark.browser
def test_hidden_controls_are_left_out_of_the_page(chromium: Any, tmp_path: Path) -> None:
    pg = playground([4], points=40, hide=["optimizer", "init", "hidden", "heatmaps"])
    page = mount(chromium, pg)
    try:
        shown = page.evaluate(
            """() => [...document.querySelectorAll(".cr-pg-controls label")]
                 .filter((l) => l.getBoundingClientRect().width > 0)
                 .map((l) => l.firstChild.textContent)"""
        )
        page.screenshot(path=str(tmp_path / "hidden.png"))
        page.evaluate("() => window.__set('hide', [])")  # shown again when the trait changes
        every = page.evaluate(
            """() => [...document.querySelectorAll(".cr-pg-controls label")]
                 .filter((l) => l.getBoundingClientRect().width > 0).length"""
        )
    finally:
        page.close()
    assert shown == [
        "learning rate", "activation", "regularisation", "its rate", "colour by",  # the model's
        "data", "noise", "held out", "batch size", "features", "show test data",  # the data's
        "discretize output", "a click",
    ]  # fmt: skip
    assert every == 9 + 8


def test_save_html_writes_the_picture_and_the_settings(tmp_path: Path) -> None:
    pg = playground([4], "circles", points=60).train(3)
    path = pg.save_html(tmp_path / "lesson.html")
    text = path.read_text(encoding="utf-8")
    assert path == tmp_path / "lesson.html"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~_umask()
    assert text.startswith("<!DOCTYPE html>") and "<script" not in text
    assert "The playground at step 3" in text and pg.trainer.summary() in text
    shown = text.split("The settings</summary>")[1].split(">", 1)[1].split("</pre>")[0]
    assert json.loads(shown.replace("&quot;", '"')) == pg.settings
    with pytest.raises(TypeError, match=r"save_html\(\) path must be a file name"):
        pg.save_html(3)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
