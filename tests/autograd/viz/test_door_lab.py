"""The lab, step_through and the drawings at the door (issue 24, items 7, 8, 9 and 12).

A change the lab cannot show is refused and nothing changes: set from Python,
``traitlets.TraitError``; set from the browser (``set_state``, what the front
end's messages arrive through), the inputs move back and ``error`` says why.
Every entry point that takes ``max_nodes`` checks it in the same words.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

import traitlets

from autograd import Value
from autograd.viz import draw_graph, lab, step_through, to_dot
from autograd.viz.layout import programs

pytestmark = pytest.mark.needs_dot


def tanh_chain(x: Value, links: int) -> Value:
    """``links`` tanh in a row: x's box, then a box and an op each: 2 * links + 1 nodes."""
    for _ in range(links):
        x = x.tanh()
    return x


def picky(x: Value) -> Any:
    """x * x near 0; elsewhere one of the failures a user's f may have."""
    if x.data > 3.0:
        raise KeyError("x")
    if x.data > 2.0:
        raise TypeError("unsupported operand")
    if x.data > 1.0:
        return picky(x)  # RecursionError
    if x.data < -2.0:
        return None
    if x.data < -1.0:
        return x.data * 2.0  # a float, not a Value
    return x * x


def state(w: Any) -> tuple[Any, ...]:
    """Everything the lab shows: inputs, reading, picture, view, player, error."""
    return (dict(w.inputs), w.reading, w.svg, dict(w.view), dict(w.player), w.error)


# -- item 7: any exception from f is a refusal --------------------------------------


@pytest.mark.parametrize(
    ("x", "said"),
    [
        (3.5, "KeyError: 'x'"),
        (2.5, "TypeError: unsupported operand"),
        (1.5, "RecursionError: maximum recursion depth"),
        (-2.5, "TypeError: lab(f): f must return a Value, got NoneType"),
        (-1.5, "TypeError: lab(f): f must return a Value, got float"),
    ],
)
def test_f_failing_at_new_inputs_set_from_python_is_refused_and_nothing_changes(
    x: float, said: str
) -> None:
    w = lab(picky, x=0.5)
    before = state(w)
    with pytest.raises(traitlets.TraitError, match=re.escape(f"at x = {x}: {said}")):
        w.inputs = {"x": x}
    assert state(w) == before
    assert (w.reading.value, w.reading.gradient("x")) == (0.25, 1.0)  # 0.5², 2 · 0.5


@pytest.mark.parametrize("x", [3.5, 2.5, 1.5, -2.5, -1.5])
def test_f_failing_at_inputs_from_the_browser_is_rolled_back_and_shown(x: float) -> None:
    w = lab(picky, x=0.5)
    inputs, reading, svg, view, _, _ = state(w)
    w.set_state({"inputs": {"x": x}})
    assert f"at x = {x}" in w.error
    assert (dict(w.inputs), w.reading, w.svg, dict(w.view)) == (inputs, reading, svg, view)
    w.set_state({"inputs": {"x": -1.0}})  # a good change clears the error
    assert w.error == "" and w.reading.gradient("x") == -2.0


def test_in_steps_mode_a_failing_f_leaves_the_player_as_it_was() -> None:
    w = lab(picky, x=0.5)
    w.mode = "steps"
    before = state(w)
    with pytest.raises(traitlets.TraitError, match="KeyError"):
        w.inputs = {"x": 3.5}
    assert state(w) == before


def test_refresh_when_f_now_fails_says_so_and_keeps_the_last_reading() -> None:
    scale = {"k": 1.0}

    def f(x: Value) -> Value:
        if scale["k"] == 0.0:
            raise ZeroDivisionError("k is 0")
        return x * scale["k"]

    w = lab(f, x=2.0)
    scale["k"] = 0.0
    with pytest.raises(traitlets.TraitError, match="ZeroDivisionError: k is 0"):
        w.refresh()
    assert "k is 0" in w.error and w.reading.value == 2.0 and w.inputs == {"x": 2.0}
    scale["k"] = 3.0
    w.refresh()
    assert w.error == "" and w.reading.value == 6.0


# -- items 8 and 12: finite numbers on their sliders ----------------------------------


