"""A lesson in a real JupyterLab playground: xor on x1·x2 alone, learnt by a linear model.

JupyterLab at 1280x800 with the file browser open runs a playground on moons; the
test drives its controls as a learner does: the data set select to "xor", x1·x2
ticked and x1, x2 unticked, the hidden layers emptied (a linear model), Play, then
Pause. The loss shown falls and the boundary's pixels change; the kernel's ``pg``
(asked by a cell of its own, run after the browser's messages on the same channel)
says what the controls set. Then "a click" adds a point of class 1 where the
canvas is clicked (to the canvas's pixel), a shift-click removes it, and unticking
the last feature is refused: the error line says why and the box comes back.
Screenshots go to tmp_path, one a stage.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.jupyter import cell_outputs, notebook_page, run_cell

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

NAME = "lesson.ipynb"
SOURCE = 'from nn import playground\npg = playground([8, 8], "moons", points=100)\npg'
#: What the kernel's playground is now, as JSON on one line.
PROBE = """import json
t = pg.trainer
print(json.dumps({"data": pg.data, "features": list(pg.features), "hidden": list(pg.hidden),
  "playing": pg.playing, "steps": t.steps, "loss": t.loss, "bounds": pg.points["bounds"],
  "X": [list(p) for p in t.X], "y": list(t.y), "error": pg.error}))"""
SIDE = 200  # the boundary's canvas, CSS pixels (playground.js's SIDE)

# The boundary canvas's colour at a 20 x 20 grid of points, as one list.
_GRID = """canvas => {
  const ctx = canvas.getContext("2d"), ratio = canvas.width / canvas.clientWidth, out = [];
  for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) {
    const x = Math.floor((j + 0.5) * 10 * ratio), y = Math.floor((i + 0.5) * 10 * ratio);
    out.push([...ctx.getImageData(x, y, 1, 1).data].slice(0, 3).join(","));
  }
  return out;
}"""


@pytest.fixture(scope="module")
def lab(chromium: Any, jupyter_session: Any) -> Iterator[Any]:
    """A 1280x800 JupyterLab page, file browser open, showing the playground at step 0."""
    with notebook_page(chromium, jupyter_session, NAME, [SOURCE, PROBE]) as page:
        yield page


def kernel(page: Any) -> dict[str, Any]:
    """The kernel's playground, asked after every message the browser sent before."""
    run_cell(page, 1, timeout=60)
    said: dict[str, Any] = json.loads(cell_outputs(page, 1).first.inner_text())
    return said


def kernel_until(page: Any, done: Any, timeout: float = 30.0) -> dict[str, Any]:
    """The kernel's playground once ``done(it)``: the widget's messages may wait for the
    kernel's reply to the one before (ipywidgets sends one at a time), so a cell run at
    once may come before them."""
    deadline = time.monotonic() + timeout
    said = kernel(page)
    while not done(said) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        said = kernel(page)
    return said


def shot(page: Any, pg: Any, path: Path) -> None:
    pg.scroll_into_view_if_needed()
    pg.evaluate("el => el.scrollIntoView({ block: 'start' })")
    page.screenshot(path=str(path))


def loss_shown(pg: Any) -> float:
    """The training loss the bar shows ("loss 0.69 · validation loss 0.70")."""
    text = pg.locator(".cr-pg-loss").inner_text()
    assert text.startswith("loss "), text
    return float(text.split()[1])


