"""The live canvas draws each task as the static picture does: pixels read in headless Chromium.

``canvases.js`` and ``keys.js`` are joined as the widget joins them and loaded on a
page of their own with the playground's stylesheet; each made-up surface
(:mod:`tests.nn.surfaces`) is drawn on a canvas of the widget's size, and its pixels
are compared with the colours Python's :func:`nn.widgets.surface_colors.cell_colors`
and :func:`~nn.widgets.surface_colors.point_rings` give, to the unit. The look is
checked by screenshots at 1280 x 800 (the test's tmp path), the static picture beside
the live one, and the least text size measured.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from autograd.viz.layout.display import image_url
from autograd.viz.views.esm import join
from nn.widgets.playground_view import boundary_svg, palette, surface_key
from nn.widgets.scale_key import scale_stops
from nn.widgets.surface_colors import class_names, point_rings
from tests.nn.surfaces import BOUNDS, centres, points, surface

pytestmark = pytest.mark.browser

WIDGETS = Path(__file__).parents[2] / "nn" / "widgets"
#: The boundary's side in the widget (playground.js's SIDE), in CSS pixels.
SIDE = 200
#: The least text a learner reads, in CSS pixels.
LEAST = 11.0
CASES = [("binary", 2), ("classes", 3), ("classes", 5), ("regression", 2)]

# Each module in a block of its own, so their inlined dependencies do not clash.
_SCRIPT = """{{ {canvases}
window.cr = {{ canvas, drawSurface, drawBoundary }}; }}
{{ {keys}
window.cr.showKey = showKey; }}"""

# One panel: its title, the live canvas and key, and the static picture and key.
_PANEL = """([title, surface, n, xy, pal, discrete, still, key, side, bounds]) => {
  const panel = document.createElement("div");
  panel.className = "cr-pg-panel";
  panel.innerHTML = '<span class="cr-pg-title"></span><div style="display:flex;gap:12px">' +
    '<div class="cr-pg-panel"><canvas class="cr-pg-boundary"></canvas>' +
    '<span class="cr-pg-key cr-pg-classes"></span>' +
    '<span class="cr-pg-key">\\u25CF training \\u25CB validation</span></div>' +
    '<div class="cr-pg-panel"><img alt="static"><span class="cr-pg-key cr-pg-still"></span>' +
    "</div></div>";
  panel.querySelector(".cr-pg-title").textContent = title;
  document.getElementById("root").append(panel);
  const target = window.cr.canvas(panel.querySelector("canvas"), side, side);
  window.cr.drawSurface(target, surface, n, { bounds, xy }, pal, discrete);
  window.cr.showKey(panel.querySelector(".cr-pg-classes"), surface, pal, discrete);
  panel.querySelector("img").src = still;
  panel.querySelector(".cr-pg-still").innerHTML = key;
  return document.querySelectorAll("canvas").length - 1;
}"""

# Canvas pixels at CSS-pixel points: [[r, g, b], ...].
_PIXELS = """([index, spots]) => {
  const canvas = document.querySelectorAll("canvas")[index];
  const ctx = canvas.getContext("2d"), ratio = canvas.width / canvas.clientWidth;
  return spots.map(([x, y]) =>
    [...ctx.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data].slice(0, 3));
}"""

# Every piece of HTML text's rendered size, and what it says.
_TEXT = """() => [...document.querySelectorAll("body *")]
  .filter((n) => [...n.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()))
  .map((n) => [parseFloat(getComputedStyle(n).fontSize), n.textContent.trim().slice(0, 30)])"""


@pytest.fixture
def page(chromium: Any) -> Any:
    """A 1280 x 800 page with the playground's stylesheet and the boundary's JS."""
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    css = (WIDGETS / "playground.css").read_text(encoding="utf-8")
    script = _SCRIPT.format(
        canvases=join("nn.widgets", "canvases.js", script=True, comments=False),
        keys=join("nn.widgets", "keys.js", script=True, comments=False),
    )
    page.set_content(
        f"<html><head><style>{css}</style></head><body style='margin:8px'>"
        '<div class="cr-pg"><div class="cr-pg-panels" id="root"></div></div>'
        f"<script>{script}</script></body></html>"
    )
    yield page
    page.close()


def draw(page: Any, task: str, k: int, n: int, xy: list[list[float]], discrete: bool) -> int:
    """Draws one panel; the index of its canvas."""
    shown = surface(task, n, k)
    pal = palette(class_names(k)) if task == "classes" else palette()
    still = image_url(boundary_svg(shown, n, xy, BOUNDS, discrete))
    key = surface_key(shown, discrete=discrete)
    title = f"{task} {k if task == 'classes' else ''}" + (" · discretized" if discrete else "")
    return int(
        page.evaluate(_PANEL, [title, shown, n, xy, pal, discrete, still, key, SIDE, list(BOUNDS)])
    )


def rgb(color: str) -> list[int]:
    if color.startswith("rgb("):
        return [int(v) for v in re.findall(r"\d+", color)]
    return [int(color[i : i + 2], 16) for i in (1, 3, 5)]


@pytest.mark.parametrize("discrete", [False, True])
@pytest.mark.parametrize(("task", "k"), CASES)
def test_every_cell_is_the_colour_python_gives_it(
    page: Any, task: str, k: int, discrete: bool
) -> None:
    n = 8
    index = draw(page, task, k, n, [], discrete)
    spots = [[(c + 0.5) * SIDE / n, (r + 0.5) * SIDE / n] for r in range(n) for c in range(n)]
    svg = boundary_svg(surface(task, n, k), n, [], BOUNDS, discrete)
    want = [rgb(f) for f in re.findall(r'fill="(#\w{6})"', svg)]
    assert page.evaluate(_PIXELS, [index, spots]) == want
    assert len({tuple(w) for w in want}) >= (2 if discrete else 8)  # not one flat colour


@pytest.mark.parametrize(("task", "k"), CASES)
def test_points_are_the_colours_python_gives_them(page: Any, task: str, k: int) -> None:
    # Points at cell centres (pixel centres on the canvas), training and validation.
    n = 8
    at = centres(n)[9:17]
    xy = [
        [x, y, label, i % 2]
        for i, ((x, y), (_, _, label, _)) in enumerate(zip(at, points(task, k)))
    ]
    index = draw(page, task, k, n, xy, False)
    shown = surface(task, n, k)
    pixel = [[(x + 1) / 2 * SIDE, (1 - y) / 2 * SIDE] for x, y in at]
    # The centre is the innermost circle's fill; three pixels right, inside its stroke
    # (radius 3, half its width either side), the stroke's colour.
    rings = [point_rings(shown, label, bool(train))[-1] for _, _, label, train in xy]
    assert page.evaluate(_PIXELS, [index, pixel]) == [rgb(fill) for _, fill, _, _ in rings]
    right = [[px + 3, py] for px, py in pixel]
    assert page.evaluate(_PIXELS, [index, right]) == [rgb(stroke) for _, _, stroke, _ in rings]


def test_a_units_heatmap_keeps_the_datas_points(page: Any) -> None:
    # Under a unit's heatmap (binary shading, drawBoundary) a regression's points stay
    # in their targets' colours: the data's surface colours them.
    n, shown = 8, surface("regression", 8)
    index = draw(page, "regression", 2, n, [], False)
    at = centres(n)[9:13]
    xy = [[x, y, label, 1] for (x, y), (_, _, label, _) in zip(at, points("regression"))]
    heat = [(7 * i) % 101 for i in range(n * n)]
    page.evaluate(
        """([index, heat, n, xy, pal, bounds, data]) => window.cr.drawBoundary(
          { ctx: document.querySelectorAll("canvas")[index].getContext("2d"), w: 200, h: 200 },
          heat, n, { bounds, xy }, pal, data)""",
        [index, heat, n, xy, palette(), list(BOUNDS), shown],
    )
    spots = [[(x + 1) / 2 * SIDE, (1 - y) / 2 * SIDE] for x, y in at]
    want = [rgb(point_rings(shown, label, True)[0][1]) for _, _, label, _ in xy]
    assert page.evaluate(_PIXELS, [index, spots]) == want
    # Cell (0, 0), no point on it: the heatmap's 0 %, class 0's purple at 60 % (shade(0)).
    assert page.evaluate(_PIXELS, [index, [[1.0, 1.0]]]) == [rgb("#ad7fb5")]


def test_the_live_key_names_the_classes_or_draws_the_scale(page: Any) -> None:
    draw(page, "classes", 5, 8, [], False)
    dots = page.eval_on_selector_all(
        ".cr-pg-classes .cr-pg-class", "ds => ds.map((d) => getComputedStyle(d).color)"
    )
    assert dots == ["rgb({}, {}, {})".format(*rgb(c)) for c in palette(class_names(5))["classes"]]
    assert page.inner_text(".cr-pg-classes").split() == [
        w for k in range(5) for w in ("\u25cf", "class", str(k))
    ]  # fmt: skip
    for discrete in (False, True):
        draw(page, "regression", 2, 8, [], discrete)
        shown = surface("regression", 8)
        bar = page.eval_on_selector_all(".cr-pg-scale", "bs => bs.map((b) => b.style.background)")
        stops = [rgb(c) for c in re.findall(r"rgb\([^)]*\)", bar[-1])]
        assert stops == [rgb(c) for _, c in scale_stops(shown["range"], discrete)]
        lo, hi = shown["range"]
        assert lo < 0 < hi  # so the scale is symmetric about 0, as far as the farther end
        m = max(-lo, hi)
        text = page.eval_on_selector_all(".cr-pg-classes", "ks => ks.at(-1).textContent")
        assert text == f"target {-m:.3g}{m:.3g} (white: 0)"  # the bar between the ends


@pytest.mark.parametrize(("task", "k"), CASES)
def test_the_look(page: Any, task: str, k: int, tmp_path: Path) -> None:
    for discrete in (False, True):
        draw(page, task, k, 32, points(task, k), discrete)
    name = f"{task}-{k}" if task == "classes" else task
    page.screenshot(path=str(tmp_path / f"boundary-{name}.png"))
    sizes = page.evaluate(_TEXT)
    assert min(size for size, _ in sizes) >= LEAST, sorted(sizes)[:3]


@pytest.mark.parametrize("heatmaps", [False, True])
def test_seven_named_inputs_fit_the_widget(chromium: Any, tmp_path: Path, heatmaps: bool) -> None:
    pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
    from nn import MLP, playground
    from nn.widgets.network_view import network_svg
    from tests.nn.test_playground_browser import _MOUNT

    features = ["x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2"]
    pg = playground([8, 8], points=40, heatmaps=heatmaps)
    state = {k: v for k, v in pg.get_state().items() if not k.startswith("_")}
    # The network view the lead's widget will send for a model of the seven features.
    state["svg"] = network_svg(MLP(7, [8, 8, 1], seed=0), heatmaps, inputs=features)
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.set_content('<html><body style="margin:8px"><div id="root"></div></body></html>')
    page.evaluate(_MOUNT, [pg._esm, pg._css, json.loads(json.dumps(state))])
    page.wait_for_timeout(300)  # the network is fitted once its width is observed
    page.screenshot(path=str(tmp_path / f"inputs-{'heat' if heatmaps else 'plain'}.png"))
    seen = page.evaluate(_SVG_TEXT)
    inputs = [text for _, text, _ in seen if text in features]
    assert sorted(inputs) == sorted(features)
    assert min(size for size, _, _ in seen) >= LEAST, sorted(seen)[:3]
    # Each input's box inside the picture, and the picture inside the page.
    assert all(inside for _, _, inside in seen)


# Every text of the network view: its rendered size, what it says, whether it is in view.
_SVG_TEXT = """() => {
  const svg = document.querySelector(".cr-pg-net svg"), box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim()).map((t) => {
    const r = t.getBoundingClientRect();
    return [parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, t.textContent.trim(),
      r.left >= box.left && r.right <= box.right && box.right <= window.innerWidth];
  });
}"""
