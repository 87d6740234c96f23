"""Every fast path against the plain path it replaces.

``Value.backward`` accumulates straight into ``.grad`` (fast path) while
``grad()`` runs the plain path (one rule call per operand, a dict of
gradients); ``autograd.sum`` and ``autograd.dot`` are single nodes standing in
for chains of ``+`` and ``*``. The two sides must agree.
"""

from __future__ import annotations

import gc
import itertools
import random
import weakref
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import autograd
from autograd import Value, grad

SIZES = [2, 4, 4, 1]


def _problem(seed: int, n_points: int = 5) -> tuple[list[float], list[tuple[list[float], float]]]:
    """Random weights for MLP(2, [4, 4, 1]) and labelled points."""
    rng = random.Random(seed)
    weights = [
        rng.uniform(-1, 1) for a, b in itertools.pairwise(SIZES) for _ in range(b * (a + 1))
    ]
    points = [
        ([rng.uniform(-2, 2), rng.uniform(-2, 2)], rng.choice([-1.0, 1.0]))
        for _ in range(n_points)
    ]
    return weights, points


def _loss(
    params: list[Any],
    points: list[tuple[list[float], float]],
    dot: Any,
    total: Any,
    activation: str = "tanh",
) -> Any:
    """Hinge + sigmoid loss with L2, written once for Values and torch tensors.

    With relu hidden units, some are off for each point: backward skips their
    nodes (gradient exactly 0.0), and the results must not change.
    """
    it = iter(params)
    layers = [
        [([next(it) for _ in range(a)], next(it)) for _ in range(b)]
        for a, b in itertools.pairwise(SIZES)
    ]
    losses = []
    for point, y in points:
        x: list[Any] = list(point)
        for depth, layer in enumerate(layers):
            z = [dot(w, x) + b for w, b in layer]
            x = [getattr(v, activation)() for v in z] if depth < len(layers) - 1 else z
        losses.append((1 - y * x[0]).relu() + (x[0] * x[0]).sigmoid())
    return total(losses) * (1 / len(points)) + 1e-3 * total([p * p for p in params])


def _mlp_loss(seed: int, activation: str = "tanh") -> tuple[Value, list[Value]]:
    weights, points = _problem(seed)
    params = [Value(w) for w in weights]
    return _loss(params, points, autograd.dot, autograd.sum, activation), params


@given(st.integers(0, 10_000), st.sampled_from(["tanh", "relu"]))
def test_backward_fast_path_equals_the_plain_path_exactly(seed: int, activation: str) -> None:
    loss, params = _mlp_loss(seed, activation)
    plain = grad(loss, params)
    loss.backward()
    assert [p.grad for p in params] == plain


@given(
    st.lists(st.floats(-3, 3), min_size=1, max_size=20),
    st.lists(st.floats(-3, 3), min_size=1, max_size=20),
)
def test_dot_equals_a_chain_of_products(ws: list[float], xs: list[float]) -> None:
    n = min(len(ws), len(xs))
    w = [Value(v) for v in ws[:n]]
    x = [Value(v) for v in xs[:n]]
    chain = w[0] * x[0]
    for a, b in zip(w[1:], x[1:]):
        chain = chain + a * b
    fast = autograd.dot(w, x)
    assert fast.data == pytest.approx(chain.data, rel=1e-12, abs=1e-12)
    assert grad(fast, w + x) == pytest.approx(grad(chain, w + x), rel=1e-12, abs=1e-12)


@pytest.mark.oracle
@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_fast_path_agrees_with_pytorch_on_random_mlps(torch: Any, activation: str) -> None:
    def tdot(w: list[Any], x: list[Any]) -> Any:
        return torch.dot(torch.stack(w), torch.stack([torch.as_tensor(v) for v in x]))

    for seed in range(5):
        loss, params = _mlp_loss(seed, activation)
        loss.backward()
        weights, points = _problem(seed)
        tp = [torch.tensor(w, requires_grad=True) for w in weights]
        tloss = _loss(tp, points, tdot, lambda xs: torch.stack(xs).sum(), activation)
        tloss.backward()
        assert loss.data == pytest.approx(tloss.item(), rel=1e-12)
        assert [p.grad for p in params] == pytest.approx(
            [t.grad.item() for t in tp], rel=1e-12, abs=1e-12
        )


def test_fast_path_handles_one_operand_sums_and_dots_and_unary_ops() -> None:
    x, w = Value(3.0), Value(-2.0)
    out = autograd.sum([x.tanh()]) * autograd.dot([w], [x]) + autograd.sum([w])
    plain = grad(out, [x, w])
    out.backward()
    assert [x.grad, w.grad] == plain
    t = 1.0 - (x.tanh().data) ** 2  # by hand: d/dx = t * w * x + tanh(x) * w
    assert plain == pytest.approx(
        [t * -2.0 * 3.0 + x.tanh().data * -2.0, x.tanh().data * 3.0 + 1.0]
    )


def test_dot_with_a_bias_keeps_it_as_the_last_operand() -> None:
    w, x, b = Value(2.0), Value(0.5), Value(0.25)
    out = autograd.dot([w, w], [x, 3.0], bias=b)  # 2*0.5 + 2*3 + 0.25
    assert out.data == 7.25
    assert out._args == (w, w, x, 3.0, b)
    out.backward()
    assert [w.grad, x.grad, b.grad] == [3.5, 2.0, 1.0]
    assert autograd.dot([], [], bias=b).data == 0.25
    assert autograd.dot([2.0], [0.5], bias=1).data == 2.0  # numbers only: a leaf


