"""One optimizer step on a batch: what :func:`nn.fit` does for every mini-batch.

The playground's trainer takes its steps through the same function, so the
two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from autograd import Value
from nn.metrics import Loss
from nn.module import Module
from nn.optim import Optimizer
from nn.optim import clip_grad_norm as clip_gradients


def train_step(
    model: Module,
    xb: Sequence[Any],
    yb: Sequence[Any],
    loss: Loss,
    optimizer: Optimizer,
    *,
    clip: float | None = None,
    after_backward: Iterable[Callable[[], Any]] = (),
) -> tuple[Value, list[Any]]:
    """One optimizer step on a batch, as :func:`fit` takes every step; the loss and predictions.

    Zero the gradients, run the model on every example, the batch's loss (a
    graph), one backward, each ``after_backward`` check, clip the gradient norm
    to ``clip`` if given, one optimizer step. The playground's trainer steps
    through this same function.

    >>> from nn import MLP
    >>> from nn.losses import mse
    >>> from nn.optim import SGD
    >>> model = MLP(1, [1], activation="linear", seed=0)
    >>> model.load_state_dict({"layers.0.neurons.0.w.0": 0.0, "layers.0.neurons.0.b": 0.0})
    >>> value, preds = train_step(model, [[1.0]], [2.0], mse, SGD(model.parameters(), lr=0.25))
    >>> value.data, model.layers[0].neurons[0].w[0].data    # (0 - 2)**2; 0 - 0.25 * -4
    (4.0, 1.0)
    """
    optimizer.zero_grad()
    preds = [model(x) for x in xb]
    value = loss(preds, list(yb))
    value.backward()
    for check in after_backward:
        check()
    if clip is not None:
        clip_gradients(optimizer.params, clip)
    optimizer.step()
    return value, preds


__all__ = ["train_step"]
