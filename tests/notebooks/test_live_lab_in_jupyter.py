"""Notebook 08's live widgets in a real JupyterLab: dragged, clicked, played, and reopened.

The lab: set an input and the gradient it shows is the one ``autograd.grad``
computes; click a node and read its derivation. The arrow keys on a focused
slider move the slider, not JupyterLab's active cell, scroll or sections; the
two-layer lab has no inner scroll box, and clicking its nodes never moves its
graph. The playground: play, and the step counter advances and the loss falls;
pause, and it stops. Reopened untrusted with no kernel, the saved notebook
shows each widget's static snapshot and no widget error. Screenshots at
1280x800 go to the test's tmp_path.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest

from autograd import Value, grad
from autograd.text import number
from tests.jupyter import (
    JupyterFolder,
    cell_outputs,
    is_trusted,
    nbconvert_html,
    open_notebook,
    run_cell,
)

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAME = "08_live_lab.ipynb"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: Text a widget shows when its model is missing or its front end failed.
WIDGET_ERRORS = ("Loading widget", "model not found", "Error displaying widget", "Failed to load")


def cell_index(marker: str) -> int:
    cells = nbformat.read(NOTEBOOKS / NAME, as_version=4).cells
    return next(i for i, c in enumerate(cells) if c.cell_type == "code" and marker in c.source)


def neuron_gradient(w: float, b: float) -> str:
    """do/dw of notebook 08's neuron o = tanh(2w + b), by autograd.grad."""
    wv = Value(w)
    return number(grad((wv * 2.0 + b).tanh(), wv))


def smallest_svg_text(widget: Any) -> float:
    """The smallest text drawn in the widget's SVGs, in CSS pixels as rendered."""
    return float(
        widget.evaluate(
            """el => Math.min(...[...el.querySelectorAll('svg text')]
                .filter(t => t.getBoundingClientRect().height > 0)
                .map(t => parseFloat(getComputedStyle(t).fontSize)
                     * t.getScreenCTM().a))"""
        )
    )


# Where the notebook is: its active cell, how far it is scrolled, how many cells
# it has and how many of its sections are collapsed.
NOTEBOOK_STATE_JS = f"""() => {{
  const panel = document.querySelector('{PANEL}');
  const cells = [...panel.querySelectorAll('.jp-Notebook .jp-Cell')];
  return {{
    active: cells.findIndex(c => c.classList.contains('jp-mod-active')),
    scroll: panel.querySelector('.jp-WindowedPanel-outer').scrollTop,
    cells: cells.length,
    collapsed: panel.querySelectorAll('.jp-MarkdownHeadingCollapsed').length,
  }};
}}"""

# The elements in the widget, and the output holding it, that scroll on their own.
SCROLL_BOXES_JS = """el => [el.closest('.jp-OutputArea-output'), el, ...el.querySelectorAll('*')]
  .filter(e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
  .filter(e => getComputedStyle(e).overflowY !== 'visible'
               || getComputedStyle(e).overflowX !== 'visible')
  .map(e => `${e.getAttribute('class')}: ${e.scrollWidth}x${e.scrollHeight}`
            + ` in ${e.clientWidth}x${e.clientHeight}`)"""


