"""The saved player in a real browser: buttons, arrow keys, slider, play, no-script fallback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from autograd import Value
from autograd.viz import step_through

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]


def saved_player(tmp_path: Path) -> Path:
    """c = a * b, L = -2c, as in the issue: dL/da = dL/dc · dc/da = -2.0 · 3.0 = -6.0."""
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    c.label = "c"
    return step_through(c * -2.0).save_html(tmp_path / "player.html")


class Player:
    """What the page shows: the current step, its highlighted node and visible text."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.current = page.locator(".cr-frame.cr-current")

    def state(self) -> tuple[int, str, str]:
        root = self.page.locator(".cr-player")
        step = int(root.get_attribute("data-step"))
        assert self.current.count() == 1  # exactly one frame on show
        assert self.page.locator(".cr-frame:visible").count() == 1
        highlight = self.current.get_attribute("data-highlight")
        assert int(self.current.get_attribute("data-step")) == step
        return step, highlight, self.current.inner_text()

    def caption(self) -> str:
        return str(self.page.locator(".cr-caption").inner_text())


def highlighted_box(page: Any) -> list[str]:
    """The text lines of the box drawn with the orange highlight border in the current frame."""
    box = page.locator('.cr-frame.cr-current g.node:has(polygon[stroke="#ff7f0e"])')
    return [t.replace("\xa0", " ").strip() for t in box.locator("text").all_text_contents()]


def test_stepping_with_buttons_keys_slider_and_play(chromium: Any, tmp_path: Path) -> None:
    path = saved_player(tmp_path)
    page = chromium.new_page(viewport={"width": 1000, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else 0)
    page.goto(path.as_uri())
    player = Player(page)
    assert page.locator(".cr-static").is_hidden() and page.locator(".cr-live").is_visible()

    step, highlight, text = player.state()
    assert (step, highlight) == (0, "")
    assert "grad -" not in text and "grad 1.0" not in text  # nothing known yet
    assert "no gradient is known yet" in player.caption()
    assert page.locator(".cr-prev").is_disabled()

    page.locator(".cr-next").click()
    step, highlight, text = player.state()
    assert (step, highlight) == (1, "L")
    assert "dL/dc = dL/dL · dL/dc = 1.0 · -2.0 = -2.0" in text
    assert "grad -2.0" in text and "grad -6.0" not in text
    assert highlighted_box(page) == ["L", "data -12.0", "grad 1.0"]

    page.keyboard.press("ArrowRight")
    step, highlight, text = player.state()
    assert (step, highlight) == (2, "c")
    assert "dL/da = dL/dc · dc/da = -2.0 · 3.0 = -6.0" in text
    assert "dL/db = dL/dc · dc/db = -2.0 · 2.0 = -4.0" in text
    assert "grad -6.0" in text and "grad -4.0" in text
    assert highlighted_box(page) == ["c", "data 6.0", "grad -2.0"]
    assert "Backward is done" in player.caption()
    assert page.locator(".cr-next").is_disabled()
    page.screenshot(path=str(tmp_path / "player_last_step.png"), full_page=True)

    page.keyboard.press("ArrowRight")  # already at the end: stays
    assert player.state()[0] == 2
    page.keyboard.press("ArrowLeft")
    step, highlight, text = player.state()
    assert (step, highlight) == (1, "L") and "dL/da" not in text

    slider = page.locator(".cr-slider")
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] - 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 2, y, steps=5)  # drag to the start
    page.mouse.up()
    assert player.state()[:2] == (0, "")
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 2, y, steps=5)  # and to the end
    page.mouse.up()
    assert player.state()[:2] == (2, "c")

    page.keyboard.press("Home")
    assert player.state()[:2] == (0, "")
    page.locator(".cr-play").click()  # plays to the end and stops there
    page.wait_for_function(
        "document.querySelector('.cr-player').getAttribute('data-step') === '2'", timeout=5000
    )
    assert page.locator(".cr-play").inner_text().endswith("Play")

    shot = tmp_path / "player.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert errors == []
    page.close()


def test_without_scripts_the_first_and_last_frames_show(chromium: Any, tmp_path: Path) -> None:
    path = saved_player(tmp_path)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.as_uri())
    assert page.locator(".cr-live").is_hidden()
    images = page.locator(".cr-static img")
    assert images.count() == 2
    for i in range(2):
        assert images.nth(i).is_visible()
        assert page.evaluate("img => img.naturalWidth", images.nth(i).element_handle()) > 0
    assert "Last frame (2 steps)" in page.locator(".cr-static").inner_text()
    context.close()
