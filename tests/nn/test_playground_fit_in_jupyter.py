"""The playground as a newcomer meets it: a real JupyterLab at 1280x800, the file browser open.

With the widget's top at the top of the notebook area (output column about
850 px wide): on up to 6 hidden layers of 8, the decision boundary, the loss
and the network are all in view at once, under both rows of controls (the
model's and the data's, a regression's widest with its value box); a deeper or
wider network (up to the playground's 16 layers of 64) is never clipped, or the
view says on screen how to reach the rest; each flag is an element of its own;
no text is under 11 px; the classes are drawn in Python's palette
(``autograd.viz.scene.colors.CLASS_COLORS``, notebook 03's and the demo's), with
a key; the loss curves are told apart by line style, not by a class's colour.
Screenshots go to the test's tmp_path.

The playgrounds are built in the kernel and, with the same seeds, again here:
training is deterministic, so this process knows the points and the boundary's
probabilities the browser draws.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from autograd.viz.scene import colors
from nn.widgets.playground_view import shade
from tests.jupyter import JupyterFolder, cell_outputs, open_notebook, run_cell

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

from nn import playground  # noqa: E402

NAME = "fit.ipynb"
#: Each playground of the notebook: (hidden sizes, activation, steps trained, data set).
PLAYGROUNDS = {
    "two of 8": ([8, 8], "tanh", 30, "moons"),
    "six of 8": ([8] * 6, "tanh", 30, "moons"),
    "ten of 8": ([8] * 10, "sigmoid", 5, "moons"),  # the vanishing-gradient lesson: flags
    "largest": ([64] * 16, "tanh", 0, "moons"),  # MOST_LAYERS x MOST_UNITS
    # A regression: the widest data row ("a click" adds a value, its box beside it) and key.
    "six of 8, regression": ([8] * 6, "tanh", 30, "gaussians"),
}
#: The smallest text a learner must read, in CSS pixels as rendered.
SMALLEST = 11.0

# Scrolls the widget's top to the top of the notebook area and measures what shows:
# rectangles as [left, top, right, bottom] in viewport pixels.
_MEASURE = """el => {
  el.scrollIntoView({ block: "start" });
  const box = (n) => {
    const r = n.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const area = el.closest(".jp-WindowedPanel-outer") || el.closest(".jp-NotebookPanel");
  const note = el.querySelector(".cr-pg-netnote");
  return {
    widget: box(el), area: box(area), boundary: box(el.querySelector(".cr-pg-boundary")),
    loss: box(el.querySelector(".cr-pg-curves")), network: box(el.querySelector(".cr-pg-net svg")),
    note: note && !note.hidden && box(note)[3] > box(note)[1] ? note.textContent : "",
    noteBox: note ? box(note) : null,
    browser: !!document.querySelector(".jp-FileBrowser") &&
      document.querySelector(".jp-FileBrowser").getBoundingClientRect().width > 0,
  };
}"""

# Every element from the network's picture up to the output that clips what overflows
# it: [class, scrollWidth, clientWidth].
_CONTAINERS = """el => {
  const out = [];
  for (let n = el.querySelector(".cr-pg-net svg").parentElement; n; n = n.parentElement) {
    const style = getComputedStyle(n);
    if (style.overflowX !== "visible") out.push([n.className, n.scrollWidth, n.clientWidth]);
    if (n.classList.contains("jp-OutputArea-output")) break;
  }
  return out;
}"""

# The rendered size of every piece of text in the widget: HTML by its computed font
# size, SVG by its font size times the picture's scale.
_TEXT = """el => [...el.querySelectorAll("*")]
  .filter((n) => [...n.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()))
  .filter((n) => n.getBoundingClientRect().height > 0)
  .map((n) => [parseFloat(getComputedStyle(n).fontSize) *
    (n instanceof SVGElement ? n.getScreenCTM().a : 1), n.textContent.trim().slice(0, 30)])"""

# The colour of canvas pixels at CSS-pixel points: [[r, g, b], ...].
_PIXELS = """(canvas, points) => {
  const ctx = canvas.getContext("2d"), ratio = canvas.width / canvas.clientWidth;
  return points.map(([x, y]) =>
    [...ctx.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data].slice(0, 3));
}"""

# Every drawn (not blank) pixel of a canvas, as [r, g, b], at most `most` of them.
_INK = """(canvas, most) => {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const ink = [];
  for (let i = 0; i < data.length && ink.length < most; i += 4) {
    if (data[i + 3] > 250 && !(data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 200))
      ink.push([data[i], data[i + 1], data[i + 2]]);
  }
  return ink;
}"""


def rgb(hex_color: str) -> list[int]:
    return [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]


def inside(box: list[float], bounds: list[float]) -> bool:
    """Whether ``box`` lies in ``bounds`` (both [left, top, right, bottom]), to half a pixel."""
    return all(box[i] >= bounds[i] - 0.5 for i in (0, 1)) and all(
        box[i] <= bounds[i] + 0.5 for i in (2, 3)
    )


@pytest.fixture(scope="module")
def lab(chromium: Any, jupyter_session: Any) -> Iterator[Any]:
    """A 1280x800 JupyterLab page, file browser open, with every playground run."""
    folder = JupyterFolder(jupyter_session, Path(tempfile.mkdtemp(dir=jupyter_session.root)))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("from nn import playground")] + [
        nbformat.v4.new_code_cell(
            f"pg = playground({sizes!r}, {data!r}, activation={activation!r})\n"
            f"pg.train({steps})\npg"
        )
        for sizes, activation, steps, data in PLAYGROUNDS.values()
    ]
    nbformat.write(notebook, folder.root / NAME)
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    try:
        open_notebook(page, folder.url(NAME))
        for index in range(len(notebook.cells)):
            run_cell(page, index, timeout=180)
        yield page
    finally:
        page.close()
        folder.shut_down_kernels()


def widget(page: Any, name: str) -> Any:
    pg = cell_outputs(page, 1 + list(PLAYGROUNDS).index(name)).locator(".cr-pg")
    pg.locator(".cr-pg-net svg").wait_for()
    return pg


def measure(page: Any, name: str, tmp_path: Path) -> dict[str, Any]:
    pg = widget(page, name)
    seen: dict[str, Any] = pg.evaluate(_MEASURE)
    page.wait_for_timeout(300)  # the ResizeObserver's refit, if any
    seen = pg.evaluate(_MEASURE)
    page.screenshot(path=str(tmp_path / f"{name.replace(' ', '_').replace(',', '')}.png"))
    assert seen["browser"], "the file browser should be open, as a newcomer has it"
    assert abs(seen["widget"][1] - seen["area"][1]) < 2, seen  # its top at the area's top
    print(name, {k: [round(x) for x in v] for k, v in seen.items() if isinstance(v, list)})
    return seen


@pytest.mark.parametrize("name", ["two of 8", "six of 8", "six of 8, regression"])
def test_boundary_loss_and_network_in_view_together(lab: Any, name: str, tmp_path: Path) -> None:
    if name.endswith("regression"):  # its widest data row: the value's box shown too
        widget(lab, name).locator("select[name=click]").select_option("value")
    seen = measure(lab, name, tmp_path)
    view = [max(seen["area"][0], 0), max(seen["area"][1], 0)]
    view += [min(seen["area"][2], 1280), min(seen["area"][3], 800)]
    for part in ("boundary", "loss", "network"):
        assert inside(seen[part], view), (part, seen[part], view)
    assert not seen["note"], seen["note"]


@pytest.mark.parametrize("name", ["ten of 8", "largest"])
def test_a_larger_network_is_not_clipped_or_says_how_to_see_the_rest(
    lab: Any, name: str, tmp_path: Path
) -> None:
    seen = measure(lab, name, tmp_path)
    pg = widget(lab, name)
    clipped = [c for c in pg.evaluate(_CONTAINERS) if c[1] > c[2] + 1]
    if name == "ten of 8":  # it fits the output at a readable size
        assert clipped == [] and not seen["note"], (clipped, seen["note"])
        return
    # Folded: the note, in view above the network, says what shows and how to reach the rest.
    assert clipped and seen["note"].startswith("\u2194 Too wide"), (clipped, seen["note"])
    assert "hidden layers 1\u2013" in seen["note"] and "of 16 in view" in seen["note"]
    assert "scroll the network sideways" in seen["note"]
    assert inside(seen["noteBox"], [0, seen["area"][1], 1280, 800])
    pg.locator(".cr-pg-net").evaluate("n => { n.scrollLeft = n.scrollWidth; }")
    lab.wait_for_timeout(200)
    note = pg.locator(".cr-pg-netnote").inner_text()
    assert "\u2013" + "16 of 16 in view" in note, note
    lab.screenshot(path=str(tmp_path / "largest_scrolled.png"))


def test_each_flag_is_an_item_of_its_own(lab: Any, tmp_path: Path) -> None:
    measure(lab, "ten of 8", tmp_path)
    items = widget(lab, "ten of 8").locator(".cr-pg-flags > *")
    boxes = [items.nth(i).bounding_box() for i in range(items.count())]
    texts = items.all_inner_texts()
    assert len(texts) >= 2 and all(t.startswith("layer ") and "vanishing" in t for t in texts)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            )
            assert apart, (texts, boxes)
    print("flags:", texts)


@pytest.mark.parametrize("name", list(PLAYGROUNDS))
def test_no_text_is_under_11_px(lab: Any, name: str, tmp_path: Path) -> None:
    measure(lab, name, tmp_path)
    sizes = widget(lab, name).evaluate(_TEXT)
    smallest = min(sizes)
    assert smallest[0] >= SMALLEST, smallest
    print(f"{name}: smallest text {smallest[0]:.2f} px ({smallest[1]!r})")


def test_the_classes_are_drawn_in_pythons_palette_with_a_key(lab: Any, tmp_path: Path) -> None:
    measure(lab, "six of 8", tmp_path)
    pg = widget(lab, "six of 8")
    sizes, activation, steps, _ = PLAYGROUNDS["six of 8"]
    here = playground(sizes, activation=activation).train(steps)  # the kernel's, again
    canvas = pg.locator(".cr-pg-boundary")
    side = canvas.evaluate("c => c.clientWidth")
    x0, x1, y0, y1 = here.points["bounds"]
    drawn = [
        ((x - x0) / (x1 - x0) * side, (y1 - y) / (y1 - y0) * side, label, train)
        for x, y, label, train in here.points["xy"]
    ]
    # Training points (filled) that no later point covers: their centres are their class's.
    clear = [
        (px, py, label)
        for i, (px, py, label, train) in enumerate(drawn)
        if train and all(abs(px - qx) > 8 or abs(py - qy) > 8 for qx, qy, _, _ in drawn[i + 1 :])
    ]
    got = canvas.evaluate(_PIXELS, [[px, py] for px, py, _ in clear])
    want = [rgb(colors.CLASS_COLORS[label]) for _, _, label in clear]
    assert {0, 1} <= {label for _, _, label in clear}
    assert got == want
    # The background between the points: the shade of the probability
    # (nn.widgets.playground_view.shade), in the same colours.
    grid, n = here.frame["surface"]["grid"], here.frame["n"]
    cells = [
        (r, c)
        for r in range(0, n, 3)
        for c in range(0, n, 3)
        if all(
            abs((c + 0.5) * side / n - px) > 8 or abs((r + 0.5) * side / n - py) > 8
            for px, py, _, _ in drawn
        )
    ]
    centres = [[(c + 0.5) * side / n, (r + 0.5) * side / n] for r, c in cells]
    got = canvas.evaluate(_PIXELS, centres)
    want = [rgb(shade(grid[r * n + c])) for r, c in cells]
    assert len(cells) > 10
    assert all(abs(g - w) <= 1 for a, b in zip(got, want, strict=True) for g, w in zip(a, b))
    # The key: a dot in each class's colour, with its name.
    dots = pg.locator(".cr-pg-classes .cr-pg-class")
    assert dots.count() == 2
    for label in (0, 1):
        color = dots.nth(label).evaluate("d => getComputedStyle(d).color")
        assert color == "rgb({}, {}, {})".format(*rgb(colors.CLASS_COLORS[label]))
    key = pg.locator(".cr-pg-classes").inner_text()
    assert "class 0" in key and "class 1" in key and key.index("class 0") < key.index("class 1")


def test_the_loss_curves_differ_by_line_style_not_a_class_colour(lab: Any) -> None:
    curves = widget(lab, "six of 8").locator(".cr-pg-curves")
    ink = curves.evaluate(_INK, 20000)
    assert len(ink) > 100
    greys = [p for p in ink if max(p) - min(p) <= 8]
    assert len(greys) == len(ink), [p for p in ink if p not in greys][:5]


def test_the_network_refits_when_the_file_browser_closes(lab: Any, tmp_path: Path) -> None:
    pg = widget(lab, "largest")
    svg = pg.locator(".cr-pg-net svg")
    narrow = svg.evaluate("s => s.getBoundingClientRect().width")
    tab = lab.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']")
    tab.click()  # closed: the output widens
    try:
        lab.wait_for_function(
            "() => !document.querySelector('.jp-FileBrowser')?.checkVisibility()"
        )
        lab.wait_for_timeout(300)
        room = pg.locator(".cr-pg-net").evaluate("n => n.clientWidth")
        width = svg.evaluate("s => s.getBoundingClientRect().width")
        note = pg.locator(".cr-pg-netnote")
        lab.screenshot(path=str(tmp_path / "largest_without_the_file_browser.png"))
        # As wide as it reads at 11.5 px: it now fits, and the note is gone.
        assert room > narrow and abs(width - narrow) < 1 and width <= room, (room, width)
        assert note.is_hidden()
    finally:
        tab.click()
        lab.wait_for_function("() => document.querySelector('.jp-FileBrowser')?.checkVisibility()")
