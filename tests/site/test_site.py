"""The JupyterLite site (``make site``) in Chromium, offline: the engine gives CPython's numbers.

Everything is served from 127.0.0.1; any other request is refused and fails the
test, and Chromium cannot resolve any other host anyway. The site must be built
first (``make site``); with its cache there, the test rebuilds it (3 to 9 s), so
it checks this tree. Without a site the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import base64
import html
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from autograd import Value
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, missing
from tests.site.serve import serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_site"
CACHE = ROOT / ".cache" / "site"
BUILD = ROOT / "site" / "build.py"
#: Chromium resolves no host but 127.0.0.1: nothing can leave the machine.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
#: How long the kernel may take to start and run the first cell, in ms (target 15 s).
KERNEL_MS = 120_000


def neuron() -> str:
    """The README's neuron, in CPython: what the landing notebook's cell prints."""
    x, w, b = Value(2.0, label="x"), Value(-3.0, label="w"), Value(6.5, label="b")
    y = (x * w + b).tanh()
    y.backward()
    return f"{y}\n{x.grad} {w.grad} {b.grad}"


@pytest.fixture(scope="module")
def site() -> Path:
    """The site, rebuilt from this tree when ``make site``'s cache is there; else as built.

    With the cache (.cache/site/) the build downloads nothing and takes 3 to 9 s,
    and the site then holds this tree's engine, not the one of the last build.
    """
    if (CACHE / "venv" / ".pins").exists():
        subprocess.run([sys.executable, str(BUILD)], check=True, capture_output=True)
    if not (SITE / "lab" / "index.html").exists():
        missing("the site built in _site/", "make site")
    return SITE


@pytest.fixture(scope="module")
def offline_chromium(chromium: Any) -> Iterator[Any]:
    """A second headless Chromium, from the session's playwright, resolving no host but 127.0.0.1.

    One playwright per session: a second ``sync_playwright()`` fails while the
    session's is running.
    """
    browser = chromium.browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_FLAGS, OFFLINE]
    )
    yield browser
    browser.close()


#: The one install cell the widgets need, then a widget whose front end writes its value.
WIDGET = """%pip install anywidget
import anywidget, traitlets
class Probe(anywidget.AnyWidget):
    _esm = ("export default { render({ model, el }) {"
            " el.innerHTML = '<b class=probe>' + model.get('value') + '</b>'; } }")
    value = traitlets.Int(7).tag(sync=True)
Probe()"""


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


@contextmanager
def start_here(site: Path, browser: Any) -> Iterator[tuple[Any, list[tuple[str, int]]]]:
    """The landing notebook in a fresh page, its kernel idle; fails if a request left 127.0.0.1."""
    refused: list[str] = []

    def only_local(route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with serve(site) as (url, sent):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", only_local)
        page = context.new_page()
        page.goto(url)  # the site's root opens JupyterLab on "Start here" (its default workspace)
        # A cell run before the kernel was idle got no output 3 times in 12: wait for idle.
        page.locator(".jp-StatusBar-TextItem", has_text="Python (Pyodide) | Idle").wait_for(
            timeout=KERNEL_MS
        )
        yield page, sent
        context.close()
    assert not refused, f"requests off 127.0.0.1: {refused}"


def run_first_cell(page: Any, code: str | None = None) -> Any:
    """Run the notebook's first code cell (its text replaced by ``code``); its outputs."""
    cell = page.locator(".jp-CodeCell").first
    cell.locator(".jp-InputArea-editor").click()
    if code is not None:
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea-output")
    output.first.wait_for(timeout=KERNEL_MS)
    return output


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


def test_anywidget_renders_after_one_install_cell(site: Path, offline_chromium: Any) -> None:
    with start_here(site, offline_chromium) as (page, _):
        run_first_cell(page, WIDGET)
        page.locator("b.probe").wait_for(timeout=KERNEL_MS)
        assert page.locator("b.probe").inner_text() == "7"


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
    with start_here(site, offline_chromium) as (page, _):
        outputs = run_first_cell(page, DRAW)
        player = page.locator("[id^='cr-player-']")
        player.first.wait_for(timeout=KERNEL_MS)
        svg = picture_markup(outputs.first)
        player.first.scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / "drawn.png"))
        text = outputs.all_inner_texts()
    assert "<svg" in svg
    # x, w, b and y's data; x's and w's gradients, as CPython's drawing shows them.
    for number in ("2.0", "-3.0", "6.5", "0.462117", "-2.35934", "1.5729"):
        assert number in svg, number
    assert not any("Warning" in t or "Error" in t for t in text), text