def wait_for(check: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the widget")
        time.sleep(0.05)


@pytest.fixture
def page(chromium: Any, jupyter: JupyterFolder, request: pytest.FixtureRequest) -> Any:
    """Notebook 08 open in JupyterLab (or in Notebook 7, for a test parametrized ``ui``)."""
    shutil.copy(NOTEBOOKS / NAME, jupyter.root / NAME)
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    open_notebook(page, jupyter.url(NAME, ui=getattr(request, "param", "lab")))
    yield page
    page.close()


def test_the_lab_shows_the_gradient_python_computes(page: Any, tmp_path: Path) -> None:
    index = cell_index("neuron_lab = lab(")
    run_cell(page, index)
    lab = cell_outputs(page, index).locator(".cr-lab")
    readout = lab.locator(".cr-lab-readout")
    assert f"do/dw = {neuron_gradient(0.5, -0.2)}" in readout.inner_text()
    box = lab.locator("input[type=number]").first  # w
    box.fill("1.25")
    box.press("Enter")
    want = f"do/dw = {neuron_gradient(1.25, -0.2)}"
    wait_for(lambda: want in readout.inner_text())
    latency = float(lab.get_attribute("data-latency") or "nan")
    # The slider: drag b to its right end (5.0).
    slider = lab.locator("input[type=range]").nth(1)
    slider.scroll_into_view_if_needed()
    box_b = slider.bounding_box()
    page.mouse.click(box_b["x"] + box_b["width"] - 1, box_b["y"] + box_b["height"] / 2)
    wait_for(lambda: lab.locator("input[type=number]").nth(1).input_value() != "-0.2")
    b = float(lab.locator("input[type=number]").nth(1).input_value())
    wait_for(lambda: f"do/dw = {neuron_gradient(1.25, b)}" in readout.inner_text())
    # Click w's box for its derivation.
    lab.locator("g[data-n]").first.click()
    derivation = lab.locator(".cr-lab-derivation").inner_text()
    assert derivation.startswith("w = 1.25, an input")
    assert "do/dw = do/dmul1 · ∂mul1/∂w = " in derivation
    assert derivation.endswith(f"= {neuron_gradient(1.25, b)}")
    smallest = smallest_svg_text(lab)
    assert smallest >= 11, smallest
    lab.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "lab.png"))
    print(f"lab round trip {latency:.0f} ms; smallest text {smallest:.1f} px")
    # The player, live: step through this evaluation's backward pass.
    lab.locator(".cr-lab-mode").click()
    player = lab.locator(".cr-player")
    wait_for(lambda: player.locator(".cr-next").count() > 0)
    player.locator(".cr-next").click()
    assert "Step 1 of 3" in player.locator(".cr-caption").inner_text()
    page.screenshot(path=str(tmp_path / "lab_steps.png"))


# JupyterLab hears the keys as they bubble up, Notebook 7 as they go down.
@pytest.mark.parametrize("page", ["lab", "notebook"], indirect=True)
def test_the_arrow_keys_move_a_focused_slider_and_not_the_notebook(
    page: Any, tmp_path: Path
) -> None:
    index = cell_index("two = lab(")
    for i in (cell_index("neuron_lab = lab("), index):
        run_cell(page, i)
    # Handles, not locators: were a key to add a cell, the cell's index would change.
    lab = cell_outputs(page, index).locator(".cr-lab").element_handle()
    slider, box = lab.query_selector("input[type=range]"), lab.query_selector("input[type=number]")
    slider.scroll_into_view_if_needed()
    slider.focus()
    before = page.evaluate(NOTEBOOK_STATE_JS)
    values, states = [float(slider.input_value())], []
    for key in ("ArrowRight", "ArrowLeft", "ArrowLeft", "a"):  # "a": Lab would add a cell
        updates = lab.get_attribute("data-updates")
        page.keyboard.press(key)
        values.append(float(slider.input_value()))
        if values[-1] != values[-2]:  # wait for the kernel's answer
            wait_for(lambda seen=updates: lab.get_attribute("data-updates") != seen)
        states.append(page.evaluate(NOTEBOOK_STATE_JS))
    page.screenshot(path=str(tmp_path / "lab_keys.png"))
    print(f"slider {values}; notebook {before}, then {states}")
    step = float(slider.get_attribute("step") or "nan")
    want = [values[0] + step, values[0], values[0] - step, values[0] - step]
    assert values[1:] == pytest.approx(want), values
    assert float(box.input_value()) == pytest.approx(values[-1])
    assert states == [before] * 4
    assert page.evaluate("document.activeElement.type") == "range"


