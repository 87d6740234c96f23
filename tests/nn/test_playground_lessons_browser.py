"""The playground's lesson controls in headless Chromium, on the standalone page (``mount``).

A playground of three classes and one of a regression show their keys; "discretize
output" and "show test data" change the boundary's pixels as Python's colour rules
(:mod:`nn.widgets.surface_colors`) say they should, the hollow points leaving with
"show test data"; a lesson's ``hide`` hides the data's row and "a click" too.
The boundary is read pixel by pixel, as tests/nn/test_playground_fit_in_jupyter.py
reads it. Screenshots go to the test's tmp path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from nn import playground
from nn.data import make_blobs
from nn.widgets.surface_colors import HUES, cell_colors
from tests.nn.test_playground_browser import mount

pytestmark = pytest.mark.browser

SIDE = 200  # the boundary's canvas, CSS pixels (playground.js's SIDE)
#: The least text a learner reads, in CSS pixels.
LEAST = 11.0
#: Three blobs, far apart: three classes of 20 points each.
THREE = make_blobs(60, centers=[(-3.0, 0.0), (3.0, 0.0), (0.0, 4.0)], std=0.6, seed=1)

# The colour of canvas pixels at CSS-pixel points: [[r, g, b], ...].
_PIXELS = """(points) => {
  const canvas = document.querySelector(".cr-pg-boundary");
  const ctx = canvas.getContext("2d"), ratio = canvas.width / canvas.clientWidth;
  return points.map(([x, y]) =>
    [...ctx.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data].slice(0, 3));
}"""

# The rendered size of every shown text in the widget: [px, text].
_TEXT = """() => [...document.querySelectorAll(".cr-pg *")]
  .filter((n) => [...n.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()))
  .filter((n) => n.getBoundingClientRect().height > 0)
  .map((n) => [parseFloat(getComputedStyle(n).fontSize) *
    (n instanceof SVGElement ? n.getScreenCTM().a : 1), n.textContent.trim().slice(0, 30)])"""


def rgb(hex_color: str) -> list[int]:
    return [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]


def drawn(pg: Any) -> list[tuple[float, float, Any, int]]:
    """Every point as the canvas draws it: (px, py, target, 1 training / 0 validation)."""
    x0, x1, y0, y1 = pg.points["bounds"]
    return [
        ((x - x0) / (x1 - x0) * SIDE, (y1 - y) / (y1 - y0) * SIDE, label, train)
        for x, y, label, train in pg.points["xy"]
    ]


def clear_cells(pg: Any, step: int = 3) -> list[tuple[int, int]]:
    """Cells (row, column) of the surface whose centre no point covers (9 px clear)."""
    n, points = pg.frame["n"], drawn(pg)
    return [
        (r, c)
        for r in range(0, n, step)
        for c in range(0, n, step)
        if all(
            abs((c + 0.5) * SIDE / n - px) > 9 or abs((r + 0.5) * SIDE / n - py) > 9
            for px, py, _, _ in points
        )
    ]


def cell_pixels(page: Any, pg: Any, cells: list[tuple[int, int]]) -> list[list[int]]:
    n = pg.frame["n"]
    return page.evaluate(_PIXELS, [[(c + 0.5) * SIDE / n, (r + 0.5) * SIDE / n] for r, c in cells])


def near(got: list[list[int]], want: list[list[int]]) -> bool:
    """Colours equal to the unit (the canvas rounds as CPython does, but may be off by one)."""
    pairs = zip(got, want, strict=True)
    return all(abs(g - w) <= 1 for a, b in pairs for g, w in zip(a, b, strict=True))


def smallest(page: Any) -> list[Any]:
    return min(page.evaluate(_TEXT))


def test_three_classes_show_a_key_of_three_in_their_colours(chromium: Any, tmp_path: Path) -> None:
    pg = playground([8], THREE, points=60).train(5)
    assert pg.points["task"] == "classes" and pg.points["classes"] == 3
    page = mount(chromium, pg)
    try:
        page.screenshot(path=str(tmp_path / "three_classes.png"))
        key = page.locator(".cr-pg-classes").inner_text()
        dots = page.locator(".cr-pg-classes .cr-pg-class")
        count = dots.count()
        colours = [dots.nth(i).evaluate("d => getComputedStyle(d).color") for i in range(3)]
        title = page.locator(".cr-pg-btitle").inner_text()
        modes = page.locator("select[name=click] option").all_inner_texts()
        least = smallest(page)
    finally:
        page.close()
    assert count == 3 and key.split() == ["●", "class", "0", "●", "class", "1", "●",
                                                  "class", "2"]  # fmt: skip
    # autograd.viz.scene.colors' classes, then its series (surface_colors.HUES).
    assert colours == ["rgb({}, {}, {})".format(*rgb(hue)) for hue in HUES[:3]]
    assert title == "Decision boundary"
    assert modes == ["explains its point", "adds class 0", "adds class 1", "adds class 2"]
    assert least[0] >= LEAST, least
    print(f"three classes: smallest text {least[0]:.1f} px ({least[1]!r})")


def test_a_regression_shows_its_colour_bar_and_the_fitted_surface(
    chromium: Any, tmp_path: Path
) -> None:
    pg = playground([8], "gaussians", points=100).train(5)
    lo, hi = pg.frame["surface"]["range"]
    page = mount(chromium, pg)
    try:
        page.screenshot(path=str(tmp_path / "regression.png"))
        # The key's words either side of its colour bar.
        key = page.locator(".cr-pg-classes").evaluate(
            "k => [...k.childNodes].map((c) => c.textContent.trim())"
        )
        bar = page.locator(".cr-pg-classes .cr-pg-scale").bounding_box()
        title = page.locator(".cr-pg-btitle").inner_text()
        modes = page.locator("select[name=click] option").all_inner_texts()
        least = smallest(page)
    finally:
        page.close()
    assert lo < 0 < hi  # both signs: the scale is symmetric about 0, white at 0
    end = max(-lo, hi)
    assert key == [f"target {-end:.3g}", "", f"{end:.3g} (white: 0)"], key
    assert bar is not None and bar["width"] > 100 and bar["height"] >= 11
    assert title == "Fitted surface"
    assert modes == ["explains its point", "adds a value"]
    assert least[0] >= LEAST, least
    print(f"regression: key {key!r}, smallest text {least[0]:.1f} px ({least[1]!r})")


def test_discretize_output_draws_each_class_at_full_colour(chromium: Any, tmp_path: Path) -> None:
    pg = playground([8], THREE, points=60, lr=0.3).train(20)
    surface, cells = pg.frame["surface"], clear_cells(pg)
    n = pg.frame["n"]
    smooth = [rgb(cell_colors(surface)[r * n + c]) for r, c in cells]
    full = [rgb(cell_colors(surface, discrete=True)[r * n + c]) for r, c in cells]
    page = mount(chromium, pg)
    try:
        before = cell_pixels(page, pg, cells)
        page.screenshot(path=str(tmp_path / "smooth.png"))
        page.evaluate("() => window.__set('discretize', true)")
        after = cell_pixels(page, pg, cells)
        page.screenshot(path=str(tmp_path / "discretized.png"))
    finally:
        page.close()
    assert len(cells) > 20 and smooth != full  # the test can tell them apart
    assert near(before, smooth) and near(after, full)
    changed = sum(a != b for a, b in zip(before, after, strict=True))
    print(f"discretize: {changed} of {len(cells)} cells changed")


def test_show_test_data_off_takes_the_hollow_points_away(chromium: Any, tmp_path: Path) -> None:
    pg = playground([8, 8], "xor", points=60).train(5)
    surface, n, points = pg.frame["surface"], pg.frame["n"], drawn(pg)
    cells, side = cell_colors(surface), SIDE / n
    # Validation points no other point covers, and the pixel at each one's centre
    # (the one _PIXELS reads) inside one cell of the surface: that cell's colour once
    # the point is gone (canvases.js fills cell c over [c * side, (c + 1) * side + 0.5]).
    alone, under = [], []
    for i, (px, py, _, train) in enumerate(points):
        others = points[:i] + points[i + 1 :]
        if train or any(abs(px - qx) <= 8 and abs(py - qy) <= 8 for qx, qy, _, _ in others):
            continue
        (kx, cx), (ky, cy) = ((k, int((k + 0.5) / side)) for k in (int(px), int(py)))
        if all(c * side <= k and k + 1 <= (c + 1) * side for k, c in ((kx, cx), (ky, cy))):
            alone.append((px, py))
            under.append(rgb(cells[cy * n + cx]))
    page = mount(chromium, pg)
    try:
        box = page.locator("input[name=show_test]")
        shown = box.is_checked()
        hollow = page.evaluate(_PIXELS, [list(p) for p in alone])
        page.screenshot(path=str(tmp_path / "with_test_data.png"))
        page.evaluate("() => window.__set('show_test', false)")
        gone = page.evaluate(_PIXELS, [list(p) for p in alone])
        unticked = not box.is_checked()
        page.screenshot(path=str(tmp_path / "without_test_data.png"))
    finally:
        page.close()
    assert len(alone) >= 4 and shown and unticked
    assert hollow == [[255, 255, 255]] * len(alone)  # white inside, ringed in the class's hue
    assert near(gone, under)  # the surface under them, nothing drawn over it
    print(f"show test data: {len(alone)} hollow points read, gone when off")


#: The data's row and what a click does: every control a lesson may now hide there.
DATA_ROW = ["data", "noise", "test_fraction", "batch_size", "features", "show_test",
            "discretize", "click"]  # fmt: skip

# The labels shown (a width on the page), by their first words.
_SHOWN = """() => [...document.querySelectorAll(".cr-pg-controls label, label.cr-pg-click")]
  .filter((l) => l.getBoundingClientRect().width > 0)
  .map((l) => l.firstChild.textContent.trim())"""


def test_hide_hides_the_data_row_and_a_click_too(chromium: Any, tmp_path: Path) -> None:
    pg = playground([4], points=40, hide=DATA_ROW)
    assert pg.hide == DATA_ROW
    page = mount(chromium, pg)
    try:
        shown = page.evaluate(_SHOWN)
        page.screenshot(path=str(tmp_path / "data_row_hidden.png"))
        page.evaluate("() => window.__set('hide', [])")  # shown again when the trait changes
        every = page.evaluate(_SHOWN)
    finally:
        page.close()
    model = ["learning rate", "optimizer", "activation", "init", "regularisation", "its rate",
             "colour by", "hidden layers", "heatmaps"]  # fmt: skip
    assert shown == model
    data = ["data", "noise", "held out", "batch size", "features", "show test data",
            "discretize output", "a click"]  # fmt: skip
    assert every == model + data
