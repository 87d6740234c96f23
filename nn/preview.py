"""What an optimizer's next step would do, from its current state, without taking it.

:func:`preview` reads an optimizer's state (SGD's momentum buffers, Adam's
``m``, ``v`` and step count, RMSprop's ``v``) and returns, for each of its
parameters, the update its ``step()`` would apply if ``grads`` were the
gradients: the new state, the new value, and the rule written out with its
numbers. Nothing is written: not the parameters, not the state. The
arithmetic is :mod:`nn.optim`'s, expression for expression, so the new
values are the very floats ``step()`` would write (the tests check it on a
copy). :func:`nn.explain` shows it after one example's backward pass.

>>> from autograd import Value
>>> from nn.optim import Adam
>>> w = Value(1.0, label="w")
>>> opt = Adam([w], lr=0.125)
>>> [update] = preview(opt, [3.0])
>>> round(update.new, 6), opt.steps, w.data   # Adam's first step moves lr; nothing changed
(0.875, 0, 1.0)
>>> print(update.rule)
Adam, step 1, lr 0.125, betas (0.9, 0.999), eps 1e-08:
  m = m + (1 - 0.9) · (g - m) = 0.0 + 0.1 · (3.0 - 0.0) = 0.3
  v = 0.999 · v + (1 - 0.999) · g² = 0.999 · 0.0 + 0.001 · 9.0 = 0.009
  w = 1.0 - lr / (1 - 0.9^1) · m / (√v / √(1 - 0.999^1) + eps) = 0.875
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from autograd.kinds import class_name
from autograd.text import number
from nn.optim import SGD, Adam, RMSprop
from nn.optimizer import Optimizer


@dataclass(frozen=True)
class Update:
    """One parameter's share of the next step.

    Attributes:
        grad: the gradient the step reads (weight decay not yet added).
        new: the value the step would give the parameter.
        rule: the optimizer's rule with this parameter's numbers, a line each.
    """

    grad: float
    new: float
    rule: str


def preview(optimizer: Optimizer, grads: Sequence[float]) -> list[Update]:
    """Each parameter's :class:`Update` if ``grads`` were the gradients ``step()`` reads.

    Raises:
        TypeError: an optimizer other than SGD, Adam or RMSprop (of :mod:`nn.optim`).
        ValueError: not one gradient per parameter.
    """
    if len(grads) != len(optimizer.params):
        raise ValueError(
            f"preview() got {len(grads)} gradients for {len(optimizer.params)} parameters"
        )
    gs = [float(g) for g in grads]
    if isinstance(optimizer, SGD):
        return [_sgd(optimizer, i, g) for i, g in enumerate(gs)]
    if isinstance(optimizer, Adam):
        return [_adam(optimizer, i, g) for i, g in enumerate(gs)]
    if isinstance(optimizer, RMSprop):
        return [_rmsprop(optimizer, i, g) for i, g in enumerate(gs)]
    raise TypeError(
        f"explain() shows the update of nn.optim's SGD, Adam or RMSprop, "
        f"got {class_name(optimizer)}"
    )


def _decayed(optimizer: SGD | Adam | RMSprop, i: int, g: float) -> tuple[float, str]:
    """The gradient with L2 weight decay added, as ``Optimizer._grads``, and the line saying so."""
    decay = optimizer.weight_decay
    if not decay:
        return g, ""
    p = optimizer.params[i].data
    total = g + decay * p
    return total, f"\n  g = grad + {number(decay)} · w = {number(total)} (weight decay)"


def _name(optimizer: Optimizer, i: int) -> str:
    return optimizer.params[i].label or f"parameter {i}"


def _sgd(opt: SGD, i: int, grad: float) -> Update:
    g, decay = _decayed(opt, i, grad)
    p, mu, name = opt.params[i].data, opt.momentum, _name(opt, i)
    head = f"SGD, lr {number(opt.lr)}" + (f", momentum {number(mu)}" if mu else "") + ":"
    lines = [head + decay]
    step = g
    if mu:
        if opt.buffers is None:
            b = g
            lines.append(f"  b = g = {number(b)} (the first step: the buffer starts at g)")
        else:
            old = opt.buffers[i]
            b = mu * old + g
            shown = f"{number(mu)} · {number(old)} + {number(g)} = {number(b)}"
            lines.append(f"  b = {number(mu)} · b + g = {shown}")
        step = g + mu * b if opt.nesterov else b
        if opt.nesterov:
            lines.append(f"  d = g + {number(mu)} · b = {number(step)} (Nesterov)")
    new = p - opt.lr * step
    used = "d" if opt.nesterov else "b" if mu else "g"
    shown = f"{number(p)} - {number(opt.lr)} · {number(step)} = {number(new)}"
    lines.append(f"  {name} = {name} - lr · {used} = {shown}")
    return Update(grad, new, "\n".join(lines))


def _adam(opt: Adam, i: int, grad: float) -> Update:
    g, decay = _decayed(opt, i, grad)
    b1, b2 = opt.betas
    p, m0, v0, t = opt.params[i].data, opt.m[i], opt.v[i], opt.steps + 1
    step_size = opt.lr / (1.0 - b1**t)
    correction2 = math.sqrt(1.0 - b2**t)
    m = m0 + (1.0 - b1) * (g - m0)
    v = b2 * v0 + (1.0 - b2) * g * g
    new = p - step_size * m / (math.sqrt(v) / correction2 + opt.eps)
    head = (
        f"Adam, step {t}, lr {number(opt.lr)}, betas ({number(b1)}, {number(b2)}), "
        f"eps {opt.eps:g}:{decay}"
    )
    lines = [
        head,
        f"  m = m + (1 - {number(b1)}) · (g - m) = {number(m0)} + {number(1.0 - b1)} · "
        f"({number(g)} - {number(m0)}) = {number(m)}",
        f"  v = {number(b2)} · v + (1 - {number(b2)}) · g² = {number(b2)} · {number(v0)} + "
        f"{number(1.0 - b2)} · {number(g * g)} = {number(v)}",
        f"  {_name(opt, i)} = {number(p)} - lr / (1 - {number(b1)}^{t}) · m / "
        f"(√v / √(1 - {number(b2)}^{t}) + eps) = {number(new)}",
    ]
    return Update(grad, new, "\n".join(lines))


def _rmsprop(opt: RMSprop, i: int, grad: float) -> Update:
    g, decay = _decayed(opt, i, grad)
    a, p, v0 = opt.alpha, opt.params[i].data, opt.v[i]
    v = a * v0 + (1.0 - a) * g * g
    new = p - opt.lr * g / (math.sqrt(v) + opt.eps)
    lines = [
        f"RMSprop, lr {number(opt.lr)}, alpha {number(a)}, eps {opt.eps:g}:{decay}",
        f"  v = {number(a)} · v + (1 - {number(a)}) · g² = {number(a)} · {number(v0)} + "
        f"{number(1.0 - a)} · {number(g * g)} = {number(v)}",
        f"  {_name(opt, i)} = {number(p)} - lr · g / (√v + eps) = {number(new)}",
    ]
    return Update(grad, new, "\n".join(lines))


__all__ = ["Update", "preview"]
