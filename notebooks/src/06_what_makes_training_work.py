# %% [markdown]
# # 6. What makes training work
#
# Backpropagation gives every parameter its gradient. Whether training then
# finds a good model depends on choices the gradient does not make: how far to
# step, how to combine steps, where to start, and which activations the
# gradient has to pass through. This notebook takes them one at a time, shows
# each one failing, and shows the fix.

# %%
import warnings

import matplotlib.pyplot as plt

from autograd import Value
from autograd.viz import grad_flow_summary, plot_grad_flow
from nn import MLP, fit
from nn.data import make_moons
from nn.losses import binary_cross_entropy_with_logits, mse
from nn.optim import SGD, Adam, RMSprop
from nn.schedules import CosineLR

# %% [markdown]
# ## 1. The learning rate
#
# The simplest model there is: one linear neuron, $\hat y = wx + b$, fitted to
# 20 points on the line $y = 3x + 1$ with the mean squared error. Each epoch is
# one step on the whole data set. The same model, from the same start, at four
# learning rates:

# %%
X_line = [[-1.0 + 2.0 * i / 19] for i in range(20)]
y_line = [3.0 * x + 1.0 for (x,) in X_line]
RATES = (0.001, 0.1, 1.0, 1.5)


def fit_line(lr, epochs=30, scheduler=None):
    """Fit a fresh neuron at learning rate lr; the history and the bias after each epoch."""
    model = MLP(1, [1], seed=0)
    optimizer = SGD(model.parameters(), lr=lr)
    neuron = model.layers[0].neurons[0]
    biases = []
    history = fit(
        model, X_line, y_line, loss=mse, optimizer=optimizer, epochs=epochs, progress=False,
        scheduler=scheduler(optimizer) if scheduler else None,
        callbacks=[lambda epoch, history: biases.append(neuron.b.data)],
    )
    return history, biases


runs = {lr: fit_line(lr) for lr in RATES}
fig, ax = plt.subplots(figsize=(6, 3.5))
for lr, (history, _) in runs.items():
    ax.plot(range(1, history.epochs + 1), history.loss, label=f"lr {lr}")
ax.set(xlabel="epoch", ylabel="mean squared error", yscale="log",
       title="one neuron, four learning rates")
ax.legend()
plt.show()
for lr, (history, _) in runs.items():
    print(f"lr {lr:<5}  loss {history.loss[0]:.3g} -> {history.loss[-1]:.3g}")
losses = {lr: history.loss for lr, (history, _) in runs.items()}
assert losses[0.001][-1] > 0.9 * losses[0.001][0]  # too small: hardly moves
assert losses[0.1][-1] < 0.05  # converges
assert abs(losses[1.0][-1] - 1.0) < 1e-6  # stuck
assert losses[1.5][-1] > 1e15  # diverges

# %% [markdown]
# Too small a rate crawls; a good one converges; too large a one overshoots.
# Here the reason is exact. The gradient of the loss with respect to $b$ is
# $2(b - 1)$ (the $x$ terms cancel, since the points are symmetric about 0),
# so one step multiplies $b$'s error by $1 - 2\,\text{lr}$. At lr 1.0 that
# factor is $-1$: $b$ jumps from one side of 1 to the other forever, and the
# loss stays at $(b - 1)^2 = 1$. At lr 1.5 it is $-2$: the error doubles every
# step and the loss, its square, grows fourfold.

# %%
for lr in (1.0, 1.5):
    errors = [b - 1.0 for b in runs[lr][1]]
    ratios = [after / before for before, after in zip(errors, errors[1:])]
    print(f"lr {lr}: b - 1 = {[f'{e:.3g}' for e in errors[:6]]} ...")
    assert all(abs(r - (1 - 2 * lr)) < 1e-9 for r in ratios)

# %% [markdown]
# ### Which way to step
#
# The update is $p \leftarrow p - \text{lr} \cdot \partial L / \partial p$:
# the gradient points uphill, so we *subtract* it. Here is that loop written
# out, ten steps at lr 0.1, and the same loop with the sign flipped.

# %%
def descend(sign, steps=10, lr=0.1):
    """The loss at each of steps updates p <- p + sign * lr * grad."""
    model = MLP(1, [1], seed=0)
    losses = []
    for _ in range(steps):
        model.zero_grad()
        loss = mse([model(x) for x in X_line], y_line)
        loss.backward()
        for p in model.parameters():
            p.data += sign * lr * p.grad
        losses.append(loss.data)
    return losses


