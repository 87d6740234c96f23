"""The widgets in the site, offline: anywidget after one install cell, the lab, the playground.

One page and one kernel (the session's, ``landing``): the install cell runs
once, then each test adds its cells to the landing notebook (tests/site/pages.py).
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import pytest

from autograd.text import number
from tests.site.pages import KERNEL_MS, add_cell, run_cell, run_first_cell, wait_ran

pytestmark = pytest.mark.browser

#: The one install cell the widgets need, then a widget whose front end writes its value.
WIDGET = """%pip install anywidget
import anywidget, traitlets
class Probe(anywidget.AnyWidget):
    _esm = ("export default { render({ model, el }) {"
            " el.innerHTML = '<b class=probe>' + model.get('value') + '</b>'; } }")
    value = traitlets.Int(7).tag(sync=True)
Probe()"""

#: docs/live.md's lab, its output labelled as notebook 08's: o = tanh(2w + b).
LAB = """from autograd.viz import lab
def neuron(w, b):
    o = (w * 2.0 + b).tanh()
    o.label = "o"
    return o
neuron_lab = lab(neuron, w=0.5, b=(-0.2, -3, 3))
neuron_lab"""

#: docs/live.md's playground (notebook 08's: 100 points), and a note of when Pause is heard.
PLAYGROUND = """import asyncio, time
from nn import playground
pg = playground([8, 8], "moons", lr=0.3, points=100)
heard = []  # (time.time() in ms, steps taken) when the kernel hears Pause
pg.observe(lambda c: c["new"] or heard.append((time.time() * 1000, pg.trainer.steps)), "playing")
pg"""

#: A cell that waits (letting the kernel's loop run) and prints the step before and after.
WAIT = """before = pg.step
await asyncio.sleep(0.5)
print(pg.playing, before, pg.step)"""


def readout(w: float, b: float) -> str:
    """The lab's readout for LAB's neuron at (w, b), worked out by hand in CPython's floats."""
    o = math.tanh(w * 2.0 + b)
    slope = 1.0 - o * o  # tanh' = 1 - tanh²
    return f"o = {number(o)}\ndo/dw = {number(slope * 2.0)}\ndo/db = {number(slope)}"


@pytest.fixture(scope="module")
def page(landing: Any) -> Any:
    """The landing notebook, its first cell replaced by WIDGET and run (anywidget installed)."""
    run_first_cell(landing, WIDGET)
    return landing


def test_anywidget_renders_after_one_install_cell(page: Any) -> None:
    page.locator("b.probe").wait_for(timeout=KERNEL_MS)
    assert page.locator("b.probe").inner_text() == "7"


def test_lab_redraws_an_input_change_with_cpythons_numbers(page: Any, tmp_path: Path) -> None:
    cell = add_cell(page, LAB)
    page.keyboard.press("Shift+Enter")
    shown = cell.locator(".cr-lab-readout")
    shown.wait_for(timeout=KERNEL_MS)
    page.wait_for_function("e => e.textContent.length > 0", arg=shown.element_handle())
    before = shown.text_content()
    box = cell.locator('input[aria-label="w value"]')
    box.fill("1.5")
    box.press("Enter")
    page.wait_for_function(
        "([e, old]) => e.textContent !== old", arg=[shown.element_handle(), before]
    )
    after = shown.text_content()
    inputs = run_cell(page, "print(neuron_lab.inputs)")
    cell.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "lab.png"))
    assert before == readout(0.5, -0.2)
    assert after == readout(1.5, -0.2)
    assert inputs == "{'w': 1.5, 'b': -0.2}"


def test_playground_plays_while_the_kernel_answers_and_pauses(page: Any, tmp_path: Path) -> None:
    cell = add_cell(page, PLAYGROUND)
    page.keyboard.press("Shift+Enter")
    play = cell.locator(".cr-pg-play")
    play.wait_for(timeout=KERNEL_MS)
    wait_ran(cell)
    idle_ms = [reply(page, "print(pg.step)")[0] for _ in range(3)]
    play.click()
    playing = run_cell(page, WAIT).split()
    replies = [reply(page, "print(pg.step)") for _ in range(3)]
    cell.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "playground_playing.png"))
    play.evaluate("b => b.addEventListener('click', () => { window.pausedAt = Date.now(); })")
    play.click()
    paused = run_cell(page, WAIT).split()
    heard = run_cell(page, "print(*heard[-1], pg.trainer.steps)").split()
    clicked = page.evaluate("window.pausedAt")
    counter = cell.locator(".cr-pg-counter").inner_text()
    cell.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "playground_paused.png"))
    late, at, last = float(heard[0]) - clicked, int(heard[1]), int(heard[2])
    reply_ms = [ms for ms, _ in replies]
    rate = (int(playing[2]) - int(playing[1])) / 0.5
    print(
        f"reply while paused {idle_ms} ms, while playing {reply_ms} ms; Pause heard in "
        f"{late:.0f} ms, {last - at} step(s) after; {rate:.0f} steps/s"
    )
    assert playing[0] == "True" and int(playing[2]) > int(playing[1]) > 0, playing
    steps = [int(text) for _, text in replies]
    assert steps == sorted(steps) and steps[-1] > steps[0], steps  # it stepped between replies
    assert paused[0] == "False" and paused[1] == paused[2] == str(last), (paused, last)
    assert last - at <= 1  # at most the step under way when Pause arrived
    assert counter == f"step {last}"  # the widget shows where it stopped
    assert play.inner_text() == "\u25b6 Play"


