"""The lab's Python side: every change of its traits recomputes what ``autograd.grad`` says.

The widget is made without a front end (no kernel): its traits are set as the
browser would set them, and what it would send (``view``, ``player``) is read.
"""

from __future__ import annotations

import math
import re
import sys
from typing import Any

import pytest

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

import traitlets

from autograd import Value, grad
from autograd.text import number
from autograd.viz import (
    lab,
    step_through,
)
from autograd.viz.views.lab_inputs import ranges
from autograd.viz.views.lab_view import read
from autograd.viz.views.widgets import WIDGET_VIEW

pytestmark = pytest.mark.needs_dot


def neuron(w: Value, b: Value) -> Value:
    return (w * 2.0 + b).tanh()


def oracle(f: Any, **inputs: float) -> dict[str, float]:
    """d f / d input, by autograd.grad on a graph of its own."""
    leaves = {name: Value(x) for name, x in inputs.items()}
    found = grad(f(**leaves), list(leaves.values()))
    return dict(zip(leaves, found))


def test_a_neuron_by_hand() -> None:
    # o = tanh(2w + b) at w = 0.5, b = -1.0: tanh(0) = 0, do/dn = 1, do/dw = 2.
    r = read(neuron, {"w": 0.5, "b": -1.0})
    assert (r.value, r.gradient("w"), r.gradient("b")) == (0.0, 2.0, 1.0)
    assert r.readout() == ["L = 0.0", "dL/dw = 2.0", "dL/db = 1.0"]


def test_a_node_used_twice_sums_its_terms_in_its_derivation() -> None:
    r = read(lambda x: x * x + x, {"x": 3.0})  # d/dx = 2x + 1 = 7
    assert r.gradient("x") == 7.0
    derivation = r.derivations[r.order.index(r.inputs["x"])]
    lines = derivation.splitlines()
    assert lines[0] == "x = 3.0, an input"
    assert len([line for line in lines if " · ∂" in line]) == 3  # x*x twice, + x once
    assert lines[-1] == "so dL/dx = 7.0, the sum of its terms"


def test_changing_inputs_recomputes_values_and_gradients() -> None:
    w = lab(neuron, w=0.5, b=-0.2)
    for inputs in ({"w": 1.0, "b": 0.5}, {"w": -2.0, "b": 4.0}, {"w": 0.25, "b": -0.5}):
        w.inputs = inputs
        want = oracle(neuron, **inputs)
        for name, g in want.items():
            assert w.reading.gradient(name) == pytest.approx(g, rel=1e-12)
            assert f"dL/d{name} = {number(g)}" in w.view["readout"]
        assert w.reading.value == pytest.approx(math.tanh(2 * inputs["w"] + inputs["b"]))


def test_the_front_end_may_set_one_input_at_a_time() -> None:
    w = lab(neuron, w=0.5, b=-0.2)
    w.inputs = {"b": 1.0}
    assert w.inputs == {"w": 0.5, "b": 1.0}
    assert w.reading.gradient("w") == pytest.approx(oracle(neuron, w=0.5, b=1.0)["w"])


def test_every_node_is_sent_with_its_gradient() -> None:
    w = lab(lambda x, y: (x * y).exp() + y, x=0.5, y=-1.0)
    texts = [row["texts"]["cr-t"].removeprefix("grad ") for row in w.view["nodes"]]
    order = w.reading.order
    found = grad(w.reading.root, order)
    assert texts == [number(g) for g in found]
    assert len(w.view["derivations"]) == len(order)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", row["fill"]) for row in w.view["nodes"])


def test_an_unknown_input_or_mode_is_refused_in_words() -> None:
    w = lab(neuron, w=0.5, b=-0.2)
    with pytest.raises(traitlets.TraitError, match="lab has no input z; its inputs are w, b"):
        w.inputs = {"z": 1.0}
    with pytest.raises(traitlets.TraitError, match="'gradients' or 'steps'"):
        w.mode = "fast"


def test_a_failing_evaluation_is_refused_and_the_last_good_one_kept() -> None:
    w = lab(lambda x: x.log(), x=2.0)
    before = w.view
    with pytest.raises(traitlets.TraitError, match=r"at x = -1\.0: ValueError: log\(\)"):
        w.inputs = {"x": -1.0}  # from Python: refused, nothing changes
    assert w.inputs == {"x": 2.0} and w.error == ""
    w.set_state({"inputs": {"x": -1.0}})  # from the browser: rolled back and shown
    assert "at x = -1.0" in w.error and "log" in w.error
    assert w.inputs == {"x": 2.0} and w.view == before and w.reading.gradient("x") == 0.5
    w.inputs = {"x": 4.0}
    assert w.error == "" and w.reading.gradient("x") == 0.25