@pytest.mark.parametrize(
    ("given", "error", "said"),
    [
        (math.nan, ValueError, "lab() input x must be a finite number, got nan"),
        (math.inf, ValueError, "lab() input x must be a finite number, got inf"),
        (-math.inf, ValueError, "lab() input x must be a finite number, got -inf"),
        ((0.0, -math.inf, 1.0), ValueError, "x's range low must be a finite number"),
        ((0.0, 0.0, math.inf), ValueError, "x's range high must be a finite number"),
        ((math.nan, 0.0, 1.0), ValueError, "input x must be a number in [0, 1], got nan"),
        ((0.5, 1.0, 0.0), ValueError, "x's range needs low < high"),
        ((0.0, -1e308, 1e308), ValueError, "too wide for a slider"),
        (1e308, ValueError, "too large for a slider of its own"),
        (10**400, ValueError, "must be a finite number, got an int of 1329 bits"),
        ("1.0", TypeError, "lab() input x must be a number, got '1.0' (a str)"),
        (True, TypeError, "lab() input x must be a number, got True (a bool)"),
        ((1.0, 0.0), TypeError, "must be a number or (value, low, high)"),
    ],
)
def test_a_starting_value_or_range_the_lab_cannot_show_is_refused(
    given: object, error: type[Exception], said: str
) -> None:
    with pytest.raises(error) as caught:
        lab(lambda x: x * 2.0, x=given)
    assert said in str(caught.value)


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (1e9, "lab input x must be a number in [-5, 5], got 1000000000.0"),
        (5.5, "lab input x must be a number in [-5, 5], got 5.5"),
        (math.nan, "lab input x must be a number in [-5, 5], got nan"),
        (math.inf, "lab input x must be a number in [-5, 5], got inf"),
        ("abc", "lab input x must be a number in [-5, 5], got 'abc' (a str)"),
        (None, "lab input x must be a number in [-5, 5], got None"),
        (True, "lab input x must be a number in [-5, 5], got True (a bool)"),
        ([1.0], "lab input x must be a number in [-5, 5], got [1.0] (a list)"),
    ],
)
def test_an_input_off_its_slider_or_not_a_number_is_refused(given: object, said: str) -> None:
    w = lab(lambda x: x * 2.0, x=2.0)
    before = state(w)
    with pytest.raises(traitlets.TraitError) as caught:
        w.inputs = {"x": given}
    assert str(caught.value) == said
    assert state(w) == before
    w.set_state({"inputs": {"x": given}})  # the same from the browser: rolled back, shown
    assert w.error == said and dict(w.inputs) == {"x": 2.0} and w.reading.value == 4.0


def test_the_ends_of_a_slider_are_taken_and_ints_are_numbers() -> None:
    w = lab(lambda x: x * 2.0, x=(1.0, -1.0, 3.0))
    w.inputs = {"x": 3}
    assert w.reading.value == 6.0 and w.reading.gradient("x") == 2.0
    w.inputs = {"x": np.float64(-1.0)}
    assert w.reading.value == -2.0
    with pytest.raises(traitlets.TraitError, match=r"got 3\.5$"):
        w.inputs = {"x": 3.5}


# -- item 8: one node limit, given by position --------------------------------------


def test_a_graph_larger_than_the_default_limit_is_refused_before_any_layout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # With no dot on PATH, any layout would fail with GraphvizNotFound: the
    # refusal comes first. 250 tanh: x's box, then a box and an op each.
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(programs, "bundled", lambda: None)  # nor the bundled graphviz-pure
    with pytest.raises(ValueError) as caught:
        lab(lambda x: tanh_chain(x, 250), x=0.5)
    assert str(caught.value).startswith(
        "the graph has 501 nodes to draw, more than max_nodes=500; "
        "call lab(f, 501, **inputs) to draw it anyway"
    )


def test_the_limit_is_the_second_argument_so_no_input_name_clashes() -> None:
    with pytest.raises(ValueError, match="the graph has 21 nodes to draw, more than max_nodes=20"):
        lab(lambda x: tanh_chain(x, 10), 20, x=0.5)
    w = lab(lambda x: tanh_chain(x, 10), 21, x=0.5)
    assert len(w.reading.order) == 11  # x and ten tanh boxes
    both = lab(lambda f, max_nodes: f * max_nodes, 5, f=2.0, max_nodes=0.5)
    assert sorted(both.inputs) == ["f", "max_nodes"] and both.reading.value == 1.0
    assert both.reading.gradient("f") == 0.5 and both.reading.gradient("max_nodes") == 2.0


