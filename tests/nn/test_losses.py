"""Losses: hand-worked values, input checks, and values and gradients against PyTorch."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value
from nn.losses import binary_cross_entropy_with_logits, cross_entropy, hinge, mse, softmax


def values(xs: list[float]) -> list[Value]:
    return [Value(x) for x in xs]


def test_mse_by_hand() -> None:
    p = values([1.0, 2.0])
    loss = mse(p, [0.0, 4.0])
    loss.backward()
    # ((1 - 0)**2 + (2 - 4)**2) / 2, and d/dp_i = 2 (p_i - t_i) / 2
    assert loss.data == 2.5
    assert [v.grad for v in p] == [1.0, -2.0]


def test_a_single_value_is_a_batch_of_one() -> None:
    assert mse(Value(3.0), 1.0).data == 4.0
    assert hinge(Value(0.5), 1).data == 0.5


def test_bce_at_zero_has_the_true_gradient_not_the_kink_convention() -> None:
    x = Value(0.0)
    loss = binary_cross_entropy_with_logits([x], [1.0])
    loss.backward()
    assert loss.data == pytest.approx(math.log(2.0), rel=1e-15)
    assert x.grad == -0.5  # sigmoid(0) - 1


def test_bce_is_stable_for_huge_logits() -> None:
    assert binary_cross_entropy_with_logits([Value(800.0)], [0.0]).data == 800.0
    assert binary_cross_entropy_with_logits([Value(-800.0)], [1.0]).data == 800.0
    assert binary_cross_entropy_with_logits([Value(800.0)], [1.0]).data == 0.0


def test_softmax_and_cross_entropy_are_stable_for_huge_logits() -> None:
    probs = softmax(values([1000.0, 1000.0 + math.log(3.0)]))
    assert [p.data for p in probs] == pytest.approx([0.25, 0.75], rel=1e-12)
    logits = values([1000.0, -1000.0])
    loss = cross_entropy(logits, 1)
    loss.backward()
    assert loss.data == 2000.0
    assert [v.grad for v in logits] == [1.0, -1.0]


def test_hinge_by_hand() -> None:
    s = values([2.0, 0.5, -1.0])
    loss = hinge(s, [1, 1, 1])
    loss.backward()
    # relu(1 - 2), relu(1 - 0.5), relu(1 + 1): (0 + 0.5 + 2) / 3
    assert loss.data == pytest.approx(2.5 / 3.0, rel=1e-15)
    assert [v.grad for v in s] == pytest.approx([0.0, -1 / 3, -1 / 3], rel=1e-15)


def test_bad_inputs_are_named() -> None:
    with pytest.raises(ValueError, match=r"mse\(\) got 2 predictions and 1 targets"):
        mse(values([1.0, 2.0]), [1.0])
    with pytest.raises(ValueError, match=r"targets must lie in \[0, 1\], got 2.0 at index 1"):
        binary_cross_entropy_with_logits(values([0.0, 0.0]), [1.0, 2.0])
    with pytest.raises(ValueError, match=r"labels must be \+1 or -1, got 0.0 at index 0"):
        hinge(values([0.0]), [0])
    with pytest.raises(ValueError, match="target 3 is out of range for 3 classes"):
        cross_entropy(values([0.0, 1.0, 2.0]), 3)
    with pytest.raises(TypeError, match="target must be a class index"):
        cross_entropy(values([0.0, 1.0]), 1.0)
    with pytest.raises(ValueError, match="one target per row"):
        cross_entropy([[0.0, 1.0], [1.0, 0.0]], [0])
    with pytest.raises(ValueError, match="is empty"):
        mse([], [])
    with pytest.raises(TypeError, match=r"predictions\[1\] must be a Value or a real number"):
        mse([Value(1.0), "2"], [1.0, 2.0])  # type: ignore[list-item]


# -- PyTorch ------------------------------------------------------------------------

LOGITS = [-3.5, -0.25, 0.0, 0.75, 2.0, 40.0]


def compare(torch: Any, ours: Value, theirs: Any, inputs: list[Value], leaf: Any) -> None:
    ours.backward()
    theirs.backward()
    assert ours.data == pytest.approx(theirs.item(), rel=1e-13, abs=1e-15)
    assert [v.grad for v in inputs] == pytest.approx(leaf.grad.tolist(), rel=1e-12, abs=1e-15)


@pytest.mark.oracle
def test_mse_matches_torch(torch: Any) -> None:
    targets = [0.5, -1.0, 0.0, 2.0, 1.5, 39.0]
    xs, t = values(LOGITS), torch.tensor(LOGITS, requires_grad=True)
    theirs = torch.nn.functional.mse_loss(t, torch.tensor(targets))
    compare(torch, mse(xs, targets), theirs, xs, t)


@pytest.mark.oracle
def test_bce_with_logits_matches_torch(torch: Any) -> None:
    targets = [0.0, 1.0, 0.5, 1.0, 0.0, 0.25]
    xs, t = values(LOGITS), torch.tensor(LOGITS, requires_grad=True)
    theirs = torch.nn.functional.binary_cross_entropy_with_logits(t, torch.tensor(targets))
    compare(torch, binary_cross_entropy_with_logits(xs, targets), theirs, xs, t)


@pytest.mark.oracle
def test_softmax_matches_torch(torch: Any) -> None:
    xs, t = values(LOGITS), torch.tensor(LOGITS, requires_grad=True)
    weights = [1.0, -2.0, 0.5, 3.0, 0.25, -1.0]  # a weighted sum to backpropagate
    ours = sum((w * p for w, p in zip(weights, softmax(xs), strict=True)), Value(0.0))
    theirs = (torch.softmax(t, 0) * torch.tensor(weights)).sum()
    compare(torch, ours, theirs, xs, t)


@pytest.mark.oracle
@pytest.mark.parametrize("target", [0, 3, 5])
def test_cross_entropy_matches_torch(torch: Any, target: int) -> None:
    xs, t = values(LOGITS), torch.tensor(LOGITS, requires_grad=True)
    theirs = torch.nn.functional.cross_entropy(t[None, :], torch.tensor([target]))
    compare(torch, cross_entropy(xs, target), theirs, xs, t)


@pytest.mark.oracle
def test_batched_cross_entropy_matches_torch(torch: Any) -> None:
    rows = [[0.5, -1.0, 2.0], [3.0, 0.0, -0.5], [0.0, 0.0, 0.0]]
    targets = [2, 1, 0]
    xs = [values(r) for r in rows]
    t = torch.tensor(rows, requires_grad=True)
    theirs = torch.nn.functional.cross_entropy(t, torch.tensor(targets))
    flat = [v for r in xs for v in r]
    ours = cross_entropy(xs, targets)
    ours.backward()
    theirs.backward()
    assert ours.data == pytest.approx(theirs.item(), rel=1e-13)
    assert [v.grad for v in flat] == pytest.approx(t.grad.flatten().tolist(), rel=1e-12)


@pytest.mark.oracle
def test_hinge_matches_torch(torch: Any) -> None:
    labels = [1, -1, 1, -1, 1, 1]
    xs, t = values(LOGITS), torch.tensor(LOGITS, requires_grad=True)
    theirs = torch.relu(1.0 - torch.tensor(labels, dtype=torch.float64) * t).mean()
    compare(torch, hinge(xs, labels), theirs, xs, t)


# -- properties ---------------------------------------------------------------------

finite = st.floats(-30.0, 30.0, allow_nan=False)


@given(st.lists(finite, min_size=1, max_size=6), st.floats(-50.0, 50.0))
def test_softmax_sums_to_one_and_cross_entropy_ignores_a_shift(
    logits: list[float], shift: float
) -> None:
    assert math.fsum(p.data for p in softmax(values(logits))) == pytest.approx(1.0, rel=1e-12)
    shifted = [x + shift for x in logits]
    assert cross_entropy(values(shifted), 0).data == pytest.approx(
        cross_entropy(values(logits), 0).data, rel=1e-9, abs=1e-9
    )


@given(finite, st.sampled_from([0.0, 0.25, 1.0]))
def test_bce_gradient_is_sigmoid_minus_target(x: float, y: float) -> None:
    v = Value(x)
    binary_cross_entropy_with_logits([v], [y]).backward()
    assert v.grad == pytest.approx(Value(x).sigmoid().data - y, rel=1e-9, abs=1e-12)
