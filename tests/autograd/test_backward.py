"""Backward and grad(): hand-worked graphs, accumulation semantics, deep graphs."""

from __future__ import annotations

import contextlib
import gc
import itertools
import math
import re
import sys
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value, backward_steps, detect_anomaly, dot, grad, ops
from autograd.backward import topological_order
from autograd.value import apply

ENGINE_PAGE = Path(__file__).parents[2] / "docs" / "engine.md"


def test_neuron_by_hand() -> None:
    # o = tanh(x1*w1 + x2*w2 + b), with numbers chosen so that n = 0.5 exactly;
    # then do/dn = 1 - tanh(0.5)**2 and each weight's gradient is its input times that.
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.5, label="b")
    n = x1 * w1 + x2 * w2 + b  # = -6 + 0 + 6.5 = 0.5
    o = n.tanh()
    o.backward()
    t = 0.46211715726000974  # tanh(0.5)
    assert o.data == pytest.approx(t, rel=1e-15)
    dn = 1 - t * t
    assert n.grad == pytest.approx(dn, rel=1e-15)
    assert (x1.grad, w1.grad) == pytest.approx((-3.0 * dn, 2.0 * dn), rel=1e-15)
    assert (x2.grad, w2.grad) == pytest.approx((1.0 * dn, 0.0), rel=1e-15)
    assert b.grad == pytest.approx(dn, rel=1e-15)


def test_node_used_twice_gets_both_contributions() -> None:
    x = Value(3.0)
    assert grad(x * x, [x]) == [6.0]  # 2x
    a = Value(-1.5)
    assert grad(a + a, [a]) == [2.0]


def test_diamond() -> None:
    # a feeds b and c, both feed d: dd/da sums the two paths.
    a = Value(2.0)
    b = a * 3.0  # db/da = 3
    c = a.exp() * 0 + a * a  # dc/da = 2a = 4
    d = b * c  # dd/db = c = 4, dd/dc = b = 6
    assert grad(d, [a, b, c]) == [4.0 * 3.0 + 6.0 * 4.0, 4.0, 6.0]


def test_topological_order_puts_parents_first_even_when_reached_late() -> None:
    # r = x + p where x = p * 2: p must come before x, though r lists x first.
    p = Value(1.0, label="p")
    x = p * 2
    r = x + p
    order = topological_order(r)
    assert order.index(p) < order.index(x) < order.index(r)
    assert len(order) == 3


def test_backward_twice_accumulates_leaves_and_sets_interior_nodes() -> None:
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    d = c + a  # dd/da = b + 1 = 4, dd/db = a = 2, dd/dc = 1
    d.backward()
    d.backward()
    assert (a.grad, b.grad) == (8.0, 4.0)
    assert (c.grad, d.grad) == (1.0, 1.0)


def test_backward_seed_scales_every_gradient() -> None:
    x = Value(3.0)
    y = x * x
    y.backward(0.5)
    assert (x.grad, y.grad) == (3.0, 0.5)


def test_backward_on_a_leaf_accumulates_the_seed() -> None:
    x = Value(3.0)
    x.backward()
    x.backward(2.0)
    assert x.grad == 3.0


def test_backward_rejects_a_non_number_seed() -> None:
    with pytest.raises(TypeError, match=r"backward\(grad=...\) needs a real number, got str"):
        (Value(1.0) * 2).backward("1")  # type: ignore[arg-type]


def test_grad_does_not_touch_grad_attributes_and_gives_zero_for_unrelated_inputs() -> None:
    x, y, z = Value(3.0), Value(4.0), Value(5.0)
    out = x * y
    assert grad(out, [x, y, z, out]) == [4.0, 3.0, 0.0, 1.0]
    assert (x.grad, y.grad, z.grad, out.grad) == (0.0, 0.0, 0.0, 0.0)


def test_grad_rejects_non_values() -> None:
    x = Value(1.0)
    with pytest.raises(TypeError, match="output must be a Value, got float"):
        grad(1.0, [x])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="input 1 must be a Value, got int"):
        grad(x * x, [x, 3])  # type: ignore[list-item]


def test_failed_backward_writes_no_gradient() -> None:
    # sqrt'(0) is infinite: backward fails, and no .grad may be half-written.
    x = Value(0.0, label="x")
    w = Value(2.0, label="w")
    y = (x * w).sqrt() + w
    with pytest.raises(ZeroDivisionError, match=r"backward through sqrt of 0.0"):
        y.backward()
    assert (x.grad, w.grad, y.grad) == (0.0, 0.0, 0.0)


# -- infinite local derivatives: one policy, every op --------------------------

