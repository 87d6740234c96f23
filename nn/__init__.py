"""chainrule's neural-network layer, built from scalar ``autograd.Value`` neurons.

>>> from nn import MLP
>>> model = MLP(3, [4, 4, 1], seed=0)
>>> len(model.parameters())
41

The pictures, the playground and the player of one example (``draw_network``,
``playground``, ``explain``) are loaded when first used, so ``import nn``
loads neither Graphviz nor any widget.
"""

from __future__ import annotations

from typing import Any

from nn import data, init, losses, optim, stopping
from nn.dropout import Dropout
from nn.io import LoadError, load, save
from nn.layers import MLP, Layer, Neuron
from nn.module import Module
from nn.norm import LayerNorm
from nn.stopping import EarlyStopping
from nn.train import History, fit

__all__ = [
    "MLP",
    "Dropout",
    "EarlyStopping",
    "History",
    "Layer",
    "LayerNorm",
    "LoadError",
    "Module",
    "Neuron",
    "data",
    "draw_network",
    "explain",
    "fit",
    "init",
    "load",
    "losses",
    "optim",
    "playground",
    "save",
    "stopping",
]


def __getattr__(name: str) -> Any:
    """``nn.draw_network``, ``nn.playground`` and ``nn.explain``, imported on first use."""
    found: Any
    if name == "draw_network":
        from nn.pictures.draw import draw_network as found
    elif name == "explain":
        from nn.pictures.explain import explain as found
    elif name == "playground":
        from nn.widgets.playground import playground as found
    else:
        raise AttributeError(f"module 'nn' has no attribute {name!r}")
    globals()[name] = found  # found directly from now on
    return found


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"draw_network", "explain", "playground"})
