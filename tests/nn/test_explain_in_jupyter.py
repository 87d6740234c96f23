"""Click a point in a real JupyterLab playground and step through its explanation.

JupyterLab at 1280x800 with the file browser open runs ``playground([4], "circles",
optimizer="adam")`` for three steps; the test clicks one point in the decision
boundary's panel and reads the player that opens under the playground: its
forward frame names that point's inputs, its frames are those of ``pg.explain(i)``
computed here for the same point (training is deterministic with the seed), Next
steps through them, and hovering a weight's wire in the network view shows that
weight's update frame. Every text is at least 11 px. Screenshots go to tmp_path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nn.widgets.explain_view import sent_order
from tests.jupyter import cell_outputs, notebook_page
from tests.player_view import seen

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

from nn import playground  # noqa: E402

NAME = "explain.ipynb"
SOURCE = (
    'from nn import playground\npg = playground([4], "circles", points=60, optimizer="adam")\n'
)
SIDE = 200  # the boundary's canvas, CSS pixels (playground.js's SIDE)
CLICKED = 7  # the point clicked, in the front end's order (training points first)


def here() -> Any:
    """The kernel's playground, again, at the same step."""
    return playground([4], "circles", points=60, optimizer="adam").train(3)


@pytest.fixture(scope="module")
def lab(chromium: Any, jupyter_session: Any) -> Iterator[Any]:
    """A 1280x800 JupyterLab page, file browser open, showing the playground after 3 steps."""
    with notebook_page(chromium, jupyter_session, NAME, [SOURCE + "pg.train(3)"]) as page:
        yield page


def test_click_a_point_and_step_its_explanation(lab: Any, tmp_path: Path) -> None:
    pg = cell_outputs(lab, 0).locator(".cr-pg")
    pg.locator(".cr-pg-net svg").wait_for()
    mine = here()
    t = mine.trainer
    i = sent_order(mine._given, t.X, t.y, t.X_val, t.y_val)[CLICKED]
    want = mine.explain(i)
    x, y = mine.points["xy"][CLICKED][:2]
    x0, x1, y0, y1 = mine.points["bounds"]
    boundary = pg.locator("canvas.cr-pg-boundary")
    assert boundary.get_attribute("title").startswith("Click a point")
    boundary.scroll_into_view_if_needed()
    # The point's centre on the canvas, as canvases.js draws it (the canvas has a 1 px border).
    at = {"x": 1 + (x - x0) / (x1 - x0) * SIDE, "y": 1 + (y1 - y) / (y1 - y0) * SIDE}
    boundary.click(position=at)
    player = pg.locator(".cr-pg-explain .cr-player")
    player.locator(".cr-live").wait_for(timeout=60_000)
    lab.screenshot(path=str(tmp_path / "explain-click.png"))  # the playground, the player under it
    player.scroll_into_view_if_needed()
    first = seen(player)
    assert first.live and first.step == 0
    assert first.caption == want.captions[0]  # the forward frame: this point's inputs
    assert (
        f"Point {i} (class {mine._given[1][i]}) at step 3"
        in pg.locator(".cr-pg-explain").inner_text()
    )
    lab.screenshot(path=str(tmp_path / "explain-forward.png"))
    for k in (1, 2):
        player.locator(".cr-next").click()
        now = seen(player)
        assert (now.step, now.caption) == (k, want.captions[k])
    assert first.smallest >= 11.0 and now.smallest >= 11.0, (first.where, now.where)
    lab.screenshot(path=str(tmp_path / "explain-backward.png"))
    # Hovering a weight's wire: that weight's update frame, the weight lit.
    wire = pg.locator('.cr-pg-net g[data-e="1_2_0"]')  # layers.1.neurons.0.w.2
    wire.scroll_into_view_if_needed()
    wire.hover(force=True)
    k = want.highlights.index("layers.1.neurons.0.w.2")
    lab.wait_for_function(
        "([el, k]) => el.getAttribute('data-step') === String(k)",
        arg=[player.element_handle(), k],
    )
    now = seen(player)
    assert now.caption == want.captions[k]
    assert "Adam, step 4, lr 0.1" in now.caption
    assert now.active_name == "layers.1.neurons.0.w.2"
    # Its term lit on the edge out of it: the one the caption says made its gradient.
    assert player.locator(".cr-canvas g[data-e].cr-on").count() == 1
    assert len(now.labels) == 1 and f": {now.labels[0]}" in now.caption, now.labels
    # The pointer may leave the wire now: the frame stays. Look at the player's stage.
    player.locator(".cr-stage").scroll_into_view_if_needed()
    lab.wait_for_timeout(1500)  # the view glides to the weight
    now = seen(player)
    assert now.active_on_screen(), now.active
    assert now.smallest >= 11.0, now.where
    lab.screenshot(path=str(tmp_path / "explain-update.png"))