#: (formula, operand, error, the op named): sqrt'(0) and (x ** 0.5)'(0) are
#: poles; d(1/x)/dx and d(x ** -1)/dx at 1e-200 are -1e400, and log'(5e-324)
#: is 2e323: finite, but too large for a float. Before, sqrt and ** raised a
#: chained ZeroDivisionError or OverflowError and / and log gave a silent inf.
INFINITE = [
    (lambda x: x.sqrt(), 0.0, ZeroDivisionError, "sqrt"),
    (lambda x: x**0.5, 0.0, ZeroDivisionError, r"\*\*"),
    (lambda x: x ** Value(0.5), 0.0, ZeroDivisionError, r"\*\*"),
    (lambda x: 1 / x, 1e-200, OverflowError, "/"),
    (lambda x: x**-1, 1e-200, OverflowError, r"\*\*"),
    (lambda x: x.log(), 5e-324, OverflowError, "log"),
]


@pytest.mark.parametrize("how", ["backward", "grad", "create_graph", "anomaly", "trace"])
@pytest.mark.parametrize(("f", "at", "kind", "op"), INFINITE)
def test_an_infinite_local_derivative_is_an_error_naming_op_and_value(  # type: ignore[no-untyped-def]
    f, at, kind, op, how: str
) -> None:
    x = Value(at, label="x")
    y = f(x) * 3.0  # a nonzero gradient reaches the op
    with pytest.raises(kind) as info:
        if how == "backward":
            y.backward()
        elif how == "create_graph":
            grad(y, [x], create_graph=True)
        elif how == "anomaly":
            with detect_anomaly():
                y.backward()
        elif how == "trace":
            backward_steps(y)
        else:
            grad(y, [x])
    message = str(info.value)
    assert re.match(rf"backward through {op} of .*{at!r} \(Value 'x'\)", message), message
    assert re.search(r": the local derivative is (infinite here|too large for a float)", message)
    # One error, not a chain: nothing else in the traceback.
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert x.grad == 0.0  # nothing half-written


EXTREMES = [0.0, -0.0, 5e-324, -5e-324, 1e-200, -1e-200, 0.5, -1.0, 3.0, 1e200, -1e200, 1.7e308]


@pytest.mark.parametrize("op", [op for op in ops.TABLE if op.arity], ids=lambda op: op.name)
def test_no_op_turns_finite_operands_into_an_infinite_gradient(op: ops.Op) -> None:
    # Every op of the table, at the edges of the number line: the gradient is
    # finite, or backward raises the policy's error naming the op. Never inf.
    for xs in itertools.product(EXTREMES, repeat=op.arity or 0):
        # A parameter (POW_CONST's exponent) as the constant it usually is.
        args = [x if i in op.parameters else Value(x, label=f"x{i}") for i, x in enumerate(xs)]
        values = [a for a in args if isinstance(a, Value)]
        try:
            out = apply(op, tuple(args))
        except (ArithmeticError, ValueError):
            continue  # refused in the forward, with its own message
        if not math.isfinite(out.data):
            continue  # the result overflowed already (1e200 * 1e200)
        try:
            found = grad(out, values)
        except (ZeroDivisionError, OverflowError) as error:
            assert str(error).startswith(f"backward through {op.name} of "), error
            assert "the local derivative is" in str(error), error
            continue
        assert all(math.isfinite(g) for g in found), (xs, found)


def test_a_node_whose_gradient_is_zero_passes_nothing_on() -> None:
    # sqrt'(0) is infinite, but the sqrt node's gradient is exactly 0.0 (it is
    # weighted by the constant 0.0), so its rule is never called: no
    # ZeroDivisionError, and x gets only the term of the other path.
    x = Value(0.0, label="x")
    y = x.sqrt() * 0.0 + x * 3.0
    assert grad(y, [x]) == [3.0]
    y.backward()
    assert x.grad == 3.0
    with detect_anomaly():  # the checked path skips the same node
        assert grad(y, [x]) == [3.0]


def test_a_relu_that_is_off_cuts_off_its_whole_subgraph() -> None:
    # relu(w*x) with w*x < 0: relu' = 0, so w and x get exactly 0.0 and the
    # product node is set to 0.0 (interior nodes are set, never left stale).
    w, x = Value(-2.0, label="w"), Value(0.5, label="x")
    z = w * x
    out = z.relu() + w
    z.grad = 7.0  # stale, from some earlier pass
    out.backward()
    assert (w.grad, x.grad, z.grad) == (1.0, 0.0, 0.0)


@pytest.mark.parametrize("anomaly", [False, True])
def test_a_zero_seed_sets_interior_gradients_to_zero_and_leaves_leaves(anomaly: bool) -> None:
    x = Value(3.0)
    inner = x * x
    y = inner.tanh()
    y.backward()
    before = x.grad
    with detect_anomaly() if anomaly else contextlib.nullcontext():
        y.backward(0.0)
    assert (x.grad, inner.grad, y.grad) == (before, 0.0, 0.0)


def test_a_million_op_chain_under_the_default_recursion_limit() -> None:
    limit = sys.getrecursionlimit()
    x = Value(1.0)
    y = x
    for _ in range(1_000_000):
        y = y * 1.0
    y.backward()
    assert x.grad == 1.0
    assert sys.getrecursionlimit() == limit


