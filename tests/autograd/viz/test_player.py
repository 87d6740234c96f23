"""step_through: frames, captions, chain-rule labels, stable layout, the HTML player."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, backward_steps
from autograd.backward import topological_order
from autograd.viz import Stepper, step_through
from autograd.viz.dot import HIGHLIGHT

SVG = "{http://www.w3.org/2000/svg}"


def issue_example() -> tuple[Value, Value, Value, Value]:
    """c = a * b, L = -2c: dL/dc = -2, dL/da = -2 * b = -6, dL/db = -2 * a = -4."""
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    c.label = "c"
    return a, b, c, c * -2.0


def grad_cells(source: str) -> list[str]:
    return re.findall(r"grad ([^<]*)<", source)


# -- examples ------------------------------------------------------------------


def test_one_frame_per_step_plus_the_start() -> None:
    *_, L = issue_example()
    stepper = step_through(L)
    assert isinstance(stepper, Stepper)
    assert len(stepper) == len(backward_steps(L)) + 1 == 3
    assert len(stepper.frames) == 3
    assert stepper.highlights == ["", "L", "c"]
    forward = step_through(L, direction="forward")
    assert len(forward) == len(topological_order(L)) + 1 == 5
    assert forward.highlights == ["", "a", "b", "c", "L"]


def test_backward_frames_show_known_gradients_and_the_chain_rule() -> None:
    *_, L = issue_example()
    first, middle, last = (f.source for f in step_through(L).frames)
    # frame 0: nothing known yet, and blank is not 0
    assert grad_cells(first) == ["", "", "", ""]
    # after L's step: dL/dL = 1 and dL/dc = -2; a and b still blank
    assert grad_cells(middle) == ["", "", "-2.0", "1.0"]
    assert "dL/dc = dL/dL · dL/dc = 1.0 · -2.0 = -2.0" in middle
    assert "dL/da" not in middle
    # c's step: the issue's example, on the edge from a
    assert grad_cells(last) == ["-6.0", "-4.0", "-2.0", "1.0"]
    assert "dL/da = dL/dc · dc/da = -2.0 · 3.0 = -6.0" in last
    assert "dL/db = dL/dc · dc/db = -2.0 · 2.0 = -4.0" in last
    assert "dL/dc = dL/dL" not in last  # only the edges just used are labelled
    assert last.count(f'BORDER="3" COLOR="{HIGHLIGHT}"') == 1


def test_captions_say_what_happens() -> None:
    *_, L = issue_example()
    captions = step_through(L).captions
    assert "no gradient is known yet" in captions[0]
    assert captions[1].startswith("Step 1 of 2: L = c * -2.0, and dL/dL = 1.0 is complete")
    assert "dL/da = dL/dc · dc/da = -2.0 · 3.0 = -6.0" in captions[2]
    assert captions[2].endswith("Backward is done: every gradient is final.")


def test_repeated_use_accumulates_visibly() -> None:
    x = Value(3.0, label="x")
    y = x * x
    y.label = "y"
    L = y + x
    stepper = step_through(L)
    # L's step gives x its first term (1.0), more to come; y's step adds 3 + 3
    assert grad_cells(stepper.frames[1].source) == ["1.0 (so far)", "1.0", "1.0"]
    assert grad_cells(stepper.frames[2].source) == ["7.0", "1.0", "1.0"]
    caption = stepper.captions[2]
    assert "dL/dx += dL/dy · dy/dx = 1.0 · 3.0 = 3.0" in caption
    assert "its gradient adds up: 1.0 + 3.0 = 4.0" in caption
    assert "its gradient adds up: 4.0 + 3.0 = 7.0" in caption


def test_forward_frames_reveal_values_in_order() -> None:
    *_, L = issue_example()
    stepper = step_through(L, direction="forward")
    datas = [re.findall(r"data ([^<]*)<", f.source) for f in stepper.frames]
    assert datas[0] == ["", "", "", ""]
    assert datas[2] == ["2.0", "3.0", "", ""]
    assert datas[4] == ["2.0", "3.0", "6.0", "-12.0"]
    assert all("grad" not in f.source for f in stepper.frames)
    assert stepper.captions[3] == (
        "Step 3 of 4: c = a * b = 2.0 * 3.0 = 6.0. Its operands are all known: "
        "the forward pass evaluates in topological order."
    )


def test_unlabelled_nodes_get_their_names_in_the_picture() -> None:
    a = Value(2.0, label="a")
    L = (a * 3.0).exp()
    source = step_through(L).frames[-1].source
    assert "<I>v1</I>" in source and "<I>L</I>" in source
    assert "dL/da = dL/dv1 · dv1/da = " in source


def test_nothing_touches_grad() -> None:
    a, b, c, L = issue_example()
    a.grad = 5.0
    step_through(L)
    step_through(L, direction="forward")
    assert (a.grad, b.grad, c.grad, L.grad) == (5.0, 0.0, 0.0, 0.0)


def test_bad_arguments_are_refused() -> None:
    *_, L = issue_example()
    with pytest.raises(ValueError, match="direction must be 'backward' or 'forward'"):
        step_through(L, direction="sideways")
    with pytest.raises(TypeError, match=r"unknown draw option.*flow"):
        step_through(L, flow=True)
    with pytest.raises(TypeError, match="needs a Value"):
        step_through(2.0)  # type: ignore[arg-type]


def test_max_nodes_is_the_draw_graph_rule() -> None:
    x = Value(0.5)
    y = x
    for _ in range(30):
        y = y.tanh()
    with pytest.raises(ValueError, match="61 nodes to draw, more than max_nodes=50"):
        step_through(y, max_nodes=50)
    assert len(step_through(y, max_nodes=61)) == 31


# -- rendered (needs dot) ------------------------------------------------------


def boxes(svg: str) -> dict[str, str]:
    """Each box's DOT name -> the points of its outline: where it sits."""
    found = {}
    for g in ET.fromstring(svg).iter(f"{SVG}g"):
        if g.get("class") == "node":
            title = g.find(f"{SVG}title")
            shape = g.find(f"{SVG}polygon")
            shape = g.find(f"{SVG}ellipse") if shape is None else shape
            assert title is not None and shape is not None
            found[str(title.text)] = shape.get("points") or f"{shape.get('cx')},{shape.get('cy')}"
    return found


