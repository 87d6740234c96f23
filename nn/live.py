"""``playground()``: train an MLP live on 2-D data in a notebook, and its static view.

The widget itself is :class:`nn.playground_widget.Playground` (anywidget,
imported only when a playground is made); the training is
:class:`nn.trainer.Trainer`; the network view is :mod:`nn.live_network`.
This module holds what needs no widget: the function that makes one, and the
static snapshot (:func:`snapshot`) its display carries for untrusted notebooks.

>>> svg = boundary_svg([0, 100, 100, 0], 2, [[0.0, 0.0, 1, 1]], (-1.0, 1.0, -1.0, 1.0))
>>> svg.count("<rect"), svg.count("<circle")
(4, 1)
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

from autograd.viz import colors
from autograd.viz.render import image_url
from nn.layers import MLP, activation_name
from nn.playground_settings import ACTIVATIONS, MAX_POINTS, Settings, check_setting, dataset

#: Class 0 and class 1 as ``(r, g, b)``: :data:`autograd.viz.colors.CLASS_COLORS`, the
#: colours notebook 03 and the demo give them.
CLASSES = tuple(tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in colors.CLASS_COLORS)
#: The decision boundary's side, in pixels.
SIDE = 260


def shade(percent: float) -> str:
    """The background at a probability (in percent) of class 1: class 1's colour above 50,
    class 0's below, paler the nearer 50.

    >>> shade(100), shade(50), shade(0)
    ('#76ae87', '#ffffff', '#ad7fb5')
    """
    hue = CLASSES[1] if percent >= 50 else CLASSES[0]
    t = 0.6 * abs(percent - 50) / 50
    return "#" + "".join(f"{round(255 + (c - 255) * t):02x}" for c in hue)


def boundary_svg(
    grid: Sequence[int],
    n: int,
    points: Sequence[Sequence[float]],
    bounds: tuple[float, float, float, float],
) -> str:
    """The decision boundary as an SVG: n x n cells (rows from the top), and the points
    ``[x, y, label, train]`` (validation points drawn hollow)."""
    x0, x1, y0, y1 = bounds
    cell = SIDE / n
    parts = [
        f'<rect x="{c * cell:.1f}" y="{r * cell:.1f}" width="{cell + 0.5:.1f}" '
        f'height="{cell + 0.5:.1f}" fill="{shade(grid[r * n + c])}"/>'
        for r in range(n)
        for c in range(n)
    ]
    for x, y, label, train in points:
        px, py = (x - x0) / (x1 - x0) * SIDE, (y1 - y) / (y1 - y0) * SIDE
        hue = colors.CLASS_COLORS[int(label)]
        fill = hue if train else "white"
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{fill}" stroke="{hue}" '
            'stroke-width="1.5"/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIDE}" height="{SIDE}" '
        f'viewBox="0 0 {SIDE} {SIDE}">{"".join(parts)}</svg>'
    )


def palette(names: Sequence[str] = ("class 0", "class 1")) -> dict[str, Any]:
    """The colours the playground's front end draws with, as data: each class's (and its
    name, for the key) and the alarm's (a flagged neuron's border); the network view's
    wires and neurons come coloured in each update.

    >>> palette()["classes"], palette()["names"]
    (['#762a83', '#1b7837'], ['class 0', 'class 1'])
    """
    return {
        "classes": list(colors.CLASS_COLORS),
        "names": list(names),
        "alarm": colors.ALARM,
    }


def class_key(names: Sequence[str] = ("class 0", "class 1")) -> str:
    """The classes' key as HTML: a dot in each class's colour, and its name."""
    return " ".join(
        f'<span style="color:{c}">\u25cf</span> {html.escape(n)}'
        for c, n in zip(colors.CLASS_COLORS, names, strict=True)
    )


def snapshot(boundary: str, network: str, lines: Sequence[str], hint: str) -> str:
    """The static view: the boundary (with its classes' key) and the network as pictures,
    and the numbers as text."""
    return (
        f'<div><p style="font-size:13px">{html.escape(hint)}</p>'
        f'<img alt="decision boundary" src="{image_url(boundary)}"> '
        f'<p style="font-size:13px">{class_key()}; filled: training, hollow: validation</p>'
        f'<div style="overflow-x:auto"><img alt="the network" src="{image_url(network)}" '
        'style="max-width:none"></div>'
        f'<pre style="font-size:13px">{html.escape(chr(10).join(lines))}</pre></div>'
    )


def playground(
    model_or_sizes: Any = (8, 8),
    data: Any = "moons",
    *,
    lr: float = 0.1,
    optimizer: str = "sgd",
    activation: str = "tanh",
    init: str = "default",
    penalty: str = "none",
    rate: float = 1e-3,
    points: int = 200,
    seed: int = 0,
    max_points: int = MAX_POINTS,
) -> Any:
    """A live training playground: an MLP learning to separate two classes of 2-D points.

    Play, pause or take one step; change the learning rate, optimizer,
    activation, init, penalty and hidden layers as it trains; watch the
    decision boundary, the training and validation loss, and the network
    view (each weight and neuron coloured by its gradient, or its value) with
    its vanishing and exploding flags. A quarter of the points are held out
    for validation (drawn hollow); the validation loss and the boundary are
    the model's in evaluation mode (dropout off), as :func:`nn.fit` evaluates.

    Python holds the state: ``pg.model`` is the live Module (take ``pg.lock``
    to read it mid-training), ``pg.playing`` starts and stops training,
    ``pg.step`` counts the steps, ``pg.train(n)`` takes ``n`` steps now.
    A control set to a value the playground lacks is refused (from Python,
    ``traitlets.TraitError``; from the browser, rolled back) and ``pg.error``
    says why. Training that diverges (a loss, gradient or weight becomes NaN
    or infinite) stops: ``pg.error`` says at which step and with which
    learning rate, the model is kept as it was after the last good step, and
    ``pg.train(n)`` raises ``FloatingPointError`` with the same message.

    Args:
        model_or_sizes: an ``MLP(2, [..., 1])`` to train, or the hidden layers'
            sizes (default ``(8, 8)``: ``MLP(2, [8, 8, 1])``; at most 16 layers of
            at most 64 units). Changing the activation, init or layers builds a new MLP.
        data: "moons", "circles", "blobs", or ``(X, y)`` with 2-D points and labels 0 and 1.
        lr (>= 0), optimizer ("sgd", "momentum", "adam", "rmsprop"), activation, init,
            penalty ("none", "l1", "l2") and its ``rate`` (>= 0): the controls' starting
            values. The inits are those of :mod:`nn.init`, each named with its numbers:
            "default", "xavier", "he", "uniform(0, 1)", "normal(0, 1)", "normal(0, 0.01)"
            (std 0.01, the small start) and "zeros"; "uniform" and "normal" are taken
            too, as their (0, 1) forms. A ``("constant", val)`` start: pass an MLP built
            with it.
        points: how many points a named dataset has, from 4 to ``max_points``; seed:
            its seed, the split's and the model's.
        max_points: the most points trained on, named or the user's (default 2,000:
            a step on 2,000 points takes about 0.16 s, 200 points 11 ms; a step's time
            grows with the points).

    Raises:
        ImportError: anywidget is not installed (the message says how).
        TypeError, ValueError: any argument the playground lacks (checked before
            anything is built): an unknown control value or dataset, a count that is
            not a whole number, NaN or infinite points, labels other than 0 and 1,
            more points than ``max_points``.

    >>> pg = playground([4], "circles", lr=0.3, points=60)
    >>> pg.train(5).step, len(pg.trainer.loss)
    (5, 5)
    >>> playground([4], init="normal", points=60).init  # nn.init's name, shown with its numbers
    'normal(0, 1)'
    >>> playground([4], points=10**6)
    Traceback (most recent call last):
    ...
    ValueError: playground() points=1000000 is more than max_points=2000: a step would take \
