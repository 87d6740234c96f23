"""The player in a real browser: the standalone page at 1280x800 and in an 800-px column.

Every step is measured on screen: the active node inside the stage and the
window, the caption's height constant, no text under 11 px, nothing moving
when the whole graph fits. Screenshots go to the test's tmp path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from autograd import Value
from autograd.viz import step_through
from autograd.viz.views.player_page import page as html_page
from nn import MLP
from nn.demo import neuron
from tests.player_view import seen, step_to

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

LAPTOP = {"width": 1280, "height": 800}
COLUMN = {"width": 800, "height": 800}  # about a notebook's output column


def issue_example() -> Value:
    """c = a * b, L = -2c: dL/da = dL/dc · ∂c/∂a = (-2.0) · 3.0 = -6.0."""
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    c.label = "c"
    return c * -2.0


def mlp_loss(sizes: list[int]) -> Value:
    y = MLP(2, sizes, seed=0)([0.5, -1.0])
    return (y - 1.0) ** 2


@pytest.fixture
def open_page(chromium: Any) -> Iterator[Any]:
    """Open a file in a fresh page of the given size; fail on any script error."""
    pages: list[tuple[Any, list[str]]] = []

    def opener(path: Path, viewport: dict[str, int] = LAPTOP, **context: Any) -> Any:
        ctx = chromium.new_context(viewport=viewport, reduced_motion="reduce", **context)
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(path.as_uri())
        pages.append((ctx, errors))
        return page

    yield opener
    for ctx, errors in pages:
        ctx.close()
        assert errors == []


def walk_every_step(player: Any, frames: int, shots: Path | None = None) -> list[Any]:
    states = [step_to(player, 0)]
    for k in range(1, frames):
        player.press("ArrowRight")
        states.append(seen(player))
        assert states[-1].step == k
        if shots is not None:
            player.page.screenshot(path=str(shots / f"step{k:02d}.png"))
    return states


def test_stepping_with_buttons_keys_slider_and_play(open_page: Any, tmp_path: Path) -> None:
    path = step_through(issue_example()).save_html(tmp_path / "player.html")
    page = open_page(path)
    player = page.locator(".cr-player")
    assert page.locator(".cr-static").is_hidden() and page.locator(".cr-live").is_visible()
    state = seen(player)
    assert state.step == 0 and state.active is None
    assert "grad 1.0" in state.texts() and "grad -6.0" not in state.texts()
    # a, b and c not computed yet: "grad —" (never a blank or 0.0), and the key says so
    assert state.texts().count("grad —") == 3
    key = page.locator(".cr-controls .cr-blank-key")
    assert key.is_visible() and key.inner_text() == "grad —: not computed yet"
    assert "every other gradient is not computed yet (grad —)" in state.caption
    assert page.locator(".cr-prev").is_disabled()

    page.locator(".cr-next").click()
    state = seen(player)
    assert (state.step, state.active_name) == (1, "L")
    assert "dL/dc = dL/dL · ∂L/∂c = 1.0 · (-2.0) = -2.0" in state.caption
    assert "grad -2.0" in state.texts() and "grad -6.0" not in state.texts()

    page.keyboard.press("ArrowRight")
    state = seen(player)
    assert (state.step, state.active_name) == (2, "c")
    assert "dL/da = dL/dc · ∂c/∂a = (-2.0) · 3.0 = -6.0" in state.caption
    assert {"grad -6.0", "grad -4.0"} <= set(state.texts())
    assert "grad —" not in state.texts() and not key.is_visible()  # every gradient known
    assert "(-2.0) · 3.0 = -6.0" in state.labels  # on the edge from a, where it fits
    page.keyboard.press("ArrowRight")
    state = seen(player)
    assert state.step == 3 and state.active is None and "Backward is done" in state.caption
    assert page.locator(".cr-caption img.cr-key").is_visible()  # the colour legend
    assert page.locator(".cr-next").is_disabled()
    page.screenshot(path=str(tmp_path / "summary.png"))

    page.keyboard.press("ArrowRight")  # already at the end: stays
    assert seen(player).step == 3
    page.keyboard.press("ArrowLeft")
    assert seen(player).active_name == "c"

    slider = page.locator(".cr-slider")
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] - 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 2, y, steps=5)  # drag to the start
    page.mouse.up()
    assert seen(player).step == 0

    page.locator(".cr-play").click()  # plays to the end and stops there
    page.wait_for_function(
        "document.querySelector('.cr-player').getAttribute('data-step') === '3'", timeout=8000
    )
    assert page.locator(".cr-play").inner_text().endswith("Play")


def test_the_neuron_fits_a_laptop_screen_whole_and_nothing_moves(
    open_page: Any, tmp_path: Path
) -> None:
    stepper = step_through(neuron())
    page = open_page(stepper.save_html(tmp_path / "neuron.html"))
    player = page.locator(".cr-player")
    states = walk_every_step(player, len(stepper), tmp_path)
    first = states[0]
    for state in states:
        # Every box where it was, the stage and caption as they were, all on screen.
        assert [b[:3] for b in state.boxes] == [b[:3] for b in first.boxes]
        assert state.stage == first.stage and state.caption_height == first.caption_height
        assert state.player["bottom"] <= LAPTOP["height"]
        assert state.smallest >= 11, (state.step, state.where, state.smallest)
        assert state.active is None or state.active_on_screen()
    assert page.locator(".cr-whole").is_hidden() and page.locator(".cr-overview").is_hidden()
    # Step 5 processes mul1 = x1 * w1: x1 gets 0.5 · (-3.0), w1 gets 0.5 · 2.0.
    assert states[5].active_name == "mul1"
    assert {"grad -1.5", "grad 1.0"} <= set(states[5].texts())
    print(f"neuron: smallest text {min(s.smallest for s in states):.1f} px")


@pytest.mark.parametrize("viewport", [LAPTOP, COLUMN], ids=["1280x800", "800-px column"])
def test_a_network_is_followed_step_by_step_at_a_readable_size(
    open_page: Any, tmp_path: Path, viewport: dict[str, int]
) -> None:
    stepper = step_through(mlp_loss([8, 8, 1]))  # 140 Values: does not fit whole
    page = open_page(stepper.save_html(tmp_path / "mlp.html"), viewport)
    player = page.locator(".cr-player")
    states = walk_every_step(player, len(stepper))
    for state in states:
        assert state.active is None or state.active_on_screen(), state.step
        assert not state.under_overview(), state.step
        assert state.crowded_labels() == [] and state.blanks == 0, state.step
        assert state.smallest >= 11, (state.step, state.where, state.smallest)
        assert state.caption_height == states[0].caption_height
    for state in states[:-1]:  # the summary shows the whole graph: see below
        assert state.stage == states[0].stage
        assert state.player["bottom"] <= viewport["height"]
    # The summary: the whole graph does not read in the column even at 11 px
    # (3,800 px wide), so the summary shows it folded, one box per neuron, whole,
    # as wide as the stage and never under 11 px; no sideways scroll.
    summary = states[-1]
    stage = summary.stage
    assert stage is not None and stage["height"] > states[0].stage["height"]
    fold = page.locator(".cr-fold")
    assert (
        fold.is_visible()
        and page.locator(".cr-canvas").evaluate("(c) => getComputedStyle(c).visibility")
        == "hidden"
    )
    box = fold.bounding_box()
    assert box is not None and box["width"] <= stage["width"] + 0.5
    assert box["y"] >= stage["top"] - 0.5 and box["y"] + box["height"] <= stage["bottom"] + 0.5
    folded = stepper.layout().folded
    assert folded is not None and folded.smallest == 11.0
    assert box["width"] / folded.width * 11.0 >= 11  # points drawn at that scale, in px
    assert box["height"] < 1100  # the unfolded graph at 11 px: 2,815 px
    assert page.locator(".cr-note").is_hidden()
    assert "each neuron is one box" in summary.caption
    assert sum(len(s.label_boxes) for s in states) > len(states)  # labels are shown
    # A step of one operand shows it beside its node wherever the two fit at
    # the smallest zoom (text at 11 px: 11 pt is 14.67 px at zoom 1).
    single = [s for s in states if len(s.fresh) == 1]
    assert [s.step for s in single if s.operands_left_out(zoom=11 / (11 * 4 / 3))] == []
    tanh_steps = [s for s in states if s.active_name.startswith("tanh")]
    assert len(tanh_steps) == 16
    assert sum(s.fresh[0][0] for s in tanh_steps) >= 12  # most tanh's dots are in view
    step_to(player, 5)  # a second-layer neuron: its dot and its 8 weights and bias
    assert page.locator(".cr-overview").is_visible() and page.locator(".cr-whole").is_visible()
    page.screenshot(path=str(tmp_path / f"mlp_step5_{viewport['width']}.png"))
    state = seen(player)
    assert state.active_name.startswith("dot")
    weights = [b for b in state.boxes if b[3][0].startswith("layers.1.neurons.7.")]
    stage = state.stage
    assert stage is not None and len(weights) == 9
    on_stage = [b for b in weights if stage["top"] <= b[2] <= stage["bottom"] - 10]
    assert len(on_stage) == 9  # the whole neuron is in view at once
    page.locator(".cr-whole").click()
    assert page.locator(".cr-whole").get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(tmp_path / f"mlp_whole_{viewport['width']}.png"))
    whole = seen(player)  # the whole graph, never under 11 px (it was 2.2 px)
    assert whole.smallest >= 11, (whole.where, whole.smallest)
    assert page.locator(".cr-note").is_visible()
    # W on the summary shows every Value too: the unfolded graph at 11 px, which
    # scrolls sideways and says so.
    player.press("End")
    assert page.locator(".cr-fold").is_hidden() and page.locator(".cr-note").is_visible()
    assert "scroll it sideways" in page.locator(".cr-note").inner_text()
    assert seen(player).smallest >= 11


def notebook_02s_mlp() -> Value:
    """Notebook 02's MLP(1, [2, 1]) loss, named as the notebook names it."""
    model = MLP(1, [2, 1], seed=0)
    for p, name in zip(model.parameters(), ["w1", "b1", "w2", "b2", "u1", "u2", "c"]):
        p.label = name
    x = Value(1.5, label="x")
    y = model([x])
    y.label = "y"
    for v, name in [(y.parents[2], "h1"), (y.parents[3], "h2")]:
        v.label = name
        v.parents[0].label = "z" + name[1]
    e = y - 0.5
    e.label = "e"
    loss = e**2
    loss.label = "L"
    return loss


