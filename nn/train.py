"""``fit``: the training loop, with a progress bar and a per-epoch history.

For each mini-batch: zero the optimizer's gradients, run the model on every
example, take the loss of the whole batch (a mean), backpropagate once and take
one optimizer step. Because the loss is a mean over the batch and gradients
are cleared first, each step uses exactly the batch's mean gradient, whatever
the batch size; nothing carries over between batches.

Accuracy is reported when every target is an int: for a model with one output,
the prediction is "positive" when the score is > 0 and the label is positive
when it is > 0 (so labels may be 0/1 or -1/+1); for several outputs, the
prediction is the index of the largest. The epoch's numbers are the means over
the batches' forward passes, taken before each batch's step.

>>> from nn import MLP
>>> from nn.losses import mse
>>> from nn.optim import SGD
>>> model = MLP(1, [1], seed=0)
>>> model.load_state_dict({"layers.0.neurons.0.w.0": 0.0, "layers.0.neurons.0.b": 0.0})
>>> X, y = [[1.0], [2.0]], [2.0, 4.0]        # y = 2x
>>> history = fit(model, X, y, loss=mse, optimizer=SGD(model.parameters(), lr=0.2),
...               epochs=1000, progress=False)
>>> round(model.layers[0].neurons[0].w[0].data, 6), history.accuracy
(2.0, [])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from nn.data import batches
from nn.fit_args import FitArgs, check_fit
from nn.gradcut import CutWatch, ReluWatch
from nn.metrics import History, Loss, correct, evaluate, is_label, measure, set_mode
from nn.module import Module
from nn.optim import Optimizer
from nn.schedules import CosineLR, StepLR
from nn.step import train_step
from nn.stopping import EarlyStopping, Plateau
from nn.threads import quiet_tqdm

#: The schedules fit() steps once per epoch.
Scheduler = StepLR | CosineLR
#: Called after every epoch as ``callback(epoch, history)``; returning True stops training.
Callback = Callable[[int, "History"], Any]


def _bar(epochs: int, progress: bool) -> Any:
    if not progress:
        return None
    try:
        from tqdm import tqdm  # type: ignore[import-untyped]
    except ImportError:
        raise ImportError(
            "fit(progress=True) draws its bar with tqdm: pip install tqdm "
            "(or chainrule[nn]), or pass progress=False"
        ) from None
    return quiet_tqdm(tqdm)(total=epochs, desc="training", unit="epoch")


def _train_epoch(
    model: Module,
    order: Iterable[tuple[list[Any], list[Any]]],
    loss: Loss,
    optimizer: Optimizer,
    clip: float | None,
    watches: tuple[CutWatch, ReluWatch],
) -> tuple[float, int]:
    """One pass of steps; the summed (not mean) batch losses times sizes, and the hits."""
    total, hits = 0.0, 0
    checks = [watch.check for watch in watches]
    for xb, yb in order:
        value, preds = train_step(model, xb, yb, loss, optimizer, clip=clip, after_backward=checks)
        total += value.data * len(xb)
        hits += correct(preds, yb) or 0
    return total, hits


def _show(bar: Any, history: History) -> None:
    bar.update(1)
    shown = {"loss": f"{history.loss[-1]:.4f}"}
    if history.accuracy:
        shown["acc"] = f"{history.accuracy[-1]:.1%}"
    if history.val_loss:
        shown["val_loss"] = f"{history.val_loss[-1]:.4f}"
    if history.val_accuracy:
        shown["val_acc"] = f"{history.val_accuracy[-1]:.1%}"
    bar.set_postfix(shown)


def fit(
    model: Module,
    X: Sequence[Any],
    y: Sequence[Any],
    *,
    loss: Loss,
    optimizer: Optimizer,
    epochs: int,
    batch_size: int | None = None,
    progress: bool = True,
    callbacks: Iterable[Callback] = (),
    seed: int | None = 0,
    validation: tuple[Sequence[Any], Sequence[Any]] | None = None,
    scheduler: Scheduler | None = None,
    clip_grad_norm: float | None = None,
    early_stopping: EarlyStopping | None = None,
    target_loss: float | None = None,
) -> History:
    """Train ``model`` on ``(X, y)``; return the per-epoch history.

    ``X`` holds one example per row and ``y`` one target per example: lists,
    or NumPy arrays (``X`` of shape ``(n, nin)``; ``y`` of shape ``(n,)``, a
    column ``(n, 1)``, or ``(n, k)``), read as the lists they hold.

    Args:
        loss: ``loss(predictions, targets) -> Value``, the mean over a batch
            (any of :mod:`nn.losses`).
        optimizer: holds the parameters to train.
        epochs: passes over the data (at most: training may stop early).
        batch_size: examples per step, a whole number >= 1 (as torch's
            ``DataLoader``); None for the whole set in one step.
        progress: draw a tqdm bar with the loss and accuracy (needs tqdm).
        callbacks: a list of functions ``callback(epoch, history)``, each
            called after every epoch; one returning True stops.
        seed: a whole number >= 0 that seeds the shuffle of each epoch's
            mini-batches (epoch ``e`` uses ``seed + e``); None shuffles
            unpredictably.
        validation: ``(X_val, y_val)`` (or a list of the two), of the model's
            width, evaluated after every epoch (no graph recorded) into
            ``history.val_loss`` and ``history.val_accuracy``.
        scheduler: a ``StepLR`` or ``CosineLR`` of ``optimizer``, stepped once
            at the end of every epoch.
        clip_grad_norm: clip the gradients' joint norm to this
            (:func:`nn.optim.clip_grad_norm`) between backward and step.
        early_stopping: an :class:`~nn.stopping.EarlyStopping`; stops when the
            monitored loss (validation when given, else training) plateaus;
            with ``restore_best=True``, however training ends (an exception
            from a callback or the loss, or Ctrl-C, too: it is raised on after
            the restore), the model is left with the parameters of its best epoch.
        target_loss: stop once the monitored loss is at or below this.

    ``history.stopped`` says why training ended: ``"epochs"``, ``"threshold"``
    (target_loss), ``"plateau"`` (early stopping) or ``"callback"``. A Module
    with modes is put in ``train()`` mode for each epoch's steps and ``eval()``
    mode for validation, and left in the mode it started in.

    Every argument is checked before the first step (:mod:`nn.fit_args`), so
    a refusal leaves the weights, the optimizer's buffers and the schedule as
    they were.

    Raises:
        TypeError: an argument of the wrong kind: ``X`` or ``y`` not a list
            (or array) of numbers, ``loss`` or a callback not a function,
            ``optimizer`` not an optimizer, ``early_stopping`` not an
            ``EarlyStopping(...)``, a count or a number given as a string or
            a bool, ``validation`` not a pair.
        ValueError: an argument out of range: ``X`` empty, ragged, 1-D or of
            another width than the model, a NaN or infinite entry, ``X`` and
            ``y`` (or the validation pair) differ in length, ``epochs`` < 0,
            ``batch_size`` < 1, a NaN ``target_loss``, ``clip_grad_norm`` < 0,
            or the scheduler belongs to another optimizer.

    Warns:
        RuntimeWarning: once per fit, the first time a whole layer's gradients
            are exactly 0.0 after a backward (a step activation, a hand-made
            ``Value(...)`` that cut the graph, or every ReLU off); the message
            names that layer (see :mod:`nn.gradcut`); and once per fit, at the
            end of the first epoch in which some ReLU neuron got no gradient
            in any batch (a dead ReLU), naming the neurons.
    """
    args = check_fit(
        model,
        X,
        y,
        loss=loss,
        optimizer=optimizer,
        epochs=epochs,
        batch_size=batch_size,
        progress=progress,
        callbacks=callbacks,
        seed=seed,
        validation=validation,
        scheduler=scheduler,
        clip_grad_norm=clip_grad_norm,
        early_stopping=early_stopping,
        target_loss=target_loss,
    )
    return _Run(model, args, loss, optimizer, scheduler, early_stopping).train()


class _Run:
    """One call of :func:`fit` once its arguments are checked: its epochs and its history."""

    def __init__(
        self,
        model: Module,
        args: FitArgs,
        loss: Loss,
        optimizer: Optimizer,
        scheduler: Any,
        early_stopping: EarlyStopping | None,
    ) -> None:
        self.model, self.args, self.loss = model, args, loss
        self.optimizer, self.scheduler = optimizer, scheduler
        self.plateau = None if early_stopping is None else Plateau(early_stopping, model)
        self.history = History()
        self.classify = all(is_label(t) for t in args.y)
        self.watches = CutWatch(model), ReluWatch(model)  # each warns once per fit

    def train(self) -> History:
        """Every epoch, until one says stop; the model left in the mode it came in."""
        was_training = getattr(self.model, "training", True)
        bar = _bar(self.args.epochs, self.args.progress)
        try:
            for epoch in range(self.args.epochs):
                monitored = self.epoch(epoch)
                if bar is not None:
                    _show(bar, self.history)
                if self.stops(epoch, monitored):
                    break
        finally:
            # However training ends (the last epoch, a stop, an exception from a
            # callback or the loss, Ctrl-C): the best epoch's parameters, with
            # restore_best only; an exception is then raised on as it came.
            if self.plateau is not None:
                self.plateau.restore()
            if bar is not None:
                bar.close()
            set_mode(self.model, bool(was_training))
        return self.history

    def epoch(self, epoch: int) -> float:
        """Train one epoch, validate, step the schedule; the monitored loss."""
        args, history = self.args, self.history
        set_mode(self.model, True)
        shuffle_seed = None if args.seed is None else args.seed + epoch
        size = args.batch_size or len(args.X)
        order = batches(
            args.X, args.y, size, shuffle=args.batch_size is not None, seed=shuffle_seed
        )
        history.lr.append(self.optimizer.lr)
        total, hits = _train_epoch(
            self.model, order, self.loss, self.optimizer, args.clip_grad_norm, self.watches
        )
        self.watches[1].end_epoch(epoch, cut=self.watches[0].warned)
        history.loss.append(total / len(args.X))
        if self.classify:
            history.accuracy.append(hits / len(args.X))
        monitored = history.loss[-1]
        if args.validation is not None:
            monitored, accuracy = measure(self.model, *args.validation, self.loss)
            history.val_loss.append(monitored)
            if accuracy is not None:
                history.val_accuracy.append(accuracy)
        if self.scheduler is not None:
            self.scheduler.step()
        return monitored

    def stops(self, epoch: int, monitored: float) -> bool:
        """Whether training stops after this epoch; ``history.stopped`` says why."""
        # The plateau first: if a callback raises, this epoch is already among
        # those restore_best chooses from.
        flat = self.plateau is not None and self.plateau.update(monitored)
        stop_by_hook = any([hook(epoch, self.history) is True for hook in self.args.callbacks])
        target = self.args.target_loss
        if target is not None and monitored <= target:
            self.history.stopped = "threshold"
        elif flat:
            self.history.stopped = "plateau"
        elif stop_by_hook:
            self.history.stopped = "callback"
        return self.history.stopped != "epochs"


__all__ = [
    "Callback",
    "EarlyStopping",
    "History",
    "Loss",
    "Scheduler",
    "correct",
    "evaluate",
    "fit",
]
