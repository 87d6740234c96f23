"""chainrule's neural-network layer, built from scalar ``autograd.Value`` neurons.

>>> from nn import MLP
>>> model = MLP(3, [4, 4, 1], seed=0)
>>> len(model.parameters())
41
"""

from nn import data, init, losses, optim, stopping
from nn.draw import draw_network
from nn.dropout import Dropout
from nn.io import LoadError, load, save
from nn.layers import MLP, Layer, Neuron
from nn.live import playground
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
    "fit",
    "init",
    "load",
    "losses",
    "optim",
    "playground",
    "save",
    "stopping",
]
