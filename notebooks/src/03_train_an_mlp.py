# %% [markdown]
# # 3. Training a small network, and watching its gradients
#
# A network is a formula with many parameters. Training repeats four steps:
# run the model on a batch, measure the loss, backpropagate, and move every
# parameter a little against its gradient. Here we train a two-layer
# perceptron on the *two moons* data set, then look at what goes wrong when
# gradients shrink or grow on their way back through a deep network, and how
# the activation, the initial weights and clipping help.

# %%
import matplotlib.pyplot as plt

from autograd import no_grad
from autograd.viz import draw_graph, grad_flow_summary, plot_grad_flow
from nn import MLP, fit
from nn.data import make_moons
from nn.losses import binary_cross_entropy_with_logits
from nn.optim import SGD, Adam, clip_grad_norm
from nn.train import evaluate

# %% [markdown]
# ## The data
#
# 100 points in the plane, in two interleaving half circles, with a little
# noise. The labels are 0 and 1; no straight line separates them.

# %%
X, y = make_moons(100, noise=0.1, seed=0)
print(f"{len(X)} points, {sum(y)} of class 1; the first: {X[0]} -> {y[0]}")
fig, ax = plt.subplots(figsize=(5, 3.5))
for label, color in ((0, "tab:blue"), (1, "tab:red")):
    ax.scatter(*zip(*[p for p, t in zip(X, y) if t == label]), c=color, label=f"class {label}")
ax.legend()
ax.set_title("two moons")
plt.show()

# %% [markdown]
# ## Model, loss and optimizer
#
# `MLP(2, [16, 16, 1])` takes two inputs, has two hidden layers of 16 tanh
# neurons and one linear output: a score, positive for class 1. Every weight
# is a `Value`. The loss is binary cross-entropy on the score (the *logit*),
# averaged over the batch; Adam updates the parameters.

# %%
model = MLP(2, [16, 16, 1], seed=0)
print(model)
print(f"{len(model.parameters())} parameters, e.g. {model.named_parameters()[0][0]}")
loss_fn = binary_cross_entropy_with_logits
optimizer = Adam(model.parameters(), lr=0.02)
loss_before, accuracy_before = evaluate(model, X, y, loss_fn)
print(f"before training: loss {loss_before:.3f}, accuracy {accuracy_before:.0%}")

# %% [markdown]
# `fit` runs mini-batches of 20 examples: zero the gradients, forward, loss,
# `backward()`, one optimizer step. 30 passes over the data take a few seconds;
# the bar shows the loss and accuracy of each pass.

# %%
history = fit(
    model, X, y, loss=loss_fn, optimizer=optimizer, epochs=30, batch_size=20, progress=True
)
loss_after, accuracy_after = evaluate(model, X, y, loss_fn)
print(f"after training: loss {loss_after:.4f}, accuracy {accuracy_after:.0%}")
assert loss_after < loss_before / 10 and accuracy_after == 1.0

# %%
fig, ax = plt.subplots(figsize=(5, 3.5))
ax.plot(range(1, history.epochs + 1), history.loss)
ax.set(xlabel="epoch", ylabel="mean loss", yscale="log", title="training loss")
plt.show()

# %% [markdown]
# ## The decision boundary
#
# The model's score over a grid of the plane (no graph is recorded under
# `no_grad`, which makes these 1,600 forward passes quick). The black line is
# where the score is 0: the boundary between the two predicted classes.

# %%
steps = 40
gx = [-1.5 + 4.0 * i / (steps - 1) for i in range(steps)]
gy = [-1.2 + 2.9 * j / (steps - 1) for j in range(steps)]
with no_grad():
    scores = [[model([px, py]).data for px in gx] for py in gy]
fig, ax = plt.subplots(figsize=(5, 3.5))
ax.contourf(gx, gy, scores, levels=20, cmap="RdBu_r", alpha=0.7)
ax.contour(gx, gy, scores, levels=[0.0], colors="black")
for label, color in ((0, "tab:blue"), (1, "tab:red")):
    ax.scatter(*zip(*[p for p, t in zip(X, y) if t == label]), c=color, edgecolors="white")
ax.set_title(f"decision boundary, training accuracy {accuracy_after:.0%}")
plt.show()

