"""Drawings show a gradient no backward pass has reached as ``grad —``, apart from 0.0.

The DOT golden files (``not_reached*``, ``computed_zero*``, ``after_zero_grad*``
in ``golden/``, made by ``test_viz_dot.py``) hold the whole pictures; here each
box's grad cell is read back and checked against gradients worked by hand.
"""

from __future__ import annotations

import re

import pytest

from autograd import Value
from autograd.viz import draw_graph, to_dot
from autograd.viz.scene.colors import ZERO
from autograd.viz.views.looks import frame_looks
from autograd.viz.views.steps import walk
from tests.autograd.viz.networks import backward, dead_relu, zeroed

LEGEND = "grad —: not computed yet"


def grad_cells(text: str) -> dict[str, str]:
    """Each box's name and the text of its grad cell, from DOT text."""
    boxes = [line for line in text.splitlines() if re.match(r"\tv\d+ \[", line)]
    cell = r"<(?:B|I)>([^<]+)</(?:B|I)>(?:</FONT>)?</TD>.*?grad ([^<]+)<"
    return dict(m for line in boxes for m in re.findall(cell, line))


def test_before_backward_every_grad_is_a_dash_with_its_legend_line() -> None:
    text = to_dot(dead_relu())
    assert grad_cells(text) == {"x": "—", "s": "—", "mul1": "—", "L": "—"}
    assert LEGEND in text


def test_a_computed_zero_is_drawn_as_0_0_and_needs_no_legend_line() -> None:
    # relu'(x * s) = relu'(-2) = 0: everything below L gets a computed 0.0.
    text = to_dot(backward(dead_relu()))
    assert grad_cells(text) == {"x": "0.0", "s": "0.0", "mul1": "0.0", "L": "1.0"}
    assert LEGEND not in text


def test_after_zero_grad_the_parameters_are_dashes_by_default() -> None:
    # L = relu(w*x + b) = relu(1.25): dL/dx = w = 0.5 stays; w and b were reset.
    text = to_dot(zeroed(set_to_none=True))
    cells = grad_cells(text)
    assert (cells["w"], cells["b"], cells["x"], cells["add1"]) == ("—", "—", "0.5", "1.0")
    assert LEGEND in text


def test_after_zero_grad_set_to_none_false_the_parameters_are_zeros() -> None:
    cells = grad_cells(to_dot(zeroed(set_to_none=False)))
    assert (cells["w"], cells["b"], cells["x"]) == ("0.0", "0.0", "0.5")


def test_flow_colours_a_dash_as_unknown_not_as_the_grey_of_zero() -> None:
    # y = x * x was differentiated (dy/dx = 2x = 6); z = y + 1 was built after.
    x = Value(3.0, label="x")
    y = x * x
    y.backward()
    z = y + 1.0
    text = to_dot(z, flow=True)
    x_box = next(line for line in text.splitlines() if "<B>x</B>" in line)
    assert grad_cells(text) == {"x": "6.0", "mul1": "1.0", "L": "—"}
    assert 'BGCOLOR="' in x_box and ZERO not in x_box
    z_box = next(line for line in text.splitlines() if "<I>L</I>" in line)
    assert "BGCOLOR" not in z_box.split("<TR>")[0]  # no fill at all: neither scale nor zero
    # The edges into and out of z's op carry nothing known: plain, unlabelled.
    assert re.search(r"op\d+ -> v2\n", text) and re.search(r"v1 -> op2\n", text)
    assert LEGEND in text


def test_flow_before_backward_colours_nothing() -> None:
    text = to_dot(dead_relu(), flow=True)
    assert ZERO not in text.split("legend")[0]
    assert all(cell == "—" for cell in grad_cells(text).values())


def test_the_player_shows_a_gradient_not_reached_yet_as_a_dash_never_blank_or_0_0() -> None:
    # The backward player of L = relu(m), m = x * s = -2: frame 0 knows only L's
    # seed 1.0; frame 1 (L's step) sends m relu'(-2) · 1.0 = 0.0; frame 2 (m's
    # step) sends x and s a computed 0.0 each. .grad is not read.
    loss = dead_relu()
    m = loss.parents[0]
    x, s = m.parents
    w = walk(loss)
    grads = [[frame_looks(w, k).node(v).grad for v in (x, s, m, loss)] for k in range(4)]
    assert grads == [
        ["—", "—", "—", "1.0"],
        ["—", "—", "0.0", "1.0"],
        ["0.0", "0.0", "0.0", "1.0"],
        ["0.0", "0.0", "0.0", "1.0"],
    ]
    # The frames with a "—" say what it means, as a still drawing does; the key
    # row is shown beside the player's caption in those frames only.
    assert [LEGEND in frame_looks(w, k).legend for k in range(4)] == [True, True, False, False]
    assert w.blanks() == [True, True, False, False]


def test_the_forward_player_leaves_its_cells_blank_not_a_dash() -> None:
    # Forward, a value not evaluated yet is blank (data is not a gradient) and
    # the grad cells are no cells at all: no "—" and no key in any frame.
    loss = dead_relu()
    x = loss.parents[0].parents[0]
    forward = walk(loss, "forward")
    looks = [frame_looks(forward, k) for k in range(len(forward.frames))]
    assert [look.node(loss).data for look in looks] == ["", "", "0.0"]
    assert all(look.node(x).grad is None and not look.legend for look in looks)
    assert forward.blank == "" and not any(forward.blanks())


@pytest.mark.needs_dot
def test_the_legend_does_not_turn_a_drawing_that_reads_left_to_right_after_backward() -> None:
    # Notebook 01's graph: L = (a * b + c) * f. After backward() it reads left to
    # right in a page's column; its "grad —" key must not make the drawing
    # before backward() so wide that draw_graph turns it top to bottom.
    a, b, c, f = (
        Value(x, label=n) for x, n in [(2.0, "a"), (-3.0, "b"), (10.0, "c"), (-2.0, "f")]
    )
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    before = draw_graph(L).source
    L.backward()
    after = draw_graph(L).source
    assert LEGEND in before and "rankdir=LR" in after
    assert "rankdir=LR" in before
