"""What a playground should hold and reach, computed without it (issue 30's playground tests).

The split by :func:`nn.data.train_test_split`, the features by their formulas in
NumPy (:func:`tests.nn.trainer_data.by_formula`), the weights by :func:`nn.fit`
itself, the losses by hand; and a snapshot of everything a refused value must
leave as it was.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from nn import MLP, fit
from nn.optim import SGD, Adam
from tests.nn.trainer_data import by_formula

OPTIMIZERS = {"sgd": lambda p, lr: SGD(p, lr), "adam": lambda p, lr: Adam(p, lr)}


def fit_weights(
    X: list[list[float]],
    y: list[Any],
    chosen: tuple[str, ...],
    sizes: list[int],
    loss: Any,
    *,
    epochs: int,
    batch_size: int | None = None,
    seed: int = 0,
    lr: float = 0.1,
    optimizer: str = "sgd",
    activation: str = "tanh",
    start: dict[str, float] | None = None,
) -> dict[str, float]:
    """The weights ``nn.fit`` leaves on the training set ``(X, y)``, taken as the ``chosen``
    features, from ``MLP(len(chosen), sizes, activation, seed=seed)`` (or ``start``)."""
    model = MLP(len(chosen), sizes, activation, seed=seed)
    if start is not None:
        model.load_state_dict(start)
    fit(model, by_formula(X, chosen), y, loss=loss,
        optimizer=OPTIMIZERS[optimizer](model.parameters(), lr), epochs=epochs,
        batch_size=batch_size, seed=seed, progress=False)  # fmt: skip
    return model.state_dict()


def assert_weights(pg: Any, want: dict[str, float]) -> None:
    """The playground's weights are ``want``'s to 1e-12 (the issue's bound)."""
    got = pg.model.state_dict()
    assert got.keys() == want.keys()
    assert max(abs(got[k] - want[k]) for k in got) <= 1e-12


def sets(pg: Any) -> tuple[list[Any], ...]:
    """The training and validation points, then their targets, as ``train_test_split``
    returns them: ``(X, X_val, y, y_val)`` (copies)."""
    t = pg.trainer
    return copy.deepcopy((t.X, t.X_val, t.y, t.y_val))


def state(pg: Any) -> tuple[Any, ...]:
    """Everything a refused value or edit must leave as it was."""
    t = pg.trainer
    names = ("data", "noise", "features", "batch_size", "test_fraction", "hidden",
             "show_test", "discretize", "lr", "optimizer")  # fmt: skip
    traits = {name: copy.deepcopy(getattr(pg, name)) for name in names}
    return (
        traits,
        sets(pg),
        copy.deepcopy(t.data),
        copy.deepcopy(pg._given),
        dataclasses.asdict(t.settings),
        pg.model,
        pg.model.state_dict(),
        t.steps,
        pg.settings,
        copy.deepcopy(pg.points),
    )
