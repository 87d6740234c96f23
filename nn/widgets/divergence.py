"""Where a diverged step first went wrong: that one step re-run on copies, stage by stage.

When :meth:`nn.widgets.trainer.Trainer.step` finds a NaN or an infinity after a
step, it puts the model back as it was before the step and asks
:func:`first_non_finite`, which takes that same step again on a copy of the
model and of its optimizer (the same weights, the same optimizer state, the same
batch, each point as the same features, the task's own loss), one stage at a
time, and names the first value that is not finite: the op, the node (a unit as
``layer 2 · neuron 1``, the loss, the penalty, a weight's update), the step and
the learning rate. The forward and backward passes run under
``detect_anomaly``, which stops at the first op whose result (or gradient) is
not finite and says which op it was; it sees nothing else, so the sums of a
parameter's gradient, the optimizer's update (plain floats) and the validation
pass after it are checked here. The live model is never touched.

>>> from nn.widgets.trainer import Settings, Trainer
>>> t = Trainer("moons", Settings(hidden=[4], activation="relu", lr=1e200), points=40)
>>> found = first_non_finite(t)
>>> found.stage, found.op, found.node, found.value, found.step
('validation', 'dot', 'layer 2 · neuron 1', inf, 1)
>>> print(found)  # doctest: +ELLIPSIS
Step 1 re-run under detect_anomaly: the first non-finite value is inf, from dot (the weighted \
sum w·x + b) in layer 2 · neuron 1, on the validation point (...) with the weights the update \
gave; learning rate 1e+200
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from autograd import detect_anomaly
from autograd.text import number
from nn.float_forward import evaluating

if TYPE_CHECKING:
    from nn.widgets.trainer import Trainer

# detect_anomaly's two reports (autograd/anomaly.py's check_finite, autograd/backward.py):
# "exp produced inf from 1000.0, at file:line", "backward of dot gave gradient inf for
# operand 3 (...)". Read, never rewritten: they stay the engine's words.
_FORWARD = re.compile(r"(?P<op>\S+) produced (?P<value>\S+) from (?P<operands>.*), at ")
_BACKWARD = re.compile(
    r"backward of (?P<op>\S+) gave gradient (?P<value>\S+) for operand (?P<index>\d+) "
    r"\((?P<operand>.*?)\); operands"
)
_LABEL = re.compile(r"\(Value '([^']*)'\)")
# A parameter's name among the operands: layers count from 0 in names, from 1 in words.
_UNIT = re.compile(r"'layers\.(\d+)\.neurons\.(\d+)\.")
_LONG = 40  # operands longer than this (a dot's) are left out of the sentence


@dataclass(frozen=True)
class Finding:
    """The first non-finite value of a step, where it appeared.

    Attributes:
        stage: "forward", "loss", "backward", "update" or "validation".
        op: the op's name in the op table ("dot", "exp", "*"), or the optimizer's
            name for an update.
        node: where: a unit ("layer 2 · neuron 1"), "the loss", "the l2 penalty", a parameter.
        value: what it became (nan, inf or -inf).
        detail: the rest of the sentence: the point, the operands, the update's numbers.
        step, lr: the step that diverged (counted from 1) and its learning rate.
    """

    stage: str
    op: str
    node: str
    value: float
    detail: str
    step: int
    lr: float

    def __str__(self) -> str:
        what = f"{self.op} (the weighted sum w·x + b)" if self.op == "dot" else self.op
        if self.op == "dot" and math.isnan(self.value):  # finite terms, so inf - inf inside
            what = f"{self.op} (the weighted sum w·x + b, whose terms overflowed both ways)"
        return (
            f"Step {self.step} re-run under detect_anomaly: the first non-finite value is "
            f"{self.value!r}, from {what} in {self.node}{self.detail}; learning rate {self.lr:g}"
        )


def first_non_finite(trainer: Trainer) -> Finding | None:
    """The first value that is not finite in the trainer's next step, or None if none is.

    The step is re-run on copies (see the module docstring); ``trainer`` and its
    model are left as they are.
    """
    twin = copy.copy(trainer)
    # One deepcopy of both: the optimizer's params are the copied model's parameters.
    twin.model, twin.optimizer = copy.deepcopy((trainer.model, trainer.optimizer))
    found = _forward_backward(twin) or _update(twin) or _validation(twin)
    if found is None:
        return None
    return Finding(*found, step=trainer.steps + 1, lr=trainer.optimizer.lr)


_Found = tuple[str, str, str, float, str]


def _forward_backward(t: Trainer) -> _Found | None:
    """The step's forward pass (its batch), loss and backward pass, under detect_anomaly."""
    t.optimizer.zero_grad()
    chosen = t.batch()
    targets = [t.y[i] for i in chosen]
    with detect_anomaly():
        preds = []
        for i in chosen:
            try:
                preds.append(t.model(t.inputs[i]))
            except FloatingPointError as error:
                return _reported("forward", error, f", on the training point {_point(t.X[i])}")
        for stage, loss in (("loss", t.task.loss), ("penalty", t.objective)):
            try:
                value = loss(preds, targets)
            except FloatingPointError as error:
                return _reported(stage, error, "", _penalty(t) if stage == "penalty" else "")
        try:
            value.backward()
        except FloatingPointError as error:
            return _reported("backward", error, "")
    for name, p in _named(t):
        if not math.isfinite(p.grad):  # each term was finite: their sum was not
            summed = ", its gradient summed over the batch"
            return "backward", "+", _parameter(name), p.grad, summed
    return None


