"""Several runs in one chart are drawn in the palette's series colours, not in the signs'."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from autograd.viz.scene import colors

ROOT = Path(__file__).resolve().parents[3]


def rgb(code: str) -> tuple[int, int, int]:
    return (int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16))


def test_series_colours_are_far_from_every_other_colour_of_the_palette() -> None:
    others = [
        colors.hex_code(colors.POSITIVE),
        colors.hex_code(colors.NEGATIVE),
        colors.ALARM,
        *colors.CLASS_COLORS,
    ]
    assert len(set(colors.SERIES)) == len(colors.SERIES) >= 4
    for series in colors.SERIES:
        for other in others:
            # 60 of the 441 an RGB distance can be: two hues a reader tells apart.
            assert math.dist(rgb(series), rgb(other)) > 60, (series, other)


def test_charts_made_after_use_series_colors_take_them_in_turn() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from autograd.viz.views.charts import use_series_colors

    before = matplotlib.rcParams["axes.prop_cycle"]
    try:
        use_series_colors()
        fig, ax = plt.subplots()
        lines = [ax.plot([0, 1], [k, k])[0] for k in range(4)]
        assert [line.get_color() for line in lines] == list(colors.SERIES[:4])
        plt.close(fig)
    finally:
        matplotlib.rcParams["axes.prop_cycle"] = before


@pytest.mark.parametrize(
    "name",
    [
        "04_check_your_gradients",
        "06_what_makes_training_work",
        "07_overfitting_and_regularisation",
    ],
)
def test_the_notebooks_that_compare_runs_use_the_series_colours(name: str) -> None:
    source = (ROOT / "notebooks" / "src" / f"{name}.py").read_text(encoding="utf-8")
    first_chart = source.index("plt.subplots(")
    assert 0 <= source.find("\nuse_series_colors()") < first_chart
    assert not re.search(r"color=\"(tab:)?(blue|orange|red)\"", source)
