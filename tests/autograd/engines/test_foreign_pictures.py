"""A learner's own graph drawn (to_dot, draw_graph) and played (step_through, backward_steps).

Hand-worked example, the assign bug (``=`` for ``+=``) on ``L = x * x + x`` at
x = 3: backward runs L's ``_backward`` (mul1.grad = 1, x.grad = 1), then
mul1's, which *sets* x.grad = 3 · 1 twice. The engine leaves x.grad = 3.0;
the chain rule from its users' grads gives 1 · 3 + 1 · 3 + 1 · 1 = 7.0.
"""

from __future__ import annotations

import re
from typing import Any

import micrograd.engine as micrograd
import pytest

from autograd.engines.played import LearnerBackwardError, LearnerStep
from autograd.trace import backward_steps
from autograd.viz import draw_graph, step_through, to_dot
from tests.engines import assign, correct, no_visited, recursive, tanh_input


def x_times_x_plus_x(engine: Any) -> tuple[Any, Any]:
    x = engine.Value(3.0)
    x.label = "x"
    y = x * x + x
    y.backward()
    return x, y


def boxes(dot: str) -> dict[str, str]:
    """Each Value box's line, by the name shown in it."""
    found = {}
    for line in dot.splitlines():
        name = re.search(r"<TD><[BI]>([^<]+)</[BI]></TD>", line)
        if name and "shape=plain" in line and "legend" not in line:
            found[name.group(1)] = line
    return found


def test_the_assign_bug_marks_exactly_the_wrong_grad() -> None:
    x, y = x_times_x_plus_x(assign)
    assert x.grad == 3.0  # the engine's own, wrong
    drawn = boxes(to_dot(y))
    assert set(drawn) == {"x", "mul1", "L"}
    assert "grad 3.0" in drawn["x"] and "should be 7.0" in drawn["x"]
    assert [name for name, line in drawn.items() if "should be" in line] == ["x"]
    assert "1 grad disagrees" in to_dot(y)


def test_the_correct_engine_marks_none() -> None:
    x, y = x_times_x_plus_x(correct)
    assert x.grad == 7.0
    dot = to_dot(y)
    assert "should be 7" not in dot and "⚠" not in "".join(boxes(dot).values())
    assert "every checked grad agrees with the chain rule" in dot


def test_check_false_draws_the_numbers_unmarked() -> None:
    _, y = x_times_x_plus_x(assign)
    dot = to_dot(y, check=False)
    assert "grad 3.0" in boxes(dot)["x"] and "should be" not in dot and "legend" not in dot


def test_a_wrong_local_derivative_is_marked_with_what_it_should_be() -> None:
    x = tanh_input.Value(0.5)
    y = x.tanh()
    y.backward()
    # The engine: 1 - 0.5**2 = 0.75; the chain rule: 1 - tanh(0.5)**2 = 0.786448...
    line = boxes(to_dot(y))["leaf1"]
    assert "grad 0.75" in line and "should be 0.786448" in line


def test_karpathys_micrograd_is_drawn() -> None:
    a, b = micrograd.Value(2.0), micrograd.Value(-3.0)
    c = (a * b + b**2).relu()  # -6 + 9 = 3 > 0: relu passes it on
    c.backward()
    # dc/da = b = -3; dc/db = a + 2b = 2 - 6 = -4; ints in micrograd's grads come out as floats
    assert (a.grad, b.grad) == (-3.0, -4.0)
    dot = to_dot(c)
    assert "grad -3.0" in dot and "grad -4.0" in dot
    assert "label=<relu>" in dot and "shape=note label=<2.0>" in dot  # 'ReLU', '**2'
    assert "should be" not in "".join(boxes(dot).values())


def test_an_op_the_table_lacks_is_drawn_with_its_own_text_and_not_checked() -> None:
    class Node:
        def __init__(self, data: float, grad: float, children: tuple[Any, ...] = (), op: str = ""):
            self.data, self.grad, self._prev, self._op = data, grad, set(children), op

    x = Node(2.0, 123.0)  # whatever 'cube' passes on cannot be checked
    dot = to_dot(Node(8.0, 1.0, (x,), "cube"))
    assert "label=<cube>" in dot and "not checked: 'cube'" in dot
    assert "should be" not in "".join(boxes(dot).values())


def test_highlight_takes_the_learners_nodes() -> None:
    x, y = x_times_x_plus_x(correct)
    assert 'COLOR="#ff7f0e"' in boxes(to_dot(y, highlight=[x]))["x"]


@pytest.mark.needs_dot
def test_draw_graph_of_a_learners_graph_renders() -> None:
    _, y = x_times_x_plus_x(assign)
    drawing = draw_graph(y)
    assert drawing.source == to_dot(y, rankdir=_rankdir(drawing.source))
    svg = drawing.pipe(format="svg", encoding="utf-8")
    assert "should be 7.0" in svg


def _rankdir(source: str) -> str:
    found = re.search(r"rankdir=(\w+)", source)
    return found.group(1) if found else "LR"


# -- the player and the trace --------------------------------------------------


