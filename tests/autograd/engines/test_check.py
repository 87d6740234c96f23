"""check_engine's pieces by hand, its report and its refusals.

Hand-worked cases of the pieces (building a formula with a learner's class,
the probe of its forms, the budget, the blame), then the report's text and
HTML, the seed, assert_engine and bad arguments. test_check_engines.py runs
the whole check on every engine of tests/engines.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from autograd import Value, ops
from autograd.engines.budget import Stopped, Watch, walk
from autograd.engines.build import Unsupported
from autograd.engines.causes import blame
from autograd.engines.forms import probe
from autograd.engines.trial import run
from autograd.expression import Expression
from autograd.testing import EngineReport, assert_engine, check_engine
from tests.engines import correct


def engine(name: str) -> Any:
    return importlib.import_module(f"tests.engines.{name}")


# -- the pieces, by hand -----------------------------------------------------------


def test_an_expression_runs_on_a_learners_class_with_its_own_operators() -> None:
    # x0 * x0 + 2.0 at x0 = 3: 11.0, and d/dx0 = 2 x0 = 6.0, by the learner's engine
    e = Expression([(ops.MUL, (0, 0)), (ops.ADD, (1, 2.0))], [3.0])
    x = correct.Value(3.0)
    out = e.fn(x)
    assert type(out) is correct.Value
    assert out.data == 11.0
    out.backward()
    assert x.grad == 6.0


def test_a_chainrule_value_still_builds_a_chainrule_graph() -> None:
    e = Expression([(ops.TANH, (0,))], [0.0])
    assert type(e.fn(Value(0.0))) is Value


def test_an_int_only_power_gets_int_exponents_and_refuses_fractions() -> None:
    forms = probe(engine("plain").Value)
    assert forms.whole_exponents
    x = engine("plain").Value(2.0)
    operands = forms.adapt(ops.POW_CONST, "vc", (x, 3.0))
    assert operands[1] == 3 and type(operands[1]) is int
    with pytest.raises(Unsupported):
        forms.adapt(ops.POW_CONST, "vc", (x, 2.5))


def test_the_assign_bug_on_a_diamond_blames_the_op_that_overwrote() -> None:
    # r = x0 * x1 + x0 at (2, 3). The assign engine runs +'s _backward first:
    # x0.grad = 1; then *'s overwrites it: x0.grad = x1 * 1 = 3. The chain rule: 3 + 1 = 4.
    e = Expression([(ops.MUL, (0, 1)), (ops.ADD, (2, 0))], [2.0, 3.0])
    outcome = run(e, engine("assign").Value)
    assert outcome.got == [3.0, 2.0]
    assert outcome.expected == [4.0, 2.0]
    op, where, cause = blame(e, outcome.links, outcome.repeated)
    assert op == "*"
    assert where.startswith("x0's gradient") and "got 3.0, the chain rule says 4.0" in where
    assert "use `+=`, not `=`" in cause


def test_a_backward_that_ran_twice_is_counted() -> None:
    # a = x0 + x1 reached twice from (a + x0) + a: no_visited runs a's _backward twice.
    # a.grad is 2 when both its users have run, so x1 gets 2 + 2 = 4 where the chain rule
    # says 2; or 1 + 2 = 3 when the set's order runs a once before (a + x0) has added to it.
    e = Expression([(ops.ADD, (0, 1)), (ops.ADD, (2, 0)), (ops.ADD, (3, 2))], [1.0, 2.0])
    outcome = run(e, engine("no_visited").Value)
    assert outcome.repeated == 2
    assert outcome.got[1] in (3.0, 4.0) and outcome.expected[1] == 2.0
    assert "without a visited set" in blame(e, outcome.links, outcome.repeated)[2]


def test_the_watch_stops_a_walk_past_its_budget() -> None:
    class Node:
        def __init__(self, *parents: Any) -> None:
            self._prev = set(parents)
            self._backward = lambda: None

    x = Node()
    y = Node(x)

    def forever() -> None:
        while True:
            for _ in y._prev:
                pass

    with (
        pytest.raises(Stopped, match="more than 10 steps on a graph of 2 nodes"),
        Watch(walk(y), limit=10),
    ):
        forever()


# -- the report ----------------------------------------------------------------


def test_the_report_text_has_formula_inputs_table_where_and_cause() -> None:
    text = str(check_engine(engine("assign").Value))
    assert text.startswith("check_engine(tests.engines.assign.Value): 1 problem")
    assert "+ is wrong in  x0 + x0" in text
    assert "input   expected   got" in text
    assert "where: x0's gradient" in text
    assert "cause: x0 is used 2 times but kept one share" in text


def test_the_report_html_is_escaped_and_has_no_scripts_or_style_elements() -> None:
    class Value(engine("tanh_input").Value):  # named with <locals>: must be escaped
        pass

    page = check_engine(Value)._repr_html_()
    assert "&lt;locals&gt;" in page and "<locals>" not in page
    assert "<script" not in page and "<style" not in page
    assert "tanh is wrong in" in page and "<table>" in page


def test_the_repr_is_one_line_and_ipythons_text_form_is_the_whole_report() -> None:
    from IPython.lib.pretty import pretty

    failing = check_engine(engine("assign").Value)
    passing = check_engine(correct.Value, ops=["+"], max_examples=5)
    assert repr(failing) == "<EngineReport tests.engines.assign.Value: 1 problem>"
    assert repr(passing) == "<EngineReport tests.engines.correct.Value: passes>"
    assert pretty(failing) == str(failing) and "cause: " in pretty(failing)


def test_the_same_seed_gives_the_same_report() -> None:
    tanh_input = engine("tanh_input").Value
    first, again = check_engine(tanh_input, seed=7), check_engine(tanh_input, seed=7)
    assert str(first) == str(again)


def test_assert_engine_raises_with_the_report() -> None:
    with pytest.raises(AssertionError) as raised:
        assert_engine(engine("assign").Value)
    assert str(raised.value) == str(check_engine(engine("assign").Value))
    assert_engine(correct.Value, max_examples=10)


def test_report_type_is_exported() -> None:
    assert isinstance(check_engine(correct.Value, ops=["+"], max_examples=5), EngineReport)


# -- bad arguments ---------------------------------------------------------------


def test_a_value_instead_of_the_class_is_refused() -> None:
    with pytest.raises(TypeError, match=r"pass Value, not Value\(...\)"):
        check_engine(correct.Value(1.0))  # type: ignore[arg-type]


def test_something_else_is_refused_naming_it() -> None:
    with pytest.raises(TypeError, match="needs your Value class, got float"):
        check_engine(2.5)  # type: ignore[arg-type]


def test_a_class_that_is_not_an_engine_is_refused() -> None:
    with pytest.raises(TypeError, match=r"has no grad, backward"):
        check_engine(type("Point", (), {"__init__": lambda self, x: setattr(self, "data", x)}))


@pytest.mark.parametrize("bad", [0, -3, True, 1.5])
def test_max_examples_below_one_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match=f"max_examples >= 1, got {bad!r}"):
        check_engine(correct.Value, max_examples=bad)


def test_an_unknown_op_name_is_refused() -> None:
    with pytest.raises(
        ValueError, match=r"unknown op 'tan' in ops=; the ops are \+ \* neg - \*\* / exp"
    ):
        check_engine(correct.Value, ops=["+", "tan"])
    with pytest.raises(ValueError, match=r"got ops=\[\]: name at least one op"):
        check_engine(correct.Value, ops=[])
    with pytest.raises(TypeError, match=r"ops= as a list of names, like \['tanh'\]"):
        check_engine(correct.Value, ops="tanh")