NOTEBOOK = {"width": 828, "height": 800}  # JupyterLab's output column, file browser open


@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_a_small_network_reads_whole_in_a_notebook_column(
    open_page: Any, tmp_path: Path, direction: str
) -> None:
    # Every frame, the last one too, shows the whole graph at 11 px or more:
    # nothing to follow, no whole-graph button, nothing cut off (the summary
    # stayed zoomed on one corner; the whole graph was 8.6 px).
    stepper = step_through(notebook_02s_mlp(), direction=direction)
    page = open_page(stepper.save_html(tmp_path / "mlp.html"), NOTEBOOK)
    player = page.locator(".cr-player")
    states = walk_every_step(player, len(stepper))
    page.screenshot(path=str(tmp_path / f"{direction}_last.png"))
    for state in states:
        stage = state.stage
        assert stage is not None and state.smallest >= 11, (state.step, state.smallest)
        assert all(
            b["left"] >= stage["left"]
            and b["right"] <= stage["right"]
            and b["top"] >= stage["top"]
            and b["bottom"] <= stage["bottom"]
            for b in state.solid
        ), state.step
        assert state.player["right"] <= NOTEBOOK["width"]
    assert page.locator(".cr-whole").is_hidden() and page.locator(".cr-note").is_hidden()
    print(f"{direction}: smallest text {min(s.smallest for s in states):.1f} px")


