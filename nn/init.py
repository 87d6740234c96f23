"""Initial weights and biases for a neuron: the rules of ``torch.nn.init``, by name.

``init`` is a name, or a name followed by its numbers as ``torch.nn.init``
takes them positionally:

========================  ===================================================
``"default"``             uniform with variance gain²/nin (chainrule's rule, below)
``"xavier"``              ``xavier_uniform_(w, gain=calculate_gain(activation))``
``"he"``                  ``kaiming_uniform_(w, mode="fan_in", nonlinearity=activation)``
``"uniform"``             ``uniform_(w, a=0.0, b=1.0)``; ``("uniform", a, b)``
``"normal"``              ``normal_(w, mean=0.0, std=1.0)``; ``("normal", mean, std)``
``"zeros"``               ``zeros_``: weights **and bias** 0.0
``"constant"``            ``("constant", val)``: weights **and bias** ``val``
========================  ===================================================

Every rule but ``"zeros"`` and ``"constant"`` leaves the bias at 0.0 (PyTorch's
``nn.Linear`` draws it from uniform(±1/sqrt(fan_in)); chainrule keeps 0.0, so
a bias never hides what the weights are doing). ``"zeros"`` and ``"constant"``
set the bias too, so every neuron of a layer starts identical: the symmetry
that gradient descent cannot break.

``fan_in`` is the neuron's number of inputs, ``fan_out`` its layer's width, as
for a ``torch.nn.Linear(fan_in, fan_out)`` weight.

>>> import random
>>> weights(("constant", 0.5), 2, 3, "tanh", random.Random(0)), bias(("constant", 0.5))
([0.5, 0.5], 0.5)
>>> gain("tanh")
1.6666666666666667
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from autograd.checks import real, shown

#: The names ``init`` may take.
INITS = ("default", "xavier", "he", "uniform", "normal", "zeros", "constant")

#: What ``init`` may be: a name, or a name and its numbers.
Init = str | tuple[object, ...]

# chainrule's "default": uniform with variance gain**2 / nin (fan-in form): He
# for the rectifiers (gain**2 = 2, or 2 / (1 + 0.01**2) for leaky_relu's slope),
# LeCun for the rest (gain 1, tanh included, where PyTorch's gain is 5/3). This
# keeps each layer's pre-activations at about unit variance, so tanh neither
# saturates nor vanishes at the start.
_GAIN_SQUARED = {
    "tanh": 1.0,
    "relu": 2.0,
    "sigmoid": 1.0,
    "leaky_relu": 2.0 / (1.0 + 0.01**2),
    # step passes no gradient, so no gain can help it; 1.0 keeps its inputs at unit variance.
    "step": 1.0,
    "linear": 1.0,
}

# Each rule's numbers and their defaults, as torch.nn.init's signatures.
_NUMBERS: dict[str, tuple[str, tuple[float, ...]]] = {
    "uniform": ("a, b", (0.0, 1.0)),
    "normal": ("mean, std", (0.0, 1.0)),
    "constant": ("val", ()),
}


def gain(activation: str | Callable[..., object]) -> float:
    """``torch.nn.init.calculate_gain`` for a neuron's activation (leaky_relu's slope 0.01).

    A callable activation (and ``"step"``) gets 1.0: nothing is known about it.

    >>> gain("linear"), gain("sigmoid"), gain("step"), gain(abs)
    (1.0, 1.0, 1.0, 1.0)
    """
    if activation == "tanh":
        return 5.0 / 3.0
    if activation == "relu":
        return math.sqrt(2.0)
    if activation == "leaky_relu":
        return math.sqrt(2.0 / (1.0 + 0.01**2))
    return 1.0


def check(init: object) -> tuple[str, tuple[float, ...]]:
    """``init`` as (name, numbers), the defaults filled in.

    As ``torch.nn.init``: ``uniform``'s ``a <= b`` (and ``b - a`` a finite
    number), ``normal``'s ``std >= 0``; every number finite (torch would
    fill the weights with infinities).

    Raises:
        ValueError: an unknown name (the message lists :data:`INITS`), a missing
            constant, the wrong count of numbers, a number that is NaN,
            infinite or too large for a float, ``a > b``, or ``std`` < 0.
        TypeError: a number that is not a number (a string, a bool).

    >>> check("normal"), check(("uniform", -0.5, 0.5))
    (('normal', (0.0, 1.0)), ('uniform', (-0.5, 0.5)))
    >>> check("constant")
    Traceback (most recent call last):
    ...
    ValueError: init 'constant' needs its value, e.g. ("constant", 0.5)
    >>> check(("he", 2.0))
    Traceback (most recent call last):
    ...
    ValueError: init 'he' takes (no numbers), got ('he', 2.0)
    >>> check(("uniform", 1.0, 0.0))
    Traceback (most recent call last):
    ...
    ValueError: init 'uniform' (a, b) needs a <= b: got (1.0, 0.0)
    >>> check("glorot")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: init must be one of ('default', 'xavier', 'he', ..., 'constant'), got 'glorot'
    """
    name, *given = init if isinstance(init, tuple) and init else (init,)
    if not isinstance(name, str) or name not in INITS:
        raise ValueError(f"init must be one of {INITS}, got {shown(init)}")
    what, defaults = _NUMBERS.get(name, ("", ()))
    if name == "constant" and not given:
        raise ValueError("init 'constant' needs its value, e.g. (\"constant\", 0.5)")
    labels = what.split(", ") if what else []
    if given and len(given) != len(labels):
        raise ValueError(f"init {name!r} takes ({what or 'no numbers'}), got {shown(init)}")
    numbers = tuple(
        real(n, f"init {name!r} {label}", low=0.0 if label == "std" else -math.inf)
        for n, label in zip(given, labels[: len(given)], strict=True)
    )
    return name, _bounded(name, numbers or defaults)


def _bounded(name: str, numbers: tuple[float, ...]) -> tuple[float, ...]:
    """``uniform``'s (a, b): ``a <= b`` and ``b - a`` finite, as torch's ``uniform_`` checks.

    ``a == b`` is allowed, as torch allows it (every weight is then ``a``).
    """
    if name == "uniform":
        a, b = numbers
        if a > b:
            raise ValueError(f"init 'uniform' (a, b) needs a <= b: got ({a!r}, {b!r})")
        if not math.isfinite(b - a):
            raise ValueError(
                f"init 'uniform' needs b - a to be a finite number, got ({a!r}, {b!r})"
            )
    return numbers


def bound(name: str, fan_in: int, fan_out: int, activation: str | Callable[..., object]) -> float:
    """The half-width ``a`` of uniform(-a, a) for ``"default"``, ``"xavier"`` or ``"he"``.

    >>> bound("he", 3, 1, "linear"), bound("xavier", 2, 4, "linear")
    (1.0, 1.0)
    """
    if name == "default":
        # Uniform on [-a, a] has variance a**2 / 3.
        return math.sqrt(
            3.0 * (_GAIN_SQUARED[activation] if isinstance(activation, str) else 1.0) / fan_in
        )
    if name == "xavier":
        return gain(activation) * math.sqrt(6.0 / (fan_in + fan_out))
    if name == "he":
        return gain(activation) * math.sqrt(3.0 / fan_in)
    raise ValueError(f"init {name!r} is not uniform(-a, a)")


def weights(
    init: Init,
    fan_in: int,
    fan_out: int,
    activation: str | Callable[..., object],
    rng: random.Random,
) -> list[float]:
    """A neuron's ``fan_in`` initial weights, drawn from ``rng``.

    >>> weights("zeros", 3, 1, "relu", random.Random(0))
    [0.0, 0.0, 0.0]
    >>> w = weights("he", 6, 1, "relu", random.Random(0))
    >>> len(w), all(-1.0 <= x <= 1.0 for x in w)
    (6, True)
    """
    name, numbers = check(init)
    if name == "zeros":
        return [0.0] * fan_in
    if name == "constant":
        return [numbers[0]] * fan_in
    if name == "uniform":
        return [rng.uniform(*numbers) for _ in range(fan_in)]
    if name == "normal":
        drawn = [rng.gauss(*numbers) for _ in range(fan_in)]
        if not all(math.isfinite(w) for w in drawn):  # mean + std * z can overflow
            raise ValueError(f"init {init!r} drew an infinite weight: mean and std are too large")
        return drawn
    a = bound(name, fan_in, fan_out, activation)
    return [rng.uniform(-a, a) for _ in range(fan_in)]


def bias(init: Init) -> float:
    """A neuron's initial bias: ``val`` for ``"constant"``, else 0.0.

    >>> bias("he"), bias("zeros")
    (0.0, 0.0)
    """
    name, numbers = check(init)
    return numbers[0] if name == "constant" else 0.0


__all__ = ["INITS", "Init", "bias", "bound", "check", "gain", "weights"]