down, up = descend(-1), descend(+1)
print("p - lr * grad:", [f"{v:.3g}" for v in down])
print("p + lr * grad:", [f"{v:.3g}" for v in up])
assert all(b < a for a, b in zip(down, down[1:]))
assert all(b > a for a, b in zip(up, up[1:]))

# %% [markdown]
# ## 2. Optimizers
#
# A loss surface with two parameters can be drawn as a contour map. Take the
# elongated bowl $L(a, b) = 0.1a^2 + 2b^2$, whose curvature is twenty times
# larger along $b$ than along $a$, as a network's loss often is steep in some
# directions and nearly flat in others. The two
# parameters are `Value`s, so any optimizer in `nn.optim` can walk it.

# %%
def bowl(a, b):
    return 0.1 * a * a + 2.0 * b * b


def walk(make_optimizer, steps=30, start=(-4.0, 1.5)):
    """The path of (a, b) over steps optimizer steps on the bowl."""
    a, b = Value(start[0], label="a"), Value(start[1], label="b")
    optimizer = make_optimizer([a, b])
    path = [(a.data, b.data)]
    for _ in range(steps):
        optimizer.zero_grad()
        bowl(a, b).backward()
        optimizer.step()
        path.append((a.data, b.data))
    return path


OPTIMIZERS = {
    "SGD, lr 0.4": lambda p: SGD(p, lr=0.4),
    "momentum 0.8, lr 0.1": lambda p: SGD(p, lr=0.1, momentum=0.8),
    "RMSprop, lr 0.05": lambda p: RMSprop(p, lr=0.05),
    "Adam, lr 0.3": lambda p: Adam(p, lr=0.3),
}
paths = {name: walk(make) for name, make in OPTIMIZERS.items()}

grid_a = [-4.5 + 9.0 * i / 99 for i in range(100)]
grid_b = [-2.0 + 4.0 * j / 99 for j in range(100)]
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.contour(grid_a, grid_b, [[bowl(a, b) for a in grid_a] for b in grid_b],
           levels=[0.05, 0.2, 0.5, 1, 2, 4, 8], colors="lightgray")
for name, path in paths.items():
    ax.plot(*zip(*path), marker=".", markersize=4, linewidth=1, label=name)
ax.plot([0], [0], marker="*", markersize=12, color="black")
ax.set(xlabel="a", ylabel="b", title="30 steps on $0.1a^2 + 2b^2$ from (-4, 1.5)")
ax.legend(fontsize=8, loc="lower right")
plt.show()
final = {name: bowl(*path[-1]) for name, path in paths.items()}
for name, loss in final.items():
    print(f"{name:21} final loss {loss:.2e}")

# %% [markdown]
# Plain SGD's rate is capped by the steep direction: one step multiplies $b$
# by $1 - 4\,\text{lr}$, which passes $-1$ above lr 0.5, and at 0.4 $b$
# already zigzags across the valley while $a$ shrinks by only
# $1 - 0.2 \cdot 0.4 = 0.92$ per step. Momentum adds up the steps that agree
# (along $a$) and lets the zigzags cancel, and ends lowest. RMSprop and Adam
# divide each parameter's step by the size of its recent gradients, so both
# directions move at the same pace although the gradient along $b$ is 7.5
# times the one along $a$: Adam's first step is exactly lr along each axis,
# RMSprop's $\text{lr}/\sqrt{1 - 0.99} = 10\,\text{lr}$. Steps of a fixed
# size do not shrink near the bottom, so Adam overshoots it and swings back;
# a schedule (next) lowers the rate to let it settle.

# %%
sgd = paths["SGD, lr 0.4"]
assert all(b1 * b2 < 0 for (_, b1), (_, b2) in zip(sgd, sgd[1:]))  # b changes sign each step
assert all(abs(a2 / a1 - 0.92) < 1e-12 for (a1, _), (a2, _) in zip(sgd, sgd[1:]))
assert final["momentum 0.8, lr 0.1"] == min(final.values())
for name, size in (("Adam, lr 0.3", 0.3), ("RMSprop, lr 0.05", 0.5)):
    (a0, b0), (a1, b1) = paths[name][:2]
    print(f"{name}: first step moves a by {a1 - a0:.3f}, b by {b1 - b0:.3f}")
    assert abs((a1 - a0) - size) < 1e-6 and abs((b1 - b0) + size) < 1e-6

