"""A playground as a lesson to share: its settings as a plain dict, hidden controls, a saved page.

:func:`settings_of` is ``pg.settings``: everything that decides what a
playground shows and how it trains, as plain values (``json.dumps`` takes the
dict): the data (a named set with its number of points, or the user's points
themselves), every control, the seed, and the weights it started from when it
was given a model. :func:`playground_arguments` checks such a dict at the door
and gives back what :func:`nn.playground` takes, so
``nn.playground(settings=pg.settings)`` starts where ``pg`` started: the same
weights after the same steps. :data:`HIDEABLE` names the controls a lesson may
hide (``nn.playground(..., hide=["optimizer"])``); :func:`check_hide` checks them.

>>> check_hide(["lr", "optimizer"])
['lr', 'optimizer']
>>> check_hide(["speed"])
Traceback (most recent call last):
...
ValueError: playground() hide names a control the playground lacks: 'speed'; it has \
lr, optimizer, activation, init, penalty, rate, show, hidden, heatmaps, data, noise, \
test_fraction, batch_size, features, show_test, discretize, click
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from autograd.checks import shown
from autograd.kinds import class_name
from nn.layers import MLP
from nn.widgets.own_points import Edits
from nn.widgets.playground_settings import INIT_RULES, Settings, task_of

if TYPE_CHECKING:
    from nn.widgets.playground_widget import Playground

#: The settings' format, written in every dict and checked when one is read.
VERSION = 1
#: The controls a lesson may hide, as controls.js names them: the model's row (each select,
#: the hidden layers' sizes, the heatmaps box), the data's row, and "a click" under the boundary.
HIDEABLE = ("lr", "optimizer", "activation", "init", "penalty", "rate", "show", "hidden",
            "heatmaps", "data", "noise", "test_fraction", "batch_size", "features",
            "show_test", "discretize", "click")  # fmt: skip
#: TensorFlow Playground's two view toggles, kept in a lesson as its URL keeps them.
VIEW = ("show_test", "discretize")
#: What a playground is made of beyond :class:`Settings`: how its data and view were chosen.
_MORE = ("version", "data", "points", "noise", "X", "y", "heatmaps", "show", "weights", "added",
         "removed", *VIEW)  # fmt: skip


def settings_of(pg: Playground) -> dict[str, Any]:
    """``pg``'s settings as a plain dict (see the module docstring)."""
    source = pg.source
    with pg.lock:
        out: dict[str, Any] = {"version": VERSION, **source}
        out.update(_plain(dataclasses.asdict(pg.trainer.settings)))
        out["heatmaps"], out["show"] = bool(pg.heatmaps), str(pg.show)
        out.update({k: bool(getattr(pg, k)) for k in VIEW})
        if pg.start is not None:  # the user's model, not yet rebuilt from the settings
            out["weights"] = dict(pg.start)
        edits = pg.edits
        out.update({k: [list(r) for r in v] for k, v in (("added", edits.added),
                    ("removed", edits.removed)) if v})  # fmt: skip
    return out


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Tuples as lists, so that the dict reads back equal after a trip through JSON."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


def playground_arguments(settings: object) -> dict[str, Any]:
    """The arguments of :func:`nn.playground` that ``settings`` (``pg.settings``) stands for.

    Each value is checked later by ``playground()`` itself, in its own words; here only
    the dict's shape: a mapping of known keys, of this version.

    Raises:
        TypeError: ``settings`` is not a dict.
        ValueError: an unknown key, another version, data both named and given.
    """
    where = "playground() settings"
    if not isinstance(settings, Mapping):
        raise TypeError(f"{where} must be a dict such as pg.settings, got {class_name(settings)}")
    known = (*_MORE, *(f.name for f in dataclasses.fields(Settings)))
    unknown = [k for k in settings if k not in known]
    if unknown:
        raise ValueError(
            f"{where} has a key the playground lacks: {shown(unknown[0])}; it takes "
            f"{', '.join(known)}"
        )
    if settings.get("version", VERSION) != VERSION:
        raise ValueError(
            f"{where} are of version {shown(settings['version'])}; this chainrule reads "
            f"version {VERSION}"
        )
    args = {k: v for k, v in settings.items() if k not in ("version", "X", "y", "weights", *VIEW)}
    args["view"] = {k: _toggle(settings[k], k) for k in VIEW if k in settings}
    args["edits"] = Edits(
        _rows(args.pop("added", []), "added"), _rows(args.pop("removed", []), "removed")
    )
    if "X" in settings or "y" in settings:
        if "data" in settings:
            raise ValueError(f"{where} name data and give points (X, y): keep one")
        args["data"] = (settings.get("X"), settings.get("y"))
    args["model_or_sizes"] = args.pop("hidden", [8, 8])
    if "weights" in settings:
        args["model_or_sizes"] = _model(settings, args)
    return args


def _toggle(value: object, name: str) -> bool:
    """A view toggle's value: True or False, as the widget keeps it."""
    if not isinstance(value, bool):
        raise TypeError(f"playground() settings {name} must be True or False, got {shown(value)}")
    return value


def _rows(rows: object, name: str) -> list[list[Any]]:
    """The points ``added`` (or ``removed``): rows ``[x1, x2, target]``, checked when replayed."""
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Sequence):
        raise TypeError(
            f"playground() settings {name} must be a list of [x1, x2, target], got {shown(rows)}"
        )
    for row in rows:
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence) or len(row) != 3:
            raise ValueError(
                f"playground() settings {name} holds {shown(row)}, not [x1, x2, target]"
            )
    return [list(row) for row in rows]


def _model(settings: Mapping[str, Any], args: dict[str, Any]) -> MLP:
    """The model the weights were taken from: an MLP as the settings build it (an input per
    feature, an output per class of the user's k classes, else one), those weights."""
    chosen = ("activation", "init", "seed", "features")
    s = Settings(**{k: settings[k] for k in chosen if k in settings})
    s.hidden = args["model_or_sizes"]
    s.check("playground() settings")
    kind, k = task_of(settings["y"], "playground() settings") if "y" in settings else ("", 1)
    sizes = [*s.hidden, k if kind == "classes" else 1]
    model = MLP(len(s.features), sizes, s.activation, seed=s.seed, init=INIT_RULES[s.init])
    weights = settings["weights"]
    if not isinstance(weights, Mapping):
        raise TypeError(
            "playground() settings weights must be a dict of parameter names to numbers "
            f"(model.state_dict()), got {class_name(weights)}"
        )
    try:
        model.load_state_dict(weights)  # all or nothing; names, counts and numbers checked
    except (KeyError, TypeError, ValueError) as error:
        said = error.args[0] if error.args else error
        raise ValueError(f"playground() settings weights do not fit {model!r}: {said}") from None
    return model


def check_hide(hide: object) -> list[str]:
    """``hide`` as a list of the controls to hide, each one of :data:`HIDEABLE`."""
    if isinstance(hide, str) or not isinstance(hide, Sequence):
        raise TypeError(
            f"playground() hide must be a list of control names such as ['optimizer'], "
            f"got {shown(hide)}"
        )
    for name in hide:
        if name not in HIDEABLE:
            raise ValueError(
                f"playground() hide names a control the playground lacks: {shown(name)}; "
                f"it has {', '.join(HIDEABLE)}"
            )
    return list(dict.fromkeys(hide))


__all__ = ["HIDEABLE", "VERSION", "VIEW", "check_hide", "playground_arguments", "settings_of"]
