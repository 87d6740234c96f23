"""What the playground accepts: its settings and its data, each checked at the door.

One function per setting (:func:`check_setting`) serves the three places a
setting arrives: :func:`nn.playground`'s arguments, the widget's traits (set
from Python or from a control in the browser) and :class:`Settings` itself,
so each is refused in the same words (those of :mod:`autograd.checks`)
before anything is built or trained. :func:`dataset` does the same for the
data: a named data set of ``points`` points, or the user's ``(X, y)``, at most
:data:`MAX_POINTS` of either (it and :func:`task_of`, what the targets ask the
model to learn, live in :mod:`nn.widgets.playground_data` and are re-exported here).

>>> check_setting("hidden", (8, 8)), check_setting("lr", 1)
([8, 8], 1.0)
>>> check_setting("init", "normal")  # nn.init's name: the control shows its numbers
'normal(0, 1)'
>>> check_setting("init", "constant")
Traceback (most recent call last):
...
ValueError: playground init must be one of default, xavier, he, uniform(0, 1), normal(0, 1), \
normal(0, 0.01), zeros, got 'constant' ('constant' needs its value: build \
MLP(2, [..., 1], init=("constant", 0.5)) and pass the model)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from autograd import Value
from autograd.checks import choice, count, optional, real, shown
from nn.features import check_features
from nn.init import Init
from nn.layers import ACTIVATIONS as LAYER_ACTIVATIONS
from nn.optim import SGD, Adam, Optimizer, RMSprop
from nn.widgets.playground_data import (
    DATASETS,
    LEAST_POINTS,
    MAX_POINTS,
    MOST_CLASSES,
    NOISE,
    STEP_SECONDS,
    check_points,
    dataset,
    task_of,
)

#: The optimizers the playground offers, by name: each made from (parameters, lr).
OPTIMIZERS: dict[str, Callable[[list[Value], float], Optimizer]] = {
    "sgd": lambda p, lr: SGD(p, lr),
    "momentum": lambda p, lr: SGD(p, lr, momentum=0.9),
    "adam": lambda p, lr: Adam(p, lr),
    "rmsprop": lambda p, lr: RMSprop(p, lr),
}
#: nn's activations but "step": nothing before a step learns (its gradient is 0).
ACTIVATIONS = tuple(name for name in LAYER_ACTIVATIONS if name != "step")
#: The inits the playground offers, by the name its control shows, each as :mod:`nn.init`
#: takes it. A name with numbers says them as ``torch.nn.init`` takes them, ``uniform(a, b)``
#: and ``normal(mean, std)``: "normal(0, 0.01)" is the small start one of the articles
#: recommends, N(0, 0.01), standard deviation 0.01. "constant" needs its value: pass a model.
INIT_RULES: dict[str, Init] = {
    "default": "default",
    "xavier": "xavier",
    "he": "he",
    "uniform(0, 1)": ("uniform", 0.0, 1.0),
    "normal(0, 1)": ("normal", 0.0, 1.0),
    "normal(0, 0.01)": ("normal", 0.0, 0.01),
    "zeros": "zeros",
}
INITS = tuple(INIT_RULES)
#: :mod:`nn.init`'s own names of two of them, still taken (kept as the control's names).
INIT_ALIASES = {"uniform": "uniform(0, 1)", "normal": "normal(0, 1)"}
PENALTIES = ("none", "l1", "l2")
#: What the network view colours by: each weight's gradient, or its value.
SHOWN = ("grad", "weight")
#: The most hidden layers, and units in one, the playground builds: it draws
#: every unit and wire, and a step's time grows with the weights (eight layers
#: of 64 on 200 points: 1.3 s a step, measured; ten sigmoid layers of 8, the
#: vanishing-gradient lesson, 0.03 s), so a larger network is refused at once
#: rather than left to hang; train one with nn.fit.
MOST_LAYERS, MOST_UNITS = 16, 64


def _hidden(value: object, name: str) -> list[int]:
    """The hidden layers' sizes: a list of whole numbers >= 1; none, [], is a linear model
    (the features alone: on xor, x1·x2 is enough)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list of layer sizes such as [8, 8], got {shown(value)}")
    if len(value) > MOST_LAYERS:
        raise ValueError(
            f"{name} has {len(value)} layers; the playground draws at most {MOST_LAYERS} "
            "(train a deeper network with nn.fit)"
        )
    return [count(n, f"{name}[{i}]", least=1, most=MOST_UNITS) for i, n in enumerate(value)]