def test_a_change_that_grows_the_graph_past_the_limit_is_refused() -> None:
    def f(x: Value, n: Value) -> Value:
        return tanh_chain(x, int(n.data))

    w = lab(f, 20, x=0.5, n=(3.0, 0.0, 20.0))
    before = state(w)
    with pytest.raises(traitlets.TraitError, match="31 nodes to draw, more than max_nodes=20"):
        w.inputs = {"n": 15.0}
    assert state(w) == before
    w.inputs = {"n": 9.0}  # 19 nodes: a new shape, a new picture
    assert w.svg != before[2] and len(w.reading.order) == 10


# -- item 9: one check of max_nodes, one wording, every entry point -----------------


BAD_LIMITS = [
    (math.nan, ValueError, "got nan"),
    (math.inf, ValueError, "got inf"),
    (10.5, ValueError, "got 10.5"),
    (0, ValueError, "got 0"),
    (-3, ValueError, "got -3"),
    ("1000", TypeError, "got '1000' (a str)"),
    (True, TypeError, "got True (a bool)"),
    (None, TypeError, "got None"),
]


def small() -> Value:
    x = Value(0.5, label="x")
    return (x * x).tanh()


@pytest.mark.parametrize(("bad", "error", "got"), BAD_LIMITS)
def test_step_through_checks_max_nodes_as_draw_graph_does(
    bad: object, error: type[Exception], got: str
) -> None:
    with pytest.raises(error) as caught:
        step_through(small(), max_nodes=bad)
    assert str(caught.value) == f"step_through() max_nodes must be a whole number >= 1, {got}"


@pytest.mark.parametrize(("bad", "error", "got"), BAD_LIMITS)
@pytest.mark.parametrize(
    ("call", "draw"),
    [
        ("draw_graph()", lambda bad: draw_graph(small(), max_nodes=bad)),
        ("to_dot()", lambda bad: to_dot(small(), max_nodes=bad)),
        ("lab()", lambda bad: lab(lambda x: x * 2.0, bad, x=1.0)),
    ],
    ids=["draw_graph", "to_dot", "lab"],
)
def test_every_entry_point_refuses_a_bad_max_nodes_in_the_same_words(
    call: str, draw: Any, bad: object, error: type[Exception], got: str
) -> None:
    with pytest.raises(error) as caught:
        draw(bad)
    assert str(caught.value) == f"{call} max_nodes must be a whole number >= 1, {got}"


def test_a_whole_max_nodes_works_everywhere_numpy_ints_too() -> None:
    # (x * x).tanh(): x, two boxes, two ops: 5 nodes.
    assert len(step_through(small(), max_nodes=np.int64(5))) == 1 + 2 + 1
    with pytest.raises(ValueError, match="5 nodes to draw, more than max_nodes=4"):
        step_through(small(), max_nodes=np.int64(4))
    assert to_dot(small(), max_nodes=np.int64(5)).count(" -> ") == 5  # x * x: two edges
    assert draw_graph(small(), max_nodes=5).source == to_dot(small(), max_nodes=5)
    w = lab(lambda x: (x * x).tanh(), np.int64(5), x=0.5)
    # d tanh(x²)/dx = (1 - tanh(x²)²) · 2x, at x = 0.5: 1 - tanh(0.25)².
    assert w.reading.gradient("x") == pytest.approx(1.0 - math.tanh(0.25) ** 2, rel=1e-15)


def test_an_input_f_ignores_has_gradient_zero() -> None:
    # Found on the way: the readout looked up d/dn in the graph, which n is not in.
    w = lab(lambda x, n: x * 2.0, x=1.0, n=2.0)
    assert w.reading.gradient("n") == 0.0 and w.view["readout"][-1] == "dL/dn = 0.0"


# -- the front end: lab.js shows a refusal and takes the value back ------------------

