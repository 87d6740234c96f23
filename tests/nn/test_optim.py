"""Optimizers: hand-worked steps, input checks, and 20-step trajectories against torch.optim."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value
from nn import MLP
from nn.losses import mse
from nn.optim import SGD, Adam, CosineLR, Optimizer, RMSprop, StepLR, clip_grad_norm


def test_sgd_momentum_by_hand() -> None:
    w = Value(0.0)
    opt = SGD([w], lr=0.5, momentum=0.5)
    for _ in range(3):
        w.grad = 1.0
        opt.step()
    # buffers 1, 1.5, 1.75: w = -0.5 * (1 + 1.5 + 1.75)
    assert w.data == -2.125


def test_sgd_nesterov_and_weight_decay_by_hand() -> None:
    w = Value(2.0)
    opt = SGD([w], lr=0.5, momentum=0.5, weight_decay=0.25, nesterov=True)
    w.grad = 1.0
    opt.step()
    # g = 1 + 0.25 * 2 = 1.5; buffer 1.5; step g + 0.5 * 1.5 = 2.25
    assert w.data == 2.0 - 0.5 * 2.25


def test_adam_first_step_is_lr_times_the_sign() -> None:
    a, b = Value(1.0), Value(1.0)
    opt = Adam([a, b], lr=0.5, eps=1e-300)  # |g| + 1e-300 == |g|: exact
    a.grad, b.grad = 8.0, -0.125
    opt.step()
    assert (a.data, b.data) == pytest.approx((0.5, 1.5), rel=1e-15)


def test_rmsprop_adds_eps_after_the_square_root() -> None:
    w = Value(0.0)
    opt = RMSprop([w], lr=1.0, alpha=0.0, eps=1.0)
    w.grad = 4.0
    opt.step()
    # v = 16, step 4 / (sqrt(16) + 1); eps inside the root would give 4 / sqrt(17)
    assert w.data == -0.8


def test_clip_grad_norm_returns_the_norm_before_and_leaves_small_gradients() -> None:
    a, b = Value(0.0), Value(0.0)
    a.grad, b.grad = 0.3, 0.4
    assert clip_grad_norm([a, b], 1.0) == pytest.approx(0.5, rel=1e-15)
    assert (a.grad, b.grad) == (0.3, 0.4)
    a.grad, b.grad = 30.0, 40.0
    assert clip_grad_norm([a, b], 5.0) == 50.0
    assert math.hypot(a.grad, b.grad) == pytest.approx(5.0, rel=1e-6)


def test_non_finite_gradient_stops_the_step_and_names_the_parameter() -> None:
    a, b = Value(1.0, label="a"), Value(1.0, label="b")
    opt = Adam([a, b], lr=0.1)
    a.grad, b.grad = 1.0, math.nan
    with pytest.raises(FloatingPointError, match="parameter 'b' has gradient nan"):
        opt.step()
    assert (a.data, b.data) == (1.0, 1.0)


def test_zero_grad_and_bad_arguments() -> None:
    w = Value(1.0)
    opt = SGD([w], lr=0.1)
    w.grad = 3.0
    opt.zero_grad()
    assert w.grad == 0.0
    with pytest.raises(ValueError, match="got no parameters"):
        SGD([], lr=0.1)
    with pytest.raises(ValueError, match="same parameter twice"):
        SGD([w, w], lr=0.1)
    with pytest.raises(ValueError, match=r"Adam lr must be a finite number >= 0, got -1"):
        Adam([w], lr=-1)
    with pytest.raises(ValueError, match=r"Adam betas\[1\] must be a number in \[0, 1\), got 1.0"):
        Adam([w], betas=(0.9, 1.0))
    with pytest.raises(ValueError, match=r"SGD nesterov=True needs momentum > 0"):
        SGD([w], lr=0.1, nesterov=True)
    with pytest.raises(TypeError, match="parameter 0 must be a Value"):
        SGD([1.0], lr=0.1)  # type: ignore[list-item]


def test_schedules() -> None:
    opt = SGD([Value(0.0)], lr=1.0)
    step = StepLR(opt, step_size=3, gamma=0.5)
    seen = []
    for _ in range(6):
        step.step()
        seen.append(opt.lr)
    assert seen == [1.0, 1.0, 0.5, 0.5, 0.5, 0.25]
    opt.lr = 1.0
    cosine = CosineLR(opt, total=4, min_lr=0.5)
    lrs = []
    for _ in range(5):
        cosine.step()
        lrs.append(opt.lr)
    expected = [0.5 + 0.5 * (1 + math.cos(math.pi * t / 4)) / 2 for t in (1, 2, 3, 4, 4)]
    assert lrs == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("make", [Adam, RMSprop], ids=["Adam", "RMSprop"])
@pytest.mark.parametrize("eps", [0.0, -1e-8, math.nan, math.inf])
def test_eps_must_be_positive_and_finite(make: Callable[..., Optimizer], eps: float) -> None:
    # With eps = 0 a parameter whose gradient is 0 divides 0 by 0 (ZeroDivisionError
    # in Python, NaN in torch), part way through a step.
    with pytest.raises(ValueError, match=r"eps must be a finite number > 0, got"):
        make([Value(1.0)], eps=eps)


@pytest.mark.parametrize(
    "make",
    [
        lambda p: SGD(p, lr=0.5, momentum=0.5),
        lambda p: Adam(p, lr=0.5),
        lambda p: RMSprop(p, lr=0.5),
    ],
    ids=["SGD", "Adam", "RMSprop"],
)
def test_a_step_that_raises_part_way_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, make: Callable[[list[Value]], Optimizer]
) -> None:
    # A step interrupted while working out the second parameter's update must
    # leave the first parameter, and the optimizer's state, as they were: the
    # next step then gives exactly what an uninterrupted optimizer gives.
    def fresh() -> tuple[list[Value], Optimizer]:
        params = [Value(1.0), Value(2.0), Value(3.0)]
        opt = make(params)
        for p, g in zip(params, (0.5, -0.25, 0.0), strict=True):
            p.grad = g
        opt.step()
        return params, opt

    params, opt = fresh()
    twin_params, twin = fresh()
    stop = KeyboardInterrupt()

    class Poisoned(float):
        # The second gradient: any arithmetic on it stops the step, as Ctrl-C would.
        def _stop(self, other: object) -> float:
            raise stop

        __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _stop

    def grads(self: Optimizer, weight_decay: float) -> list[float]:
        found = [p.grad for p in self.params]
        found[1] = Poisoned(found[1])
        return found

    monkeypatch.setattr(Optimizer, "_grads", grads)
    before = [p.data for p in params]
    with pytest.raises(KeyboardInterrupt) as error:
        opt.step()
    assert error.value is stop and [p.data for p in params] == before
    monkeypatch.undo()
    opt.step()
    twin.step()
    assert [p.data for p in params] == [p.data for p in twin_params]


def test_schedules_refuse_rates_that_are_nan_negative_or_infinite() -> None:
    opt = SGD([Value(0.0)], lr=1.0)
    with pytest.raises(ValueError, match=r"StepLR gamma must be a finite number >= 0, got nan"):
        StepLR(opt, step_size=1, gamma=math.nan)
    with pytest.raises(ValueError, match=r"StepLR gamma must be a finite number >= 0, got -0.5"):
        StepLR(opt, step_size=1, gamma=-0.5)
    with pytest.raises(ValueError, match=r"CosineLR min_lr must be a finite number >= 0, got -1"):
        CosineLR(opt, total=4, min_lr=-1.0)
    with pytest.raises(ValueError, match=r"CosineLR min_lr must be a finite number >= 0, got nan"):
        CosineLR(opt, total=4, min_lr=math.nan)
    with pytest.raises(ValueError, match=r"SGD lr must be a finite number >= 0, got nan"):
        opt.lr = math.nan
    assert opt.lr == 1.0
    growing = StepLR(opt, step_size=1, gamma=2.0**400)
    growing.step()
    growing.step()
    assert opt.lr == 2.0**800
    with pytest.raises(
        ValueError, match=r"StepLR at epoch 3: SGD lr must be a finite number >= 0, got inf"
    ):
        growing.step()
    assert (opt.lr, growing.epoch) == (2.0**800, 2)  # neither moved


# -- PyTorch: 20-step trajectories on a small MLP's loss ------------------------------

X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [0.0, -0.5]]
Y = [1.0, -0.5, 0.25, 2.0]


def torch_model(torch: Any, model: MLP) -> list[Any]:
    """The MLP's weights as torch leaves: [W1, b1, W2, b2] (each row a neuron)."""
    tensors = []
    for layer in model.layers:
        tensors.append(torch.tensor([[w.data for w in n.w] for n in layer.neurons]))
        tensors.append(torch.tensor([n.b.data for n in layer.neurons]))
    return [t.requires_grad_() for t in tensors]


