"""What the playground accepts: its settings and its data, each checked at the door.

One function per setting (:func:`check_setting`) serves the three places a
setting arrives: :func:`nn.playground`'s arguments, the widget's traits (set
from Python or from a control in the browser) and :class:`Settings` itself,
so each is refused in the same words (those of :mod:`autograd.checks`)
before anything is built or trained. :func:`dataset` does the same for the
data: a named data set of ``points`` points, or the user's ``(X, y)``, at most
:data:`MAX_POINTS` of either.

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
from nn.data import make_blobs, make_circles, make_moons
from nn.examples import examples
from nn.features import check_features
from nn.init import Init
from nn.layers import ACTIVATIONS as LAYER_ACTIVATIONS
from nn.optim import SGD, Adam, Optimizer, RMSprop

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
#: The datasets by name: two classes, 0 and 1, in about [-2, 3] x [-2, 2].
DATASETS = ("moons", "circles", "blobs")
#: The most points the playground trains on unless told otherwise (``max_points``).
MAX_POINTS = 2000
#: A step's time on MAX_POINTS points (1,500 of them for training), measured: an
#: MLP(2, [8, 8, 1]) takes 0.16 s, about 6 updates a second (200 points: 11 ms).
#: It grows with the points, so a refusal can say how long a step would take.
STEP_SECONDS = 0.16
#: The fewest points: three to train on and one to validate with.
LEAST_POINTS = 4
#: The most hidden layers, and units in one, the playground builds: it draws
#: every unit and wire, and a step's time grows with the weights (eight layers
#: of 64 on 200 points: 1.3 s a step, measured; ten sigmoid layers of 8, the
#: vanishing-gradient lesson, 0.03 s), so a larger network is refused at once
#: rather than left to hang; train one with nn.fit.
MOST_LAYERS, MOST_UNITS = 16, 64


def _hidden(value: object, name: str) -> list[int]:
    """The hidden layers' sizes: a non-empty list of whole numbers >= 1."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list of layer sizes such as [8, 8], got {shown(value)}")
    if not value:
        raise ValueError(f"{name} needs at least one layer, such as [8, 8], got []")
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


def check_points(points: object, max_points: object, where: str = "playground()") -> int:
    """How many points a named data set has: from 4 to ``max_points``.

    >>> check_points(10**6, 2000)
    Traceback (most recent call last):
    ...
    ValueError: playground() points=1000000 is more than max_points=2000: a step would take \
about 80 s; pass fewer points, or max_points=1000000 to train on them anyway
    """
    most = count(max_points, f"{where} max_points", least=LEAST_POINTS)
    number = count(points, f"{where} points", least=LEAST_POINTS)
    if number > most:
        raise ValueError(_too_many(f"{where} points={number}", number, most))
    return number


def _too_many(what: str, number: int, most: int) -> str:
    """The refusal of ``number`` points, more than ``most``: how long a step would take."""
    return (
        f"{what} is more than max_points={most}: a step would take about "
        f"{number * STEP_SECONDS / MAX_POINTS:.2g} s; pass fewer points, "
        f"or max_points={number} to train on them anyway"
    )


def dataset(
    data: Any,
    points: object = 200,
    seed: int = 0,
    max_points: object = MAX_POINTS,
    where: str = "playground()",
) -> tuple[list[list[float]], list[int]]:
    """``data`` as ``(X, y)``: a name of :data:`DATASETS` or the user's pair, checked.

    Raises:
        TypeError: ``data`` is neither a name nor a pair ``(X, y)``, or holds what is
            not a number.
        ValueError: an unknown name; points that are not 2-D, or NaN or infinite;
            fewer than 4 points or more than ``max_points``; labels other than 0 and 1.

    >>> X, y = dataset(([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 1, 1, 0]))
    >>> X[1], y
    ([1.0, 1.0], [0, 1, 1, 0])
    """
    wanted = f"{where} data must be one of {', '.join(DATASETS)} or a pair (X, y)"
    if isinstance(data, str):
        if data not in DATASETS:
            raise ValueError(f"{wanted}, got {shown(data)}")
        n = check_points(points, max_points, where)
        return {
            "moons": lambda: make_moons(n, noise=0.1, seed=seed),
            "circles": lambda: make_circles(n, noise=0.08, seed=seed),
            "blobs": lambda: make_blobs(n, centers=((-1.0, -1.0), (1.0, 1.0)), seed=seed),
        }[data]()
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise TypeError(f"{wanted}, got {shown(data)}")
    most = count(max_points, f"{where} max_points", least=LEAST_POINTS)
    X, y = examples(data[0], data[1], f"{where} data", width=2)
    if len(X) < LEAST_POINTS:
        raise ValueError(f"{where} data needs at least {LEAST_POINTS} points, got {len(X)}")
    if len(X) > most:
        raise ValueError(_too_many(f"{where} data of {len(X)} points", len(X), most))
    if set(y) - {0, 1}:
        raise ValueError(f"{where} labels must be 0 and 1, got {sorted(set(y))}")
    return X, [int(t) for t in y]


__all__ = [
    "ACTIVATIONS",
    "CONTROLS",
    "DATASETS",
    "INITS",
    "INIT_ALIASES",
    "INIT_RULES",
    "MAX_POINTS",
    "OPTIMIZERS",
    "PENALTIES",
    "SHOWN",
    "STEP_SECONDS",
    "Settings",
    "check_points",
    "check_setting",
    "dataset",
]
