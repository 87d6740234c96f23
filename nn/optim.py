"""Optimizers with PyTorch's update rules and gradient clipping (schedules: ``nn.schedules``).

Each optimizer holds a list of parameters; ``step()`` updates their ``data``
from their ``grad`` and ``zero_grad()`` clears the gradients. Weight decay is
the L2 form: ``weight_decay * p`` is added to the gradient (for Adam too,
as ``torch.optim.Adam``; this is not AdamW).

Every hyperparameter is checked where it is set (the learning rate too, when
a schedule or the user changes it later), with the ranges torch checks and
:mod:`autograd.checks`' words; a model passed where its parameters are wanted
(``SGD(model, lr)``) is told to pass ``model.parameters()``. ``step()``
computes every new value before it writes any: a step that raises leaves the
parameters and the optimizer's state as they were.

>>> from autograd import Value
>>> w = Value(1.0)
>>> opt = SGD([w], lr=0.25)
>>> (w * w).backward()                  # grad 2.0
>>> opt.step(); w.data                  # 1 - 0.25 * 2
0.5
>>> opt.zero_grad(); w.grad
0.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from autograd import Value
from autograd.checks import flag, real, shown
from autograd.kinds import class_name
from nn.module import not_a_model
from nn.optimizer import Optimizer, rate
from nn.schedules import CosineLR, StepLR


def _positive(value: object, name: str) -> float:
    """A finite number above 0 (so ``g / (sqrt(v) + eps)`` is finite).

    >>> _positive(0.0, "Adam eps")
    Traceback (most recent call last):
    ...
    ValueError: Adam eps must be a finite number > 0, got 0.0
    """
    return real(value, name, low=0.0, low_open=True)


def _betas(betas: object) -> tuple[float, float]:
    """Adam's ``(beta1, beta2)``: a pair of numbers in [0, 1).

    >>> _betas((0.9,))
    Traceback (most recent call last):
    ...
    ValueError: Adam betas must be a pair (beta1, beta2) such as (0.9, 0.999), got (0.9,)
    """
    wanted = "a pair (beta1, beta2) such as (0.9, 0.999)"
    if not isinstance(betas, (tuple, list)):
        raise TypeError(f"Adam betas must be {wanted}, got {shown(betas)} (a {class_name(betas)})")
    if len(betas) != 2:
        raise ValueError(f"Adam betas must be {wanted}, got {shown(betas)}")
    return rate(betas[0], "Adam betas[0]", high=1.0), rate(betas[1], "Adam betas[1]", high=1.0)


class SGD(Optimizer):
    """Stochastic gradient descent, with momentum and Nesterov as ``torch.optim.SGD``.

    With momentum ``mu``: ``b = mu * b + g`` (``b = g`` on the first step), then
    ``p -= lr * b``, or ``p -= lr * (g + mu * b)`` with Nesterov.

    >>> w = Value(1.0)
    >>> opt = SGD([w], lr=0.5, momentum=0.5)
    >>> for _ in range(2):
    ...     w.grad = 1.0
    ...     opt.step()
    >>> w.data                              # 1 - 0.5 * 1 - 0.5 * (0.5 + 1)
    -0.25
    """

    def __init__(
        self,
        params: Iterable[Value],
        lr: float,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        super().__init__(params, lr)
        self.momentum = rate(momentum, "SGD momentum")
        self.weight_decay = rate(weight_decay, "SGD weight_decay")
        self.nesterov = flag(nesterov, "SGD nesterov")
        if self.nesterov and self.momentum == 0:
            raise ValueError("SGD nesterov=True needs momentum > 0")
        self.buffers: list[float] | None = None

    def step(self) -> None:
        """One SGD update."""
        grads = self._grads(self.weight_decay)
        mu = self.momentum
        buffers = self.buffers
        if mu:
            if buffers is None:
                buffers = list(grads)
            else:
                buffers = [mu * b + g for b, g in zip(buffers, grads, strict=True)]
            if self.nesterov:
                grads = [g + mu * b for g, b in zip(grads, buffers, strict=True)]
            else:
                grads = buffers
        data = [p.data - self.lr * g for p, g in zip(self.params, grads, strict=True)]
        self.buffers = buffers
        _write(self.params, data)


class Adam(Optimizer):
    """Adam with bias correction, as ``torch.optim.Adam`` (L2 weight decay, no amsgrad).

    ``m`` and ``v`` are the running means of ``g`` and ``g**2``; the step is
    ``lr / (1 - b1**t) * m / (sqrt(v) / sqrt(1 - b2**t) + eps)``.

    >>> w = Value(1.0)
    >>> opt = Adam([w], lr=0.125)
    >>> w.grad = 3.0
    >>> opt.step(); round(w.data, 6)      # the first step moves lr, whatever the gradient
    0.875
    """

    def __init__(
        self,
        params: Iterable[Value],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr)
        self.betas = _betas(betas)
        self.eps = _positive(eps, "Adam eps")
        self.weight_decay = rate(weight_decay, "Adam weight_decay")
        self.steps = 0
        self.m = [0.0] * len(self.params)
        self.v = [0.0] * len(self.params)

    def step(self) -> None:
        """One Adam update."""
        grads = self._grads(self.weight_decay)
        b1, b2 = self.betas
        steps = self.steps + 1
        step_size = self.lr / (1.0 - b1**steps)
        correction2 = math.sqrt(1.0 - b2**steps)
        # m moves towards g as torch's lerp does: m + (1 - b1) * (g - m).
        m = [m + (1.0 - b1) * (g - m) for m, g in zip(self.m, grads, strict=True)]
        v = [b2 * v + (1.0 - b2) * g * g for v, g in zip(self.v, grads, strict=True)]
        data = [
            p.data - step_size * m_i / (math.sqrt(v_i) / correction2 + self.eps)
            for p, m_i, v_i in zip(self.params, m, v, strict=True)
        ]
        self.steps, self.m, self.v = steps, m, v
        _write(self.params, data)


class RMSprop(Optimizer):
    """RMSprop as ``torch.optim.RMSprop`` (not centred, no momentum).

    ``v = alpha * v + (1 - alpha) * g**2`` and ``p -= lr * g / (sqrt(v) + eps)``:
    eps is added after the square root.

    >>> w = Value(1.0)
    >>> opt = RMSprop([w], lr=0.01, alpha=0.75, eps=1e-300)   # 1.0 + 1e-300 == 1.0
    >>> w.grad = 2.0
    >>> opt.step(); round(w.data, 12)     # 1 - 0.01 * 2 / sqrt(0.25 * 4)
    0.98
    """

    def __init__(
        self,
        params: Iterable[Value],
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr)
        self.alpha = rate(alpha, "RMSprop alpha", high=1.0)
        self.eps = _positive(eps, "RMSprop eps")
        self.weight_decay = rate(weight_decay, "RMSprop weight_decay")
        self.v = [0.0] * len(self.params)

    def step(self) -> None:
        """One RMSprop update."""
        grads = self._grads(self.weight_decay)
        a = self.alpha
        v = [a * v + (1.0 - a) * g * g for v, g in zip(self.v, grads, strict=True)]
        data = [
            p.data - self.lr * g / (math.sqrt(v_i) + self.eps)
            for p, g, v_i in zip(self.params, grads, v, strict=True)
        ]
        self.v = v
        _write(self.params, data)


def _write(params: list[Value], data: list[float]) -> None:
    """Give each parameter its new value: the last part of a step, after every value is known."""
    for p, new in zip(params, data, strict=True):
        p.data = new


def clip_grad_norm(params: Iterable[Value], max_norm: float) -> float:
    """Scale the gradients so their joint L2 norm is at most ``max_norm``; return the norm before.

    As ``torch.nn.utils.clip_grad_norm_``: the factor is
    ``min(1, max_norm / (norm + 1e-6))``.

    Raises:
        FloatingPointError: the norm is NaN or infinite (nothing is scaled).

    >>> a, b = Value(0.0), Value(0.0)
    >>> a.grad, b.grad = 3.0, 4.0
    >>> clip_grad_norm([a, b], 1.0), round(a.grad, 6), round(b.grad, 6)
    (5.0, 0.6, 0.8)
    """
    not_a_model(params, "clip_grad_norm()")
    max_norm = rate(max_norm, "clip_grad_norm() max_norm")
    found = list(params)
    total = math.sqrt(math.fsum(p.grad * p.grad for p in found))
    if not math.isfinite(total):
        raise FloatingPointError(f"clip_grad_norm: the gradient norm is {total!r}")
    factor = min(1.0, max_norm / (total + 1e-6))
    for p in found:
        p.grad *= factor
    return total


__all__ = ["SGD", "Adam", "CosineLR", "Optimizer", "RMSprop", "StepLR", "clip_grad_norm"]
