"""``fit``'s arguments, checked at the door: all of them, before the first step.

:func:`check_fit` reads every argument of :func:`nn.fit` with the check of
its kind (:mod:`autograd.checks`, :mod:`nn.examples`) and returns them as
:class:`FitArgs`; a refusal raises before any weight, optimizer buffer or
schedule has moved. A wrong kind is a ``TypeError`` and a number out of range
a ``ValueError``, as PyTorch's ``DataLoader`` and optimizers refuse them; the
messages name ``fit()`` and the argument, and never print a whole data set.

>>> from nn import MLP
>>> from nn.losses import mse
>>> from nn.optim import SGD
>>> model = MLP(2, [1], seed=0)
>>> check_fit(model, [[1.0, 2.0]], [0.5], loss=mse, optimizer=SGD(model.parameters(), lr=0.1),
...           epochs=1, batch_size=0)
Traceback (most recent call last):
...
ValueError: fit() batch_size must be a whole number >= 1 or None, got 0
>>> check_fit(model, [[1.0, 2.0]], [0.5], loss="mse", optimizer=None, epochs=1)
Traceback (most recent call last):
...
TypeError: fit() loss must be a function loss(predictions, targets), got 'mse' (a str): \
pass the function nn.losses.mse, not its name
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from autograd import checks
from autograd.checks import count, flag, one_of_types
from nn import losses
from nn.examples import examples
from nn.layers import MLP, Layer, Neuron
from nn.optim import Optimizer
from nn.schedules import CosineLR, StepLR
from nn.stopping import EarlyStopping


@dataclass(frozen=True)
class FitArgs:
    """:func:`nn.fit`'s arguments as checked: the data as lists of floats, counts as ints."""

    X: list[list[float]]
    y: list[Any]
    validation: tuple[list[list[float]], list[Any]] | None
    epochs: int
    batch_size: int | None
    progress: bool
    callbacks: tuple[Callable[..., Any], ...]
    seed: int | None
    clip_grad_norm: float | None
    target_loss: float | None


def model_width(model: object) -> int | None:
    """How many inputs ``model`` takes, for the models that say (MLP, Layer, Neuron).

    >>> model_width(MLP(3, [4, 1])), model_width(abs)
    (3, None)
    """
    if isinstance(model, MLP):
        return len(model.layers[0].neurons[0].w)
    if isinstance(model, Layer):
        return len(model.neurons[0].w)
    if isinstance(model, Neuron):
        return len(model.w)
    return None


def check_loss(loss: object, where: str) -> Callable[..., Any]:
    """``loss`` if it is a function; a loss's name gets told to pass the function."""
    if callable(loss):
        return loss
    hint = ""
    if isinstance(loss, str) and loss in losses.__all__:
        hint = f": pass the function nn.losses.{loss}, not its name"
    raise TypeError(
        f"{where} loss must be a function loss(predictions, targets), "
        f"got {checks.described(loss)}{hint}"
    )


def _instance(value: object, name: str, wanted: str, *classes: type) -> None:
    """Refuse a class where an instance is wanted: ``EarlyStopping``, not ``EarlyStopping()``."""
    if isinstance(value, type) and issubclass(value, classes):
        raise TypeError(
            f"{name} must be {wanted}, got the class {value.__name__} itself (add the brackets)"
        )


def _parts(model: object, optimizer: object, scheduler: object, early_stopping: object) -> None:
    """The objects fit() uses: a model, an optimizer, its schedule, an early-stopping rule."""
    if not callable(model):
        raise TypeError(
            f"fit() model must be a model such as MLP(2, [8, 1]), got {checks.described(model)}"
        )
    wanted = "an optimizer such as SGD(model.parameters(), lr=0.1)"
    _instance(optimizer, "fit() optimizer", wanted, Optimizer)
    one_of_types(optimizer, "fit() optimizer", wanted, Optimizer)
    wanted = "a StepLR(optimizer, ...) or CosineLR(optimizer, ...), or None"
    _instance(scheduler, "fit() scheduler", wanted, StepLR, CosineLR)
    one_of_types(scheduler, "fit() scheduler", wanted, StepLR, CosineLR, type(None))
    if scheduler is not None and scheduler.optimizer is not optimizer:  # type: ignore[attr-defined]
        raise ValueError("fit() scheduler must schedule the optimizer fit() steps")
    wanted = "an EarlyStopping(...) such as EarlyStopping(patience=5), or None"
    _instance(early_stopping, "fit() early_stopping", wanted, EarlyStopping)
    one_of_types(early_stopping, "fit() early_stopping", wanted, EarlyStopping, type(None))


def _callbacks(callbacks: object) -> tuple[Callable[..., Any], ...]:
    """A list (any iterable) of functions ``callback(epoch, history)``."""
    wanted = "a list of functions callback(epoch, history)"
    if callable(callbacks):
        raise TypeError(f"fit() callbacks must be {wanted}; for one function f write [f]")
    if isinstance(callbacks, (str, bytes)) or not isinstance(callbacks, Iterable):
        raise TypeError(f"fit() callbacks must be {wanted}, got {checks.described(callbacks)}")
    found = tuple(callbacks)
    for i, hook in enumerate(found):
        if not callable(hook):
            raise TypeError(
                f"fit() callbacks[{i}] must be a function callback(epoch, history), "
                f"got {checks.described(hook)}"
            )
    return found


def _data(
    model: object, X: Any, y: Any, validation: object
) -> tuple[list[list[float]], list[Any], tuple[list[list[float]], list[Any]] | None]:
    """``X`` and ``y``, of the model's width; the validation pair, of the same width."""
    X, y = examples(X, y, "fit()", model_width(model))
    if validation is None:
        return X, y, None
    if not isinstance(validation, (tuple, list)) or len(validation) != 2:
        raise TypeError(
            f"fit() validation must be a pair (X_val, y_val), got {checks.described(validation)}"
        )
    return X, y, examples(validation[0], validation[1], "fit() validation", len(X[0]))


def check_fit(
    model: object,
    X: Any,
    y: Any,
    *,
    loss: object,
    optimizer: object,
    epochs: object,
    batch_size: object = None,
    progress: object = True,
    callbacks: object = (),
    seed: object = 0,
    validation: object = None,
    scheduler: object = None,
    clip_grad_norm: object = None,
    early_stopping: object = None,
    target_loss: object = None,
) -> FitArgs:
    """Every argument of :func:`nn.fit` checked, in fit's words, or a refusal (nothing changed)."""
    check_loss(loss, "fit()")
    _parts(model, optimizer, scheduler, early_stopping)
    settings = {
        "epochs": count(epochs, "fit() epochs", least=0),
        "batch_size": checks.optional(checks.count, batch_size, "fit() batch_size"),
        "progress": flag(progress, "fit() progress"),
        "callbacks": _callbacks(callbacks),
        "seed": checks.seed(seed, "fit() seed"),
        "clip_grad_norm": checks.optional(
            checks.real, clip_grad_norm, "fit() clip_grad_norm", low=0.0
        ),
        "target_loss": checks.optional(checks.real, target_loss, "fit() target_loss"),
    }
    X, y, pair = _data(model, X, y, validation)
    return FitArgs(X=X, y=y, validation=pair, **settings)


__all__ = ["FitArgs", "check_fit", "check_loss", "model_width"]
