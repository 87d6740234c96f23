"""When :func:`nn.fit` stops early: a loss plateau (:class:`EarlyStopping`) or a target loss.

``fit`` watches one loss per epoch, the *monitored* loss: the validation loss
when it is given a validation set, else the training loss. Early stopping
counts the epochs since the monitored loss last improved on its best by more
than ``min_delta``, and stops once ``patience`` epochs in a row have not, as
Keras's ``EarlyStopping`` and PyTorch Lightning's do. The weights are those of
the last epoch trained unless ``restore_best=True`` (Keras's
``restore_best_weights``): then ``fit`` ends by loading those of the epoch
with the best monitored loss, however it ends (an exception from a callback
or the loss, or Ctrl-C, is raised on after the restore).

>>> plateau = Plateau(EarlyStopping(patience=2))
>>> [plateau.update(loss) for loss in [1.0, 0.5, 0.5, 0.75]]
[False, False, False, True]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from autograd.checks import count, flag, one_of_types, real

#: Why :func:`nn.fit` stopped: every epoch run, the target loss reached, a
#: plateau (early stopping), or a callback returned True.
STOP_REASONS = ("epochs", "threshold", "plateau", "callback")


@dataclass(frozen=True)
class EarlyStopping:
    """Stop after ``patience`` epochs without the monitored loss improving by > ``min_delta``.

    Args:
        patience: epochs without improvement to allow; a positive int.
        min_delta: how much lower than the best so far a loss must be to count
            as an improvement; a finite number >= 0.
        restore_best: when training ends, put back the parameters of the
            epoch with the best monitored loss (the last improvement).

    Raises:
        TypeError: ``patience`` or ``min_delta`` is not a number (a string, a
            bool), or ``restore_best`` is not True or False.
        ValueError: ``patience`` is not a whole number >= 1 (NumPy integers
            are fine), or ``min_delta`` is negative or not finite.

    >>> EarlyStopping(patience=3, min_delta=0.25)
    EarlyStopping(patience=3, min_delta=0.25, restore_best=False)
    """

    patience: int = 5
    min_delta: float = 0.0
    restore_best: bool = False

    def __post_init__(self) -> None:
        # Frozen: the checked values (a NumPy int read as an int) are set as
        # dataclasses set them.
        checked = {
            "patience": count(self.patience, "EarlyStopping patience"),
            "min_delta": real(self.min_delta, "EarlyStopping min_delta", low=0.0),
            "restore_best": flag(self.restore_best, "EarlyStopping restore_best"),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)


class Plateau:
    """The state of one training run's early stopping: the best loss and the epochs since.

    With ``rule.restore_best`` and a ``model``, each improvement keeps a copy
    of the model's ``state_dict()``, which :meth:`restore` loads back.

    >>> plateau = Plateau(EarlyStopping(patience=1, min_delta=0.5))
    >>> plateau.update(1.0), plateau.update(0.75)     # 0.75 is not below 1.0 - 0.5
    (False, True)
    """

    def __init__(self, rule: EarlyStopping, model: Any = None) -> None:
        wanted = "an EarlyStopping(...) such as EarlyStopping(patience=5)"
        self.rule: EarlyStopping = one_of_types(rule, "Plateau rule", wanted, EarlyStopping)
        self.best, self.waited = math.inf, 0
        self._model = model if rule.restore_best else None
        self._best_state: dict[str, float] | None = None

    def update(self, loss: float) -> bool:
        """Record one epoch's monitored loss; True when training should stop."""
        if loss < self.best - self.rule.min_delta:
            self.best, self.waited = loss, 0
            if self._model is not None:
                self._best_state = self._model.state_dict()
        else:
            self.waited += 1
        return self.waited >= self.rule.patience

    def restore(self) -> None:
        """Load the best epoch's parameters back (only with ``restore_best``)."""
        if self._model is not None and self._best_state is not None:
            self._model.load_state_dict(self._best_state)


__all__ = ["STOP_REASONS", "EarlyStopping", "Plateau"]
