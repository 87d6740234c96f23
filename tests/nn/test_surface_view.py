"""How the playground draws each task in Python: the static boundary, its key, the inputs' names.

Every colour expected here is worked out in this file from the rule the issue states
(a hue mixed with white, 60 % of it at most: at 1/k confidence white, at 100 % the
most; a regression's purple-white-green scale over the targets' range), not read
from the code under test. The surfaces are made up, as ``Trainer.surface(n)`` returns
them (a dict of task, grid, confidence, range and classes).
"""

from __future__ import annotations

import re

import pytest

from autograd.viz.scene import colors
from nn import MLP
from nn.pictures.network import network
from nn.widgets.network_view import named, network_svg
from nn.widgets.playground_view import (
    boundary_svg,
    class_key,
    palette,
    shade,
    snapshot,
    surface_key,
)
from nn.widgets.scale_key import scale_svg
from nn.widgets.surface_colors import MOST, cell_colors, class_names

PURPLE, GREEN = "#762a83", "#1b7837"  # classes 0 and 1, as every chart draws them
BROWN, PINK, CYAN, OLIVE = "#8c564b", "#e377c2", "#17becf", "#bcbd22"  # then the series'
GREY = "#bdbdbd"  # no finite output: the palette's zero
BOUNDS = (-1.0, 1.0, -1.0, 1.0)


def mix(hue: str, t: float) -> str:
    """``hue`` with white, ``t`` of the hue, each channel as Python's round() has it."""
    return "#" + "".join(
        f"{round(255 - (255 - int(hue[i : i + 2], 16)) * t):02x}" for i in (1, 3, 5)
    )


def fills(svg: str) -> list[str]:
    return re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})"', svg)


def classes(grid: list[int], confidence: list[int], k: int) -> dict[str, object]:
    return {"task": "classes", "grid": grid, "confidence": confidence, "range": None, "classes": k}


def regression(grid: list[float | None], lo: float, hi: float) -> dict[str, object]:
    return {
        "task": "regression",
        "grid": grid,
        "confidence": None,
        "range": [lo, hi],
        "classes": 0,
    }


# -- worked by hand ----------------------------------------------------------------


def test_three_classes_by_hand() -> None:
    # Class 2 (brown, 8c564b) at 100 %: 60 % of it: 255 - 0.6 * (255 - 140) = 186 = ba,
    # 255 - 0.6 * 169 = 153.6 -> 9a, 255 - 0.6 * 180 = 147 = 93. At 1/3: white.
    # Class 0 at 67 % (a little past halfway from 1/3 to 1): 0.6 * (67 - 100/3) / (200/3)
    # = 0.303 of it: 255 - 0.303 * 137 = 213.49 -> d5, ...
    svg = boundary_svg(classes([2, 1, 0, -1], [100, 33, 67, 90], 3), 2, [], BOUNDS)
    assert fills(svg) == [
        "#ba9a93",
        "#ffffff",
        mix(PURPLE, 0.6 * (67 - 100 / 3) / (200 / 3)),
        GREY,
    ]
    assert fills(svg)[2][:3] == "#d5"


def test_a_regression_by_hand() -> None:
    # Over [0, 4]: 2 is the middle (white), 4 the top (green at 60 %: 76ae87), 0 the bottom
    # (purple at 60 %: ad7fb5), 3 halfway up (green at 30 %), 9 clamped to the top.
    svg = boundary_svg(
        regression([2.0, 4.0, 0.0, 3.0, 9.0, None, -5.0, 1.0, 2.0], 0, 4), 3, [], BOUNDS
    )
    up, down = mix(GREEN, 0.3), mix(PURPLE, 0.3)
    assert fills(svg) == [
        "#ffffff", "#76ae87", "#ad7fb5", up, "#76ae87", GREY, "#ad7fb5", down, "#ffffff"
    ]  # fmt: skip


def test_binary_is_drawn_as_before() -> None:
    grid = [0, 10, 49, 50, 51, 75, 90, 100, 25]
    svg = boundary_svg(grid, 3, [[0.0, 0.0, 0, 1], [0.5, 0.5, 1, 0]], BOUNDS)
    want = [mix(GREEN if p >= 50 else PURPLE, 0.6 * abs(p - 50) / 50) for p in grid]
    assert fills(svg) == want == [shade(p) for p in grid]
    # A surface dict of the binary task is the same picture.
    binary = {"task": "binary", "grid": grid, "confidence": None, "range": None, "classes": 2}
    assert boundary_svg(binary, 3, [[0.0, 0.0, 0, 1], [0.5, 0.5, 1, 0]], BOUNDS) == svg
    assert (
        f'fill="{PURPLE}" stroke="{PURPLE}"' in svg and f'fill="#ffffff" stroke="{GREEN}"' in svg
    )