# A stand-in for anywidget's model in the page: set, on/off, and save_changes,
# which hands the changes to the Python widget and applies what it sends back.
FAKE_MODEL = """
async ([esm, css, state]) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);
  const module = await import(URL.createObjectURL(new Blob([esm], {type: "text/javascript"})));
  const handlers = {};
  let dirty = {};
  const emit = (k) => (handlers["change:" + k] || []).forEach((h) => h());
  const model = {
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; dirty[k] = v; emit(k); },
    on: (e, h) => (handlers[e] ||= []).push(h),
    off: (e, h) => { handlers[e] = (handlers[e] || []).filter((x) => x !== h); },
    save_changes: async () => {
      const changes = dirty;
      dirty = {};
      const sent = await window.kernel(changes);
      for (const [k, v] of Object.entries(sent)) { state[k] = v; emit(k); }
      window.trips = (window.trips || 0) + 1;
    },
  };
  module.default.render({ model, el: document.body });
}
"""


@pytest.mark.browser
def test_the_browser_shows_a_refusal_and_the_box_takes_the_kept_value_back(
    chromium: Any, tmp_path: Path
) -> None:
    w = lab(picky, x=0.5)
    sent: list[dict[str, Any]] = []
    w.comm.send = lambda data=None, buffers=None, **_: sent.append(data)

    def kernel(changes: dict[str, Any]) -> dict[str, Any]:
        sent.clear()
        w.set_state(changes)
        return {k: v for m in sent if m.get("method") == "update" for k, v in m["state"].items()}

    page = chromium.new_page(viewport={"width": 900, "height": 600})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.expose_function("kernel", kernel)
    page.evaluate(FAKE_MODEL, [w._esm, w._css, w.get_state()])
    page.wait_for_selector(".cr-lab svg")
    box, slider = page.locator("input[type=number]"), page.locator("input[type=range]")
    message = page.locator(".cr-lab-error")
    for trip, typed, said in [
        (1, "3.5", "KeyError: 'x'"),
        (2, "9", "must be a number in [-5, 5]"),
    ]:
        box.fill(typed)
        box.press("Enter")  # the box keeps the focus
        page.wait_for_function(f"window.trips >= {trip}")
        page.screenshot(path=str(tmp_path / f"refused{trip}.png"))
        assert message.is_visible() and said in message.inner_text()
        assert box.input_value() == slider.input_value() == "0.5" and w.inputs == {"x": 0.5}
    box.fill("1")
    box.press("Enter")
    page.wait_for_function("window.trips >= 3")
    assert message.is_hidden() and w.inputs == {"x": 1.0}
    assert "dL/dx = " in page.locator(".cr-lab-readout").inner_text()
    page.close()
    assert errors == []


def two_layers(x: Value, w1: Value, w2: Value, v1: Value, v2: Value) -> Value:
    """Notebook 08's two-layer formula: its graph is 658 px wide at the lab's natural size."""
    y = v1 * (w1 * x).tanh() + v2 * (w2 * x).tanh()
    return (y - 1.0) ** 2


@pytest.mark.browser
def test_only_a_graph_too_wide_at_11_px_scrolls_sideways_and_the_lab_says_so(
    chromium: Any, tmp_path: Path
) -> None:
    # Issue 26: the page scrolls down a tall graph; the stage never scrolls up and down.
    w = lab(two_layers, x=1.0, w1=0.5, w2=-1.5, v1=1.0, v2=0.8)
    page = chromium.new_page(viewport={"width": 420, "height": 600})
    page.evaluate(FAKE_MODEL, [w._esm, w._css, w.get_state()])
    page.wait_for_selector(".cr-lab svg")
    stage, note = page.locator(".cr-lab-stage"), page.locator(".cr-lab-wide")
    sizes = "s => [s.scrollWidth, s.clientWidth, s.scrollHeight, s.clientHeight]"
    wide, room, tall, high = stage.evaluate(sizes)
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg text')]
            .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))"""
    )
    page.screenshot(path=str(tmp_path / "narrow.png"))
    assert wide > room and tall == high, (wide, room, tall, high)
    assert note.is_visible() and "scroll it sideways" in note.inner_text()
    assert smallest >= 11, smallest
    page.set_viewport_size({"width": 1000, "height": 600})  # the output widens: fitted again
    page.wait_for_function("document.querySelector('.cr-lab-wide').hidden")
    wide, room, tall, high = stage.evaluate(sizes)
    assert wide == room and tall == high, (wide, room, tall, high)
    page.close()