def test_a_failed_fast_backward_restores_every_grad() -> None:
    a = Value(2.0)
    a.grad = 5.0  # accumulated from an earlier call
    b = (a - 2.0).sqrt() * a  # sqrt'(0) is infinite
    with pytest.raises(ZeroDivisionError):
        b.backward()
    assert a.grad == 5.0 and b.grad == 0.0


def test_a_dropped_graph_is_freed_without_the_cycle_collector() -> None:
    gc.disable()
    try:
        x = Value(0.5)
        y = x
        for _ in range(1000):
            y = (y * 1.0001 + 0.001).tanh()
        y.backward()
        probe = weakref.ref(y)
        middle = weakref.ref(y.parents[0])
        del y
        assert probe() is None and middle() is None
    finally:
        gc.enable()


@given(
    st.lists(
        st.tuples(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3), st.booleans(), st.booleans()),
        min_size=1,
        max_size=20,
    )
)
def test_dot_evaluate_equals_the_table_forward_exactly(
    pairs: list[tuple[float, float, bool, bool]],
) -> None:
    from autograd import ops

    # Each operand a Value or a float constant; the first weight a Value.
    ws = [Value(w) if i == 0 or keep_w else w for i, (w, _, keep_w, _) in enumerate(pairs)]
    xs = [Value(x) if keep_x else x for _, x, _, keep_x in pairs]
    args = (*ws, *xs)
    data = [a if isinstance(a, float) else a.data for a in args]
    assert ops.DOT.evaluate(args) == ops.DOT.forward(*data)  # type: ignore[misc]
    assert autograd.dot(ws, xs).data == ops.DOT.forward(*data)


@given(
    st.lists(st.tuples(st.floats(-1e3, 1e3), st.booleans()), max_size=12),
    st.floats(-1e3, 1e3),
    st.booleans(),
)
def test_dot_with_a_bias_equals_dot_with_a_constant_input_exactly(
    terms: list[tuple[float, bool]], bias: float, bias_is_value: bool
) -> None:
    # Each operand a Value of its own or a float constant (with no Value used
    # twice, every gradient is a single term, so the two must agree exactly).
    ops_: list[Any] = [Value(v) if keep else v for v, keep in terms]
    n = len(ops_) // 2
    ws, xs = [Value(0.5), *ops_[:n]], [Value(-2.0), *ops_[n : 2 * n]]
    b: Any = Value(bias) if bias_is_value else bias
    pool = [v for v in (*ws, *xs, b) if isinstance(v, Value)]
    fast = autograd.dot(ws, xs, bias=b)
    plain = autograd.dot([*ws, b], [*xs, 1.0])
    assert fast._args == (*ws, *xs, b) and fast.data == plain.data
    assert grad(fast, pool) == grad(plain, pool)
    fast.backward()
    through_fast = [p.grad for p in pool]
    for p in pool:
        p.grad = 0.0
    plain.backward()
    assert through_fast == [p.grad for p in pool]


@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=8),
    st.lists(st.integers(0, 3), min_size=1, max_size=8),
    st.lists(st.floats(-10, 10), min_size=4, max_size=4),
)
def test_dot_fast_backward_with_repeated_operands_equals_the_plain_path_to_rounding(
    wi: list[int], xi: list[int], pool: list[float]
) -> None:
    # Operands drawn from a pool of four Values, so one Value may sit at several
    # places in both halves of the same dot.
    values = [Value(v) for v in pool]
    n = min(len(wi), len(xi))
    out = autograd.dot([values[i] for i in wi[:n]], [values[i] for i in xi[:n]]).tanh()
    plain = grad(out, values)
    out.backward()
    assert [v.grad for v in values] == pytest.approx(plain, rel=1e-12, abs=1e-12)


@given(
    st.lists(
        st.tuples(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3), st.booleans(), st.booleans()),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["none", "value", "constant"]),
)
def test_dot_fast_backward_with_constants_anywhere_equals_the_plain_path_exactly(
    pairs: list[tuple[float, float, bool, bool]], bias_kind: str
) -> None:
    # Constants may sit anywhere, also after Values (the fast path then meets
    # them mid-loop); every Value is used once, so the gradients agree exactly.
    ws: list[Any] = [Value(w) if keep_w else w for w, _, keep_w, _ in pairs]
    xs: list[Any] = [Value(x) if keep_x else x for _, x, _, keep_x in pairs]
    bias: Any = {"none": None, "value": Value(0.25), "constant": 0.25}[bias_kind]
    ws[0] = Value(0.5)  # so that the node has a parent
    values = [v for v in (*ws, *xs, bias) if isinstance(v, Value)]
    out = autograd.dot(ws, xs, bias=bias) * 3.0
    plain = grad(out, values)
    out.backward()
    assert [v.grad for v in values] == plain
    by_hand = {id(w): 3.0 * (x if isinstance(x, float) else x.data) for w, x in zip(ws, xs)}
    by_hand |= {id(x): 3.0 * (w if isinstance(w, float) else w.data) for w, x in zip(ws, xs)}
    if isinstance(bias, Value):
        by_hand[id(bias)] = 3.0
    assert plain == [by_hand[id(v)] for v in values]
