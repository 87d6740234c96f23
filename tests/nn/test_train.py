"""fit: exact mini-batch steps, history, callbacks, the progress bar, and learning moons."""

from __future__ import annotations

import random
from typing import Any

import pytest

from nn import MLP, History, fit
from nn.data import make_moons
from nn.losses import binary_cross_entropy_with_logits, mse
from nn.optim import SGD, CosineLR, StepLR, clip_grad_norm
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
    with pytest.raises(ValueError, match=r"fit\(\) needs one target per example"):
        fit(model, X, Y[:2], loss=mse, optimizer=opt, epochs=1, progress=False)
    with pytest.raises(ValueError, match=r"fit\(\) epochs must be a whole number >= 0, got -1"):
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


# -- validation, schedules, clipping, modes ----------------------------------------


def test_validation_is_evaluated_after_each_epoch() -> None:
    labels, X_val, y_val = [1, 0, 0, 1, 1], X[:2], [1, 0]
    model, reference = MLP(2, [3, 1], seed=0), MLP(2, [3, 1], seed=0)
    opt, ref_opt = SGD(model.parameters(), lr=0.1), SGD(reference.parameters(), lr=0.1)
    history = fit(
        model,
        X,
        labels,
        loss=binary_cross_entropy_with_logits,
        optimizer=opt,
        epochs=3,
        progress=False,
        validation=(X_val, y_val),
    )
    expected = []
    for _ in range(3):
        fit(
            reference,
            X,
            labels,
            loss=binary_cross_entropy_with_logits,
            optimizer=ref_opt,
            epochs=1,
            progress=False,
        )
        expected.append(evaluate(reference, X_val, y_val, binary_cross_entropy_with_logits))
    assert history.val_loss == [loss for loss, _ in expected]
    assert history.val_accuracy == [acc for _, acc in expected]
    assert len(history.loss) == len(history.accuracy) == 3
    # regression targets: a validation loss but no accuracy
    history = fit(
        model, X, Y, loss=mse, optimizer=opt, epochs=2, progress=False, validation=(X, Y)
    )
    assert len(history.val_loss) == 2 and history.val_accuracy == []