def reply(page: Any, code: str) -> tuple[float, str]:
    """Run ``code`` in a new cell: the ms from Shift+Enter to its output, and the output."""
    cell = add_cell(page, code)
    start = time.perf_counter()
    page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea-output")
    output.first.wait_for(timeout=KERNEL_MS)
    return (time.perf_counter() - start) * 1000, output.first.inner_text().strip()


#: A playground three Adam steps in (tests/nn/test_explain_in_jupyter.py's), and where
#: point 7 of the front end's order (training points first) is, and which point it is.
EXPLAINED = """from nn.widgets.explain_view import sent_order
pg2 = playground([4], "circles", points=60, optimizer="adam").train(3)
pg2"""
WHERE = """t = pg2.trainer
i = sent_order(pg2._given, t.X, t.y, t.X_val, t.y_val)[7]
print(*pg2.points["xy"][7][:2], *pg2.points["bounds"], i)
print(pg2.explain(i).captions[0].splitlines()[0])"""
SIDE = 200  # the boundary's canvas, CSS pixels (playground.js's SIDE)


def test_clicking_a_point_opens_its_explanation(page: Any, tmp_path: Path) -> None:
    cell = add_cell(page, EXPLAINED)
    page.keyboard.press("Shift+Enter")
    boundary = cell.locator("canvas.cr-pg-boundary")
    boundary.wait_for(timeout=KERNEL_MS)
    wait_ran(cell)
    numbers, first = run_cell(page, WHERE).splitlines()
    x, y, x0, x1, y0, y1, _ = (float(n) for n in numbers.split())
    boundary.scroll_into_view_if_needed()
    # The point's centre on the canvas, as canvases.js draws it (the canvas has a 1 px border).
    boundary.click(
        position={"x": 1 + (x - x0) / (x1 - x0) * SIDE, "y": 1 + (y1 - y) / (y1 - y0) * SIDE}
    )
    player = cell.locator(".cr-pg-explain .cr-player")
    player.locator(".cr-live").wait_for(timeout=KERNEL_MS)
    caption = player.locator(".cr-caption")
    assert caption.inner_text().splitlines()[0] == first  # the forward frame: this point's
    player.locator(".cr-next").click()
    page.wait_for_function("e => e.getAttribute('data-step') === '1'", arg=player.element_handle())
    player.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "explained_in_site.png"))


#: A lesson's playground: two spirals on x1, x2, sin x1 and sin x2.
SPIRAL = """from nn import playground
pg3 = playground([8], "spiral", points=100, features=["x1", "x2", "sin x1", "sin x2"])
pg3"""
#: Its steps, its points' count, its last point and label, and its bounds, on one line.
SPIRAL_NOW = "t = pg3.trainer\nprint(t.steps, len(t.X), *t.X[-1], t.y[-1], *pg3.points['bounds'])"


def test_a_spiral_playground_with_features_plays_and_a_click_adds_a_point(
    page: Any, tmp_path: Path
) -> None:
    cell = add_cell(page, SPIRAL)
    page.keyboard.press("Shift+Enter")
    boundary = cell.locator("canvas.cr-pg-boundary")
    boundary.wait_for(timeout=KERNEL_MS)
    wait_ran(cell)
    inputs = [t.strip() for t in cell.locator(".cr-pg-net svg text").all_text_contents()]
    assert {"x1", "x2", "sin x1", "sin x2"} <= set(inputs), inputs
    play = cell.locator(".cr-pg-play")
    play.click()
    page.wait_for_function(
        "el => Number(el.getAttribute('data-step')) >= 5",
        arg=cell.locator(".cr-pg").element_handle(),
        timeout=KERNEL_MS,
    )
    play.click()
    cell.locator(".cr-pg-play[aria-pressed=false]").wait_for()
    steps, count, *rest = run_cell(page, SPIRAL_NOW).split()
    x0, x1, y0, y1 = (float(n) for n in rest[3:])
    cell.locator("select[name=click]").select_option(label="adds class 1")
    x, y = 0.3 * x0 + 0.7 * x1, 0.6 * y0 + 0.4 * y1  # a place in the plane
    boundary.click(
        position={"x": 1 + (x - x0) / (x1 - x0) * SIDE, "y": 1 + (y1 - y) / (y1 - y0) * SIDE}
    )
    for _ in range(10):  # the widget's messages go one at a time: one may follow the cell
        now = run_cell(page, SPIRAL_NOW).split()
        if now[1] != count:
            break
    cell.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "spiral_in_site.png"))
    print(f"spiral in the site: {steps} steps played; {count} -> {now[1]} training points")
    assert int(steps) >= 5 and int(now[0]) == int(steps)  # paused: no step since
    assert int(now[1]) == int(count) + 1 and now[4] == "1"  # one more point, of class 1
    # Where the click was, to the canvas's pixel: one pixel is (x1 - x0) / SIDE of the plane.
    assert abs(float(now[2]) - x) <= (x1 - x0) / SIDE
    assert abs(float(now[3]) - y) <= (y1 - y0) / SIDE