def _init(value: object, name: str) -> str:
    if value == "constant":
        raise ValueError(
            f"{name} must be one of {', '.join(INITS)}, got 'constant' ('constant' needs its "
            'value: build MLP(2, [..., 1], init=("constant", 0.5)) and pass the model)'
        )
    if isinstance(value, str) and value in INIT_ALIASES:
        return INIT_ALIASES[value]
    return choice(value, name, INITS)


#: Each setting's check: (value, its name in messages) -> the value as the playground keeps it.
_CHECKS: dict[str, Callable[[object, str], Any]] = {
    "hidden": _hidden,
    "activation": lambda v, name: choice(v, name, ACTIVATIONS),
    "init": _init,
    "optimizer": lambda v, name: choice(v, name, OPTIMIZERS),
    # As torch.optim: lr >= 0 and a weight decay (the penalty's rate) >= 0.
    "lr": lambda v, name: real(v, name, low=0.0),
    "penalty": lambda v, name: choice(v, name, PENALTIES),
    "rate": lambda v, name: real(v, name, low=0.0),
    "show": lambda v, name: choice(v, name, SHOWN),
    "seed": lambda v, name: count(v, name, least=0),
    "features": check_features,
    # None: every training point in one step; a batch larger than the training set: all of it.
    "batch_size": lambda v, name: optional(count, v, name, least=1),
    # As train_test_split's test_size, a fraction: both parts need a point (checked with the data).
    "test_fraction": lambda v, name: real(
        v, name, low=0.0, high=1.0, low_open=True, high_open=True
    ),
}
#: The settings a control changes (every one of them but the seed).
CONTROLS = tuple(name for name in _CHECKS if name != "seed")


def check_setting(name: str, value: object, where: str = "playground") -> Any:
    """``value`` as setting ``name`` keeps it, or TypeError / ValueError naming ``where name``.

    >>> check_setting("rate", -1.0, "playground()")
    Traceback (most recent call last):
    ...
    ValueError: playground() rate must be a finite number >= 0, got -1.0
    """
    return _CHECKS[name](value, f"{where} {name}")


@dataclass
class Settings:
    """What the playground's controls set (the hidden layers' sizes, output excluded)."""

    hidden: list[int] = field(default_factory=lambda: [8, 8])
    activation: str = "tanh"
    init: str = "default"
    optimizer: str = "sgd"
    lr: float = 0.1
    penalty: str = "none"
    rate: float = 1e-3  # the penalty's weight
    seed: int = 0
    #: The model's inputs, from :data:`nn.features.FEATURES`, kept in that order.
    features: tuple[str, ...] = ("x1", "x2")
    batch_size: int | None = None  # None: all the training points, as fit's
    test_fraction: float = 0.25  # held out for validation

    def check(self, where: str = "playground") -> None:
        """Each setting through :func:`check_setting`, kept as it returns it (``[8, 8]``, floats).

        Raises:
            TypeError, ValueError: the first setting the playground lacks, in the control's words.
        """
        for name in (f.name for f in fields(self)):
            setattr(self, name, check_setting(name, getattr(self, name), where))


__all__ = [
    "ACTIVATIONS",
    "CONTROLS",
    "DATASETS",
    "INITS",
    "INIT_ALIASES",
    "INIT_RULES",
    "LEAST_POINTS",
    "MAX_POINTS",
    "MOST_CLASSES",
    "NOISE",
    "OPTIMIZERS",
    "PENALTIES",
    "SHOWN",
    "STEP_SECONDS",
    "Settings",
    "check_points",
    "check_setting",
    "dataset",
    "task_of",
]
