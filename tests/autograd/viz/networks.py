"""Small networks for the drawing tests, built by hand and named as ``nn`` names them."""

from __future__ import annotations

from typing import Any

from autograd import Value, dot

XS = (0.5, -1.0)


def neuron(layer: int, j: int, xs: Any, weights: list[float], bias: float) -> Value:
    """``dot(w, xs, bias=b)`` with parameters named as ``nn`` names them (0-based)."""
    w = [Value(wi, label=f"layers.{layer}.neurons.{j}.w.{i}") for i, wi in enumerate(weights)]
    return dot(w, xs, bias=Value(bias, label=f"layers.{layer}.neurons.{j}.b"))


def net(xs: Any = XS) -> Value:
    """A 2-2-1 network on x = (0.5, -1.0): tanh hidden layer, linear output, squared error.

    z1 = 0.5*0.5 - 0.25*(-1.0) + 0.25 = 0.75, h1 = tanh(0.75) = 0.635149
    z2 = 1.0*0.5 + 0.5*(-1.0) + 0.0 = 0.0,    h2 = 0.0
    y  = 2.0*h1 - 1.0*h2 + 0.5 = 1.770298,   L = (y - 1)^2 = 0.593359
    dL/dy = 2(y - 1) = 1.540597; dL/dh1 = 2 dL/dy = 3.081194, dL/dh2 = -1.540597
    """
    h = [neuron(0, 0, xs, [0.5, -0.25], 0.25).tanh(), neuron(0, 1, xs, [1.0, 0.5], 0.0).tanh()]
    y = neuron(1, 0, h, [2.0, -1.0], 0.5)
    loss = (y - 1.0) ** 2
    loss.backward()
    return loss
