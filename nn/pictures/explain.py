"""``nn.explain``: one example's loss as a player, forward, backward, then the next step.

:func:`explain` builds one example's loss at the model's current weights and
plays it (:func:`autograd.viz.views.steps.walk`, the step-through player's
walk): a frame for the forward pass (every box's data is the forward value),
the backward pass a node a frame, then one frame per parameter saying what
the optimizer's next step would do to it (:func:`nn.preview.preview`: its
gradient, the rule with the optimizer's state and learning rate, the new
value), and a last frame with the example's loss after that step. The step is
the one the optimizer would take **if this example's gradient were the whole
gradient**, from its current state; nothing is changed: not the weights, not
their ``.grad``, not the optimizer's state.

>>> from nn import MLP
>>> from nn.optim import SGD
>>> model = MLP(2, [1], seed=0)
>>> w0, w1, b = model.parameters()                # one linear unit w · x + b
>>> w0.data, w1.data, b.data = 0.5, 0.25, 0.0
>>> shown = explain(model, [2.0, 0.0], 0.0, "mse", SGD(model.parameters(), lr=0.125))
>>> shown.loss, [u.grad for u in shown.updates]   # (1 - 0)², 2 · 1 · (x0, x1, 1)
(1.0, [4.0, 0.0, 2.0])
>>> [u.new for u in shown.updates]                # w - 0.125 · grad
[0.0, 0.25, -0.25]
>>> shown.loss_after, w0.data                     # (0 · 2 - 0.25)²; the model is unchanged
(0.0625, 0.5)
>>> shown.counters[0], shown.counters[-2:]
('forward', ['update 3 of 3', 'after the step'])
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from autograd import Value, checks, no_grad
from autograd.kinds import class_name
from autograd.notation import term
from autograd.text import number
from autograd.viz.views.player import Stepper
from autograd.viz.views.steps import Frame, Walk, walk
from nn import losses
from nn.fit_args import model_width
from nn.module import Module
from nn.optim import SGD
from nn.optimizer import Optimizer
from nn.preview import Update, preview

#: The learning rate of the plain SGD step shown when no optimizer is given
#: (the playground's starting learning rate).
LR = 0.1
#: The losses taken by name: those that read a batch of predictions and targets.
LOSSES = ("mse", "binary_cross_entropy_with_logits", "binary_cross_entropy", "hinge",
          "cross_entropy")  # fmt: skip
#: What every update frame's step is, said once, in the forward frame (a caption shows
#: six lines before it scrolls, and an update frame's rule takes four).
AS_IF = (
    "After the backward pass: what the next step does to each weight if this example's "
    "gradient were the whole gradient, from the optimizer's current state, and the loss "
    "after it (nothing is changed here)."
)


class Explanation(Stepper):
    """The :class:`~autograd.viz.views.player.Stepper` :func:`explain` returns, and its numbers.

    Attributes:
        params: the optimizer's parameters, in its order.
        updates: each parameter's :class:`nn.preview.Update` (gradient, new value, rule).
        loss: the example's loss now; ``loss_after``: after the step shown.
        counters: each frame's counter ("forward", "step k of n", "update k of n", ...).
    """

    __slots__ = ("counters", "loss", "loss_after", "params", "updates")

    def __init__(self, w: Walk, params: list[Value], updates: list[Update], after: float) -> None:
        super().__init__(w)
        self.params, self.updates = params, updates
        self.loss, self.loss_after = w.root.data, after
        self.counters = [f.counter for f in self.frame_data()]

    def __repr__(self) -> str:
        return (
            f"<Explanation of one example: loss {number(self.loss)} -> "
            f"{number(self.loss_after)}, {len(self)} frames>"
        )


def explain(
    model: Module,
    x: Sequence[float],
    y: float,
    loss: str | Callable[..., Any],
    optimizer: Optimizer | None = None,
) -> Explanation:
    """A player of one example's loss: forward, backward, and what the next step does.

    Args:
        model: a Module with one output (an MLP, Layer or Neuron, or your own), or with
            k outputs (one per class: the loss gets them as a row, ``"cross_entropy"``).
        x: the example's inputs, as many as the model takes.
        y: its target, a number (a class 0 or 1 for the binary losses, 0 .. k-1 for
            ``"cross_entropy"``).
        loss: a function ``loss(predictions, targets)``, called as :func:`nn.fit`
            calls it, on a batch of one; or the name of one in :mod:`nn.losses`
            (``"mse"``, ``"binary_cross_entropy_with_logits"``, ...).
        optimizer: whose step is shown (nn.optim's SGD, Adam or RMSprop, over
            exactly the model's parameters); None: plain SGD with lr 0.1
            (:data:`LR`, the playground's starting rate).

    Raises:
        TypeError: ``model`` is not a Module, ``x`` not a sequence of numbers,
            ``y`` not a number, ``loss`` neither a function nor a name, an
            optimizer of another kind, or a loss that does not return a Value.
        ValueError: ``x`` of the wrong length, an unknown loss name, an
            optimizer over other parameters, or a model whose output is neither a Value
            nor a list of them.
    """
    loss_of = _check(model, x, y, loss)
    opt = optimizer if optimizer is not None else SGD(model.parameters(), lr=LR)
    _check_optimizer(opt, model)
    inputs, target = [float(v) for v in x], y

    def example_loss() -> Value:
        out = model(inputs)
        many = isinstance(out, list) and out and all(isinstance(o, Value) for o in out)
        if not (isinstance(out, Value) or many):
            raise ValueError(
                "explain() needs a model whose output is a Value (one output) or a list of "
                f"Values (one per class), got {class_name(out)}"
            )
        value = loss_of([out], [target])  # a batch of one, as fit passes it: a row if k
        if not isinstance(value, Value):
            raise TypeError(f"explain() loss must return a Value, got {class_name(value)}")
        return value

    root = example_loss()
    w = walk(root)
    updates = preview(opt, [w.grads.get(p, 0.0) for p in opt.params])
    after = _loss_at(opt.params, [u.new for u in updates], example_loss)
    frames = [_forward(inputs, target, root), *w.frames[:-1]]
    frames.append(dataclasses.replace(w.frames[-1], counter="backward done"))
    frames += _updates(opt, updates, w)
    frames.append(Frame(_after(root.data, after), summary=True, counter="after the step"))
    return Explanation(dataclasses.replace(w, frames=frames), opt.params, updates, after)


def _check(model: object, x: object, y: object, loss: object) -> Callable[..., Any]:
    """The loss function, once every argument is what ``explain()`` takes."""
    if not isinstance(model, Module):
        raise TypeError(f"explain() needs a Module (an MLP, Layer, ...), got {class_name(model)}")
    if isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
        raise TypeError(f"explain() x must be a list of numbers, got {checks.described(x)}")
    for i, v in enumerate(x):
        checks.real(v, f"explain() x[{i}]")
    width = model_width(model)
    if width is not None and len(x) != width:
        raise ValueError(f"explain() x has {len(x)} numbers; {model!r} takes {width}")
    checks.real(y, "explain() y")
    if isinstance(loss, str):
        if loss not in LOSSES:
            names = ", ".join(LOSSES)
            raise ValueError(f"explain() loss must be a function or one of {names}, got {loss!r}")
        found: Callable[..., Any] = getattr(losses, loss)
        return found
    if not callable(loss):
        raise TypeError(
            "explain() loss must be a function loss(predictions, targets) or a name, "
            f"got {checks.described(loss)}"
        )
    return loss


def _check_optimizer(opt: object, model: Module) -> None:
    if not isinstance(opt, Optimizer):
        raise TypeError(
            "explain() optimizer must be nn.optim's SGD, Adam or RMSprop, or None, "
            f"got {class_name(opt)}"
        )
    if {id(p) for p in opt.params} != {id(p) for p in model.parameters()}:
        raise ValueError("explain() optimizer must update exactly the model's parameters")


def _loss_at(params: list[Value], values: list[float], example_loss: Callable[[], Value]) -> float:
    """The example's loss with ``params`` at ``values``; every parameter is put back after."""
    kept = [p.data for p in params]
    try:
        for p, v in zip(params, values, strict=True):
            p.data = v
        with no_grad():
            return example_loss().data
    finally:
        for p, v in zip(params, kept, strict=True):
            p.data = v


def _forward(x: list[float], y: float, root: Value) -> Frame:
    shown = ", ".join(number(v) for v in x)
    return Frame(
        f"Forward: the example x = ({shown}), target {number(y)}, through the network at its "
        f"current weights; each box's data is its value, and the loss is {number(root.data)}. "
        f"Next, the backward pass.\n{AS_IF}",
        counter="forward",
    )


def _updates(opt: Optimizer, updates: list[Update], w: Walk) -> list[Frame]:
    """One frame per parameter, the parameter lit: the backward pass's terms that made its
    gradient, then the optimizer's rule with its state."""
    made = _terms(w)
    frames = []
    for k, (p, u) in enumerate(zip(opt.params, updates, strict=True), start=1):
        name = p.label or f"parameter {k - 1}"
        head = f"Update {k} of {len(updates)}: {name}, grad {number(u.grad)} (this example's)."
        lines = [head, *made.get(p, ["  no term: the loss does not use it (grad 0.0)"]), u.rule]
        frames.append(
            Frame(
                "\n".join(lines),
                active=p if p in w.names else None,
                counter=f"update {k} of {len(updates)}",
            )
        )
    return frames


def _terms(w: Walk) -> dict[Value, list[str]]:
    """Each node's terms from the backward pass, a line each: which node sent it, and how."""
    made: dict[Value, list[str]] = {}
    for (node, i), (local, contribution) in w.terms.items():
        operand = node._args[i]
        if isinstance(operand, Value):
            upstream = w.grads.get(node, 0.0)
            line = f"  from {w.names[node]}: {term(upstream, local, contribution)}"
            made.setdefault(operand, []).append(line)
    # Two equal terms (p * p, a penalty's square) are one line: "twice".
    return {v: [_times(line, lines.count(line)) for line in dict.fromkeys(lines)]
            for v, lines in made.items()}  # fmt: skip


def _times(line: str, n: int) -> str:
    return line if n == 1 else f"{line}, {'twice' if n == 2 else f'{n} times'}"


def _after(before: float, after: float) -> str:
    moved = "down" if after < before else "up" if after > before else "unchanged"
    return (
        f"After the step: this example's loss {number(before)} -> {number(after)} ({moved}). "
        "The model is unchanged: that is the step its optimizer would take on this example alone."
    )


__all__ = ["LOSSES", "LR", "Explanation", "explain"]
