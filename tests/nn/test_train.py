"""fit: exact mini-batch steps, history, callbacks, the progress bar, and learning moons."""

from __future__ import annotations

import random

import pytest

from nn import MLP, History, fit
from nn.data import make_moons
from nn.losses import binary_cross_entropy_with_logits, mse
from nn.optim import SGD
from nn.train import correct, evaluate

X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [0.0, -0.5], [1.0, 1.0]]
Y = [1.0, -0.5, 0.25, 2.0, 0.0]


def manual_step(model: MLP, xs: list[list[float]], ys: list[float], lr: float) -> None:
    """One SGD step on the batch's mean loss, written out by hand."""
    model.zero_grad()
    mse([model(x) for x in xs], ys).backward()
    for p in model.parameters():
        p.data -= lr * p.grad


def test_full_batch_epoch_is_one_step_on_the_mean_gradient() -> None:
    model, reference = MLP(2, [3, 1], seed=0), MLP(2, [3, 1], seed=0)
    fit(model, X, Y, loss=mse, optimizer=SGD(model.parameters(), lr=0.1), epochs=3, progress=False)
    for _ in range(3):
        manual_step(reference, X, Y, 0.1)
    assert model.state_dict() == reference.state_dict()


def test_mini_batches_step_once_each_and_carry_no_gradient_over() -> None:
    model, reference = MLP(2, [3, 1], seed=0), MLP(2, [3, 1], seed=0)
    # fit documents that epoch e shuffles with random.Random(seed + e): here, seed 5.
    order = [0, 1, 3, 2, 4]
    shuffled = list(range(5))
    random.Random(5).shuffle(shuffled)
    assert shuffled == order
    fit(
        model,
        X,
        Y,
        loss=mse,
        optimizer=SGD(model.parameters(), lr=0.1),
        epochs=1,
        batch_size=2,
        progress=False,
        seed=5,
    )
    for start in (0, 2, 4):
        chosen = order[start : start + 2]
        manual_step(reference, [X[i] for i in chosen], [Y[i] for i in chosen], 0.1)
    assert model.state_dict() == pytest.approx(reference.state_dict(), rel=1e-15)


def test_history_records_loss_and_accuracy_only_for_int_labels() -> None:
    model = MLP(2, [3, 1], seed=0)
    history = fit(
        model, X, Y, loss=mse, optimizer=SGD(model.parameters(), lr=0.05), epochs=4, progress=False
    )
    assert history.epochs == 4 and history.accuracy == []
    assert history.loss[-1] < history.loss[0]
    labels = [1, 0, 0, 1, 1]
    history = fit(
        model,
        X,
        labels,
        loss=binary_cross_entropy_with_logits,
        optimizer=SGD(model.parameters(), lr=0.05),
        epochs=2,
        progress=False,
    )
    assert len(history.accuracy) == 2 and all(0.0 <= a <= 1.0 for a in history.accuracy)


def test_a_callback_returning_true_stops_training() -> None:
    seen: list[int] = []

    def stop_after_two(epoch: int, history: History) -> bool:
        seen.append(epoch)
        return history.epochs == 2

    model = MLP(2, [3, 1], seed=0)
    history = fit(
        model,
        X,
        Y,
        loss=mse,
        optimizer=SGD(model.parameters(), lr=0.05),
        epochs=10,
        progress=False,
        callbacks=[stop_after_two],
    )
    assert seen == [0, 1] and history.epochs == 2


def test_progress_bar_shows_loss_and_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    model = MLP(2, [3, 1], seed=0)
    fit(
        model,
        X,
        [1, 0, 0, 1, 1],
        loss=binary_cross_entropy_with_logits,
        optimizer=SGD(model.parameters(), lr=0.05),
        epochs=2,
    )
    err = capsys.readouterr().err
    assert "2/2" in err and "loss=" in err and "acc=" in err


def test_correct_reads_binary_scores_and_argmax() -> None:
    from autograd import Value

    scores = [Value(0.5), Value(-0.5), Value(0.0), Value(2.0)]
    # positive score <-> positive label; 0 counts as negative; labels may be 0/1 or -1/+1
    assert correct(scores, [1, 0, -1, -1]) == 3
    assert correct([[Value(0.0), Value(2.0), Value(1.0)]], [1]) == 1
    assert correct(scores, [1.0, 0.0, 0.0, 1.0]) is None


def test_bad_arguments_are_named() -> None:
    model = MLP(2, [3, 1], seed=0)
    opt = SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError, match="as many targets as inputs"):
        fit(model, X, Y[:2], loss=mse, optimizer=opt, epochs=1, progress=False)
    with pytest.raises(ValueError, match="epochs must be a non-negative int"):
        fit(model, X, Y, loss=mse, optimizer=opt, epochs=-1, progress=False)


def test_the_demo_network_learns_two_moons() -> None:
    from nn.demo import train

    trained = train(progress=False)
    assert trained.accuracy >= 0.97
    # and evaluate agrees with a count done here
    X, y = make_moons(100, noise=0.1, seed=0)
    hits = sum((trained.model(x).data > 0) == (t == 1) for x, t in zip(X, y, strict=True))
    assert hits / 100 == trained.accuracy
    assert evaluate(trained.model, X, y, binary_cross_entropy_with_logits)[0] < 0.1
