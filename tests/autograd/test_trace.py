"""backward_steps and forward_steps: order, contributions, sums equal to grad, nothing touched."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd
from autograd import BackwardStep, Value, backward_steps, forward_steps, grad
from autograd.backward import topological_order
from autograd.text import number
from autograd.trace import node_names


def contributions(step: BackwardStep) -> list[tuple[str, float, float]]:
    return [(p.label, local, c) for p, local, c in step.contributions]


def leaf_sums(steps: list[BackwardStep]) -> dict[Value, float]:
    """Each leaf's contributions added in step order, as backward adds them."""
    sums: dict[Value, float] = {}
    for step in steps:
        for parent, _, c in step.contributions:
            if not parent._args:
                sums[parent] = sums[parent] + c if parent in sums else c
    return sums


# -- examples ------------------------------------------------------------------


def test_hand_worked_square_of_a_product() -> None:
    # a = 2, b = -3, c = a*b = -6, s = c*c = 36, L = s + 1 = 37
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b
    c.label = "c"
    s = c * c
    s.label = "s"
    L = s + 1.0
    steps = backward_steps(L)
    assert [step.node for step in steps] == [L, s, c]
    assert [step.upstream for step in steps] == [1.0, 1.0, -12.0]
    assert contributions(steps[0]) == [("s", 1.0, 1.0)]  # the constant 1.0 gets no entry
    assert contributions(steps[1]) == [("c", -6.0, -6.0), ("c", -6.0, -6.0)]
    assert contributions(steps[2]) == [("a", -3.0, 36.0), ("b", 2.0, -24.0)]


def test_issue_example_chain_text() -> None:
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    c.label = "c"
    L = c * -2.0
    last = backward_steps(L)[-1]
    assert last.upstream == -2.0
    # A total derivative (d) times a local partial (∂); negative factors in brackets.
    assert last.chain(0) == "dL/da = dL/dc · ∂c/∂a = (-2.0) · 3.0 = -6.0"
    assert last.chain(1) == "dL/db = dL/dc · ∂c/∂b = (-2.0) · 2.0 = -4.0"
    assert last.formula() == "c = a * b"
    assert backward_steps(L)[0].formula() == "L = c * (-2.0)"


def test_str_shows_the_step_and_each_term() -> None:
    x = Value(3.0, label="x")
    y = x * x
    y.label = "y"
    (step,) = backward_steps(y, grad=2.0)
    # A seed other than 1.0 is dL/dy for some loss L beyond y: the output is L.
    assert str(step) == (
        "y = x * x: dL/dy = 2.0\n"
        "  dL/dx = dL/dy · ∂y/∂x = 2.0 · 3.0 = 6.0\n"
        "  dL/dx += dL/dy · ∂y/∂x = 2.0 · 3.0 = 6.0"
    )
    assert "upstream=2.0" in repr(step) and "names" not in repr(step)


def test_the_output_is_called_by_its_label() -> None:
    n = Value(-1.5, label="n")
    o = n.tanh()
    o.label = "o"
    (step,) = backward_steps(o)
    # do/dn, the total, is not confused with ∂o/∂n, the local rule: 1 - tanh(n)**2.
    assert str(step) == (
        f"o = tanh(n): do/do = 1.0\n  do/dn = do/do · ∂o/∂n = 1.0 · {number(1 - o.data**2)} "
        f"= {number(1 - o.data**2)}"
    )
    o.label = ""
    assert backward_steps(o)[0].total(n) == "dL/dn"  # no label: L


def test_a_node_used_in_two_steps_accumulates_with_plus_equals() -> None:
    x = Value(3.0, label="x")
    y = x * x
    y.label = "y"
    L = y + x
    first, second = backward_steps(L)
    assert first.chain(1) == "dL/dx = dL/dL · ∂L/∂x = 1.0 · 1.0 = 1.0"  # x's first term
    assert [second.chain(0)[:7], second.chain(1)[:7]] == ["dL/dx +", "dL/dx +"]
    assert first.adds == (False, False) and second.adds == (True, True)
    # x's running total: 1.0 from L = y + x, then 3.0 and 3.0 from y = x * x
    assert first.totals == (1.0, 1.0) and second.totals == (4.0, 7.0)


def test_node_used_twice_gets_one_contribution_per_use() -> None:
    x = Value(3.0, label="x")
    (times,) = backward_steps(x * x)
    assert contributions(times) == [("x", 3.0, 3.0), ("x", 3.0, 3.0)]
    (plus,) = backward_steps(x + x)
    assert contributions(plus) == [("x", 1.0, 1.0), ("x", 1.0, 1.0)]
    assert leaf_sums([times])[x] == 6.0 and leaf_sums([plus])[x] == 2.0