def test_scheduler_and_clipping_match_a_hand_written_loop() -> None:
    model, reference = MLP(2, [3, 1], seed=0), MLP(2, [3, 1], seed=0)
    opt = SGD(model.parameters(), lr=0.5)
    history = fit(
        model,
        X,
        Y,
        loss=mse,
        optimizer=opt,
        epochs=4,
        progress=False,
        scheduler=StepLR(opt, step_size=2, gamma=0.5),
        clip_grad_norm=0.25,
    )
    assert opt.lr == 0.125  # stepped once per epoch: 0.5 * 0.5 ** (4 // 2)
    assert history.lr == [0.5, 0.5, 0.25, 0.25]  # the rate each epoch trained with
    for epoch in range(4):
        reference.zero_grad()
        mse([reference(x) for x in X], Y).backward()
        clip_grad_norm(reference.parameters(), 0.25)
        for p in reference.parameters():
            p.data -= 0.5 * 0.5 ** (epoch // 2) * p.grad
    assert model.state_dict() == pytest.approx(reference.state_dict(), rel=1e-15)


@pytest.mark.oracle
def test_scheduler_and_clipping_match_torch(torch: Any) -> None:
    model = MLP(1, [1], seed=0)
    model.load_state_dict({"layers.0.neurons.0.w.0": 0.5, "layers.0.neurons.0.b": -0.25})
    xs, ys = [[1.0], [2.0], [-1.5]], [2.0, 4.5, -3.0]
    opt = SGD(model.parameters(), lr=0.2, momentum=0.5)
    fit(
        model,
        xs,
        ys,
        loss=mse,
        optimizer=opt,
        epochs=6,
        progress=False,
        scheduler=CosineLR(opt, total=4, min_lr=0.01),
        clip_grad_norm=1.0,
    )
    w = torch.tensor([0.5, -0.25], requires_grad=True)
    t_opt = torch.optim.SGD([w], lr=0.2, momentum=0.5)
    t_sched = torch.optim.lr_scheduler.CosineAnnealingLR(t_opt, T_max=4, eta_min=0.01)
    inputs, targets = torch.tensor([x[0] for x in xs]), torch.tensor(ys)
    for _ in range(6):
        t_opt.zero_grad()
        torch.nn.functional.mse_loss(w[0] * inputs + w[1], targets).backward()
        torch.nn.utils.clip_grad_norm_([w], 1.0)
        t_opt.step()
        if t_sched.last_epoch < 4:  # CosineLR holds min_lr after `total`; torch's would rise
            t_sched.step()
    ours = model.state_dict()
    theirs = w.tolist()
    assert [ours["layers.0.neurons.0.w.0"], ours["layers.0.neurons.0.b"]] == pytest.approx(
        theirs, rel=1e-12
    )


class Moded(MLP):
    """An MLP that records the mode of each forward pass, one entry per run of passes."""

    def __init__(self) -> None:
        super().__init__(2, [3, 1], seed=0)
        self.modes: list[str] = []

    def forward(self, x: Any) -> Any:
        mode = "train" if self.training else "eval"
        if not self.modes or self.modes[-1] != mode:
            self.modes.append(mode)
        return super().forward(x)


def test_fit_switches_modes_for_training_and_validation_and_restores_them() -> None:
    model = Moded()
    fit(
        model,
        X,
        Y,
        loss=mse,
        optimizer=SGD(model.parameters(), lr=0.1),
        epochs=2,
        progress=False,
        validation=(X, Y),
    )
    assert model.modes == ["train", "eval", "train", "eval"] and model.training
    model.modes.clear()
    model.eval()
    fit(model, X, Y, loss=mse, optimizer=SGD(model.parameters(), lr=0.1), epochs=1, progress=False)
    assert model.modes == ["train"] and not model.training


def test_fit_trains_with_dropout_and_validates_without_it() -> None:
    model = MLP(2, [8, 1], dropout=0.5, seed=0)
    history = fit(
        model,
        X,
        Y,
        loss=mse,
        optimizer=SGD(model.parameters(), lr=0.05),
        epochs=3,
        progress=False,
        validation=(X, Y),
    )
    assert model.training  # put back as it was
    model.eval()  # no masks: the same loss every time, the one fit measured
    assert history.val_loss[-1] == evaluate(model, X, Y, mse)[0] == evaluate(model, X, Y, mse)[0]
    model.train()  # with masks, two passes over the training set differ
    assert mse([model(x) for x in X], Y).data != mse([model(x) for x in X], Y).data


def test_progress_bar_shows_validation(capsys: pytest.CaptureFixture[str]) -> None:
    model = MLP(2, [3, 1], seed=0)
    fit(
        model,
        X,
        [1, 0, 0, 1, 1],
        loss=binary_cross_entropy_with_logits,
        optimizer=SGD(model.parameters(), lr=0.05),
        epochs=2,
        validation=(X, [1, 0, 0, 1, 1]),
    )
    err = capsys.readouterr().err
    assert "val_loss=" in err and "val_acc=" in err


def test_bad_options_are_named() -> None:
    model = MLP(2, [3, 1], seed=0)
    opt = SGD(model.parameters(), lr=0.1)
    other = SGD(model.parameters(), lr=0.1)

    def run(**options: Any) -> None:
        fit(model, X, Y, loss=mse, optimizer=opt, epochs=1, progress=False, **options)

    with pytest.raises(ValueError, match=r"fit\(\) validation needs one target per example"):
        run(validation=(X, Y[:2]))
    with pytest.raises(TypeError, match=r"validation must be a pair \(X_val, y_val\)"):
        run(validation=[X, Y, Y])
    with pytest.raises(ValueError, match="scheduler must schedule the optimizer fit"):
        run(scheduler=StepLR(other, step_size=1))
    with pytest.raises(ValueError, match="clip_grad_norm"):
        run(clip_grad_norm=-1.0)


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "leaky_relu", "linear"])
@pytest.mark.parametrize("nouts", [[4, 1], [4, 3]])
def test_evaluate_gives_the_model_s_own_loss_to_the_bit(activation: str, nouts: list[int]) -> None:
    # evaluate runs a plain MLP on floats: it must be exactly the graph's forward.
    from nn.losses import cross_entropy, mse

    model = MLP(2, nouts, activation, seed=3)
    X = [[0.5, -1.25], [2.0, 0.75], [-1.5, 0.25]]
    y = [0, 2, 1] if nouts[-1] == 3 else [0.5, -1.0, 2.0]
    loss = cross_entropy if nouts[-1] == 3 else mse
    expected = loss([model(x) for x in X], y).data
    assert evaluate(model, X, y, loss)[0] == expected
    dropped = MLP(2, nouts, activation, seed=3, dropout=0.5)  # off in evaluation: the same
    assert evaluate(dropped, X, y, loss)[0] == expected and dropped.training