def test_the_player_flags_the_overwrite() -> None:
    _, y = x_times_x_plus_x(assign)
    captions = step_through(y).captions
    assert len(captions) == 4  # start, L's _backward, mul1's, the summary
    assert "⚠" not in captions[1]
    assert "overwrote x.grad: 1.0 before, 3.0 after" in captions[2]
    assert "1.0 + 3.0 + 3.0 = 7.0" in captions[2]
    assert "x: grad 3.0, should be 7.0" in captions[3]


def test_the_players_key_says_red_also_marks_a_disagreement() -> None:
    # The summary frame's red "should be" flag is explained in the colour key;
    # a player with nothing flagged keeps the plain key.
    keys = [step_through(x_times_x_plus_x(m)[1]).layout().legend for m in (assign, correct)]
    assert ["not what the chain rule gives" in k for k in keys] == [True, False]


def test_the_player_flags_a_second_run() -> None:
    x, w = no_visited.Value(0.5), no_visited.Value(2.0)
    a = x * w
    a.label = "a"
    y = a + a.tanh()  # a is reached through y and through tanh: sorted twice
    captions = step_through(y).captions
    runs = [c for c in captions if c.startswith("Step") and "a = " in c.splitlines()[0]]
    assert len(runs) == 2  # a's _backward ran twice
    assert "ran again (run 2)" in runs[1]
    assert "should be" in captions[-1]  # x and w got a's share twice


def test_backward_steps_returns_the_recorded_calls() -> None:
    _, y = x_times_x_plus_x(assign)
    steps = backward_steps(y)
    assert all(isinstance(s, LearnerStep) for s in steps)
    assert [s.formula() for s in steps] == ["L = mul1 + x", "mul1 = x * x"]
    second = steps[1]
    assert second.upstream == 1.0 and second.before == (1.0, 1.0) and second.totals == (3.0, 3.0)
    assert [c for _, _, c in second.contributions] == [3.0, 3.0]  # the chain rule's shares
    assert steps[0].problems == () and len(second.problems) == 1


def test_grads_and_backward_closures_are_left_as_found() -> None:
    x, y = x_times_x_plus_x(assign)
    x.grad, y.grad = 11.0, -5  # whatever the learner had
    closures = [x._backward, y._backward]
    step_through(y)
    backward_steps(y)
    assert (x.grad, y.grad) == (11.0, -5) and isinstance(y.grad, int)
    assert [x._backward, y._backward] == closures


def test_a_backward_that_raises_is_shown_and_undone() -> None:
    x = recursive.Value(0.5)
    r = x
    for _ in range(1500):
        r = r + 1.0
    x.grad = 2.5
    before = r._backward
    player = step_through(r, max_nodes=4000)  # not laid out: only its captions are read
    assert "raised RecursionError" in player.captions[-1]
    assert x.grad == 2.5 and r.grad == 0.0 and r._backward is before
    with pytest.raises(LearnerBackwardError, match="RecursionError") as raised:
        backward_steps(r)
    assert raised.value.steps == [] and isinstance(raised.value.__cause__, RecursionError)


def test_a_runaway_sort_is_stopped_and_the_graph_left_as_found() -> None:
    # 30 diamonds: a sort with no visited set visits the first node 2**30 times
    x = no_visited.Value(0.5)
    v = x
    for _ in range(30):
        v = v.tanh() + v * 0.5
    prev, closure = v._prev, v._backward
    caption = step_through(v).captions[-1]
    assert caption.startswith("Your backward() was stopped after 0 _backward calls")
    assert "on a graph of 121 nodes" in caption  # x, then 4 nodes a diamond: 1 + 30 * 4
    assert v._prev is prev and type(x._prev) is set and v._backward is closure
    with pytest.raises(LearnerBackwardError, match="was stopped"):
        backward_steps(v)


def test_a_backward_closure_that_raises_is_captioned() -> None:
    x = correct.Value(0.5)
    y = x.tanh() * 2.0

    def broken() -> None:
        raise AttributeError("'float' object has no attribute 'grad'")

    t = next(iter(p for p in y._prev if p._op == "tanh"))
    t._backward = broken
    captions = step_through(y).captions
    assert "it raised AttributeError" in captions[-2]
    assert "raised AttributeError" in captions[-1]
    assert t._backward is broken and x.grad == 0.0


def test_a_learners_player_refuses_what_only_a_value_has() -> None:
    _, y = x_times_x_plus_x(correct)
    with pytest.raises(ValueError, match="your engine's own backward"):
        step_through(y, direction="forward")
    with pytest.raises(ValueError, match="sets its own seed"):
        backward_steps(y, grad=2.0)


def test_a_derivative_that_does_not_exist_there_is_not_checked() -> None:
    class Node:
        def __init__(self, data: float, grad: float, children: tuple[Any, ...] = (), op: str = ""):
            self.data, self.grad, self._prev, self._op = data, grad, set(children), op

    x = Node(0.0, 0.0)  # d(x ** 0.5)/dx = 0.5 / sqrt(x): none at x = 0
    dot = to_dot(Node(0.0, 1.0, (x,), "**0.5"))
    assert "not checked: '**0.5'" in dot and "should be" not in "".join(boxes(dot).values())
