"""Small networks for the drawing tests, built by hand and named as ``nn`` names them."""

from __future__ import annotations

from typing import Any

from autograd import Value, dot

XS = (0.5, -1.0)


def neuron(layer: int, j: int, xs: Any, weights: list[float], bias: float) -> Value:
    """``dot(w, xs, bias=b)`` with parameters named as ``nn`` names them (0-based)."""
    w = [Value(wi, label=f"layers.{layer}.neurons.{j}.w.{i}") for i, wi in enumerate(weights)]
    return dot(w, xs, bias=Value(bias, label=f"layers.{layer}.neurons.{j}.b"))


def net(xs: Any = XS, backward: bool = True) -> Value:
    """A 2-2-1 network on x = (0.5, -1.0): tanh hidden layer, linear output, squared error.

    z1 = 0.5*0.5 - 0.25*(-1.0) + 0.25 = 0.75, h1 = tanh(0.75) = 0.635149
    z2 = 1.0*0.5 + 0.5*(-1.0) + 0.0 = 0.0,    h2 = 0.0
    y  = 2.0*h1 - 1.0*h2 + 0.5 = 1.770298,   L = (y - 1)^2 = 0.593359
    dL/dy = 2(y - 1) = 1.540597; dL/dh1 = 2 dL/dy = 3.081194, dL/dh2 = -1.540597
    """
    h = [neuron(0, 0, xs, [0.5, -0.25], 0.25).tanh(), neuron(0, 1, xs, [1.0, 0.5], 0.0).tanh()]
    y = neuron(1, 0, h, [2.0, -1.0], 0.5)
    loss = (y - 1.0) ** 2
    if backward:
        loss.backward()
    return loss


def backward(root: Value) -> Value:
    """``root`` after ``root.backward()``."""
    root.backward()
    return root


def dead_relu() -> Value:
    """L = relu(x * s) at x = 2, s = -1: x * s = -2, so relu passes no gradient.

    After backward: dL/dL = 1.0, and relu'(-2) = 0, so d/d(x*s), dL/dx and
    dL/ds are computed zeros (0.0); before it, none is computed (``—``).
    """
    x, s = Value(2.0, label="x"), Value(-1.0, label="s")
    return (x * s).relu()


def zeroed(set_to_none: bool) -> Value:
    """L = relu(w * x + b), w = 0.5, x = 2.0, b = 0.25, after backward and zero_grad([w, b]).

    z = 1.25 > 0, so every gradient is 1.0 but dL/dw = x = 2.0 and dL/dx = w = 0.5;
    zero_grad resets w and b only (the parameters): x keeps 0.5, the
    interior nodes keep this pass's 1.0.
    """
    from nn.module import zero_grad  # nn only here: the drawing tests need no model

    w, x, b = Value(0.5, label="w"), Value(2.0, label="x"), Value(0.25, label="b")
    loss = (w * x + b).relu()
    loss.backward()
    zero_grad([w, b], set_to_none=set_to_none)
    return loss