# -- each rule against the formula ------------------------------------------------------


@pytest.mark.parametrize("k", [3, 4, 5, 6])
def test_class_cells_are_their_hue_paler_the_less_confident(k: int) -> None:
    hues = [PURPLE, GREEN, BROWN, PINK, CYAN, OLIVE][:k]
    grid = [c % k for c in range(36)]
    confidence = [round(100 / k) + (c * 7) % (100 - round(100 / k)) for c in range(36)]
    got = cell_colors(classes(grid, confidence, k))
    guess = 100 / k
    want = [
        mix(hues[c], 0.6 * max(p - guess, 0) / (100 - guess))
        for c, p in zip(grid, confidence, strict=True)
    ]
    assert got == want
    # Discretized: every cell its hue at 60 %, whatever the confidence.
    assert cell_colors(classes(grid, confidence, k), discrete=True) == [
        mix(hues[c], 0.6) for c in grid
    ]


def test_a_discretized_binary_surface_is_two_colours() -> None:
    got = cell_colors({"task": "binary", "grid": [0, 49, 50, 51, 100]}, discrete=True)
    assert got == [mix(PURPLE, 0.6)] * 2 + [mix(GREEN, 0.6)] * 3


def test_a_discretized_regression_is_five_bands() -> None:
    # Over [-1, 1] in five equal bands, each at its centre's colour: -0.8, -0.4, 0, 0.4, 0.8.
    values = [-1.0, -0.61, -0.59, -0.21, -0.19, 0.0, 0.19, 0.21, 0.59, 0.61, 1.0, 7.0]
    got = cell_colors(regression(values, -1, 1), discrete=True)
    bands = [mix(PURPLE, 0.48), mix(PURPLE, 0.24), "#ffffff", mix(GREEN, 0.24), mix(GREEN, 0.48)]
    assert got == [bands[i] for i in (0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4)]


def test_targets_of_both_signs_are_white_at_zero() -> None:
    # Over [-1, 3] the scale is [-3, 3]: 0 white, 3 the top, -1 a third of the way down.
    got = cell_colors(regression([0.0, 3.0, -1.0, -3.0], -1, 3))
    assert got == ["#ffffff", mix(GREEN, 0.6), mix(PURPLE, 0.2), mix(PURPLE, 0.6)]


def test_a_regression_of_equal_targets_has_a_scale_one_unit_either_side() -> None:
    got = cell_colors(regression([3.0, 4.0, 2.5], 3, 3))
    assert got == ["#ffffff", mix(GREEN, 0.6), mix(PURPLE, 0.3)]


# -- points -------------------------------------------------------------------------