def test_a_new_graph_shape_gets_a_new_picture() -> None:
    w = lab(lambda x: x * x if x.data > 0 else x.tanh(), x=1.0)
    first = w.svg
    w.inputs = {"x": 2.0}
    assert w.svg == first  # same graph: the picture stays
    w.inputs = {"x": -1.0}
    assert w.svg != first and "tanh" in w.svg


def test_steps_mode_plays_this_evaluations_backward_pass() -> None:
    w = lab(neuron, w=0.5, b=-0.2)
    w.mode = "steps"
    frames = w.player["data"]["frames"]
    assert len(frames) == len(step_through(neuron(Value(0.5, label="w"), Value(-0.2, label="b"))))
    w.step = 2
    w.inputs = {"w": 1.0}  # the player follows the inputs, at the same step
    assert w.step == 2
    caption = w.player["data"]["frames"][-1]["caption"]
    assert f"dL/dw = {number(oracle(neuron, w=1.0, b=-0.2)['w'])}" in caption


def test_the_display_carries_a_static_snapshot() -> None:
    w = lab(neuron, w=0.5, b=-0.2)
    w.inputs = {"w": 1.0}
    data, _ = w._repr_mimebundle_()
    assert WIDGET_VIEW in data
    snapshot = data["text/html"]
    assert snapshot.count("<img ") == 1 and "<svg" not in snapshot and "<script" not in snapshot
    assert f"dL/dw = {number(oracle(neuron, w=1.0, b=-0.2)['w'])}" in snapshot


def test_ranges_by_hand_and_refusals() -> None:
    assert ranges({"x": 1.0, "y": (0.5, 0.0, 1.0)}) == {
        "x": [1.0, -5.0, 5.0],
        "y": [0.5, 0.0, 1.0],
    }
    with pytest.raises(ValueError, match="at least one input"):
        ranges({})
    with pytest.raises(ValueError, match=r"input y must be a number in \[0, 1\], got 2.0"):
        ranges({"y": (2.0, 0.0, 1.0)})
    with pytest.raises(TypeError, match=r"lab\(f, \.\.\.\) needs a function"):
        lab(3.0, x=1.0)  # type: ignore[arg-type]


def test_without_anywidget_lab_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "anywidget", None)  # what import finds when it is missing
    with pytest.raises(ImportError, match=r"^lab\(\) is a Jupyter widget and needs anywidget: "):
        lab(neuron, w=0.5, b=-0.2)


def test_the_model_is_the_live_object_the_lab_evaluates() -> None:
    from nn import Neuron

    unit = Neuron(1, "tanh", init=("constant", 0.5))

    def through(x: Value) -> Value:
        return unit([x])  # tanh(0.5 x + 0.5)

    w = lab(through, x=1.0)
    assert w.model is through
    unit.b.data = -0.5  # change the Module the lab uses, then read it again
    w.inputs = {"x": 1.0}  # the same inputs: no change, no new reading
    assert w.reading.value == math.tanh(1.0)
    w.refresh()
    assert w.reading.value == math.tanh(0.5 * 1.0 - 0.5) == 0.0
    assert w.reading.gradient("x") == 0.5  # 0.5 · tanh'(0)


def two_layers(x: Value, w1: Value, w2: Value, v1: Value, v2: Value) -> Value:
    y = v1 * (w1 * x).tanh() + v2 * (w2 * x).tanh()
    return (y - 1.0) ** 2


def test_the_picture_fits_the_notebook_column_at_its_natural_size() -> None:
    from autograd.viz.views.lab_view import COLUMN, layout_of
    from autograd.viz.views.steps import walk
    from autograd.viz.views.walk_layout import drawings

    r = read(two_layers, {"x": 1.0, "w1": 0.5, "w2": -1.5, "v1": 1.0, "v2": 0.8})
    chosen = layout_of(r)
    assert chosen.width <= COLUMN and chosen.smallest >= 11.0
    heights = [d.height for d in drawings(walk(r.root)) if d.width <= COLUMN]
    assert chosen.height == min(heights)  # of those that fit, the lowest


def test_save_html_writes_the_lab_as_it_stands(tmp_path: Any) -> None:
    shown = lab(neuron, w=0.5, b=-1.0)
    shown.inputs = {"w": 1.0, "b": -1.0}  # tanh(1): do/dw = 2 (1 - tanh(1)²)
    path = shown.save_html(tmp_path / "lab.html")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<script" not in text
    assert "The lab at w=1.0, b=-1.0, saved with save_html" in text
    assert f"dL/dw = {number(2 * (1 - math.tanh(1.0) ** 2))}" in text
    with pytest.raises(TypeError, match=r"save_html\(\) path must be a file name"):
        shown.save_html(None)