def test_a_lesson_xor_on_one_feature_a_point_added_and_a_refusal(lab: Any, tmp_path: Path) -> None:
    pg = cell_outputs(lab, 0).locator(".cr-pg")
    pg.locator(".cr-pg-net svg").wait_for()
    shot(lab, pg, tmp_path / "1-moons.png")
    # The controls, in the order a learner can: a feature is never left without one.
    # Each change waits for the kernel to have it: an older change's echo, coming back while
    # a newer one waits its turn (ipywidgets sends one at a time), would tick a box again.
    pg.locator("select[name=data]").select_option("xor")
    box = {name: pg.locator(f".cr-pg-features input[value='{name}']") for name in ("x1", "x2")}
    product = pg.locator(".cr-pg-features input[value='x1\u00b7x2']")
    for click, features in [
        (product.check, ["x1", "x2", "x1\u00b7x2"]),
        (box["x1"].uncheck, ["x2", "x1\u00b7x2"]),
        (box["x2"].uncheck, ["x1\u00b7x2"]),
    ]:
        click()
        kernel_until(lab, lambda k, want=features: k["features"] == want)
    hidden = pg.locator("input.cr-pg-hidden")
    hidden.fill("")
    hidden.press("Tab")  # the change is sent when the box is left
    lesson = ("xor", ["x1\u00b7x2"], [])
    said = kernel_until(lab, lambda k: (k["data"], k["features"], k["hidden"]) == lesson)
    assert (said["data"], said["features"], said["hidden"]) == lesson
    assert said["steps"] == 0 and not said["error"]
    lab.wait_for_function(
        "el => el.querySelector('.cr-pg-netname').textContent === 'MLP(1, [1])'",
        arg=pg.element_handle(),
    )
    # The network's inputs are the one feature.
    inputs = [t.strip() for t in pg.locator(".cr-pg-net svg text").all_text_contents()]
    assert "x1\u00b7x2" in inputs and "x1" not in inputs and "x2" not in inputs, inputs
    boundary = pg.locator("canvas.cr-pg-boundary")
    before = boundary.evaluate(_GRID)
    shot(lab, pg, tmp_path / "2-xor-on-x1x2-linear.png")

    # Play: the loss the bar shows falls, the boundary changes; then Pause.
    pg.locator(".cr-pg-play").click()
    at = lambda k: f"el => Number(el.getAttribute('data-step')) >= {k}"  # noqa: E731
    lab.wait_for_function(at(3), arg=pg.element_handle(), timeout=60_000)
    early = loss_shown(pg)
    lab.wait_for_function(at(60), arg=pg.element_handle(), timeout=120_000)
    late = loss_shown(pg)
    shot(lab, pg, tmp_path / "3-playing.png")
    pg.locator(".cr-pg-play").click()
    said = kernel_until(lab, lambda k: not k["playing"])
    after = boundary.evaluate(_GRID)
    changed = sum(a != b for a, b in zip(before, after, strict=True))
    print(f"loss shown {early} -> {late}; {changed} of 400 boundary pixels changed")
    assert not said["playing"] and said["steps"] >= 60
    assert late < early < said["loss"][0]
    assert said["loss"][-1] < 0.5 * said["loss"][0]  # x1·x2 alone: xor is linear now
    assert changed > 100
    assert pg.locator(".cr-pg-counter").inner_text() == f"step {said['steps']}"
    shot(lab, pg, tmp_path / "4-paused.png")

    # "a click" adds a point of class 1 where the canvas is clicked; shift-click removes it.
    pg.locator("select[name=click]").select_option(label="adds class 1")
    x0, x1, y0, y1 = said["bounds"]
    x, y = 0.5 * x0 + 0.5 * x1 + 0.3, 0.25 * y0 + 0.75 * y1  # a place in the plane
    at_px = {"x": 1 + (x - x0) / (x1 - x0) * SIDE, "y": 1 + (y1 - y) / (y1 - y0) * SIDE}
    count = len(said["X"])
    boundary.click(position=at_px)
    added = kernel_until(lab, lambda k: len(k["X"]) != count or k["error"])
    shot(lab, pg, tmp_path / "5-added.png")
    assert len(added["X"]) == count + 1 and not added["error"], added["error"]
    new = [p for p in added["X"] if p not in said["X"]]
    assert len(new) == 1 and added["y"][added["X"].index(new[0])] == 1
    # Where the click was, to the canvas's pixel: one pixel is (x1 - x0) / SIDE of the plane.
    assert abs(new[0][0] - x) <= (x1 - x0) / SIDE and abs(new[0][1] - y) <= (y1 - y0) / SIDE
    boundary.click(position=at_px, modifiers=["Shift"])
    removed = kernel_until(lab, lambda k: len(k["X"]) == count or k["error"])
    shot(lab, pg, tmp_path / "6-removed.png")
    assert removed["X"] == said["X"] and removed["y"] == said["y"] and not removed["error"]

    # Unticking the last feature is refused: the error line says why, the box comes back.
    product.click()  # not uncheck(): the box may be back before playwright looks
    error = pg.locator(".cr-pg-error")
    error.wait_for(state="visible")
    lab.wait_for_function("box => box.checked", arg=product.element_handle())
    refused = kernel(lab)
    shot(lab, pg, tmp_path / "7-refused.png")
    assert error.inner_text() == refused["error"]
    assert refused["error"].startswith("playground features is empty: choose at least one")
    assert refused["features"] == ["x1\u00b7x2"] and product.is_checked()