def circles(svg: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<circle [^>]* r="([\d.]+)" fill="([^"]+)" stroke="([^"]+)"', svg)


def test_class_points_are_their_hue_and_validation_is_hollow() -> None:
    points = [[0.0, 0.0, k, k % 2] for k in range(5)]
    svg = boundary_svg(classes([0] * 4, [100] * 4, 5), 2, points, BOUNDS)
    hues = [PURPLE, GREEN, BROWN, PINK, CYAN]
    assert circles(svg) == [("3.5", "#ffffff" if k % 2 == 0 else h, h) for k, h in enumerate(hues)]


def test_target_points_are_on_the_scale_outlined_dark_and_validation_is_a_ring() -> None:
    svg = boundary_svg(
        regression([0.0] * 4, -1, 1), 2, [[0.5, 0.5, 1.0, 1], [0.5, 0.5, -1.0, 0]], BOUNDS
    )
    # Training: filled in its colour (the scale's, at full strength: the ends are the
    # hues themselves), a dark outline. Validation: a dark ring round a white disc ringed
    # in its colour.
    assert circles(svg) == [
        ("3.5", GREEN, colors.OUTLINE),
        ("5.075", "none", colors.OUTLINE),
        ("3.5", "#ffffff", PURPLE),
    ]
    halfway = boundary_svg(regression([0.0], -1, 1), 1, [[0.5, 0.5, 0.5, 1]], BOUNDS)
    assert circles(halfway) == [("3.5", mix(GREEN, 0.5), colors.OUTLINE)]
    # Where they are: (0.5, 0.5) of [-1, 1]^2 at three quarters across, a quarter down.
    assert svg.count('cx="195.0" cy="65.0"') == 3


# -- keys ---------------------------------------------------------------------------


def test_the_key_names_each_class_in_its_colour() -> None:
    key = surface_key(classes([0], [100], 5))
    assert re.findall(r'color:(#\w+)">\u25cf</span> (class \d)', key) == [
        (h, f"class {k}") for k, h in enumerate([PURPLE, GREEN, BROWN, PINK, CYAN])
    ]
    named_key = surface_key(classes([0], [100], 3), names=["setosa", "versicolor", "virginica"])
    assert named_key.count("\u25cf") == 3 and "virginica" in named_key
    assert surface_key({"task": "binary", "grid": [50]}) == class_key()
    assert palette(class_names(4))["classes"] == [PURPLE, GREEN, BROWN, PINK]


def test_a_regressions_key_is_a_labelled_colour_bar_in_a_picture() -> None:
    svg = scale_svg([2.0, 6.0])
    assert re.findall(r">([^<>]+)</text>", svg) == ["target", "2", "4", "6"]
    # Targets of both signs: white at 0, the scale as far each way.
    assert re.findall(r">([^<>]+)</text>", scale_svg([-2.0, 6.0])) == ["target", "-6", "0", "6"]
    assert set(re.findall(r'font-size="(\d+)"', svg)) == {"12"}
    assert re.findall(r'stop-color="(#\w+)"', svg) == [
        mix(PURPLE, 0.6),
        "#ffffff",
        mix(GREEN, 0.6),
    ]
    banded = scale_svg([2.0, 6.0], discrete=True)
    assert re.findall(r'<rect [^>]*fill="(#\w+)"', banded) == [
        mix(PURPLE, 0.48), mix(PURPLE, 0.24), "#ffffff", mix(GREEN, 0.24), mix(GREEN, 0.48)
    ]  # fmt: skip
    html = snapshot("<svg/>", "<svg/>", [], "hint", key=surface_key(regression([0.0], 0, 1)))
    assert 'alt="the colour scale" src="data:image/svg+xml' in html


# -- what is refused ------------------------------------------------------------------


def test_more_classes_than_the_playground_draws_are_refused() -> None:
    assert MOST == 6
    with pytest.raises(ValueError, match=r"^the playground draws 2 to 6 classes, got 7$"):
        boundary_svg(classes([0], [100], 7), 1, [], BOUNDS)
    with pytest.raises(ValueError, match="got 7"):
        palette(class_names(7))
    with pytest.raises(ValueError, match="got 7"):
        class_key([f"c{k}" for k in range(7)])


def test_a_surface_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValueError, match=r"a grid of 2 x 2 cells needs 4 values, got 3"):
        boundary_svg([0, 50, 100], 2, [], BOUNDS)
    with pytest.raises(ValueError, match=r"draws a task of .*, got 'ranking'"):
        boundary_svg({"task": "ranking", "grid": [0]}, 1, [], BOUNDS)
    with pytest.raises(ValueError, match=r"finite lo <= hi, got \[1.0, 0.0\]"):
        boundary_svg(regression([0.5], 1.0, 0.0), 1, [], BOUNDS)


# -- the network's inputs ---------------------------------------------------------------

FEATURES = ["x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2"]


def test_input_nodes_say_the_features() -> None:
    svg = network_svg(MLP(7, [8, 8, 1], seed=0), heatmaps=True, inputs=FEATURES)
    texts = re.findall(r"<text [^>]*>([^<]+)</text>", svg)
    for feature in FEATURES:
        assert feature.replace("·", "&#183;") in texts or feature in texts, feature
    # Without names: x1 .. x7, as before.
    plain = re.findall(r"<text [^>]*>([^<]+)</text>", network_svg(MLP(7, [2, 1], seed=0)))
    assert [t for t in plain if t.startswith("x")] == [f"x{k}" for k in range(1, 8)]


def test_input_names_are_one_an_input() -> None:
    view = named(network(MLP(2, [1], seed=0)), None)
    assert [u.name for u in view.columns[0].units] == ["x1", "x2"]
    with pytest.raises(ValueError, match=r"the model takes 2 inputs, got 3 input names"):
        network_svg(MLP(2, [1], seed=0), inputs=["x1", "x2", "x1²"])
