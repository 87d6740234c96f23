"""The boundary panel's data: a model's outputs over the plane, one cell of the panel each.

:func:`outputs_of` runs a model on floats (:func:`~nn.float_forward.float_outputs`
where it applies: no graph, since it runs after every step); :func:`cells` gives
its outputs at the centres of n x n cells over a region, each point as the
model's features; :func:`surface` is what the front end draws from them, per
task (:meth:`nn.widgets.task.Task.cell`).

>>> from nn import MLP
>>> from nn.widgets.task import Task
>>> model = MLP(1, [1], seed=0)
>>> model.load_state_dict({"layers.0.neurons.0.w.0": 1.0, "layers.0.neurons.0.b": 0.0})
>>> found = cells(model, ["x1"], (-1.0, 1.0, -1.0, 1.0), 2)  # centres x1 = -0.5, 0.5
>>> found
[[-0.5], [0.5], [-0.5], [0.5]]
>>> surface(Task("regression", 1), found, [0.0, 2.0])
{'task': 'regression', 'grid': [-0.5, 0.5, -0.5, 0.5], 'confidence': None, 'range': [0.0, 2.0], \
'classes': 1}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from autograd import Value, no_grad
from nn.features import feature_map
from nn.float_forward import evaluating, float_outputs
from nn.module import Module
from nn.widgets.task import Task

Bounds = tuple[float, float, float, float]


def outputs_of(model: Module) -> Callable[[Sequence[float]], list[float]]:
    """The model's outputs as a function of floats, a list (:func:`float_outputs` where it
    applies; a model of the user's own is run as itself, under ``no_grad``)."""
    fast = float_outputs(model)
    if fast is not None:
        return fast

    def slow(x: Sequence[float]) -> list[float]:
        with no_grad():
            out = model(list(x))
        return [out.data] if isinstance(out, Value) else [v.data for v in out]

    return slow


def cells(model: Module, chosen: Sequence[str], bounds: Bounds, n: int) -> list[list[float]]:
    """The model's outputs (in evaluation mode) at the centre of each of n x n cells of
    ``bounds`` (x0, x1, y0, y1), each centre as the ``chosen`` features; rows from the
    top (largest y) down, as the canvas draws them."""
    point = feature_map(chosen)
    x0, x1, y0, y1 = bounds
    with evaluating(model):
        forward = outputs_of(model)
        return [
            forward(point([x0 + (c + 0.5) * (x1 - x0) / n, y1 - (r + 0.5) * (y1 - y0) / n]))
            for r in range(n)
            for c in range(n)
        ]


def surface(task: Task, outputs: list[list[float]], targets: Sequence[Any]) -> dict[str, Any]:
    """The panel's data from the cells' ``outputs``: ``task``, ``classes`` (k), ``grid`` and
    ``confidence`` (each cell as :meth:`Task.cell` gives it; a confidence only for k
    classes, else None) and ``range``: a regression's colour scale, the [min, max] of
    ``targets`` (the training targets), else None."""
    found = [task.cell(out) for out in outputs]
    return {
        "task": task.kind,
        "grid": [g for g, _ in found],
        "confidence": [c for _, c in found] if task.kind == "classes" else None,
        "range": [min(targets), max(targets)] if task.kind == "regression" else None,
        "classes": task.k,
    }


__all__ = ["Bounds", "cells", "outputs_of", "surface"]