def _update(t: Trainer) -> _Found | None:
    """The optimizer's step, on floats: the first weight it made non-finite."""
    before = [(p.data, p.grad) for p in t.optimizer.params]
    t.optimizer.step()
    for (name, p), (data, grad) in zip(_named(t), before, strict=True):
        if not math.isfinite(p.data):
            numbers = f": weight {number(data)}, gradient {number(grad)}"
            update = f"the {t.settings.optimizer} update"
            return "update", update, _parameter(name), p.data, numbers
    return None


def _validation(t: Trainer) -> _Found | None:
    """The validation pass with the weights the update gave, under detect_anomaly."""
    after = " with the weights the update gave"
    with evaluating(t.model), detect_anomaly():
        preds = []
        for x, point in zip(t.inputs_val, t.X_val, strict=True):
            try:
                preds.append(t.model(x))
            except FloatingPointError as error:
                at = f", on the validation point {_point(point)}{after}"
                return _reported("validation", error, at)
        try:
            t.task.loss(preds, list(t.y_val))
        except FloatingPointError as error:
            return _reported("validation", error, f", the validation loss{after}", "the loss")
    return None


def _reported(stage: str, error: FloatingPointError, detail: str, node: str = "") -> _Found:
    """A finding from detect_anomaly's report of ``error``, in ``stage``."""
    text = str(error)
    forward, backward = _FORWARD.match(text), _BACKWARD.match(text)
    match = forward or backward
    if match is None:  # not one of detect_anomaly's reports: say it as it is
        return stage, "an op", node or "the network", math.nan, f" ({text})"
    unit = _UNIT.search(text)
    place = node or (f"layer {int(unit[1]) + 1} · neuron {int(unit[2]) + 1}" if unit else "")
    place = place or ("the loss" if stage == "loss" else "a node without a label")
    if forward and forward["op"] != "dot" and len(forward["operands"]) <= _LONG:
        detail = f" of {forward['operands']}{detail}"
    if backward:
        label = _LABEL.search(backward["operand"])
        to = label[1] if label else f"its operand {backward['index']}"
        detail = f", in the backward pass: the gradient it passes to {to}{detail}"
    return stage, match["op"], place, float(match["value"]), detail


def _named(t: Trainer) -> list[tuple[str, Any]]:
    return [(p.label or f"parameter {i}", p) for i, p in enumerate(t.optimizer.params)]


def _parameter(name: str) -> str:
    """A parameter's name, with its unit in words when it is an MLP's."""
    unit = _UNIT.search(f"'{name}")
    return f"{name} (layer {int(unit[1]) + 1} · neuron {int(unit[2]) + 1})" if unit else name


def _penalty(t: Trainer) -> str:
    return f"the {t.settings.penalty} penalty"


def _point(x: Any) -> str:
    return "(" + ", ".join(number(float(v)) for v in x) + ")"


__all__ = ["Finding", "first_non_finite"]
