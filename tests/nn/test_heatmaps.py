"""Neuron heatmaps: each unit's output over the plane, its colours, and the still picture.

Every expected value is computed here independently: grid centres from the
bounds by hand, each unit's output with Values (the op table's forwards), the
colours with the playground's ``shade``.
"""

from __future__ import annotations

import base64
import math
import random
import re
import struct
import zlib

import pytest

from autograd import Value
from nn import MLP, Neuron, draw_network
from nn.pictures.heatmaps import bounds_of, level, levels, png_url, unit_grids
from nn.widgets.playground_view import shade

BOUNDS = (-1.0, 3.0, -2.0, 2.0)


def centre(r: int, c: int, n: int) -> tuple[float, float]:
    """The centre of cell (r, c) of n x n on BOUNDS, rows from the top: worked out here again."""
    x0, x1, y0, y1 = BOUNDS
    return x0 + (c + 0.5) * (x1 - x0) / n, y1 - (r + 0.5) * (y1 - y0) / n


def by_hand(model: MLP, x: float, y: float) -> tuple[list[float], float]:
    """The first layer's outputs and the output unit's, one Value op at a time."""
    hidden = [
        (n.w[0].data * Value(x) + n.w[1].data * Value(y) + n.b.data).tanh()
        for n in model.layers[0].neurons
    ]
    (out,) = model.layers[1].neurons
    z = Value(0.0)
    for w, h in zip(out.w, hidden, strict=True):
        z = z + w.data * h
    return [h.data for h in hidden], (z + out.b.data).data


def test_a_hidden_unit_and_the_output_unit_at_every_cell() -> None:
    model = MLP(2, [3, 1], seed=4)
    n = 5
    grids = unit_grids(model, BOUNDS, n)
    assert [len(layer) for layer in grids] == [3, 1]
    for r in range(n):
        for c in range(n):
            hidden, out = by_hand(model, *centre(r, c, n))
            # The same operations in the same order: the same floats, to the bit.
            assert grids[0][1][r * n + c] == hidden[1]
            assert grids[1][0][r * n + c] == out


def test_a_model_not_run_on_floats_is_run_as_itself() -> None:
    neuron = Neuron(2, activation="relu", rng=random.Random(1))
    (grid,) = unit_grids(neuron, BOUNDS, 3)
    assert len(grid) == 1
    expected = [neuron(list(centre(r, c, 3))).data for r in range(3) for c in range(3)]
    assert grid[0] == expected


def test_a_layer_norm_model_is_run_as_itself_between_its_layers() -> None:
    model = MLP(2, [4, 1], layer_norm=True, seed=0)
    (_, (out,)) = unit_grids(model, BOUNDS, 3)
    assert out == [model(list(centre(r, c, 3))).data for r in range(3) for c in range(3)]
    assert len(set(out)) == 9  # nine different points, nine different outputs


def test_dropout_is_off_while_the_grid_is_evaluated() -> None:
    model = MLP(2, [4, 1], dropout=0.5, seed=2)
    plain = MLP(2, [4, 1], seed=2)
    assert unit_grids(model, BOUNDS, 4) == unit_grids(plain, BOUNDS, 4)
    assert model.training  # and its mode is put back


def test_levels_are_the_output_clipped_to_plus_minus_one_in_percent() -> None:
    assert levels([-5.0, -1.0, -0.5, 0.0, 0.25, 1.0, 7.0]) == [0, 0, 25, 50, 62, 100, 100]
    assert level(math.nan) == 50
    assert level(-math.inf) == 0


