"""check_engine on every learner's engine of tests/engines, chainrule's Value and micrograd 0.1.0.

Each classic bug is caught with the op of the module's ``WRONG_OPS`` and its
cause in the learner's words; the correct engines pass.
"""

from __future__ import annotations

import importlib
import math
import sys
from typing import Any

import pytest

from autograd import Value
from autograd.testing import check_engine
from tests.engines import correct


def engine(name: str) -> Any:
    return importlib.import_module(f"tests.engines.{name}")


# -- the whole check on each engine -----------------------------------------------

WRONG = [
    ("assign", "use `+=`, not `=`, in `_backward`"),
    ("tanh_input", "tanh's derivative uses the input"),
    ("exp_input", "exp's derivative uses the input"),
    ("pow_no_outgrad", "multiply by `out.grad`"),
    ("pow_rule", "the derivative is c * x**(c - 1)"),
]


@pytest.mark.parametrize(("name", "cause"), WRONG)
def test_each_wrong_op_is_caught_with_its_cause(name: str, cause: str) -> None:
    report = check_engine(engine(name).Value)
    assert not report.ok
    failure = report.failures[0]
    assert failure.op in engine(name).WRONG_OPS
    assert cause in failure.cause
    assert failure.expected != failure.got


def test_no_visited_set_is_caught_and_its_runaway_stopped() -> None:
    report = check_engine(engine("no_visited").Value)
    causes = [f.cause for f in report.failures]
    assert any("a `_backward` ran" in c and "without a visited set" in c for c in causes)
    # the chain of 40 diamonds would take 2**40 steps: the budget stops it
    assert any("was stopped" in c and "visited set" in c for c in causes)


def test_reflected_operators_missing_are_problems() -> None:
    report = check_engine(engine("no_reflected").Value)
    by_form = {f.expression: f.cause for f in report.failures}
    assert "add __radd__ (return self + other)" in by_form["2.0 + x"]
    assert "add __rmul__ (return self * other)" in by_form["2.0 * x"]
    assert "TypeError" in by_form["2.0 * x"]


def test_plain_numbers_not_wrapped_is_one_problem() -> None:
    report = check_engine(engine("no_wrap").Value)
    assert len(report.failures) == 1
    failure = report.failures[0]
    assert "x + 2.0" in failure.expression and "x * 2.0" in failure.expression
    assert failure.cause.startswith("they raise AttributeError: 'float' object has no attribute")
    assert "wrap plain numbers" in failure.cause


def test_two_graphs_that_interfere_are_a_problem() -> None:
    report = check_engine(engine("shared_state").Value)
    assert [f.op for f in report.failures] == [None]
    assert "two graphs interfere" in report.failures[0].cause


def test_a_failure_that_does_not_come_back_is_reported_as_such() -> None:
    report = check_engine(engine("flaky").Value)
    assert report.failures[0].cause.startswith("not reproducible")


def test_a_recursive_sort_passes_with_a_note() -> None:
    report = check_engine(engine("recursive").Value)
    assert report.ok
    assert any("RecursionError on a chain of 1,500 ops" in n for n in report.notes)


def test_the_long_chain_runs_at_the_default_limit_and_leaves_the_limit_as_found() -> None:
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)  # deep enough for 1,500 ops: the check lowers it to 1,000
    try:
        report = check_engine(engine("recursive").Value, ops=["+"], max_examples=5)
        assert any("RecursionError" in n for n in report.notes)
        assert sys.getrecursionlimit() == 20_000
    finally:
        sys.setrecursionlimit(before)
    # and the interpreter goes on: a deep recursion of its own still works
    assert check_engine(engine("recursive").Value, ops=["+"], max_examples=5).ok


@pytest.mark.parametrize("name", ["correct", "plain"])
def test_correct_engines_pass(name: str) -> None:
    report = check_engine(engine(name).Value)
    assert report.ok, str(report)
    assert all(v.endswith("ok") for k, v in report.stages.items())


def test_plain_int_grads_tuple_children_int_powers() -> None:
    report = check_engine(engine("plain").Value)
    assert report.supported["x ** c"].startswith("ok for int exponents")
    assert "x.log()" in report.lacks() and "x.relu()" in report.lacks()
    assert report.supported["2.0 - x"].startswith("lacks it")  # __rsub__: lacking, not a problem


def test_chainrule_value_passes_every_op() -> None:
    report = check_engine(Value)
    assert report.ok, str(report)
    assert set(report.supported.values()) == {"ok"}
    assert "all together" in report.stages
    assert "relu'(0) = 0, as chainrule and PyTorch" in report.notes


def test_micrograd_passes_with_what_it_lacks() -> None:
    micrograd = pytest.importorskip("micrograd.engine")
    report = check_engine(micrograd.Value)
    assert report.ok, str(report)
    assert report.engine == "micrograd.engine.Value"
    for form in ("x + y", "2.0 + x", "x * 2.0", "2.0 * x", "x - y", "x / y", "x ** c", "x.relu()"):
        assert report.supported[form] == "ok"
    for form in ("x.exp()", "x.tanh()", "x.log()", "x.sigmoid()", "x ** y"):
        assert form in report.lacks()
    assert any("RecursionError" in n for n in report.notes)
    # its x*y + x at (2, 3) twice: 4.0, then 3 * 2 + 1 more: 11.0 (the inner node kept its grad)
    assert any("from 4.0 to 11.0" in n for n in report.notes)


def test_a_relu_with_slope_one_at_zero_gets_a_note() -> None:
    class Value(correct.Value):
        def relu(self) -> Any:
            out = type(self)(max(self.data, 0.0), (self,), "ReLU")

            def _backward() -> None:
                self.grad += (self.data >= 0) * out.grad

            out._backward = _backward
            return out

    report = check_engine(Value, ops=["+", "*", "relu"], max_examples=20)
    assert report.ok
    assert any(
        n.startswith("relu'(0) = 1.0 here; chainrule and PyTorch use 0") for n in report.notes
    )


def test_another_wrong_rule_gets_the_textbook_derivative() -> None:
    class Value(correct.Value):
        def sigmoid(self) -> Any:
            s = 1 / (1 + math.exp(-self.data))
            out = type(self)(s, (self,), "sigmoid")

            def _backward() -> None:
                self.grad += s * out.grad  # s, not s * (1 - s)

            out._backward = _backward
            return out

    failure = check_engine(Value, ops=["+", "*", "sigmoid"]).failures[0]
    assert failure.op == "sigmoid"
    assert (
        failure.cause == "check sigmoid's `_backward`: its derivative is s * (1 - s), s the output"
    )


def test_a_wrong_forward_is_a_problem_and_its_op_not_checked() -> None:
    class Value(correct.Value):
        def tanh(self) -> Any:
            return type(self)(self.data, (self,), "tanh")  # forgot math.tanh

    report = check_engine(Value, ops=["+", "tanh"], max_examples=20)
    # tanh(0.75) = 0.635148952..., the learner's 0.75
    assert report.supported["x.tanh()"].startswith("gives 0.75, the op table says 0.63514895")
    assert [f.expression for f in report.failures] == ["x.tanh()"]
    assert "tanh alone" not in report.stages
