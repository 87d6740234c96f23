"""The demo's pictures on a 1280x720 slide and on an 800-px page, measured in headless Chromium.

Each SVG is shown as a slide shows it, scaled down to 1280 px wide and 720 px
high when larger, and the README's as an 800-px page shows them, scaled down to
its width; every text must render at 11 px or more. Screenshots go to the
test's tmp path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nn import demo
from tests.picture_view import show_svg

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

SLIDE = 1280
SLIDE_HEIGHT = 720
PAGE = 800
README = Path(__file__).resolve().parents[2] / "README.md"
SMALLEST = 11.0


@pytest.fixture(scope="module")
def trained() -> demo.Trained:
    return demo.train(progress=False)


@pytest.mark.parametrize(
    "artifact", [demo.neuron_graph, demo.networks, demo.example_graph], ids=lambda a: a.__name__
)
def test_every_picture_reads_on_a_1280x720_slide(
    artifact: Callable[[demo.Trained, Path], list[Path]],
    trained: demo.Trained,
    chromium: Any,
    tmp_path: Path,
) -> None:
    pictures = [p for p in artifact(trained, tmp_path) if p.suffix == ".svg"]
    for svg in [p for p in pictures if not p.stem.endswith("_tall")]:  # tall: for a page
        png = tmp_path / f"{svg.stem}.png"
        shown = show_svg(chromium, svg.read_text(), SLIDE, png, height=SLIDE_HEIGHT)
        print(f"{svg.name}: {shown.width:.0f}x{shown.height:.0f} px, {shown.smallest:.1f} px")
        assert shown.width <= SLIDE and shown.height <= SLIDE_HEIGHT + 0.5
        assert shown.smallest >= SMALLEST, (svg.name, shown.smallest, shown.where)


def test_every_picture_in_the_readme_reads_on_an_800_px_page(
    trained: demo.Trained, chromium: Any, tmp_path: Path
) -> None:
    # The demo's SVGs, freshly drawn, under the names the README shows them by.
    drawn = {
        p.name: p
        for artifact in (demo.neuron_graph, demo.networks, demo.example_graph)
        for p in artifact(trained, tmp_path)
    }
    shown_in_readme = re.findall(
        r'<img src="notebooks/pictures/([\w.]+\.svg)"', README.read_text()
    )
    assert "example_graph_tall.svg" in shown_in_readme and "neuron.svg" in shown_in_readme
    for name in shown_in_readme:
        shown = show_svg(chromium, drawn[name].read_text(), PAGE, tmp_path / f"page_{name}.png")
        print(f"{name}: {shown.width:.0f}x{shown.height:.0f} px, {shown.smallest:.1f} px")
        assert shown.smallest >= SMALLEST, (name, shown.smallest, shown.where)


def test_the_network_view_shows_its_layers_and_legend(
    trained: demo.Trained, chromium: Any, tmp_path: Path
) -> None:
    paths = demo.networks(trained, tmp_path)
    shown = show_svg(chromium, paths[0].read_text(), SLIDE)
    texts = [t.strip() for t in shown.texts]
    for title in ("inputs", "layer 1", "layer 2", "layer 3", "tanh", "linear"):
        assert title in texts
    assert "wire: dL/dw · neuron: dL/db" in texts
    # No label longer than a few words, but for the title.
    title = next(t for t in texts if t.startswith("MLP(2, [16, 16, 1]) · gradients of loss"))
    assert max(len(t.split()) for t in texts if t != title) <= 6
