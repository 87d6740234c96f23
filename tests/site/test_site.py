"""The JupyterLite site (``make site``) in Chromium, offline: the engine gives CPython's numbers.

Everything is served from 127.0.0.1; any other request is refused and fails the
test, and Chromium cannot resolve any other host anyway (tests/site/pages.py).
The site must be built first (``make site``; see tests/site/conftest.py).
The widgets are tested in test_widgets.py, the lessons in test_lessons.py.
"""

from __future__ import annotations

import base64
import html
import re
import time
from pathlib import Path
from typing import Any

import pytest

from autograd import Value
from tests.site.pages import KERNEL_MS, run_first_cell, start_here

pytestmark = pytest.mark.browser


def neuron() -> str:
    """The README's neuron, in CPython: what the landing notebook's cell prints."""
    x, w, b = Value(2.0, label="x"), Value(-3.0, label="w"), Value(6.5, label="b")
    y = (x * w + b).tanh()
    y.backward()
    return f"{y}\n{x.grad} {w.grad} {b.grad}"


def captions() -> list[str]:
    """The captions of the neuron's step-through player (DRAW's), in CPython."""
    scope: dict[str, Any] = {"display": lambda _: None}
    exec(DRAW.replace("step_through(y)", "player = step_through(y)"), scope)
    return list(scope["player"].captions)


#: A small MLP trained with fit(), its progress bar included (tqdm, preloaded).
TRAIN = """from nn import MLP, fit
from nn.losses import mse
from nn.optim import SGD

X = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
y = [1.0, -1.0, -1.0, 1.0]
model = MLP(3, [4, 4, 1], seed=0)
history = fit(model, X, y, loss=mse, optimizer=SGD(model.parameters(), lr=0.05), epochs=20)
print("losses:", history.loss[0], history.loss[-1])"""


#: The README's neuron drawn, then its backward pass as a player: both laid out
#: in the kernel by Graphviz in WebAssembly (viz-js).
DRAW = """from autograd import Value
from autograd.viz import draw_graph, step_through
x, w, b = Value(2.0, label="x"), Value(-3.0, label="w"), Value(6.5, label="b")
y = (x * w + b).tanh()
y.backward()
display(draw_graph(y))
step_through(y)"""


def picture_markup(output: Any) -> str:
    """A picture output's SVG: inline, or decoded from the ``<img>``'s data URL."""
    markup: str = output.inner_html()
    found = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', markup)
    svg = base64.b64decode(found.group(1)).decode() if found else markup
    return html.unescape(svg)  # Graphviz writes "-" as "&#45;"


def test_start_here_runs_the_neuron_offline(
    site: Path, offline_chromium: Any, tmp_path: Path
) -> None:
    start = time.perf_counter()
    with start_here(site, offline_chromium) as (page, sent):
        ready = time.perf_counter() - start
        megabytes = sum(size for _, size in sent) / 1e6
        text = run_first_cell(page).first.inner_text().strip()
        page.screenshot(path=str(tmp_path / "start_here.png"))
    print(f"kernel idle {ready:.1f} s after page load; {len(sent)} files, {megabytes:.1f} MB")
    assert text == neuron()


def test_fit_trains_as_in_cpython(site: Path, offline_chromium: Any) -> None:
    scope: dict[str, Any] = {}
    exec(TRAIN.replace("print(", "losses = ("), scope)
    with start_here(site, offline_chromium) as (page, _):
        output = run_first_cell(page, TRAIN).filter(has_text="losses:")
        output.wait_for(timeout=KERNEL_MS)
        first, last = (float(n) for n in output.inner_text().split()[1:])
    # The browser's libm may round exp and tanh differently in the last bit.
    assert (first, last) == pytest.approx(scope["losses"][1:], rel=1e-12)
    assert last < first / 20


def test_draw_graph_and_step_through_lay_out_in_the_kernel(
    site: Path, offline_chromium: Any, tmp_path: Path
) -> None:
    expected = captions()
    with start_here(site, offline_chromium) as (page, _):
        outputs = run_first_cell(page, DRAW)
        player = page.locator("[id^='cr-player-']").first
        player.wait_for(timeout=KERNEL_MS)
        svg = picture_markup(outputs.first)
        caption = player.locator(".cr-caption")
        before = caption.text_content()
        player.locator(".cr-next").click()
        after = caption.text_content()
        counter = player.locator(".cr-counter").text_content()
        player.scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / "drawn.png"))
        text = outputs.all_inner_texts()
    assert "<svg" in svg
    # x, w, b and y's data; x's and w's gradients, as CPython's drawing shows them.
    for number in ("2.0", "-3.0", "6.5", "0.462117", "-2.35934", "1.5729"):
        assert number in svg, number
    assert not any("Warning" in t or "Error" in t for t in text), text
    # Next steps the player from the start to backward's first step, as in CPython.
    assert (before, after) == (expected[0], expected[1])
    assert counter == f"step 1 of {len(expected) - 2}"
