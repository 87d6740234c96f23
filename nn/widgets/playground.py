"""``playground()``: the door to the playground widget, checking everything before it is built.

The widget itself is :class:`nn.widgets.playground_widget.Playground` (anywidget,
imported only when a playground is made); the training is
:class:`nn.widgets.trainer.Trainer`; the network view is
:mod:`nn.widgets.network_view`; the boundary and the snapshot are
:mod:`nn.widgets.playground_view`.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Sequence
from typing import Any

from autograd.kinds import class_name
from nn.layers import MLP, activation_name
from nn.widgets.playground_settings import (
    ACTIVATIONS,
    MAX_POINTS,
    NOISE,
    Settings,
    check_setting,
    dataset,
)
from nn.widgets.playground_share import check_hide, playground_arguments


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
    noise: float | None = None,
    seed: int = 0,
    features: Sequence[str] = ("x1", "x2"),
    batch_size: int | None = None,
    test_fraction: float = 0.25,
    max_points: int = MAX_POINTS,
    heatmaps: bool = True,
    show: str = "grad",
    settings: dict[str, Any] | None = None,
    hide: Sequence[str] = (),
) -> Any:
    """A live training playground: an MLP learning two classes, k classes or a regression
    of 2-D points, as TensorFlow Playground has them.

    Play, pause or take one step; change the learning rate, optimizer,
    activation, init, penalty and hidden layers, and the data's controls (the
    data set, its noise, the share held out, the batch size, the features, "show
    test data", "discretize output") as it trains; watch the decision boundary
    (a regression's fitted surface), the training and validation loss, and the
    network view (each weight and neuron coloured by its gradient, or its value)
    with its vanishing and exploding flags. The task comes from the data: labels
    0 and 1, labels 0 .. k-1 (k from 3 to 6: k outputs, softmax and cross-entropy)
    or real targets (a linear output and the mean squared error). The held-out
    points are drawn hollow; the validation loss and the boundary are the model's
    in evaluation mode (dropout off), as :func:`nn.fit` evaluates. A click in the
    boundary's panel adds a point of your own, once "a click" (last in the data's
    row) is set to a class (or a value); a shift-click removes one (``pg.add_point``,
    ``pg.remove_point``).

    Python holds the state: ``pg.model`` is the live Module (take ``pg.lock``
    to read it mid-training), ``pg.playing`` starts and stops training,
    ``pg.step`` counts the steps, ``pg.train(n)`` takes ``n`` steps now.
    ``pg.explain(i)`` plays point ``i``'s loss (``X``, ``y`` order) at the current
    weights, forward, backward and the optimizer's next step (:func:`nn.explain`);
    clicking a point opens that player under the playground, and hovering a
    weight's wire in the network view shows its update there.
    A control set to a value the playground lacks is refused (from Python,
    ``traitlets.TraitError``; from the browser, rolled back) and ``pg.error``
    says why. Training that diverges (a loss, gradient or weight becomes NaN
    or infinite) stops: ``pg.error`` says at which step and with which
    learning rate, and which op first gave a non-finite value, in which unit
    (that step re-run on copies under ``detect_anomaly``:
    :mod:`nn.widgets.divergence`); the model is kept as it was after the last
    good step, and ``pg.train(n)`` raises ``FloatingPointError`` with the same
    message. ``pg.reset()`` starts again from a fresh model, and
    ``pg.reset(lr=pg.lr / 10)`` with a tenth of the learning rate (the button
    a diverged playground shows).
    It trains in a thread; where none can start (Pyodide), in an asyncio task on
    the running event loop, with the same behaviour (:mod:`nn.widgets.runner`).

    Args:
        model_or_sizes: an MLP to train (as many inputs as features, as many outputs
            as the task has), or the hidden layers' sizes (default ``(8, 8)``:
            ``MLP(2, [8, 8, 1])``; at most 16 layers of at most 64 units; ``[]``, a
            linear model). Changing the activation, init, layers, features or split
            builds a new MLP.
        data: "moons", "circles", "blobs", "xor", "spiral", "plane" or "gaussians"
            (the last two regressions), or ``(X, y)``: 2-D points, and labels
            0 .. k-1 or real targets (lists or NumPy arrays).
        lr (>= 0), optimizer ("sgd", "momentum", "adam", "rmsprop"), activation, init,
            penalty ("none", "l1", "l2") and its ``rate`` (>= 0): the controls' starting
            values. The inits are those of :mod:`nn.init`, each named with its numbers:
            "default", "xavier", "he", "uniform(0, 1)", "normal(0, 1)", "normal(0, 0.01)"
            (std 0.01, the small start) and "zeros"; "uniform" and "normal" are taken
            too, as their (0, 1) forms. A ``("constant", val)`` start: pass an MLP built
            with it.
        points: how many points a named dataset has, from 4 to ``max_points``;
            noise: its noise (None: the data set's own, :data:`NOISE`); seed: its
            seed, the split's, the batches' and the model's.
        features: the model's inputs, from ``x1, x2, x1², x2², x1·x2, sin x1, sin x2``.
        batch_size: points a step (None: all, as ``fit(batch_size=None)``); each step
            is the one ``fit(..., batch_size, seed)`` takes.
        test_fraction: the share of the points held out for validation.
        max_points: the most points trained on, named or the user's (default 2,000:
            a step on 2,000 points takes about 0.16 s, 200 points 11 ms; a step's time
            grows with the points).
        heatmaps: draw each hidden and output unit's output over the plane beside
            it, redrawn as it trains (hover or click a unit to see it large over the
            data); the "heatmaps" box, or ``pg.heatmaps``, switches them.
        show: colour the network by each weight's "grad" or its "weight".
        settings: ``pg.settings`` of another playground (a plain dict, as JSON reads
            it back): this one is built from it alone, the same data, controls, view
            toggles, seed and starting weights, so it has the same weights after the
            same steps. No other argument but ``hide`` and ``max_points`` may be given
            with it.
        hide: the controls a lesson leaves out (any of ``"lr"``, ``"optimizer"``,
            ``"activation"``, ``"init"``, ``"penalty"``, ``"rate"``, ``"show"``,
            ``"hidden"``, ``"heatmaps"``, and in the data's row ``"data"``, ``"noise"``,
            ``"test_fraction"``, ``"batch_size"``, ``"features"``, ``"show_test"``,
            ``"discretize"``, ``"click"``); Python can still set them.

    ``pg.save_html(path)`` writes a standalone page of the playground as it stands,
    with the settings that rebuild it.

    Raises:
        ImportError: anywidget is not installed (the message says how).
        TypeError, ValueError: any argument the playground lacks (checked before
            anything is built): an unknown control value or dataset, a count that is
            not a whole number, NaN or infinite points, labels with a gap (0 and 5),
            more than 6 classes, more points than ``max_points``, a model whose inputs
            or outputs do not fit the features or the task.

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
    from autograd.viz.views.widgets import need_anywidget

    need_anywidget("playground()")
    from nn.widgets.playground_widget import Playground  # needs anywidget

    hide = check_hide(hide)
    if settings is not None:
        given = [k for k, v in locals().items() if k in _DEFAULTS and _differs(v, _DEFAULTS[k])]
        if given:
            raise ValueError(
                f"playground() takes settings alone (with hide and max_points), got "
                f"{given[0]}= too: change it in the dict, or on the playground after"
            )
        args = playground_arguments(settings)
        edits, view = args.pop("edits"), args.pop("view")
        made = playground(**args, max_points=max_points, hide=hide).replay(edits)
        for name, value in view.items():  # "show test data", "discretize output": no argument
            setattr(made, name, value)
        return made
    if isinstance(model_or_sizes, Sequence) and not isinstance(model_or_sizes, str):
        sizes, model = check_setting("hidden", model_or_sizes, "playground()"), None
    else:
        model = _check_model(model_or_sizes)
        sizes = [len(layer.neurons) for layer in model.layers[:-1]]
        # The controls start at the model's own activation, not the default.
        shown = activation_name(model.layers[0].neurons[0].activation)
        activation = shown if shown in ACTIVATIONS else activation
    if not isinstance(heatmaps, bool):
        raise TypeError(f"playground() heatmaps must be True or False, got {heatmaps!r}")
    show = check_setting("show", show, "playground()")
    chosen = Settings(sizes, activation, init, optimizer, lr, penalty, rate, seed,
                      features, batch_size, test_fraction)  # type: ignore[arg-type]  # fmt: skip
    chosen.check("playground()")
    X, y = dataset(data, points, chosen.seed, max_points, noise=noise)
    source = _source(data, len(X), noise)
    return Playground(
        (X, y), chosen, model, len(X), max_points, heatmaps, show=show, source=source, hide=hide
    )