def test_a_pole_under_a_zero_gradient_is_traced_as_backward_takes_it() -> None:
    # backward never asks sqrt'(0) here (its gradient is 0.0: nothing passes on);
    # the trace used to ask, and raise, so a graph backward takes could not be stepped.
    x = Value(0.0, label="x")
    L = 0.0 * x.sqrt()
    _, at_sqrt = backward_steps(L)
    assert at_sqrt.upstream == 0.0 and at_sqrt.contributions == ((x, math.inf, 0.0),)
    assert at_sqrt.totals == (0.0,) and grad(L, [x]) == [0.0]
    assert at_sqrt.chain(0).endswith("0.0 · inf: nothing passes on from a gradient of 0.0")
    # Under a nonzero gradient the pole is an error, as in backward.
    with pytest.raises(ZeroDivisionError, match=r"sqrt of 0\.0"):
        backward_steps(1.0 * x.sqrt())


def test_diamond_leaf_sums_equal_grad_exactly() -> None:
    x, w = Value(0.5, label="x"), Value(-1.25, label="w")
    top, bottom = (x * w).exp(), (x + w).sin()
    L = top * bottom + x
    steps = backward_steps(L)
    sums = leaf_sums(steps)
    assert [sums[x], sums[w]] == grad(L, [x, w])


def test_upstream_is_the_full_gradient_of_each_node() -> None:
    x = Value(0.75, label="x")
    h = x.tanh()
    L = h * h + h * x
    steps = backward_steps(L)
    for step in steps:
        assert step.upstream == grad(L, [step.node])[0]
        for _, local, c in step.contributions:
            assert c == step.upstream * local


def test_order_is_backwards_topological_order_without_leaves() -> None:
    a, b = Value(1.5), Value(-0.5)
    L = ((a * b).exp() + a.sin()) * b
    order = topological_order(L)
    assert [s.node for s in backward_steps(L)] == [v for v in reversed(order) if v._args]
    assert set(forward_steps(L)) == set(order)
    assert forward_steps(L)[-1] is L


def test_forward_steps_go_layer_by_layer() -> None:
    # Two neurons' worth: h1 = tanh(x * w1), h2 = tanh(h1 * w2). Depth-first order
    # would reach w2 (second layer) before x * w1 (first); layer by layer, every
    # leaf comes first, then x * w1, tanh, h1 * w2, tanh.
    x, w1, w2 = Value(0.5, label="x"), Value(-1.0, label="w1"), Value(2.0, label="w2")
    h1 = (x * w1).tanh()
    h1.label = "h1"
    h2 = (w2 * h1).tanh()
    assert [v.label for v in topological_order(h2)][:3] == ["w2", "x", "w1"]
    order = forward_steps(h2)
    assert [v.label or v.op for v in order] == ["w2", "x", "w1", "*", "h1", "*", "tanh"]


def test_tracing_touches_no_grad() -> None:
    x = Value(2.0)
    x.grad = 5.0
    y = x * x
    L = y + x
    backward_steps(L)
    assert (x.grad, y.grad, L.grad) == (5.0, 0.0, 0.0)


def test_sums_equal_what_backward_accumulates() -> None:
    a, b = Value(0.5), Value(2.0)
    L = (a * b + a).tanh() * a
    sums = leaf_sums(backward_steps(L, grad=0.25))
    L.backward(0.25)
    assert (sums[a], sums[b]) == (a.grad, b.grad)


def test_seed_scales_upstream() -> None:
    a = Value(3.0)
    (step,) = backward_steps(a * 2.0, grad=0.5)
    assert step.upstream == 0.5 and [c for _, _, c in step.contributions] == [1.0]


def test_a_leaf_has_no_steps_and_a_long_chain_no_recursion() -> None:
    assert backward_steps(Value(1.0)) == []
    x = Value(0.5)
    y = x
    for _ in range(5000):
        y = y * 1.0
    steps = backward_steps(y)
    assert len(steps) == 5000 and leaf_sums(steps)[x] == 1.0


def test_names_label_then_output_then_op_and_number() -> None:
    a = Value(2.0, label="a")
    L = (a * 3.0).exp()
    (exp_step, times_step) = backward_steps(L)
    assert exp_step.name(L) == "L" and times_step.name(times_step.node) == "mul1"
    assert exp_step.formula() == "L = exp(mul1)" and times_step.formula() == "mul1 = a * 3.0"


def test_unnamed_nodes_are_numbered_per_op_in_evaluation_order() -> None:
    x, y = Value(1.0), Value(2.0, label="mul1")  # a label that a generated name would take
    L = (x * y + x * 3.0 - y).tanh() + x
    names = node_names(L)
    assert list(names.values()) == [
        "leaf1", "mul1", "mul2", "mul3", "add1", "sub1", "tanh1", "L",
    ]  # fmt: skip
    assert list(names) == forward_steps(L)  # in evaluation order
    assert names == node_names(L)  # stable


