"""Reading a learner's own graph: op strings, operand order from a set, x * x, a long chain."""

from __future__ import annotations

import time
from typing import Any

import pytest

from autograd import ops
from autograd.engines.foreign import is_node, read
from autograd.engines.mirror import mirror
from autograd.engines.op_text import arrangements, choose
from autograd.ops import POW_CONST
from tests.engines import correct, plain


class Node:
    """The least a learner's node has: data, grad, a set of parents, an op string."""

    def __init__(self, data: float, children: tuple[Any, ...] = (), op: str = "") -> None:
        self.data, self.grad, self._prev, self._op = data, 0.0, set(children), op


@pytest.mark.parametrize(
    ("text", "parents", "op", "args"),
    [
        ("+", 2, ops.ADD, (0, 1)),
        ("*", 2, ops.MUL, (0, 1)),
        ("-", 2, ops.SUB, (0, 1)),
        ("/", 2, ops.DIV, (0, 1)),
        ("**2", 1, POW_CONST, (0, 2.0)),  # the table's x ** c
        ("**-1", 1, POW_CONST, (0, -1.0)),
        ("**0.5", 1, POW_CONST, (0, 0.5)),
        ("ReLU", 1, ops.RELU, (0,)),
        ("relu", 1, ops.RELU, (0,)),
        ("tanh", 1, ops.TANH, (0,)),
        ("exp", 1, ops.EXP, (0,)),
        ("log", 1, ops.LOG, (0,)),
        ("sigmoid", 1, ops.SIGMOID, (0,)),
        ("neg", 1, ops.NEG, (0,)),
        ("-", 1, ops.NEG, (0,)),
        ("*", 1, ops.MUL, (0, 0)),  # x * x: a set keeps one parent
        ("+", 1, ops.ADD, (0, 0)),
    ],
)
def test_op_strings_are_read_as_rows_of_the_table(
    text: str, parents: int, op: ops.Op, args: tuple[int | float, ...]
) -> None:
    assert arrangements(text, parents)[0] == (op, args)


@pytest.mark.parametrize(("text", "parents"), [("myop", 1), ("**x", 1), ("tanh", 2), ("+", 3)])
def test_an_op_string_the_table_lacks_has_no_reading(text: str, parents: int) -> None:
    assert arrangements(text, parents) == []


def test_a_constant_power_of_a_negative_base_is_checked() -> None:
    # d(x**2)/dx at x = -3 is 2 * -3 = -6; the exponent is a constant, so its
    # rule (out * log(x), undefined at x < 0) is never called
    x = correct.Value(-3.0)
    y = x**2
    y.backward()
    graph = read(y)
    assert [link.op for link in graph.links] == [None, POW_CONST]
    assert graph.should()[0].value == -6.0 == x.grad


def test_operands_from_a_set_are_ordered_by_the_forward() -> None:
    a, b = Node(2.0), Node(5.0)
    # 2 - 5 = -3 and 5 - 2 = 3: the data says which operand came first.
    for out, first, second in [(-3.0, a, b), (3.0, b, a)]:
        graph = read(Node(out, (a, b), "-"))
        left, right = graph.links[-1].operands
        assert (graph.nodes[left], graph.nodes[right]) == (first, second)
    assert choose("/", [2.0, 8.0], 4.0)[1] == (1, 0)  # 8 / 2


def test_x_times_x_with_one_parent_gets_both_shares() -> None:
    x = correct.Value(3.0)
    y = x * x
    assert len(y._prev) == 1
    y.backward()
    graph = read(y)
    assert graph.links[1].op is ops.MUL and graph.links[1].operands == (0, 0)
    # d(x*x)/dx = 2x = 6.0, which the correct engine gives too.
    assert [s.value for s in graph.should()] == [6.0, 1.0]
    assert x.grad == 6.0


def test_a_tuple_of_children_keeps_its_order_and_int_grads_are_read() -> None:
    x, y = plain.Value(2.0), plain.Value(5.0)
    z = y + x * -1  # plain's sub: y + (-x); tuple _children; grads start as int 0
    z.backward()
    graph = read(z)
    assert graph.nodes[-1] is z
    assert {graph.links[i].grad for i, n in enumerate(graph.nodes) if n is x} == {-1.0}
    assert {graph.links[i].grad for i, n in enumerate(graph.nodes) if n is y} == {1.0}


def test_a_5000_op_chain_is_read_without_recursion() -> None:
    x = correct.Value(0.5)
    r = x
    for _ in range(5000):
        r = r + 1.0  # each + wraps its 1.0 as a leaf: 10,001 nodes
    start = time.perf_counter()
    graph = read(r)
    copies = mirror(graph)
    took = time.perf_counter() - start
    assert len(graph.nodes) == 10001 and graph.nodes[0] is x and graph.nodes[-1] is r
    assert copies[-1].data == 5000.5
    assert took < 5.0, took


def test_the_reading_does_not_depend_on_the_order_of_a_set() -> None:
    texts = []
    for _ in range(5):  # new objects each time: new ids, new set orders
        a, b = correct.Value(2.0), correct.Value(-3.0)
        a.label, b.label = "a", "b"  # type: ignore[attr-defined]
        texts.append([(g.labels, [link.operands for link in g.links]) for g in [read(a * b + b)]])
    assert all(t == texts[0] for t in texts)


def test_a_cycle_is_refused() -> None:
    a = Node(1.0)
    b = Node(2.0, (a,), "tanh")
    a._prev = {b}
    with pytest.raises(ValueError, match="cycle"):
        read(b)


def test_what_is_not_node_like() -> None:
    assert is_node(Node(1.0)) and not is_node(1.0)
    with pytest.raises(TypeError, match=r"builtins|float is not a node"):
        read(1.0)
    bad = Node(1.0, (object(),), "tanh")
    with pytest.raises(TypeError, match="a parent in the graph is object, not a node"):
        read(bad)