# %% [markdown]
# ## Gradient flow
#
# After one backward pass over the whole data set, `plot_grad_flow` shows each
# layer's |grad|: the dot is the median over the layer's parameters, the bar
# spans the smallest to the largest. Dashed lines mark the thresholds below
# which a gradient counts as vanishing (1e-6) and above which it counts as
# exploding (1e2). In this trained network every layer sits between them.

# %%
def full_batch_backward(model):
    """Zero the gradients, then backpropagate the mean loss over all of X."""
    model.zero_grad()
    loss = loss_fn([model(p) for p in X], y)
    loss.backward()
    return loss


full_batch_backward(model)
assert not any(layer.flag for layer in grad_flow_summary(model))
plot_grad_flow(model)

# %% [markdown]
# The same gradients on the network itself. `draw_network` draws each weight
# as a wire coloured by the sign and size of its gradient (blue positive,
# orange negative, paler and thinner when smaller, on a log scale) and each
# neuron by its bias's gradient, which is the gradient that reaches the
# neuron. Given an input, each neuron also shows its activation for it.
# `SCALE` fixes the colour scale, so that the pictures below compare with
# this one at a glance.

# %%
SCALE = (1e-8, 1.0)
model.draw_network(X[0], scale=SCALE)

# %% [markdown]
# ## Vanishing gradients
#
# Backpropagation multiplies local derivatives along every path. The sigmoid's
# derivative is at most 1/4, so each sigmoid layer tends to shrink the gradient
# on its way back. Stack eight of them and the first layer barely learns. Here
# is `MLP(2, [8] * 8 + [1], activation="sigmoid")` before any training:

# %%
deep_sigmoid = MLP(2, [8] * 8 + [1], activation="sigmoid", seed=0)
full_batch_backward(deep_sigmoid)
layers = grad_flow_summary(deep_sigmoid)
for layer in layers:
    print(f"{layer.name:9} median |grad| {layer.median:.1e}  {layer.flag}")
assert layers[0].flag == "vanishing" and layers[-1].median / layers[0].median > 1e4
plot_grad_flow(deep_sigmoid)

# %% [markdown]
# On the network, with the colour scale of the trained model above: the wires
# fade from right to left, layer by layer, and the first layer is flagged.

# %%
deep_sigmoid.draw_network(scale=SCALE)

# %% [markdown]
# The same fading is visible in the graph of a single example. In this
# smaller sigmoid network (four layers of two neurons) the colours go from
# bright near the loss to dark near the first weights: each layer passes on a
# fraction of the gradient it receives. `collapse=True` folds each neuron
# (weights, bias, weighted sum, sigmoid) into one box, and `rankdir="TB"` draws
# it top to bottom, the network's inputs first and the loss last.

# %%
small = MLP(2, [2, 2, 2, 2, 1], activation="sigmoid", seed=0)
example_loss = loss_fn([small(X[0])], [y[0]])
example_loss.label = "loss"
example_loss.backward()
first, last = small.layers[0].neurons[0].w[0], small.layers[-1].neurons[0].w[0]
print(f"|grad| of a first-layer weight {abs(first.grad):.1e}, of an output weight "
      f"{abs(last.grad):.1e}")
assert abs(first.grad) < abs(last.grad) / 100
draw_graph(example_loss, flow=True, contributions=False, collapse=True, rankdir="TB")

# %% [markdown]
# Training shows the cost. Full-batch Adam for 8 steps: the deep sigmoid
# network's loss hardly moves from $\log 2 \approx 0.693$, the value of a
# model that always answers 50/50.

# %%
def train(model, epochs=8, lr=0.05):
    return fit(model, X, y, loss=loss_fn, optimizer=Adam(model.parameters(), lr=lr),
               epochs=epochs, progress=False).loss


sigmoid_losses = train(MLP(2, [8] * 8 + [1], activation="sigmoid", seed=0))
print(f"deep sigmoid: loss {sigmoid_losses[0]:.3f} -> {sigmoid_losses[-1]:.3f}")
assert abs(sigmoid_losses[-1] - 0.693) < 0.01

# %% [markdown]
# ## Fix 1: an activation that passes gradients on
#
# tanh's derivative is 1 at 0 and ReLU's is 1 wherever it is active, so
# neither shrinks the gradient by itself. With the same depth and the default
# initialisation, every layer's median |grad| stays within two orders of
# magnitude of the others. (ReLU units that are off for every example pass
# nothing back: `plot_grad_flow` counts those zeros under the axis;
# `leaky_relu` keeps a small slope and has none.)

