"""Which nodes a backward pass has reached: "not computed yet" is not zero.

Expected values by hand (each graph's gradients are worked in its comment)
and, for ``zero_grad``, against PyTorch: a node counts as reached exactly
where torch's ``.grad`` is not None.
"""

from __future__ import annotations

import copy
import pickle

import pytest
import torch
from hypothesis import given

from autograd import Value, detect_anomaly, grad
from autograd.backward import topological_order
from autograd.expression import Expression
from autograd.reached import NOT_REACHED, forget, reached
from autograd.testing import expressions
from nn.module import zero_grad
from nn.optim import SGD

# -- examples --------------------------------------------------------------------


def test_a_new_node_is_not_reached_and_reads_a_float_zero() -> None:
    x = Value(2.0)
    y = x * 3.0
    assert not reached(x) and not reached(y)
    # Compatibility: .grad is the float 0.0, as before.
    assert x.grad == 0.0 and type(x.grad) is float and repr(x) == "Value(data=2.0, grad=0.0)"


def test_backward_reaches_every_node_it_orders_even_under_a_zero_gradient() -> None:
    # L = relu(x * s) at x = 2, s = -1: relu'(-2) = 0, so x, s and x*s get a computed 0.0.
    x, s = Value(2.0), Value(-1.0)
    m = x * s
    loss = m.relu()
    loss.backward()
    assert [reached(v) for v in (x, s, m, loss)] == [True, True, True, True]
    assert (x.grad, s.grad, m.grad, loss.grad) == (0.0, 0.0, 0.0, 1.0)


def test_a_node_outside_the_backward_graph_stays_not_reached() -> None:
    x, unused = Value(2.0), Value(5.0)
    side = unused * 2.0  # built, never part of the loss
    (x * x).backward()
    assert reached(x) and x.grad == 4.0  # d(x*x)/dx = 2x
    assert not reached(unused) and not reached(side)


def test_a_leaf_used_twice_accumulates_from_zero_not_from_the_mark() -> None:
    # d(a*a + a)/da = 2a + 1 = 5 at a = 2; a second backward adds 5 more.
    a = Value(2.0)
    y = a * a + a
    y.backward()
    y.backward()
    assert a.grad == 10.0 and reached(a)


def test_the_slow_path_reaches_the_same_nodes() -> None:
    # detect_anomaly takes gradients() then writes .grad: the same marks.
    x, s = Value(2.0), Value(-1.0)
    m = x * s
    with detect_anomaly():
        m.relu().backward()
    assert reached(x) and reached(s) and reached(m) and x.grad == 0.0


def test_create_graph_reaches_too() -> None:
    x = Value(3.0)
    (x * x * x).backward(create_graph=True)
    assert reached(x) and x.grad == 27.0  # 3x**2


def test_grad_computes_without_marking_anything() -> None:
    x = Value(3.0)
    (g,) = grad(x * x, [x])
    assert g == 6.0 and not reached(x)


def test_a_failed_backward_leaves_nodes_not_reached() -> None:
    # sqrt'(0) = 1 / (2 sqrt 0) divides by zero: nothing is written.
    x = Value(4.0)
    y = x * 0.0
    z = y.sqrt() * 2.0
    with pytest.raises(ZeroDivisionError):
        z.backward()
    assert not reached(x) and not reached(y) and not reached(z)


def test_grad_assigned_by_hand_counts_as_reached_and_forget_undoes_it() -> None:
    w = Value(1.0)
    w.grad = 0.0
    assert reached(w)
    forget(w)
    assert not reached(w) and w.grad == 0.0


def test_copies_keep_the_mark_and_pickling_keeps_only_the_number() -> None:
    fresh, done = Value(1.0), Value(1.0)
    (done * 2.0).backward()
    assert not reached(copy.copy(fresh)) and not reached(copy.deepcopy(fresh))
    assert reached(copy.deepcopy(done))
    back = pickle.loads(pickle.dumps(fresh))
    assert back.grad == 0.0 and reached(back)  # documented in autograd.reached


def test_the_mark_is_one_shared_object_so_no_memory_per_node() -> None:
    assert NOT_REACHED == 0.0 and type(NOT_REACHED) is float
    assert Value(1.0).grad is Value(2.0).grad is NOT_REACHED


# -- zero_grad: PyTorch's set_to_none ------------------------------------------------


@pytest.mark.parametrize("set_to_none", [True, False])
def test_zero_grad_matches_torch_on_which_grads_exist(set_to_none: bool) -> None:
    w, b = Value(0.5), Value(0.25)
    (w * 2.0 + b).relu().backward()
    tw = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(0.25, dtype=torch.float64, requires_grad=True)
    torch.relu(tw * 2.0 + tb).backward()
    SGD([w, b], lr=0.1).zero_grad(set_to_none=set_to_none)
    torch.optim.SGD([tw, tb], lr=0.1).zero_grad(set_to_none=set_to_none)
    assert [reached(w), reached(b)] == [tw.grad is not None, tb.grad is not None]
    assert (w.grad, b.grad) == (0.0, 0.0)


def test_zero_grad_defaults_to_not_computed_like_torch() -> None:
    from nn import MLP

    model = MLP(2, [2, 1], seed=0)
    model([1.0, -1.0]).backward()
    assert all(reached(p) for p in model.parameters())
    model.zero_grad()
    assert not any(reached(p) for p in model.parameters())
    model([1.0, -1.0]).backward()
    model.zero_grad(set_to_none=False)
    assert all(reached(p) and p.grad == 0.0 for p in model.parameters())


def test_zero_grad_refuses_a_set_to_none_that_is_not_a_bool() -> None:
    w = Value(1.0)
    w.grad = 3.0
    with pytest.raises(TypeError, match="zero_grad: set_to_none must be True or False, got 'no'"):
        zero_grad([w], set_to_none="no")  # type: ignore[arg-type]
    assert w.grad == 3.0  # refused before anything changed


# -- properties --------------------------------------------------------------------


@given(expressions(max_depth=4))
def test_backward_reaches_exactly_the_nodes_the_output_depends_on(e: Expression) -> None:
    xs = [Value(x) for x in e.inputs]
    bystander = xs[0] * 1.5  # depends on an input, but the output does not depend on it
    out = e.fn(*xs)
    before = [reached(v) for v in topological_order(out)]
    out.backward()
    assert not any(before)
    assert all(reached(v) for v in topological_order(out)) and not reached(bystander)
