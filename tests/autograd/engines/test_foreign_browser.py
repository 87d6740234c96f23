"""The player of a learner's own backward in a real browser, at 1280x800.

The assign bug on ``L = x * x + x`` at x = 3 (see ``test_foreign_pictures``):
the second call overwrites x.grad (1.0 → 3.0, where adding gives 7.0).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from autograd.viz import step_through
from tests.engines import assign
from tests.player_view import seen, step_to

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]


def test_next_steps_through_the_learners_own_calls(chromium: Any, tmp_path: Path) -> None:
    x = assign.Value(3.0)
    x.label = "x"
    y = x * x + x
    path = step_through(y).save_html(tmp_path / "player.html")
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(path.as_uri())
        player = page.locator(".cr-player")
        start = step_to(player, 0)
        assert "Your engine's own backward()" in start.caption
        page.locator(".cr-next").click()
        first = seen(player)
        assert (first.step, first.active_name) == (1, "L")
        assert "mul1.grad: 0.0 → 1.0" in first.caption and "⚠" not in first.caption
        page.locator(".cr-next").click()
        second = seen(player)
        assert (second.step, second.active_name) == (2, "mul1")
        assert "⚠ overwrote x.grad: 1.0 before, 3.0 after" in second.caption
        assert "grad 3.0 (should be 7.0)" in second.texts()
        page.locator(".cr-next").click()
        done = seen(player)
        assert "x: grad 3.0, should be 7.0" in done.caption
        assert min(s.smallest for s in (start, first, second, done)) >= 11
        page.screenshot(path=str(tmp_path / "summary.png"))
    finally:
        context.close()
    assert errors == []