# %% [markdown]
# ### A schedule
#
# A learning rate need not stay fixed. `CosineLR` lowers it along half a
# cosine, from its starting value to 0 over `total` epochs; `fit` steps it
# after every epoch when it is passed as `scheduler=`. Back to the neuron of
# section 1: at lr 1.0 it was stuck, with $b$ jumping across the line. Starting
# at 1.0 and decaying, the jumps shrink as soon as the rate falls below 1;
# in epoch 16 the rate is 0.5, where $b$'s factor $1 - 2\,\text{lr}$ is 0 and
# $b$ lands on 1 in one step.

# %%
scheduled, _ = fit_line(1.0, scheduler=lambda optimizer: CosineLR(optimizer, total=30))
rates = scheduled.lr  # the rate each epoch trained with

fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5), layout="constrained")
left.plot(range(1, 31), rates)
left.set(xlabel="epoch", ylabel="learning rate", title="CosineLR(total=30) from 1.0")
right.plot(range(1, 31), losses[1.0], label="lr 1.0, fixed")
right.plot(range(1, 31), scheduled.loss, label="lr 1.0, cosine")
right.set(xlabel="epoch", ylabel="mean squared error", yscale="log", title="loss")
right.legend()
plt.show()
print(f"final loss: fixed {losses[1.0][-1]:.3g}, cosine {scheduled.loss[-1]:.3g}")
assert abs(rates[15] - 0.5) < 1e-12 and scheduled.loss[16] < 1e-12 < scheduled.loss[15]
assert scheduled.loss[-1] < 1e-3 < losses[1.0][-1]

# %% [markdown]
# ## 3. Local minima
#
# A loss can have more than one valley. $f(x) = x^4 - 3x^2 + x$ has a
# global minimum near $x = -1.30$ and a shallower local one near $x = 1.13$.
# Gradient descent goes downhill from where it starts and stops wherever the
# slope is 0. Momentum carries speed, which can take it over a low ridge.

# %%
def f(x):
    return x**4 - 3 * x**2 + x


def slide(start, momentum=0.0, steps=200, lr=0.01):
    """The path of x under SGD on f."""
    x = Value(start, label="x")
    optimizer = SGD([x], lr=lr, momentum=momentum)
    path = [x.data]
    for _ in range(steps):
        optimizer.zero_grad()
        f(x).backward()
        optimizer.step()
        path.append(x.data)
    return path


slides = {
    "SGD from -2": slide(-2.0),
    "SGD from 2": slide(2.0),
    "momentum 0.9 from 2": slide(2.0, momentum=0.9),
}
xs = [-2.2 + 4.4 * i / 199 for i in range(200)]
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(xs, [f(x) for x in xs], color="gray", label="f(x)")
for (name, path), marker in zip(slides.items(), "o^s"):
    ax.plot(path, [f(x) for x in path], marker=marker, markersize=4, linestyle="none",
            alpha=0.6, label=f"{name} -> {path[-1]:.2f}")
ax.set(xlabel="x", ylabel="f(x)", title="$f(x) = x^4 - 3x^2 + x$, 200 steps at lr 0.01")
ax.legend(fontsize=8)
plt.show()

ends = {name: path[-1] for name, path in slides.items()}
print({name: round(x, 4) for name, x in ends.items()})
assert abs(ends["SGD from -2"] - (-1.3008)) < 1e-3
assert abs(ends["SGD from 2"] - 1.1309) < 1e-3  # stuck in the local minimum
assert abs(ends["momentum 0.9 from 2"] - (-1.3008)) < 1e-3  # carried over the ridge
assert f(-1.3008) < f(1.1309)

# %% [markdown]
# Momentum is no guarantee: with a different start or rate it can overshoot
# the good valley as easily. In the many dimensions of a real network, most
# points where the gradient is 0 are saddles rather than minima, and getting
# stuck like this is rarer than the one-dimensional picture suggests.
#
# ## 4. The initial weights
#
# Back to the two moons of notebook 3, with a small network, `MLP(2, [4, 1])`:
# four tanh neurons and an output. `init=` chooses how the weights start (see
# `nn.init`). Here the default (random, variance $1/n_\text{in}$), all zeros,
# and every weight and bias 0.5; each trained with Adam for 30 epochs.

