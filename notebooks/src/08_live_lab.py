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

# %% [markdown]
# ## The playground: train a network and watch it learn
#
# An `MLP(2, [8, 8, 1])` learning to separate two interleaved moons. Press
# **Play**: the decision boundary (blue: class 1, orange: class 0) bends to
# the data, the training and validation losses fall, and in the network view
# every weight and neuron is coloured by its gradient (blue positive, orange
# negative, paler the smaller). You can change anything while it trains.
#
# Things to try:
#
# - **Raise the learning rate until it diverges.** 0.3 and 1 learn faster;
#   at 3 or 10 the loss jumps about, then the weights blow up.
# - **Set init to zeros** and press Reset. Every neuron of a layer starts
#   identical, gets the identical gradient and stays identical: the network
#   can only draw a straight line.
# - **Switch to sigmoid and add six layers** (hidden layers `8, 8, 8, 8, 8, 8`).
#   Each sigmoid passes back at most a quarter of its gradient, so the first
#   layers' wires fade to the palest colours and barely learn. Add four more
#   layers and they are flagged *vanishing* (median |grad| under 1e-6).

# %%
from nn import playground

moons = playground([8, 8], "moons", lr=0.3)
moons

# %% [markdown]
# The widget is a Python object too: `moons.model` is the live `MLP`, and
# `moons.train(n)` takes `n` steps from code; the widget above follows. (In a
# saved notebook, the still picture above is the network before its first
# step, coloured by the gradients of its starting loss.)

# %%
moons.train(100)
print(moons.trainer.summary())
moons.model

# %% [markdown]
# Circles cannot be separated by a line: the network must bend its boundary
# all the way round. Try it with `relu`, and with one hidden layer of 3.

# %%
circles = playground([8, 8], "circles", lr=0.3, activation="tanh")
circles.train(150)
circles
