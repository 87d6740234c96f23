"""The playground's explanations: one data point's loss, backward pass and next step, as a player.

:func:`explain_point` is ``pg.explain(i)``: the :func:`nn.explain` player of
point ``i`` of the data as given (``X``, ``y`` order), at the live weights,
with the playground's own objective (the binary cross-entropy on the logit,
plus the penalty if one is on) and its optimizer in its current state.
:func:`player_of` is what the widget sends when a point is clicked: the
player's static view and data (``player.js`` renders them below the
playground), and, for the hover link, the update frame of each weight by its
wire's tag in the network view (``"c_i_j"``: ``layers.c.neurons.j.w.i``).
:func:`sent_order` maps the points as the front end holds them (training
points, then validation points) back to the data as given.

>>> from nn import MLP
>>> wire_tags(["layers.0.neurons.2.w.1", "layers.1.neurons.0.b"])
{'0_1_2': 0}
>>> sent_order(([[0.0, 0.0], [1.0, 1.0]], [0, 1]), [[1.0, 1.0]], [1], [[0.0, 0.0]], [0])
[1, 0]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import traitlets

from autograd.checks import count
from autograd.text import number
from nn.features import feature_map
from nn.pictures.explain import Explanation, explain
from nn.widgets.trainer import Trainer

_WEIGHT = re.compile(r"layers\.(\d+)\.neurons\.(\d+)\.w\.(\d+)")
HINT = "A static view: click a point in a running playground to step through its explanation."


def explain_point(
    trainer: Trainer, given: tuple[list[list[float]], list[int]], i: object
) -> Explanation:
    """The :func:`nn.explain` player of point ``i`` of ``given``, as the trainer trains it.

    Raises:
        TypeError, ValueError: ``i`` is not a whole number from 0 to the last point.
    """
    X, y = given
    k = count(i, "explain() i", least=0, most=len(X) - 1)
    x = feature_map(trainer.features)(X[k])  # as the model takes it: the chosen features
    return explain(trainer.model, x, y[k], trainer.objective, trainer.optimizer)


def wire_tags(labels: Sequence[str]) -> dict[str, int]:
    """Each weight's wire tag in the network view, to its place among ``labels``."""
    tags = {}
    for k, label in enumerate(labels):
        found = _WEIGHT.fullmatch(label)
        if found:
            layer, unit, source = found.groups()
            tags[f"{layer}_{source}_{unit}"] = k
    return tags


def player_of(shown: Explanation, title: str) -> dict[str, Any]:
    """What the front end renders: ``html`` (the static view), ``data`` (``player.js``'s),
    ``title``, and ``wires``: each weight's update frame by its wire's tag."""
    from autograd.viz.views.player_page import player_parts

    first = shown.counters.index(f"update 1 of {len(shown.params)}")
    labels = [p.label or "" for p in shown.params]
    static, data = player_parts(
        shown.layout(), shown.frame_data(), hint=HINT, title="this example's graph"
    )
    wires = {tag: first + k for tag, k in wire_tags(labels).items()}
    return {"html": static, "data": data, "title": title, "wires": wires}


def sent_order(
    given: tuple[list[list[float]], list[int]],
    X_train: list[list[float]],
    y_train: list[int],
    X_val: list[list[float]],
    y_val: list[int],
) -> list[int]:
    """Each point as the front end holds it (training, then validation), by its index in
    ``given``; a point given twice is the first of its copies (the same explanation)."""
    where: dict[tuple[float, ...], int] = {}
    for i, (p, label) in enumerate(zip(*given, strict=True)):
        where.setdefault(_key(p, label), i)
    pairs = [*zip(X_train, y_train, strict=True), *zip(X_val, y_val, strict=True)]
    return [where[_key(p, label)] for p, label in pairs]


def _key(point: list[float], label: int) -> tuple[float, ...]:
    return (*point, float(label))


class Explaining(traitlets.HasTraits):
    """The playground's part that explains a point: ``pg.explain(i)``, and a click on a point
    (the message ``{"explain": k}``, ``k`` in the front end's order) opens its player in
    ``explained`` (:func:`player_of`; a failure is shown in ``error``)."""

    explained = traitlets.Dict().tag(sync=True)
    _given: tuple[list[list[float]], list[int]]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._explain_message)  # type: ignore[attr-defined]

    def explain(self, i: int) -> Explanation:
        """Point ``i`` of the data as given (``X``, ``y`` order): its loss at the current
        weights, backward pass and the next step (:func:`nn.explain`), as a player."""
        with self.lock:  # type: ignore[attr-defined]
            return explain_point(self.trainer, self._given, i)  # type: ignore[attr-defined]

    def _explain_message(self, _: Any, content: Any, buffers: Any) -> None:
        if not isinstance(content, dict) or "explain" not in content:
            return
        try:
            t = self.trainer  # type: ignore[attr-defined]
            order = sent_order(self._given, t.X, t.y, t.X_val, t.y_val)
            i = order[count(content["explain"], "the point clicked", least=0, most=len(order) - 1)]
            shown = self.explain(i)
            label, steps = self._given[1][i], t.steps
            what = f"target {number(label)}" if t.task.kind == "regression" else f"class {label}"
            title = f"Point {i} ({what}) at step {steps}: forward, backward, the next step"
            self.explained = player_of(shown, title)
        except Exception as error:  # shown where the user looks, not in the kernel's log
            self.error = f"explain: {type(error).__name__}: {error}"


__all__ = ["HINT", "Explaining", "explain_point", "player_of", "sent_order", "wire_tags"]