def test_clicking_a_node_of_the_two_layer_lab_does_not_move_its_graph(
    page: Any, tmp_path: Path
) -> None:
    index = cell_index("two = lab(")
    for i in (cell_index("neuron_lab = lab("), index):
        run_cell(page, i)
    lab = cell_outputs(page, index).locator(".cr-lab")
    lab.scroll_into_view_if_needed()
    assert lab.evaluate(SCROLL_BOXES_JS) == []
    page.screenshot(path=str(tmp_path / "two_layers.png"))
    graph = lab.locator(".cr-lab-stage svg")
    nodes = lab.locator("g[data-n]")
    shifts = []
    for k in range(nodes.count()):
        nodes.nth(k).scroll_into_view_if_needed()
        top = graph.bounding_box()["y"]
        nodes.nth(k).click()
        shifts.append(graph.bounding_box()["y"] - top)
        name = nodes.nth(k).locator("text").first.text_content() or ""
        derivation = lab.locator(".cr-lab-derivation")
        assert derivation.inner_text().startswith(name.strip()), (name, derivation.inner_text())
    page.screenshot(path=str(tmp_path / "two_layers_clicked.png"))
    assert shifts == [0.0] * nodes.count(), shifts
    # A click gives the lab the keys: ArrowDown does not move JupyterLab's active
    # cell, and Escape closes the derivation.
    before = page.evaluate(NOTEBOOK_STATE_JS)
    page.keyboard.press("ArrowDown")
    assert page.evaluate(NOTEBOOK_STATE_JS) == before
    page.keyboard.press("Escape")
    assert lab.locator(".cr-lab-derivation").is_hidden()
    assert lab.evaluate(SCROLL_BOXES_JS) == []
    smallest = smallest_svg_text(lab)
    assert smallest >= 11, smallest
    size = lab.bounding_box()
    print(f"two layers: {size['width']:.0f}x{size['height']:.0f} px, text {smallest:.1f} px")


def test_the_playground_trains_while_playing_and_stops_on_pause(page: Any, tmp_path: Path) -> None:
    for marker in ("neuron_lab = lab(", "moons = playground("):
        run_cell(page, cell_index(marker))
    pg = cell_outputs(page, cell_index("moons = playground(")).locator(".cr-pg")
    pg.scroll_into_view_if_needed()
    loss = pg.locator(".cr-pg-loss")
    first = float(loss.inner_text().split()[-1])  # "validation loss 0.59..." before any step
    pg.locator(".cr-pg-play").click()
    wait_for(lambda: int(pg.get_attribute("data-step") or 0) >= 20, timeout=60)
    started = time.monotonic()
    steps_then = int(pg.get_attribute("data-step") or 0)
    page.wait_for_timeout(2000)
    rate = (int(pg.get_attribute("data-step") or 0) - steps_then) / (time.monotonic() - started)
    page.screenshot(path=str(tmp_path / "playground.png"))
    pg.locator(".cr-pg-play").click()  # pause
    wait_for(lambda: pg.locator(".cr-pg-play").inner_text().endswith("Play"))
    page.wait_for_timeout(500)
    stopped = pg.get_attribute("data-step")
    page.wait_for_timeout(1000)
    assert pg.get_attribute("data-step") == stopped, "training went on after the pause"
    now = float(loss.inner_text().split()[-1])
    assert now < first, (first, now)
    smallest = smallest_svg_text(pg)
    assert smallest >= 11, smallest
    print(f"playground in JupyterLab: {rate:.1f} steps shown per second; text {smallest:.1f} px")


def test_reopened_untrusted_it_shows_the_snapshots_and_no_widget_error(
    page: Any, tmp_path: Path
) -> None:
    assert not is_trusted(page)
    outputs = page.locator(f"{PANEL} .jp-OutputArea-output")
    text = "\n".join(outputs.all_text_contents())
    assert not [e for e in WIDGET_ERRORS if e in text], text[:500]
    assert text.count("A static view: run this cell") == 4  # two labs, two playgrounds
    images = page.locator(f"{PANEL} .jp-OutputArea-output img")
    assert images.count() == 2 + 2 * 2
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    page.screenshot(path=str(tmp_path / "untrusted.png"))


@pytest.mark.parametrize("scripts", [True, False], ids=["with JavaScript", "without"])
def test_nbconvert_html_shows_every_snapshot(chromium: Any, tmp_path: Path, scripts: bool) -> None:
    html = nbconvert_html(NOTEBOOKS / NAME, tmp_path)
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, java_script_enabled=scripts
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(html.as_uri())
    text = page.locator("body").inner_text()
    assert not [e for e in WIDGET_ERRORS if e in text]
    assert text.count("A static view: run this cell") == 4
    images = page.locator("img")
    assert images.count() == 2 + 2 * 2  # a graph per lab, a boundary and a network per playground
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    assert f"do/dw = {neuron_gradient(0.5, -0.2)}" in text  # the first lab's readout
    assert errors == []
    context.close()
