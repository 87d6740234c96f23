"""An update frame of ``nn.explain`` lights the weight's terms in the live player too.

A weight is a leaf: its update frame lights the edges out of it, each with its
chain-rule term, in the still picture (``test_explain``) and here in the player's
frame data (``lit``) and on screen in Chromium.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import nn
from autograd.text import number
from nn import MLP
from nn.losses import mse
from tests.player_view import step_to

X, Y = [0.5, -1.0], 1.0


def _uses(order: list[Any], leaf: Any) -> list[list[int]]:
    """Every [node index, operand place] where ``leaf`` is an operand, by reading ``_args``."""
    return [
        [i, k] for i, v in enumerate(order) for k, operand in enumerate(v._args) if operand is leaf
    ]


def _penalised(model: MLP):
    def loss(preds, targets):
        return mse(preds, targets) + 0.01 * sum(p * p for p in model.parameters())

    return loss


@pytest.mark.parametrize("penalty", [False, True], ids=["plain", "l2"])
def test_an_update_frame_lights_the_edges_out_of_its_weight(penalty: bool) -> None:
    model = MLP(2, [2, 1], seed=0)
    shown = nn.explain(model, X, Y, _penalised(model) if penalty else "mse")
    order = shown._walk.order
    frames = shown.frame_data()
    for k, p in enumerate(shown.params, start=1):
        frame = frames[shown.counters.index(f"update {k} of {len(shown.params)}")]
        assert frame.lit == _uses(order, p)
        assert len(frame.lit) == (3 if penalty else 1)  # w·x (or b + ...), and p * p twice
    assert all(f.lit == [] for f in frames if not f.counter.startswith("update"))


@pytest.mark.browser
@pytest.mark.needs_dot
def test_the_live_player_lights_the_term_of_a_weight(chromium: Any, tmp_path: Path) -> None:
    model = MLP(2, [2, 1], seed=0)
    shown = nn.explain(model, X, Y, "mse")
    path = shown.save_html(tmp_path / "explain.html")
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(Path(path).as_uri())
        player = page.locator(".cr-player")
        k = shown.counters.index(f"update 1 of {len(shown.params)}")  # layers.0.neurons.0.w.0
        now = step_to(player, k)
        lit = player.locator(".cr-canvas g[data-e].cr-on")
        assert lit.count() == 1
        # Its one term is its gradient: upstream · x0 = grad.
        grad = shown.updates[0].grad
        assert len(now.labels) == 1 and now.labels[0].endswith(
            f"· {number(X[0])} = {number(grad)}"
        ), now.labels
        page.wait_for_timeout(1500)  # the view glides to the weight
        page.screenshot(path=str(tmp_path / "lit.png"))
        before = step_to(player, k - 1)  # the frame before lights none of its edges
        assert before.labels != now.labels
    finally:
        page.close()