def test_str_of_a_wide_step_is_linear() -> None:
    # One step with 20,000 contributions to one node: counting repeats per line
    # would be quadratic (4e8 comparisons); the flags are computed once instead.
    x = Value(0.5, label="x")
    (step,) = backward_steps(autograd.sum([x] * 20_000))
    text = str(step)
    assert text.count("dL/dx += ") == 19_999 and text.count("dL/dx = ") == 1


def test_bad_input_is_refused_with_a_clear_error() -> None:
    with pytest.raises(TypeError, match=r"backward_steps\(\) needs a Value or .*, got float"):
        backward_steps(1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"backward_steps\(grad=\.\.\.\) needs a real number"):
        backward_steps(Value(1.0) * 2.0, grad="1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="forward_steps\\(\\) needs a Value"):
        forward_steps("x")  # type: ignore[arg-type]


def test_missing_local_derivative_names_the_node() -> None:
    x = Value(0.0, label="x")
    with pytest.raises(ZeroDivisionError, match="backward through sqrt"):
        backward_steps(x.sqrt())


# -- properties ----------------------------------------------------------------

BUILD = {
    "+": lambda u, v: u + v,
    "*": lambda u, v: u * v,
    "-": lambda u, v: u - v,
    "tanh": lambda u, v: u.tanh(),
    "sin": lambda u, v: u.sin(),
    "sq": lambda u, v: u * u,
}
OPS = st.sampled_from(sorted(BUILD))


@st.composite
def graphs(draw: st.DrawFn) -> tuple[Value, list[Value]]:
    """A random graph over 1-3 leaves; nodes reuse earlier nodes (diamonds, duplicates)."""
    values = [st.floats(-2.0, 2.0, allow_nan=False) for _ in range(draw(st.integers(1, 3)))]
    leaves = [Value(draw(v), label=f"x{i}") for i, v in enumerate(values)]
    nodes = list(leaves)
    for _ in range(draw(st.integers(1, 12))):
        op = draw(OPS)
        u = nodes[draw(st.integers(0, len(nodes) - 1))]
        v = nodes[draw(st.integers(0, len(nodes) - 1))]
        nodes.append(BUILD[op](u, v))
    return nodes[-1], leaves


@given(graphs(), st.sampled_from([1.0, 0.5, -2.0]))
def test_leaf_sums_equal_grad_and_backward_exactly(
    graph: tuple[Value, list[Value]], seed: float
) -> None:
    root, leaves = graph
    sums = leaf_sums(backward_steps(root, grad=seed))
    traced = [sums.get(x, 0.0) for x in leaves]
    if seed == 1.0:
        assert traced == grad(root, leaves)
    for x in leaves:
        x.grad = 0.0
    root.backward(seed)
    assert traced == [x.grad for x in leaves]


@given(graphs())
def test_the_last_running_total_of_each_node_is_its_gradient(
    graph: tuple[Value, list[Value]],
) -> None:
    root, leaves = graph
    last: dict[Value, float] = {}
    for step in backward_steps(root):
        assert len(step.totals) == len(step.contributions)
        for (parent, _, _), total in zip(step.contributions, step.totals, strict=True):
            last[parent] = total
    assert [last.get(x, 0.0) for x in leaves] == grad(root, leaves)


@given(graphs())
def test_each_step_is_complete_and_consistent(graph: tuple[Value, list[Value]]) -> None:
    root, leaves = graph
    before = [x.grad for x in leaves]
    steps = backward_steps(root)
    assert [x.grad for x in leaves] == before
    order = topological_order(root)
    assert [s.node for s in steps] == [v for v in reversed(order) if v._args]
    for step in steps:
        assert step.upstream == grad(root, [step.node])[0]
        values = [a for a in step.node._args if isinstance(a, Value)]
        assert [p for p, _, _ in step.contributions] == values
        assert all(c == step.upstream * local for _, local, c in step.contributions)


@given(graphs())
def test_generated_names_are_unique_and_never_a_label(graph: tuple[Value, list[Value]]) -> None:
    root, _ = graph
    names = node_names(root)
    generated = [name for v, name in names.items() if not v.label]
    assert len(set(generated)) == len(generated)
    assert not set(generated) & {v.label for v in names if v.label}


@given(graphs())
def test_forward_steps_is_a_topological_order_layer_by_layer(
    graph: tuple[Value, list[Value]],
) -> None:
    root, _ = graph
    order = forward_steps(root)
    position = {v: i for i, v in enumerate(order)}
    assert len(position) == len(order) == len(topological_order(root))
    assert all(position[p] < position[v] for v in order for p in v.parents)
    leaves = [v for v in order if not v._args]
    assert order[: len(leaves)] == leaves and order[-1] is root