# %%
X, y = make_moons(100, noise=0.1, seed=0)
loss_fn = binary_cross_entropy_with_logits


def distinct_hidden(model):
    """How many different neurons the hidden layer holds (weights and bias)."""
    return len({tuple(p.data for p in n.parameters()) for n in model.layers[0].neurons})


trained = {}
for init in ("default", "zeros", ("constant", 0.5)):
    model = MLP(2, [4, 1], init=init, seed=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = fit(model, X, y, loss=loss_fn, optimizer=Adam(model.parameters(), lr=0.05),
                      epochs=30, progress=False)
    trained[init] = model
    print(f"init={init!r:17} distinct hidden neurons {distinct_hidden(model)} of 4, "
          f"accuracy {history.accuracy[-1]:.0%}, warnings {len(caught)}")
    if init == "default":
        assert distinct_hidden(model) == 4 and history.accuracy[-1] > 0.8
    else:
        assert distinct_hidden(model) == 1
    if init == "zeros":
        assert history.accuracy[-1] == 0.5 and len(caught) == 1

# %% [markdown]
# With `"zeros"` and `"constant"` every hidden neuron starts identical. They
# see the same inputs, so they compute the same output; the output neuron's
# weights to them are equal too, so backpropagation hands each the same
# gradient, and the update keeps them equal. Four neurons train as one.
# With zeros it is worse still: the output weights are 0, so no gradient
# reaches the hidden layer, and tanh(0) = 0, so the output weights get none
# either. Only the output bias learns, and the model answers 50/50 for every
# point (`fit` warns about it; see section 5).
#
# The network view with `show="weight"` colours each wire by its weight. After
# training from the constant start, the four hidden neurons are copies:

# %%
WEIGHTS = (1e-2, 10.0)
trained[("constant", 0.5)].draw_network(X[0], show="weight", scale=WEIGHTS)

# %% [markdown]
# From the default start, on the same colour scale, each neuron found a
# weighting of its own:

# %%
trained["default"].draw_network(X[0], show="weight", scale=WEIGHTS)

# %% [markdown]
# ## 5. An activation with no gradient
#
# A step function, 1 for a positive input and 0 otherwise, looks like a
# natural neuron. Its derivative is 0 wherever it is defined, so no gradient
# passes through it. The same happens when a hand-written `if` makes a new
# `Value` from a number: the new Value has no parents, and the graph is cut.

# %%
w = Value(0.5, label="w")
z = w * 2.0
a = Value(1.0 if z.data > 0 else 0.0)  # a new leaf: nothing links it to w
loss = (a - 0.0) ** 2
loss.backward()
print(f"hand-written step: loss {loss.data}, w.grad {w.grad}")
assert w.grad == 0.0

w = Value(0.5, label="w")
loss = ((w * 2.0).step() - 0.0) ** 2
loss.backward()
print(f"Value.step():      loss {loss.data}, w.grad {w.grad}")
assert w.grad == 0.0

# %% [markdown]
# In a network, every layer before such an activation gets gradients of exactly
# 0.0 and never learns. `fit` checks for a layer whose gradients are all 0
# after a backward pass and warns once, naming the first such layer. Here a
# network with `activation="step"`, and one whose activation is the
# hand-written `if`:

# %%
def hand_step(z):
    return Value(1.0 if z.data > 0 else 0.0)


for activation in ("step", hand_step):
    model = MLP(2, [4, 1], activation=activation, seed=0)
    hidden_before = [p.data for p in model.layers[0].parameters()]
    output_before = [p.data for p in model.layers[1].parameters()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit(model, X, y, loss=loss_fn, optimizer=Adam(model.parameters(), lr=0.05),
            epochs=5, progress=False)
    print(f"{model}:")
    for warning in caught:
        print(f"  {warning.category.__name__}: {warning.message}")
    assert [warning.category for warning in caught] == [RuntimeWarning]
    assert [p.data for p in model.layers[0].parameters()] == hidden_before  # never moved
    assert [p.data for p in model.layers[1].parameters()] != output_before  # learned

# %% [markdown]
# The output layer still learns (it sits after the cut), so the accuracy alone
# would not have shown that the hidden layer never moved.
#
# ## 6. Vanishing gradients, and two fixes
#
# Notebook 3 showed gradients fading on their way back through a deep sigmoid
# network: the sigmoid's derivative is at most 1/4, and backpropagation
# multiplies one such factor per layer. Three networks of six hidden layers of
# eight neurons, with the same seed, after one backward pass over the data:
# sigmoid; ReLU, whose derivative is 1 wherever it is on; and sigmoid with a
# `LayerNorm` after each hidden layer (`layer_norm=True`), which rescales the
# layer's outputs to mean 0 and variance 1: it divides them by their spread,
# which is small after a sigmoid, and so multiplies the gradient on its way
# back by about the same factor.

# %%
NETWORKS = {
    "sigmoid": dict(activation="sigmoid"),
    "relu": dict(activation="relu"),
    "sigmoid + LayerNorm": dict(activation="sigmoid", layer_norm=True),
}


def deep(options):
    model = MLP(2, [8] * 6 + [1], seed=3, **options)
    model.zero_grad()
    loss_fn([model(p) for p in X], y).backward()
    return model


def layer_grads(model):
    """The Layers' (name, parameter) pairs: the LayerNorms' own gains and biases left out."""
    return [(name, p) for name, p in model.named_parameters() if name.startswith("layers.")]


fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), sharey=True)
ratio = {}
for ax, (name, options) in zip(axes, NETWORKS.items()):
    model = deep(options)
    layers = grad_flow_summary(layer_grads(model))
    ratio[name] = layers[0].median / layers[-1].median
    plot_grad_flow(layer_grads(model), ax=ax)
    ax.set_title(name)
