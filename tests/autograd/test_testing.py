"""The strategies users import: formulas printed and evaluated, coverage of the
op table (new ops included), domains respected, shrinking, then properties."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import find, given, settings

import autograd
from autograd import Value, grad, ops
from autograd.backward import topological_order
from autograd.gradcheck import GradcheckError
from autograd.testing import (
    LIMIT,
    MARGIN,
    Expression,
    assert_grad_matches,
    expressions,
)

# -- Expression: printing and evaluating -----------------------------------------------


@pytest.mark.parametrize(
    ("nodes", "text"),
    [
        ([(ops.ADD, (0, 1)), (ops.MUL, (3, 2))], "(x0 + x1) * x2"),
        ([(ops.SUB, (1, 2)), (ops.SUB, (0, 3))], "x0 - (x1 - x2)"),
        ([(ops.SUB, (0, 1)), (ops.SUB, (3, 2))], "x0 - x1 - x2"),
        ([(ops.MUL, (0, 1)), (ops.NEG, (3,))], "-(x0 * x1)"),
        ([(ops.NEG, (0,)), (ops.POW_CONST, (3, 2.0))], "(-x0) ** 2.0"),
        ([(ops.DIV, (0, -2.5)), (ops.LOG, (3,))], "log(x0 / -2.5)"),
        ([(ops.DOT, (0, 1, 1, 0.5))], "dot([x0, x1], [x1, 0.5])"),
        ([(ops.LEAKY_RELU, (2, 0.25))], "leaky_relu(x2, 0.25)"),
        ([(ops.SUM, (0, 1, 2.0))], "sum(x0, x1, 2.0)"),
        ([(ops.MUL, (0, 1)), (ops.TANH, (3,)), (ops.LOG, (2,)), (ops.ADD, (4, 5))],
         "tanh(x0 * x1) + log(x2)"),
    ],
)  # fmt: skip
def test_formulas_print_as_python_would_group_them(nodes, text) -> None:  # type: ignore[no-untyped-def]
    assert str(Expression(nodes, [1.0, 2.0, 3.0])) == text


def test_fn_builds_the_formula_with_shared_nodes() -> None:
    # t = x0 * x1 is used twice: tanh(t) + t.
    e = Expression([(ops.MUL, (0, 1)), (ops.TANH, (2,)), (ops.ADD, (3, 2))], [0.5, 2.0])
    assert str(e) == "tanh(x0 * x1) + x0 * x1"
    x0, x1 = Value(0.5), Value(2.0)
    out = e.fn(x0, x1)
    assert out.data == pytest.approx(math.tanh(1.0) + 1.0, rel=1e-15)
    products = [n for n in topological_order(out) if n.op == "*"]
    assert len(products) == 1  # one node, used twice: a DAG, not a tree
    d = 1.0 - math.tanh(1.0) ** 2 + 1.0  # d/dt (tanh t + t)
    assert grad(out, [x0, x1]) == pytest.approx([d * 2.0, d * 0.5], rel=1e-15)
    assert repr(e) == "Expression('tanh(x0 * x1) + x0 * x1', inputs=[0.5, 2.0])"


def test_expression_errors_name_the_problem() -> None:
    with pytest.raises(ValueError, match="node 0 refers to 2, which is not an earlier node"):
        Expression([(ops.NEG, (2,))], [1.0, 2.0])
    e = Expression([(ops.NEG, (0,))], [1.0])
    with pytest.raises(TypeError, match=r"-x0 takes 1 inputs, got 2"):
        e.fn(Value(1.0), Value(2.0))


# -- assert_grad_matches -----------------------------------------------------------------


def test_assert_grad_matches_passes_and_fails_like_gradcheck() -> None:
    assert_grad_matches(lambda x, y: x * y.exp(), [2.0, 0.5])
    with pytest.raises(GradcheckError, match=r"input 1 \(x1\)"):
        assert_grad_matches(lambda x, y: x * Value(y.data), [2.0, 0.5])
    with pytest.raises(GradcheckError):  # tolerances pass through
        assert_grad_matches(lambda x: x * 1.01, [2.0], atol=0.0, rtol=0.0, eps=0.25)
    with pytest.raises(TypeError, match="always raises"):
        assert_grad_matches(lambda x: x, [1.0], raise_exception=False)


# -- expressions(): coverage, new ops, shrinking, arguments -------------------------------


def _draw(strategy, n: int = 300) -> list[Expression]:  # type: ignore[no-untyped-def]
    drawn: list[Expression] = []

    @settings(max_examples=n, database=None, derandomize=True)
    @given(strategy)
    def collect(e: Expression) -> None:
        drawn.append(e)

    collect()
    return drawn


def _shared(e: Expression) -> bool:
    refs = [r for _, operands in e.nodes for r in operands if isinstance(r, int)]
    return len(refs) != len(set(refs))


def test_a_few_hundred_draws_reach_every_op_and_share_subexpressions() -> None:
    drawn = _draw(expressions(), 500)
    reached = Counter(op for e in drawn for op, _ in e.nodes)
    assert set(reached) == set(ops.TABLE)
    assert min(reached.values()) >= 5
    assert sum(map(_shared, drawn)) >= 30
    assert any("x0 * x0" in str(e) for e in drawn)
    assert max(len(e.inputs) for e in drawn) >= 2


HINGE = ops.Op(
    "hinge",
    lambda x: max(0.0, 1.0 - x),
    (lambda x, out: -1.0 if x < 1.0 else 0.0,),  # hinge'(1) = 0
    (ops.Domain(avoid=(1.0,)),),
)


def test_a_new_op_in_the_table_is_drawn_within_its_domain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ops, "TABLE", (*ops.TABLE, HINGE))
    drawn = _draw(expressions(), 200)
    hinged = [e for e in drawn if any(op is HINGE for op, _ in e.nodes)]
    assert len(hinged) >= 5
    for e in hinged:
        assert_grad_matches(e.fn, e.inputs)
        out = e.fn(*[Value(x) for x in e.inputs])
        for node in topological_order(out):
            if node.op == "hinge":
                assert abs(node.parents[0].data - 1.0) >= MARGIN


def test_ops_max_inputs_and_max_depth_limit_what_is_drawn() -> None:
    drawn = _draw(expressions(max_inputs=1, max_depth=2, ops=[ops.MUL, ops.SIN]), 100)
    assert {op for e in drawn for op, _ in e.nodes} == {ops.MUL, ops.SIN}
    assert all(len(e.inputs) == 1 for e in drawn)
    assert all(str(e).count("(") <= 2 for e in drawn)  # sin(sin(x0)) at most


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"max_inputs": 0}, "max_inputs and max_depth >= 1, got 0 and 5"),
        ({"max_depth": 0}, "max_inputs and max_depth >= 1, got 3 and 0"),
        ({"ops": []}, "at least one op"),
    ],
)
def test_expressions_rejects_bad_arguments(kwargs, pattern) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=pattern):
        expressions(**kwargs)


WRONG_TANH = ops.Op("tanh", math.tanh, (lambda x, out: 1.0 + out * out,), (ops.REALS,))


def test_a_failure_shrinks_to_a_small_formula() -> None:
    table = [op if op is not ops.TANH else WRONG_TANH for op in ops.TABLE]

    def fails(e: Expression) -> bool:
        try:
            assert_grad_matches(e.fn, e.inputs)
        except GradcheckError:
            return True
        return False

    smallest = find(
        expressions(ops=table),
        fails,
        settings=settings(database=None, max_examples=2000, derandomize=True),
    )
    # Usually tanh(x0); the shrinker may stop at one more node, as in tanh(exp(x0)).
    assert len(smallest.nodes) <= 2
    assert str(smallest).startswith("tanh(")


# -- properties ----------------------------------------------------------------------------

NAMES = {
    name: getattr(Value, name)
    for name in (
        "exp",
        "log",
        "sqrt",
        "tanh",
        "sigmoid",
        "relu",
        "leaky_relu",
        "step",
        "sin",
        "cos",
    )
}


@settings(max_examples=200)
@given(expressions())
def test_the_printed_formula_is_the_formula_evaluated(e: Expression) -> None:
    xs = {f"x{i}": Value(x) for i, x in enumerate(e.inputs)}
    scope = {**NAMES, "dot": autograd.dot, "sum": lambda *a: autograd.sum(a), **xs}
    assert eval(str(e), scope).data == e.fn(*xs.values()).data


@settings(max_examples=200)
@given(expressions())
def test_every_operand_is_inside_its_domain_and_away_from_kinks(e: Expression) -> None:
    out = e.fn(*[Value(x) for x in e.inputs])
    for node in topological_order(out):
        assert abs(node.data) <= LIMIT
        for p, arg in enumerate(node._args):
            x = arg if isinstance(arg, float) else arg.data
            domain = node._op.domain(p)  # type: ignore[union-attr]
            assert domain.low + MARGIN <= x <= domain.high - MARGIN
            assert all(abs(x - a) >= MARGIN for a in domain.avoid)
    assert len(e.inputs) == len({f"x{i}" for i in range(len(e.inputs)) if f"x{i}" in str(e)})
