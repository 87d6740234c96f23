"""The playground's neuron heatmaps in a real JupyterLab at 1280x800, the file browser open.

Each hidden and output unit's heatmap is read back from the page, pixel by
pixel, and compared with what Python computes for the same model: the
playground is built in the kernel and, with the same seed, again here;
training is deterministic, so this process knows the weights at any step the
kernel reached. Pressing Play changes the pixels; hovering a unit (or clicking
it) shows its heatmap large, over the data, in the decision boundary's panel.
Screenshots go to the test's tmp_path.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nn.widgets.network_view import heat
from nn.widgets.playground_view import shade
from tests.jupyter import cell_outputs, notebook_page

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

from nn import playground  # noqa: E402

NAME = "heat.ipynb"

# The pixels of a heatmap's <image>, as the browser decodes its picture: [[r, g, b], ...],
# rows from the top, and its side.
_IMAGE_PIXELS = """async (image) => {
  const picture = new Image();
  picture.src = image.getAttribute("href");
  await picture.decode();
  const canvas = document.createElement("canvas");
  canvas.width = picture.width;
  canvas.height = picture.height;
  const ctx = canvas.getContext("2d");
  ctx.drawImage(picture, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const out = [];
  for (let i = 0; i < data.length; i += 4) out.push([data[i], data[i + 1], data[i + 2]]);
  return { side: picture.width, pixels: out };
}"""

# The colour of canvas pixels at CSS-pixel points: [[r, g, b], ...].
_PIXELS = """(canvas, points) => {
  const ctx = canvas.getContext("2d"), ratio = canvas.width / canvas.clientWidth;
  return points.map(([x, y]) =>
    [...ctx.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data].slice(0, 3));
}"""


def rgb(hex_color: str) -> list[int]:
    return [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]


def close(got: list[list[int]], want: list[list[int]]) -> bool:
    """Colours equal to a unit of rounding (JavaScript's Math.round and Python's round)."""
    return len(got) == len(want) and all(
        abs(g - w) <= 1 for a, b in zip(got, want, strict=True) for g, w in zip(a, b, strict=True)
    )


def wait_for(check: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the playground")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def lab(chromium: Any, jupyter_session: Any) -> Iterator[Any]:
    """A 1280x800 JupyterLab page, file browser open, showing ``playground([8, 8])``."""
    with notebook_page(
        chromium, jupyter_session, NAME, ["from nn import playground\npg = playground()\npg"]
    ) as page:
        yield page


def widget(page: Any) -> Any:
    pg = cell_outputs(page, 0).locator(".cr-pg")
    pg.locator(".cr-pg-net svg image[data-h]").first.wait_for()
    return pg


def drawn(pg: Any, key: str) -> dict[str, Any]:
    image = pg.locator(f'.cr-pg-net svg image[data-h="{key}"]')
    result: dict[str, Any] = image.evaluate(_IMAGE_PIXELS)
    return result


def expected(steps: int) -> dict[str, list[int]]:
    """Every unit's levels after ``steps`` steps, computed here (the kernel's model, again)."""
    here = playground().train(steps) if steps else playground()
    t = here.trainer
    return heat(t.model, t.bounds(), here.heat["n"])


def test_each_unit_shows_its_heatmap_and_play_changes_it(lab: Any, tmp_path: Path) -> None:
    pg = widget(lab)
    pg.scroll_into_view_if_needed()
    assert pg.get_attribute("data-step") == "0"
    levels = expected(0)
    keys = pg.locator(".cr-pg-net svg image[data-h]").evaluate_all(
        "images => images.map((i) => i.getAttribute('data-h'))"
    )
    assert sorted(keys) == sorted(levels) and len(keys) == 17  # 8 + 8 + 1
    before = {key: drawn(pg, key) for key in ("1_0", "2_5", "3_0")}
    for key, seen in before.items():
        assert seen["side"] == 16
        assert close(seen["pixels"], [rgb(shade(p)) for p in levels[key]]), key
    lab.screenshot(path=str(tmp_path / "heat_before.png"))
    pg.locator(".cr-pg-play").click()
    wait_for(lambda: int(pg.get_attribute("data-step") or 0) >= 40)
    pg.locator(".cr-pg-play").click()  # pause
    wait_for(lambda: pg.locator(".cr-pg-play").inner_text().endswith("Play"))
    lab.wait_for_timeout(500)  # the last update after the pause
    steps = int(pg.get_attribute("data-step") or 0)
    after = {key: drawn(pg, key) for key in before}
    lab.screenshot(path=str(tmp_path / "heat_after.png"))
    assert all(after[key]["pixels"] != before[key]["pixels"] for key in before)
    levels = expected(steps)
    for key, seen in after.items():
        assert close(seen["pixels"], [rgb(shade(p)) for p in levels[key]]), (key, steps)


def large_view(pg: Any, key: str, steps: int) -> tuple[list[list[int]], list[list[int]]]:
    """The boundary panel's pixels at cell centres clear of the points, and the unit's shades."""
    here = playground().train(steps) if steps else playground()
    canvas = pg.locator(".cr-pg-boundary")
    side = canvas.evaluate("c => c.clientWidth")
    x0, x1, y0, y1 = here.points["bounds"]
    dots = [
        ((x - x0) / (x1 - x0) * side, (y1 - y) / (y1 - y0) * side)
        for x, y, *_ in here.points["xy"]
    ]
    n = here.heat["n"]
    cells = [
        (r, c)
        for r in range(n)
        for c in range(n)
        if all(
            abs((c + 0.5) * side / n - px) > 6 or abs((r + 0.5) * side / n - py) > 6
            for px, py in dots
        )
    ]
    assert len(cells) > 20
    got = canvas.evaluate(
        _PIXELS, [[(c + 0.5) * side / n, (r + 0.5) * side / n] for r, c in cells]
    )
    levels = here.heat["units"][key]
    return got, [rgb(shade(levels[r * n + c])) for r, c in cells]


def test_hovering_or_clicking_a_unit_shows_it_large_over_the_data(
    lab: Any, tmp_path: Path
) -> None:
    pg = widget(lab)
    pg.scroll_into_view_if_needed()
    steps = int(pg.get_attribute("data-step") or 0)
    title = pg.locator(".cr-pg-btitle")
    assert title.inner_text() == "Decision boundary"
    pg.locator('.cr-pg-net svg image[data-h="2_3"]').hover()
    wait_for(lambda: pg.get_attribute("data-shown") == "2_3", timeout=5)
    assert title.inner_text() == "layer 2 · neuron 4"
    got, want = large_view(pg, "2_3", steps)
    assert close(got, want)
    lab.screenshot(path=str(tmp_path / "hover_2_3.png"))
    pg.locator(".cr-pg-counter").hover()  # the pointer leaves the network
    wait_for(lambda: pg.get_attribute("data-shown") == "", timeout=5)
    assert title.inner_text() == "Decision boundary"
    # A click keeps it shown after the pointer leaves, until it is clicked again.
    pg.locator('.cr-pg-net svg g[data-n="1_6"]').click()
    pg.locator(".cr-pg-counter").hover()
    lab.wait_for_timeout(200)
    assert pg.get_attribute("data-shown") == "1_6" and title.inner_text() == "layer 1 · neuron 7"
    got, want = large_view(pg, "1_6", steps)
    assert close(got, want)
    lab.screenshot(path=str(tmp_path / "clicked_1_6.png"))
    pg.locator('.cr-pg-net svg g[data-n="1_6"]').click()
    pg.locator(".cr-pg-counter").hover()
    wait_for(lambda: pg.get_attribute("data-shown") == "", timeout=5)


def test_the_heatmaps_box_switches_them_off_and_on(lab: Any, tmp_path: Path) -> None:
    pg = widget(lab)
    box = pg.locator('input[name="heatmaps"]')
    assert box.is_checked()
    box.uncheck()
    wait_for(lambda: pg.locator(".cr-pg-net svg image[data-h]").count() == 0, timeout=30)
    wait_for(lambda: pg.locator(".cr-pg-heatkey").inner_text() == "", timeout=10)
    lab.screenshot(path=str(tmp_path / "heatmaps_off.png"))
    box.check()
    wait_for(lambda: pg.locator(".cr-pg-net svg image[data-h]").count() == 17, timeout=30)
    wait_for(lambda: drawn(pg, "3_0")["side"] == 16, timeout=10)