# %%
fig, axes = plt.subplots(1, 3, figsize=(14, 3.6), sharey=True)
spreads = {}
for ax, activation in zip(axes, ["tanh", "relu", "leaky_relu"]):
    net = MLP(2, [8] * 8 + [1], activation=activation, seed=0)
    full_batch_backward(net)
    medians = [layer.median for layer in grad_flow_summary(net) if layer.median > 0]
    spreads[activation] = max(medians) / min(medians)
    plot_grad_flow(net, ax=ax)
    ax.set_title(activation)
plt.show()
print({name: f"largest / smallest layer median: {s:.0f}" for name, s in spreads.items()})
sigmoid_spread = layers[-1].median / layers[0].median
print(f"sigmoid: {sigmoid_spread:.0f}")
assert all(s < 1000 for s in spreads.values()) and sigmoid_spread > 10_000

# %%
tanh_losses = train(MLP(2, [8] * 8 + [1], activation="tanh", seed=0))
print(f"deep sigmoid: loss {sigmoid_losses[0]:.3f} -> {sigmoid_losses[-1]:.3f}")
print(f"deep tanh:    loss {tanh_losses[0]:.3f} -> {tanh_losses[-1]:.3f}")
assert tanh_losses[-1] < sigmoid_losses[-1]

# %% [markdown]
# ## Fix 2: the initial weights
#
# Each neuron's weights start uniform with variance $g^2/n_\text{in}$ ($g^2 = 1$
# for tanh, 2 for ReLU), which keeps every layer's pre-activations at about
# unit variance. Scale them down by 5 and the signal shrinks layer after layer,
# forward and backward: every layer vanishes, tanh or not.

# %%
def scaled(model, factor):
    """The model with every parameter multiplied by factor."""
    model.load_state_dict({name: p.data * factor for name, p in model.named_parameters()})
    return model


timid = scaled(MLP(2, [8] * 8 + [1], activation="tanh", seed=0), 0.2)
full_batch_backward(timid)
medians = [layer.median for layer in grad_flow_summary(timid)]
print("median |grad| per layer:", [f"{m:.0e}" for m in medians])
assert all(layer.flag == "vanishing" for layer in grad_flow_summary(timid))
plot_grad_flow(timid)

# %% [markdown]
# ## Exploding gradients, and clipping
#
# The opposite failure: weights three times too large make every layer
# *amplify* the gradient. The loss of the untrained network is in the
# thousands, and the chart flags the layers whose largest |grad| passes 1e2.

# %%
loud = scaled(MLP(2, [8] * 8 + [1], activation="leaky_relu", seed=0), 3.0)
start = loud.state_dict()
loss = full_batch_backward(loud)
print(f"loss {loss.data:.0f}")
print([layer.flag or "ok" for layer in grad_flow_summary(loud)])
assert any(layer.flag == "exploding" for layer in grad_flow_summary(loud))
plot_grad_flow(loud)

# %% [markdown]
# `clip_grad_norm(params, max_norm)` rescales all gradients together so their
# joint length is at most `max_norm`, keeping their direction, and returns the
# length before. Five plain SGD steps (learning rate 0.01) from the same start,
# without and with clipping to 1: the raw steps overshoot further each time
# and the loss grows without bound; the clipped ones go steadily down.

# %%
def sgd_steps(clip, steps=5):
    """The loss at each of steps SGD steps from the same start; the first gradient's norm."""
    loud.load_state_dict(start)
    optimizer = SGD(loud.parameters(), lr=0.01)
    losses, norms = [], []
    for _ in range(steps):
        losses.append(full_batch_backward(loud).data)
        norms.append(clip_grad_norm(loud.parameters(), 1.0) if clip else None)
        optimizer.step()
    return losses, norms[0]


raw, _ = sgd_steps(clip=False)
clipped, norm = sgd_steps(clip=True)
print(f"gradient norm at the start: {norm:.0f}")
print("loss, raw steps:    ", [f"{v:.3g}" for v in raw])
print("loss, clipped steps:", [f"{v:.3g}" for v in clipped])
assert raw[-1] > 1e30 and all(b < a for a, b in zip(clipped, clipped[1:]))

# %% [markdown]
# Clipping bounds each step; it does not make the gradients informative again,
# and it does nothing for vanishing gradients, which are already small. For
# those the fixes are the activation and the initialisation above.