@given(st.integers(1, 60), st.floats(-2.0, 2.0))
def test_long_chain_of_doublings(n: int, start: float) -> None:
    # y = x * 2**n exactly, built one multiplication at a time.
    x = Value(start)
    y = x
    for _ in range(n):
        y = y * 2.0
    assert grad(y, [x]) == [2.0**n]


@given(st.lists(st.floats(-10, 10), min_size=1, max_size=30))
def test_sum_of_squares(xs: list[float]) -> None:
    # d/dx_i sum x_j**2 = 2 x_i, with repeated operands via x * x.
    values = [Value(x) for x in xs]
    total = values[0] * values[0]
    for v in values[1:]:
        total = total + v * v
    assert grad(total, values) == [2 * x for x in xs]


def test_grad_of_a_single_value_is_a_single_gradient() -> None:
    # grad(b, a) raised "'Value' object is not iterable".
    a = Value(3.0, label="a")
    b = a * a
    assert grad(b, a) == 6.0
    assert grad(b, [a]) == [6.0]
    g = grad(b, a, create_graph=True)
    assert isinstance(g, Value) and g.data == 6.0 and grad(g, a) == 2.0
    with pytest.raises(
        TypeError, match=r"inputs must be a Value or an iterable of Values, got float"
    ):
        grad(b, 3.0)  # type: ignore[call-overload]


def test_backward_create_graph_leaves_cycles_as_documented() -> None:
    # backward(create_graph=True) stores gradient graphs that point back at the
    # nodes they differentiate (tanh' = 1 - out**2 holds the tanh node): cycles,
    # as PyTorch warns for the same call. The README claimed that every dropped
    # graph is freed by reference counting; the engine's page (docs/engine.md, moved
    # from the README) now says which ones are not.
    def dropped(run: Callable[[Value, Value], object]) -> weakref.ref[Value]:
        x = Value(0.5, label="x")
        y = (x * 2.0).exp().tanh()
        run(x, y)
        return weakref.ref(y)

    gc.collect()
    gc.disable()
    try:
        assert dropped(lambda x, y: y.backward())() is None
        assert dropped(lambda x, y: grad(y, x, create_graph=True))() is None
        kept = dropped(lambda x, y: y.backward(create_graph=True))
        assert kept() is not None  # only the cycle collector frees it
    finally:
        gc.enable()
    gc.collect()
    assert kept() is None
    engine = ENGINE_PAGE.read_text()
    assert "create_graph=True" in engine and "cycle" in engine
    assert "cycle" in (Value.backward.__doc__ or "")


# -- all or nothing, and threads ----------------------------------------------------


@pytest.mark.parametrize(
    "raised",
    [KeyboardInterrupt(), MemoryError(), RecursionError("deep"), TypeError("bad rule")],
    ids=lambda error: type(error).__name__,
)
def test_a_backward_stopped_by_any_exception_restores_every_grad(
    monkeypatch: pytest.MonkeyPatch, raised: BaseException
) -> None:
    # Ten sin nodes; sin's rule calls ops._cos, which raises at the sixth call,
    # after five leaves and the nodes above them have been given gradients.
    import autograd.ops

    leaves = [Value(0.25 * i, label=f"w{i}") for i in range(10)]
    loss = Value(0.0)
    for w in leaves:
        loss = loss + (w * 0.5).sin() * w
    loss.backward()  # every node now holds a gradient that must survive
    nodes = topological_order(loss)
    before = [n.grad for n in nodes]
    calls = 0
    cos = autograd.ops._cos

    def cos_then_fail(x: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 6:
            raise raised
        return cos(x)

    monkeypatch.setattr(autograd.ops, "_cos", cos_then_fail)
    with pytest.raises(type(raised)) as error:
        loss.backward()
    assert error.value is raised  # the very same exception, not a wrapped copy
    assert calls == 6
    assert [n.grad for n in nodes] == before


def test_concurrent_backward_over_shared_leaves_accumulates_exactly() -> None:
    # Four threads, 300 passes each, over 100 shared weights, with the
    # interpreter switching threads as often as it can: `g += x` in one thread
    # must never overwrite another's update. The inputs are small integers, so
    # every sum is exact and the expected gradients are exact too.
    weights = [Value(0.5, label=f"w{i}") for i in range(100)]
    inputs = [float(i + 1) for i in range(100)]
    threads, passes = 4, 300
    start = threading.Barrier(threads)
    failures: list[BaseException] = []

    def train() -> None:
        try:
            start.wait(10)
            for _ in range(passes):
                # Products summed by +, and one dot node: both ways of
                # accumulating into a leaf (the dot has a fast path of its own).
                loss = Value(0.0)
                for w, x in zip(weights, inputs, strict=True):
                    loss = loss + w * x
                (loss + dot(weights, inputs)).backward()
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        workers = [threading.Thread(target=train) for _ in range(threads)]
        for t in workers:
            t.start()
        for t in workers:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
    expected = [2.0 * threads * passes * x for x in inputs]
    short = [w.label for w, g in zip(weights, expected, strict=True) if w.grad != g]
    assert short == [], f"{len(short)} weights lost updates"
