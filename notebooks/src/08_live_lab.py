# %% [markdown]
# # 08 · The live lab: drag an input, watch backprop redraw; train a network, watch it learn
#
# The other notebooks show one evaluation at a time. Here the pictures are
# live: each is a widget that runs in this notebook's kernel, so **run each
# cell** (a saved notebook shows a still picture of each, taken when it was
# built).
#
# First a single neuron, `o = tanh(w·x + b)` at `x = 2`. Drag `w` and `b` and
# watch every box: its value (`data`) and its gradient `do/d·` (`grad`),
# coloured by |grad| on a log scale. Click a box for its derivation: how it
# was computed, and the chain-rule line that gave its gradient.

# %%
from autograd.viz import lab


def neuron(w, b):
    x = 2.0
    return (w * x + b).tanh()


neuron_lab = lab(neuron, w=0.5, b=-0.2)
neuron_lab

# %% [markdown]
# Things to try:
#
# - Make `b` large (say 4). The neuron saturates: `tanh` is flat there, so
#   every gradient turns dark, near 0. This is a *vanishing* gradient, in one neuron.
# - Find `w` and `b` where `do/dw` is exactly twice `do/db`. (Why is it always?)
# - Press **Step through backward**: the same pass, one node at a time, with the
#   chain rule written out at each step.
#
# The widget is also a Python object. Setting its inputs redraws it; reading it
# gives the numbers it shows:

# %%
neuron_lab.inputs = {"w": 1.0, "b": 0.5}
neuron_lab.reading.readout()

# %% [markdown]
# ## A two-layer formula
#
# Two hidden `tanh` units and a squared error against a target of 1. Each
# weight is used once, but the input `x` feeds both units, so its gradient is a
# sum of two chain-rule terms: click `x` to see them.

# %%


def two_layers(x, w1, w2, v1, v2):
    h1 = (w1 * x).tanh()
    h2 = (w2 * x).tanh()
    y = v1 * h1 + v2 * h2
    return (y - 1.0) ** 2


lab(two_layers, x=1.0, w1=0.5, w2=-1.5, v1=1.0, v2=0.8)