def centres(svg: str) -> dict[str, tuple[float, float]]:
    result = {}
    for name, points in boxes(svg).items():
        xy = [tuple(map(float, p.split(","))) for p in points.split()]
        result[name] = (sum(p[0] for p in xy) / len(xy), sum(p[1] for p in xy) / len(xy))
    return result


@pytest.mark.needs_dot
def test_layout_stays_put_from_frame_to_frame(dot_program: str) -> None:
    x, w = Value(0.5, label="x"), Value(-1.5, label="w")
    h = (x * w).tanh()
    h.label = "h"
    L = h * h + h * x
    for stepper in (step_through(L), step_through(L, direction="forward")):
        placed = [centres(svg) for svg in stepper.svgs()]
        for frame in placed[1:]:
            assert frame.keys() == placed[0].keys()
            for name, (cx, cy) in frame.items():
                # The highlighted box's border is 2 points thicker on each side,
                # which nudges the boxes around it by a few points (measured:
                # at most 5.5); text that changed a box's size moves it by tens.
                assert abs(cx - placed[0][name][0]) <= 6 and abs(cy - placed[0][name][1]) <= 6


@pytest.mark.needs_dot
def test_html_player_is_self_contained(dot_program: str) -> None:
    *_, L = issue_example()
    markup = step_through(L)._repr_html_()
    assert markup.count('class="cr-frame"') == 3
    assert [int(s) for s in re.findall(r'data-step="(\d+)"', markup)] == [0, 1, 2]
    assert re.findall(r'data-highlight="([^"]*)"', markup) == ["", "L", "c"]
    assert markup.count("<svg") == 3 and "<?xml" not in markup
    assert 'type="range"' in markup and "<script>" in markup
    assert not re.search(r"(src|href)=\"(https?:)?//", markup)  # nothing from outside
    # without scripts: the first and last frames as images
    assert markup.count('<img alt="first frame"') == markup.count('<img alt="last frame"') == 1


@pytest.mark.needs_dot
def test_player_ids_are_deterministic_and_distinct(dot_program: str) -> None:
    def player_id(root: Value) -> str:
        found = re.search(r'class="cr-player" id="([\w-]+)"', step_through(root).to_html())
        assert found is not None
        return found.group(1)

    *_, L1 = issue_example()
    *_, L2 = issue_example()
    x = Value(1.0, label="x")
    assert player_id(L1) == player_id(L2)
    assert player_id(L1) != player_id(x * 2.0)


@pytest.mark.needs_dot
def test_save_html_writes_a_standalone_page_atomically(dot_program: str, tmp_path: Path) -> None:
    *_, L = issue_example()
    stepper = step_through(L)
    path = stepper.save_html(tmp_path / "player.html")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "data-autofocus" in text
    assert "dL/da = dL/dc · dc/da = -2.0 · 3.0 = -6.0" in text
    assert [p.name for p in tmp_path.iterdir()] == ["player.html"]
    with pytest.raises(FileNotFoundError):
        stepper.save_html(tmp_path / "missing" / "player.html")
    assert [p.name for p in tmp_path.iterdir()] == ["player.html"]


# -- properties ----------------------------------------------------------------


@settings(max_examples=30)
@given(st.lists(st.sampled_from(["tanh", "sq", "plus_x"]), min_size=1, max_size=6))
def test_last_frame_shows_every_final_gradient(ops: list[str]) -> None:
    x = Value(0.5, label="x")
    y = x
    for op in ops:
        y = y.tanh() if op == "tanh" else y * y if op == "sq" else y + x
    stepper = step_through(y)
    order = topological_order(y)
    assert len(stepper) == sum(1 for v in order if v._args) + 1
    x.grad = 0.0
    y.backward()
    final = grad_cells(stepper.frames[-1].source)
    from autograd.viz.text import number

    assert final == [number(v.grad) for v in order]
    assert "grad 0.0" not in stepper.frames[0].source
