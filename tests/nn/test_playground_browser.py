"""The playground's front end in headless Chromium: an error is seen where the learner looks.

``playground.js`` is rendered on a page of its own with the widget's real
state (the traits Python would sync) and a stand-in for anywidget's model,
so it runs without Jupyter; a trait that changes is announced as anywidget
announces it. Screenshots go to the test's tmp path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from nn import playground

pytestmark = pytest.mark.browser

#: The smallest text a learner must read in the widget, in CSS pixels.
SMALLEST = 12.0

# Loads the widget's module from its text, with its CSS, and renders it into
# #root with a model that reads and writes ``state`` and calls the
# "change:<name>" handlers of window.__set(name, value).
_MOUNT = """
async ([esm, css, state]) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);
  const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
  const widget = (await import(url)).default;
  const handlers = {};
  const model = {
    get: (name) => state[name],
    set: (name, value) => { state[name] = value; },
    save_changes: () => {},
    send: () => {},
    on: (event, f) => (handlers[event] = handlers[event] || []).push(f),
    off: () => {},
  };
  window.__set = (name, value) => {
    state[name] = value;
    for (const f of handlers["change:" + name] || []) f();
  };
  widget.render({ model, el: document.getElementById("root") });
}
"""

# Where the error line is and how it reads, against the decision boundary's panel.
_ERROR = """
() => {
  const error = document.querySelector(".cr-pg-error");
  const box = error.getBoundingClientRect();
  const style = getComputedStyle(error);
  const boundary = document.querySelector(".cr-pg-boundary").getBoundingClientRect();
  return { text: error.textContent, shown: !error.hidden && box.height > 0 && box.width > 0,
           top: box.top, bottom: box.bottom, width: box.width, size: parseFloat(style.fontSize),
           colour: style.color, boundaryTop: boundary.top,
           play: document.querySelector(".cr-pg-play").textContent };
}
"""


def mount(chromium: Any, pg: Any) -> Any:
    """A page showing ``pg``'s front end with ``pg``'s current state."""
    state = {k: v for k, v in pg.get_state().items() if not k.startswith("_")}
    page = chromium.new_page(viewport={"width": 1000, "height": 800})
    page.set_content('<html><body style="margin:8px"><div id="root"></div></body></html>')
    page.evaluate(_MOUNT, [pg._esm, pg._css, json.loads(json.dumps(state))])
    return page


def test_a_diverged_playground_shows_why_above_its_pictures(chromium: Any, tmp_path: Path) -> None:
    pg = playground([8, 8], lr=1e200, activation="relu")
    with pytest.raises(FloatingPointError):
        pg.train(1)
    page = mount(chromium, pg)
    try:
        seen = page.evaluate(_ERROR)
        page.screenshot(path=str(tmp_path / "diverged.png"))
    finally:
        page.close()
    assert seen["text"] == pg.error and seen["text"].startswith("training diverged at step 1")
    assert seen["shown"] and seen["bottom"] <= seen["boundaryTop"]  # above the pictures
    assert seen["top"] < 120 and seen["width"] > 400  # under the buttons, a line of its own
    assert seen["size"] >= SMALLEST and seen["colour"] == "rgb(170, 0, 0)"
    assert seen["play"].endswith("Play")  # stopped: the button offers Play again
    print(f"error line: {seen['size']:.0f} px, {seen['top']:.0f} px from the top")


def test_the_error_line_follows_the_error_trait(chromium: Any) -> None:
    pg = playground([4], points=40)
    page = mount(chromium, pg)
    try:
        assert not page.evaluate(_ERROR)["shown"]  # no error: no empty red box
        pg.set_state({"lr": -1.0})  # a refused control, as the browser sends it
        page.evaluate("(error) => window.__set('error', error)", pg.error)
        seen = page.evaluate(_ERROR)
        assert seen["shown"] and seen["text"].startswith("playground lr must be")
        page.evaluate("() => window.__set('error', '')")
        assert not page.evaluate(_ERROR)["shown"]
    finally:
        page.close()


# Every text the network view shows: its SVG's texts, any tooltip, and the panel's lines.
_NETWORK_TEXT = """
() => {
  const panel = document.querySelector(".cr-pg-wide");
  const svg = panel.querySelector("svg");
  return { texts: [...svg.querySelectorAll("text")].map((t) => t.textContent.trim()),
           tips: [...panel.querySelectorAll("title, [title]")].length,
           panel: panel.innerText, step: document.querySelector("[data-step]").dataset.step };
}
"""


def test_before_the_first_step_the_network_shows_no_gradient_as_text(chromium: Any) -> None:
    """Before step 1 the network view has no gradient in words: only the units' names and
    the scale's ends in its key; its colours are of gradients a backward pass computed."""
    from autograd.reached import reached

    pg = playground([4], points=40)
    assert pg.trainer.steps == 0 and all(reached(p) for p in pg.trainer.model.parameters())
    page = mount(chromium, pg)
    try:
        seen = page.evaluate(_NETWORK_TEXT)
    finally:
        page.close()
    names = ["inputs", "x1", "x2", "layer 1", "tanh", "1", "2", "3", "4", "layer 2", "linear", "1"]
    assert seen["step"] == "0" and [t for t in seen["texts"] if t] == names
    assert seen["tips"] == 0  # no tooltip on a wire or a unit
    assert "0.0" not in seen["panel"] and "grad" not in seen["panel"].replace("gradient", "")