def test_a_long_caption_is_cut_between_two_lines(open_page: Any, tmp_path: Path) -> None:
    # The output neuron's step of MLP(2, [2, 1]) lists five operands: seven lines.
    stepper = step_through(mlp_loss([2, 1]))
    page = open_page(stepper.save_html(tmp_path / "mlp.html"))
    states = walk_every_step(page.locator(".cr-player"), len(stepper))
    cut = [s for s in states if s.caption_cut is not None]
    assert cut, "no caption is longer than six lines"
    assert [s.step for s in cut if s.caption_cut_through_a_line()] == []


def test_without_scripts_a_static_view_shows(open_page: Any, tmp_path: Path) -> None:
    path = step_through(issue_example()).save_html(tmp_path / "player.html")
    page = open_page(path, java_script_enabled=False)
    assert page.locator(".cr-live").count() == 0
    picture = page.locator(".cr-static img.cr-picture")
    assert picture.is_visible() and picture.evaluate("img => img.naturalWidth") > 0
    # A small graph's picture at its own size: its text at 11 pt, 14.7 px.
    assert picture.evaluate("img => img.getBoundingClientRect().width / img.naturalWidth") == 1
    text = page.locator(".cr-static").inner_text()
    assert "this page steps through its graph with JavaScript" in text
    assert "Step 2 of 2: c = a * b, and dL/dc = -2.0 is complete.\n" in text  # line breaks kept
    assert "dL/da = dL/dc · ∂c/∂a = (-2.0) · 3.0 = -6.0" in text
    body = page.locator("body").inner_text()
    assert "v0" not in body and "->" not in body  # no stray SVG text
    page.screenshot(path=str(tmp_path / "static.png"), full_page=True)


def test_the_same_player_twice_on_a_page_works_twice(open_page: Any, tmp_path: Path) -> None:
    stepper = step_through(issue_example())
    path = tmp_path / "twice.html"
    path.write_text(html_page("twice", stepper.to_html() + stepper.to_html()), encoding="utf-8")
    page = open_page(path)
    first, second = page.locator(".cr-player").nth(0), page.locator(".cr-player").nth(1)
    assert seen(first).live and seen(second).live
    second.locator(".cr-next").click()
    second.locator(".cr-next").click()
    assert (seen(first).step, seen(second).step) == (0, 2)
    assert seen(second).active_name == "c"
    first.press("ArrowRight")
    assert (seen(first).step, seen(second).step) == (1, 2)