def torch_loss(torch: Any, params: list[Any]) -> Any:
    w1, b1, w2, b2 = params
    hidden = torch.tanh(torch.tensor(X) @ w1.T + b1)
    return torch.nn.functional.mse_loss((hidden @ w2.T + b2).squeeze(1), torch.tensor(Y))


def flat(torch: Any, params: list[Any], model: MLP) -> list[float]:
    """The torch weights in our named_parameters order (each neuron's w, then its b)."""
    out = []
    for layer in range(len(model.layers)):
        w, b = params[2 * layer], params[2 * layer + 1]
        for i in range(w.shape[0]):
            out += [*w[i].tolist(), b[i].item()]
    return out


CASES: list[tuple[str, Callable[[list[Any]], Optimizer], Callable[[Any, list[Any]], Any]]] = [
    ("sgd", lambda p: SGD(p, lr=0.1), lambda t, p: t.optim.SGD(p, lr=0.1)),
    (
        "sgd-momentum-wd",
        lambda p: SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01),
        lambda t, p: t.optim.SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01),
    ),
    (
        "sgd-nesterov",
        lambda p: SGD(p, lr=0.05, momentum=0.8, nesterov=True),
        lambda t, p: t.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True),
    ),
    ("adam", lambda p: Adam(p, lr=0.05), lambda t, p: t.optim.Adam(p, lr=0.05)),
    (
        "adam-wd-betas",
        lambda p: Adam(p, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
        lambda t, p: t.optim.Adam(p, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
    ),
    ("rmsprop", lambda p: RMSprop(p), lambda t, p: t.optim.RMSprop(p)),
    (
        "rmsprop-wd",
        lambda p: RMSprop(p, lr=0.005, alpha=0.9, eps=1e-4, weight_decay=0.05),
        lambda t, p: t.optim.RMSprop(p, lr=0.005, alpha=0.9, eps=1e-4, weight_decay=0.05),
    ),
]


@pytest.mark.oracle
@pytest.mark.parametrize(("name", "ours", "theirs"), CASES, ids=[c[0] for c in CASES])
def test_twenty_steps_match_torch_optim(
    torch: Any,
    name: str,
    ours: Callable[[list[Any]], Optimizer],
    theirs: Callable[[Any, list[Any]], Any],
) -> None:
    model = MLP(2, [3, 1], seed=0)
    params = torch_model(torch, model)
    opt, topt = ours(model.parameters()), theirs(torch, params)
    first = math.inf
    for step in range(20):
        opt.zero_grad()
        loss = mse([model(x) for x in X], Y)
        loss.backward()
        opt.step()
        topt.zero_grad()
        tloss = torch_loss(torch, params)
        tloss.backward()
        topt.step()
        assert loss.data == pytest.approx(tloss.item(), rel=1e-12), f"loss at step {step}"
        got = [p.data for p in model.parameters()]
        assert got == pytest.approx(flat(torch, params, model), rel=1e-10, abs=1e-13), step
        first = loss.data if step == 0 else first
    # the trajectory went somewhere: 20 steps lowered the loss
    assert loss.data < 0.9 * first, name


@pytest.mark.oracle
def test_clip_grad_norm_matches_torch(torch: Any) -> None:
    grads = [3.0, -4.0, 12.0]
    ours = [Value(0.0) for _ in grads]
    for v, g in zip(ours, grads, strict=True):
        v.grad = g
    theirs = torch.zeros(3, requires_grad=True)
    theirs.grad = torch.tensor(grads)
    assert clip_grad_norm(ours, 6.5) == torch.nn.utils.clip_grad_norm_([theirs], 6.5).item()
    assert [v.grad for v in ours] == pytest.approx(theirs.grad.tolist(), rel=1e-15)


# -- properties ---------------------------------------------------------------------


@given(st.lists(st.floats(-100.0, 100.0), min_size=1, max_size=5), st.floats(0.01, 10.0))
def test_clipped_norm_never_exceeds_max_norm(grads: list[float], max_norm: float) -> None:
    params = [Value(0.0) for _ in grads]
    for p, g in zip(params, grads, strict=True):
        p.grad = g
    before = clip_grad_norm(params, max_norm)
    after = math.sqrt(math.fsum(p.grad**2 for p in params))
    assert after <= max_norm * (1 + 1e-12)
    assert before == pytest.approx(math.sqrt(math.fsum(g * g for g in grads)), rel=1e-12)
