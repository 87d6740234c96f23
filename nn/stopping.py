"""When :func:`nn.fit` stops early: a loss plateau (:class:`EarlyStopping`) or a target loss.

``fit`` watches one loss per epoch, the *monitored* loss: the validation loss
when it is given a validation set, else the training loss. Early stopping
counts the epochs since the monitored loss last improved on its best by more
than ``min_delta``, and stops once ``patience`` epochs in a row have not, as
Keras's ``EarlyStopping`` and PyTorch Lightning's do. The weights are those of
the last epoch trained (not restored to the best epoch's).

>>> plateau = Plateau(EarlyStopping(patience=2))
>>> [plateau.update(loss) for loss in [1.0, 0.5, 0.5, 0.75]]
[False, False, False, True]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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

    Raises:
        ValueError: ``patience`` is not a positive int or ``min_delta`` is
            negative or not finite.

    >>> EarlyStopping(patience=3, min_delta=0.25)
    EarlyStopping(patience=3, min_delta=0.25)
    """

    patience: int = 5
    min_delta: float = 0.0

    def __post_init__(self) -> None:
        if (
            not isinstance(self.patience, int)
            or isinstance(self.patience, bool)
            or self.patience < 1
        ):
            raise ValueError(
                f"EarlyStopping patience must be a positive int, got {self.patience!r}"
            )
        if not (math.isfinite(self.min_delta) and self.min_delta >= 0):
            raise ValueError(
                f"EarlyStopping min_delta must be a finite number >= 0, got {self.min_delta!r}"
            )


class Plateau:
    """The state of one training run's early stopping: the best loss and the epochs since.

    >>> plateau = Plateau(EarlyStopping(patience=1, min_delta=0.5))
    >>> plateau.update(1.0), plateau.update(0.75)     # 0.75 is not below 1.0 - 0.5
    (False, True)
    """

    def __init__(self, rule: EarlyStopping) -> None:
        self.rule, self.best, self.waited = rule, math.inf, 0

    def update(self, loss: float) -> bool:
        """Record one epoch's monitored loss; True when training should stop."""
        if loss < self.best - self.rule.min_delta:
            self.best, self.waited = loss, 0
        else:
            self.waited += 1
        return self.waited >= self.rule.patience


__all__ = ["STOP_REASONS", "EarlyStopping", "Plateau"]
