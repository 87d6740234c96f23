"""Early stopping and a target loss: the plateau rule by hand, and why fit() stopped."""

from __future__ import annotations

import pytest

from nn import MLP, EarlyStopping, History, fit
from nn.losses import mse
from nn.optim import SGD
from nn.stopping import Plateau

X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [0.0, -0.5], [1.0, 1.0]]
Y = [1.0, -0.5, 0.25, 2.0, 0.0]


def test_plateau_counts_epochs_without_an_improvement_beyond_min_delta() -> None:
    plateau = Plateau(EarlyStopping(patience=2, min_delta=0.25))
    # 1.0 best; 0.875 is not below 1.0 - 0.25 (wait 1); 0.5 is (best, wait 0);
    # 0.5 and 0.375 are not below 0.25: waits 1 and 2, so stop
    assert [plateau.update(x) for x in [1.0, 0.875, 0.5, 0.5, 0.375]] == [
        False,
        False,
        False,
        False,
        True,
    ]
    assert plateau.best == 0.5


def test_early_stopping_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="patience must be a whole number >= 1, got 0"):
        EarlyStopping(patience=0)
    with pytest.raises(ValueError, match=r"patience must be a whole number >= 1, got 1\.5"):
        EarlyStopping(patience=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"min_delta must be a finite number >= 0, got -0\.5"):
        EarlyStopping(min_delta=-0.5)
    with pytest.raises(ValueError, match="min_delta must be a finite number >= 0, got nan"):
        EarlyStopping(min_delta=float("nan"))


def run(epochs: int = 30, lr: float = 0.05, **options: object) -> History:
    model = MLP(2, [3, 1], seed=0)
    return fit(
        model,
        X,
        Y,
        loss=mse,
        optimizer=SGD(model.parameters(), lr=lr),
        epochs=epochs,
        progress=False,
        **options,  # type: ignore[arg-type]
    )


def test_fit_runs_every_epoch_by_default() -> None:
    history = run(epochs=3)
    assert history.stopped == "epochs" and history.epochs == 3
    assert run(epochs=0).stopped == "epochs"


def test_fit_stops_at_the_first_epoch_reaching_the_target_loss() -> None:
    full = run()
    target = full.loss[4]
    first = next(i for i, x in enumerate(full.loss) if x <= target)
    history = run(target_loss=target)
    assert history.stopped == "threshold" and history.loss == full.loss[: first + 1]


def test_fit_stops_on_a_plateau_of_the_training_loss() -> None:
    # lr 0 never changes the weights: the loss is flat, so with patience 3 the
    # first epoch sets the best and the next three do not improve on it
    history = run(lr=0.0, early_stopping=EarlyStopping(patience=3))
    assert history.stopped == "plateau" and history.epochs == 4


def test_early_stopping_monitors_the_validation_loss_when_given() -> None:
    # the training loss falls, but a validation set the model cannot learn
    # (the same inputs, targets drifting the other way) stops improving
    X_val, y_val = X, [-10.0 * t for t in Y]
    history = run(validation=(X_val, y_val), early_stopping=EarlyStopping(patience=2))
    assert history.stopped == "plateau"
    best = history.val_loss.index(min(history.val_loss))
    assert history.epochs == best + 3
    assert history.loss[-1] < history.loss[0]


def test_a_stopping_callback_is_named() -> None:
    history = run(callbacks=[lambda epoch, h: epoch == 1])
    assert history.stopped == "callback" and history.epochs == 2


def _run_recording(
    restore_best: bool, epochs: int = 30
) -> tuple[MLP, History, list[dict[str, float]]]:
    """run() with a validation set the model cannot learn, and each epoch's parameters."""
    model, states = MLP(2, [3, 1], seed=0), []
    history = fit(
        model,
        X,
        Y,
        loss=mse,
        optimizer=SGD(model.parameters(), lr=0.05),
        epochs=epochs,
        progress=False,
        validation=(X, [-10.0 * t for t in Y]),
        early_stopping=EarlyStopping(patience=2, restore_best=restore_best),
        callbacks=[lambda epoch, h: states.append(model.state_dict())],
    )
    return model, history, states


def test_restore_best_puts_back_the_best_epochs_parameters() -> None:
    model, history, states = _run_recording(restore_best=True)
    best = history.val_loss.index(min(history.val_loss))
    assert history.stopped == "plateau" and history.epochs == best + 3
    assert model.state_dict() == states[best] != states[-1]
    kept, _, kept_states = _run_recording(restore_best=False)
    assert kept.state_dict() == kept_states[-1] == states[-1]


def test_restore_best_also_when_the_epochs_run_out() -> None:
    # two epochs: the loss on the unlearnable set falls at most once, and
    # restore_best applies however training ended
    model, history, states = _run_recording(restore_best=True, epochs=2)
    best = history.val_loss.index(min(history.val_loss))
    assert history.stopped == "epochs" and model.state_dict() == states[best]


def test_restore_best_must_be_a_bool() -> None:
    with pytest.raises(TypeError, match="restore_best must be True or False, got 'yes'"):
        EarlyStopping(restore_best="yes")  # type: ignore[arg-type]