def pixels(url: str) -> tuple[int, list[bytes]]:
    """An 8-bit RGB PNG without filters (as png_url writes it) read back: side, pixels."""
    png = base64.b64decode(url.removeprefix("data:image/png;base64,"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    side, height, depth, kind = struct.unpack(">IIBB", png[16:26])
    assert (side, depth, kind) == (height, 8, 2)
    start = png.index(b"IDAT") + 4
    (length,) = struct.unpack(">I", png[start - 8 : start - 4])
    raw = zlib.decompress(png[start : start + length])
    rows = [raw[r * (3 * side + 1) : (r + 1) * (3 * side + 1)] for r in range(side)]
    assert all(row[0] == 0 for row in rows)
    return side, [row[1 + 3 * i : 4 + 3 * i] for row in rows for i in range(side)]


def test_the_png_has_each_cell_in_the_boundarys_colours() -> None:
    cells = [0, 25, 50, 62, 75, 100, 100, 0, 50]
    side, found = pixels(png_url(cells, 3))
    assert side == 3
    assert ["#" + p.hex() for p in found] == [shade(p) for p in cells]


def test_bounds_of_points_have_the_playgrounds_margin() -> None:
    # x from 0 to 2: margin 0.1 * 2 + 0.1; y all 1: margin 0.1
    assert bounds_of([[0.0, 1.0], [2.0, 1.0]]) == pytest.approx((-0.3, 2.3, 0.9, 1.1))


# -- the still picture ------------------------------------------------------------------


def images(svg: str) -> dict[str, str]:
    return dict(re.findall(r'<image data-h="(\d+_\d+)"[^>]* href="([^"]*)"', svg))


def test_the_still_picture_has_one_heatmap_per_hidden_and_output_unit() -> None:
    model = MLP(2, [8, 8, 1], seed=0)
    svg = draw_network(model, heatmaps=True, bounds=BOUNDS).pipe(encoding="utf-8")
    found = images(svg)
    expected = {f"{c}_{k}" for c, size in ((1, 8), (2, 8), (3, 1)) for k in range(size)}
    assert set(found) == expected
    grids = unit_grids(model, BOUNDS, 16)
    for key, url in found.items():
        c, k = map(int, key.split("_"))
        side, colours = pixels(url)
        assert side == 16
        assert ["#" + p.hex() for p in colours] == [shade(p) for p in levels(grids[c - 1][k])]


def test_data_gives_the_plane_as_the_playground_draws_it() -> None:
    model = MLP(2, [2, 1], seed=0)
    points = [[0.0, 1.0], [2.0, 1.0], [1.0, 1.0]]
    by_data = draw_network(model, heatmaps=True, data=points).pipe(encoding="utf-8")
    by_bounds = draw_network(model, heatmaps=True, bounds=bounds_of(points)).pipe(encoding="utf-8")
    assert images(by_data) == images(by_bounds)


def test_without_heatmaps_the_picture_has_no_images() -> None:
    svg = draw_network(MLP(2, [2, 1], seed=0)).pipe(format="svg", encoding="utf-8")
    assert "<image" not in svg


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"heatmaps": True}, ValueError, "pass data=X (the points, 2 numbers each) or bounds="),
        (
            {"heatmaps": True, "data": [[0.0, 0.0]], "bounds": BOUNDS},
            ValueError,
            "one of them",
        ),
        ({"data": [[0.0, 0.0]]}, ValueError, "data= and bounds= are for heatmaps=True"),
        ({"heatmaps": "yes", "bounds": BOUNDS}, TypeError, "heatmaps must be True or False"),
        ({"heatmaps": True, "bounds": (1.0, 0.0, 0.0, 1.0)}, ValueError, "x0 < x1 and y0 < y1"),
        ({"heatmaps": True, "bounds": (0.0, 1.0)}, TypeError, "bounds must be (x0, x1, y0, y1)"),
        ({"heatmaps": True, "data": [[0.0, 0.0, 1.0]]}, ValueError, "the model takes 2 inputs"),
    ],
)
def test_heatmaps_refuse_what_gives_no_plane(kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        draw_network(MLP(2, [2, 1], seed=0), **kwargs)


def test_heatmaps_need_a_model_with_two_inputs() -> None:
    with pytest.raises(ValueError, match="the model needs 2 inputs, this one takes 3"):
        draw_network(MLP(3, [2, 1], seed=0), heatmaps=True, bounds=BOUNDS)


def test_the_picture_with_heatmaps_is_svg_only() -> None:
    graph = draw_network(MLP(2, [2, 1], seed=0), heatmaps=True, bounds=BOUNDS)
    assert graph.format == "svg"
    with pytest.raises(ValueError, match=r"drawn as SVG only .* got 'png'"):
        graph.pipe(format="png")
    assert len(images(graph.copy().pipe(encoding="utf-8"))) == 3


def test_the_img_form_keeps_the_heatmaps() -> None:
    graph = draw_network(MLP(2, [2, 1], seed=0), heatmaps=True, bounds=BOUNDS)
    html = graph._repr_mimebundle_()["text/html"]
    src = re.search(r'src="data:image/svg\+xml;base64,([^"]*)"', html)
    assert src is not None
    assert len(images(base64.b64decode(src[1]).decode())) == 3


# -- the playground ---------------------------------------------------------------------


def test_the_playground_sends_each_units_levels_at_its_grid() -> None:
    pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
    from nn import playground

    pg = playground([3], points=40).train(2)
    t = pg.trainer
    sent = pg.heat
    assert sent["n"] == 16 and sorted(sent["units"]) == ["1_0", "1_1", "1_2", "2_0"]
    grids = unit_grids(t.model, t.bounds(), 16)
    assert sent["units"]["1_2"] == levels(grids[0][2])
    assert sent["units"]["2_0"] == levels(grids[1][0])
    assert pg.svg.count("<image data-h=") == 4


def test_the_playgrounds_snapshot_shows_its_heatmaps_and_the_box_switches_them() -> None:
    pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
    from nn import playground

    pg = playground([3], points=40)
    html = pg._repr_mimebundle_()[0]["text/html"]
    network = re.findall(r'<img alt="the network" src="data:image/svg\+xml;base64,([^"]*)"', html)
    shown = images(base64.b64decode(network[0]).decode())
    assert set(shown) == {"1_0", "1_1", "1_2", "2_0"}
    assert shown["2_0"] == png_url(pg.heat["units"]["2_0"], 16)
    pg.heatmaps = False
    assert pg.heat == {} and "<image" not in pg.svg
    pg.heatmaps = True
    assert len(pg.heat["units"]) == 4 and pg.svg.count("<image data-h=") == 4
    assert playground([3], points=40, heatmaps=False).heat == {}
    with pytest.raises(TypeError, match="playground\\(\\) heatmaps must be True or False, got 1"):
        playground([3], points=40, heatmaps=1)
