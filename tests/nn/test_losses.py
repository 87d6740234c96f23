"""Losses: hand-worked values, input checks, and values and gradients against PyTorch."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value
from nn.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    hinge,
    l1_penalty,
    l2_penalty,
    mse,
    softmax,
)
from nn.optim import SGD


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


def test_bce_on_probabilities_by_hand() -> None:
    p = values([0.5, 0.25])
    loss = binary_cross_entropy(p, [1.0, 0.0])
    loss.backward()
    # (-log 0.5 - log 0.75) / 2; d/dp = (p - y) / (p (1 - p)) / 2: -1.0 and 2/3
    assert loss.data == pytest.approx((math.log(2.0) - math.log(0.75)) / 2, rel=1e-15)
    assert [v.grad for v in p] == pytest.approx([-1.0, 2.0 / 3.0], rel=1e-15)


def test_bce_on_probabilities_allows_the_ends_and_clamps_the_log_at_minus_100() -> None:
    ends = values([0.0, 1.0, 1.0, 0.0])
    loss = binary_cross_entropy(ends, [1.0, 0.0, 1.0, 0.0])
    loss.backward()
    assert loss.data == 50.0  # (100 + 100 + 0 + 0) / 4
    # torch's backward: (p - y) / max(p (1 - p), 1e-12), over the batch of 4
    # (torch's 1e-12 is a float32, hence the relative tolerance)
    assert [v.grad for v in ends] == pytest.approx([-0.25e12, 0.25e12, 0.0, 0.0], rel=1e-8)


def test_bce_on_probabilities_rejects_values_outside_0_1_by_index() -> None:
    with pytest.raises(
        ValueError, match=r"probabilities must lie in \[0, 1\], got 1.5 at index 1"
    ):
        binary_cross_entropy(values([0.5, 1.5]), [1.0, 0.0])
    with pytest.raises(
        ValueError, match=r"probabilities must lie in \[0, 1\], got -0.25 at index 0"
    ):
        binary_cross_entropy([-0.25], [1.0])
    with pytest.raises(
        ValueError, match=r"probabilities must lie in \[0, 1\], got nan at index 0"
    ):
        binary_cross_entropy([math.nan], [1.0])
    with pytest.raises(ValueError, match=r"targets must lie in \[0, 1\], got 2.0 at index 0"):
        binary_cross_entropy([0.5], [2.0])


def test_penalties_by_hand() -> None:
    w = values([-2.0, 0.5, 0.0])
    l1 = l1_penalty(w)
    l1.backward()
    assert l1.data == 2.5
    assert [v.grad for v in w] == [-1.0, 1.0, 0.0]  # abs'(0) = 0, as PyTorch
    w = values([-2.0, 0.5])
    l2 = l2_penalty(w)
    l2.backward()
    assert l2.data == 4.25  # no factor of 1/2
    assert [v.grad for v in w] == [-4.0, 1.0]


def test_penalties_refuse_no_parameters_and_non_values() -> None:
    with pytest.raises(ValueError, match=r"l1_penalty\(\) got no parameters"):
        l1_penalty([])
    with pytest.raises(TypeError, match=r"l2_penalty\(\) parameter 1 must be a Value, got 2.0"):
        l2_penalty([Value(1.0), 2.0])  # type: ignore[list-item]
    w = Value(1.0)
    with pytest.raises(ValueError, match=r"l2_penalty\(\) got the same parameter twice"):
        l2_penalty([w, w])  # it would count twice


def test_half_lambda_l2_penalty_steps_as_sgd_weight_decay() -> None:
    """SGD(weight_decay=lam) is plain SGD on loss + (lam / 2) * l2_penalty."""
    lam, xs, ys = 0.25, [0.5, -1.0, 2.0], [1.0, 0.0, -1.5]
    decayed, penalised = values([0.75, -0.5]), values([0.75, -0.5])
    with_decay = SGD(decayed, lr=0.1, momentum=0.5, weight_decay=lam)
    with_penalty = SGD(penalised, lr=0.1, momentum=0.5)

    def data_loss(w: list[Value]) -> Value:
        return mse([w[0] * x + w[1] for x in xs], ys)

    for _ in range(5):
        with_decay.zero_grad()
        data_loss(decayed).backward()
        with_decay.step()
        with_penalty.zero_grad()
        (data_loss(penalised) + lam / 2 * l2_penalty(penalised)).backward()
        with_penalty.step()
    assert [v.data for v in penalised] == pytest.approx([v.data for v in decayed], rel=1e-14)


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


@pytest.mark.oracle
def test_bce_on_probabilities_matches_torch(torch: Any) -> None:
    probs = [1e-3, 0.25, 0.5, 0.75, 0.999, 0.0, 1.0, 1e-13, 1.0 - 1e-13, 1e-50]
    targets = [0.0, 1.0, 0.5, 1.0, 0.0, 0.0, 1.0, 1.0, 0.25, 1.0]
    xs, t = values(probs), torch.tensor(probs, requires_grad=True)
    theirs = torch.nn.functional.binary_cross_entropy(t, torch.tensor(targets))
    compare(torch, binary_cross_entropy(xs, targets), theirs, xs, t)


@pytest.mark.oracle
def test_penalties_match_torch(torch: Any) -> None:
    weights = [-1.5, 0.25, 0.0, 2.0]
    for ours_fn, theirs_fn in (
        (l1_penalty, lambda t: t.abs().sum()),
        (l2_penalty, lambda t: (t**2).sum()),
    ):
        xs, t = values(weights), torch.tensor(weights, requires_grad=True)
        compare(torch, ours_fn(xs), theirs_fn(t), xs, t)


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