def _source(data: Any, points: int, noise: float | None) -> dict[str, Any] | None:
    """How a named set was made (its name, points and noise), for ``pg.settings``; None for
    the user's own points, which the settings carry themselves."""
    if not isinstance(data, str):
        return None
    return {"data": data, "points": points, "noise": NOISE[data] if noise is None else noise}


def _differs(value: object, default: object) -> bool:
    """``value`` is not the default: [8, 8] is (8, 8)."""
    if isinstance(value, Sequence) and isinstance(default, tuple) and not isinstance(value, str):
        return list(value) != list(default)
    return bool(value != default)


def _check_model(model: object) -> MLP:
    """``model`` if the playground can train it: an MLP of finite weights (whether its inputs
    and outputs fit the features and the data is :meth:`Task.check_model`'s to say)."""
    if not isinstance(model, MLP):
        raise TypeError(
            f"playground() trains an MLP(2, [..., 1]) or takes hidden sizes such as [8, 8], "
            f"got {class_name(model)}"
        )
    for name, p in model.named_parameters():
        if not math.isfinite(p.data):
            raise ValueError(f"playground() model's {name} is {p.data!r}: train finite weights")
    return model


#: Every argument that describes the playground, and its default: none may come with settings.
_DEFAULTS = {
    name: p.default
    for name, p in inspect.signature(playground).parameters.items()
    if name not in ("settings", "hide", "max_points")
}

__all__ = ["playground"]