plt.show()
for name, r in ratio.items():
    print(f"{name:20} first-layer / last-layer median |grad| {r:.1e}")
assert ratio["sigmoid"] < 1e-4
assert 0.1 < ratio["relu"] < 10 and 0.1 < ratio["sigmoid + LayerNorm"] < 10

# %% [markdown]
# In the sigmoid network the first layer's median |grad| is more than four
# decades below the last layer's; with ReLU or with LayerNorm it is within a
# factor of 10 of it. (ReLU's zeros, counted under the axis, are weights whose
# gradient is exactly 0: into a unit that is off for every point, or out of
# one. Where many units are off, as in `layers.5`, the median drops.)
#
# The gradient that reaches the first layer decides how fast it learns.
# Six full-batch Adam steps for each: the sigmoid network's loss stays at
# $\log 2 \approx 0.693$, the loss of always answering 50/50.

# %%
final_loss, warned = {}, {}
for name, options in NETWORKS.items():
    model = MLP(2, [8] * 6 + [1], seed=3, **options)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = fit(model, X, y, loss=loss_fn, optimizer=Adam(model.parameters(), lr=0.05),
                      epochs=6, progress=False)
    print(f"{name:20} loss {history.loss[0]:.3f} -> {history.loss[-1]:.3f}")
    final_loss[name], warned[name] = history.loss[-1], [str(w.message) for w in caught]
print("\nfit warned, for relu:", *warned["relu"])
assert abs(final_loss["sigmoid"] - 0.693) < 0.01  # still answering 50/50
assert final_loss["relu"] < 0.6 and final_loss["sigmoid + LayerNorm"] < 0.6
assert warned["sigmoid"] == warned["sigmoid + LayerNorm"] == []
assert len(warned["relu"]) == 1 and "dead ReLU" in warned["relu"][0]

# %% [markdown]
# `fit` also noticed the ReLU network's dead units: a ReLU neuron whose input
# is below 0 for every example outputs 0, passes no gradient back and so never
# changes again. It warns once, at the end of the first epoch in which some
# ReLU neuron got no gradient at all, and names them.

# %% [markdown]
# ## What to check when training fails
#
# | symptom | first suspect |
# |---|---|
# | the loss grows, or jumps up and down | the learning rate is too large (1) |
# | the loss hardly moves | the rate is too small (1), or the gradients vanish (6) |
# | the loss rises from the first step | the update adds the gradient (1) |
# | training stalls at a poor loss | a local minimum: momentum, another start (3) |
# | hidden neurons stay identical | a zero or constant initialisation (4) |
# | `fit` warns that every gradient is 0 | a step or a hand-made `Value(...)` (5) |
# | `fit` warns about dead ReLU neurons | too large a rate, or unlucky init: `init="he"`, `leaky_relu` (6) |
# | early layers' gradients are decades below the last's | sigmoids: ReLU, LayerNorm (6) |