about 80 s; pass fewer points, or max_points=1000000 to train on them anyway
    """
    from autograd.viz.widgets import need_anywidget

    need_anywidget("playground()")
    from nn.playground_widget import Playground

    if isinstance(model_or_sizes, Sequence) and not isinstance(model_or_sizes, str):
        sizes, model = check_setting("hidden", model_or_sizes, "playground()"), None
    else:
        model = _check_model(model_or_sizes)
        sizes = [len(layer.neurons) for layer in model.layers[:-1]]
        # The controls start at the model's own activation, not the default.
        shown = activation_name(model.layers[0].neurons[0].activation)
        activation = shown if shown in ACTIVATIONS else activation
    settings = Settings(sizes, activation, init, optimizer, lr, penalty, rate, seed)
    settings.check("playground()")
    X, y = dataset(data, points, settings.seed, max_points)
    return Playground((X, y), settings, model, len(X), max_points)


def _check_model(model: object) -> MLP:
    """``model`` if the playground can train it: an MLP from 2 inputs to 1 output, finite."""
    if not isinstance(model, MLP):
        raise TypeError(
            f"playground() trains an MLP(2, [..., 1]) or takes hidden sizes such as [8, 8], "
            f"got {type(model).__name__}"
        )
    nin, nout = len(model.layers[0].neurons[0].w), len(model.layers[-1].neurons)
    if (nin, nout) != (2, 1):
        raise ValueError(
            f"playground() needs 2 inputs (a point's x0 and x1) and 1 output (the logit of "
            f"class 1), got {model!r}"
        )
    for name, p in model.named_parameters():
        if not math.isfinite(p.data):
            raise ValueError(f"playground() model's {name} is {p.data!r}: train finite weights")
    return model


__all__ = ["CLASSES", "boundary_svg", "class_key", "palette", "playground", "shade", "snapshot"]
