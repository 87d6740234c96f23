# %% [markdown]
# # 3. Training a small network, and watching its gradients
#
# A network is a formula with many parameters. Training repeats four steps:
# run the model on a batch, measure the loss, backpropagate, and move every
# parameter a little against its gradient. Here we train a two-layer
# perceptron on the *two moons* data set and see what its non-linear
# activation buys, then look at what goes wrong when gradients shrink or grow
# on their way back through a deep network, and how the activation, the
# initial weights and clipping help. Every result the text quotes is computed
# and checked (`assert`) in the code cell just above it.

# %%
import math
import statistics
import warnings
from itertools import pairwise

import matplotlib.pyplot as plt
from matplotlib.colors import TwoSlopeNorm

from autograd import Value, no_grad
from autograd.viz import draw_graph, grad_flow_summary, plot_grad_flow
from autograd.viz.scene import colors
from autograd.viz.views.charts import class_shading, decades, figsize, legend_beside
from nn import MLP, fit
from nn.data import make_moons
from nn.float_forward import FLOAT, float_forward
from nn.gradcut import relu_neurons
from nn.init import bound
from nn.losses import binary_cross_entropy_with_logits
from nn.optim import SGD, Adam, clip_grad_norm
from nn.train import evaluate

# %% [markdown]
# ## The data
#
# 100 points in the plane, in two interleaving half circles, with a little
# noise. The labels are 0 and 1.

# %%
X, y = make_moons(100, noise=0.1, seed=0)
print(f"{len(X)} points, {sum(y)} of class 1; the first: {X[0]} -> {y[0]}")
assert len(X) == 100 and sum(y) == 50
fig, ax = plt.subplots(figsize=figsize(3.5, 6.0), layout="constrained")
for label, color in enumerate(colors.CLASS_COLORS):
    ax.scatter(*zip(*[p for p, t in zip(X, y) if t == label]), c=color, label=f"class {label}")
legend_beside(ax)
ax.set(xlabel="x1", ylabel="x2", title="two moons")
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
optimizer = Adam(model.parameters(), lr=0.05)
loss_before, accuracy_before = evaluate(model, X, y, loss_fn)
print(f"before training: loss {loss_before:.3f}, accuracy {accuracy_before:.0%}")

# %% [markdown]
# `fit` runs mini-batches of 20 examples: zero the gradients, forward, loss,
# `backward()`, one optimizer step; 15 passes over the data. The bar shows the
# loss and accuracy of each pass.

# %%
history = fit(
    model, X, y, loss=loss_fn, optimizer=optimizer, epochs=15, batch_size=20, progress=True
)
loss_after, accuracy_after = evaluate(model, X, y, loss_fn)
print(f"after training: loss {loss_after:.4f}, accuracy {accuracy_after:.0%}")
assert loss_after < loss_before / 10 and accuracy_after == 1.0

# %% [markdown]
# The loss falls more than tenfold, and every training point ends on its
# side: 100%.

# %%
fig, ax = plt.subplots(figsize=figsize(3.5, 6.0), layout="constrained")
ax.plot(range(1, history.epochs + 1), history.loss, color="black")
ax.set(xlabel="epoch", ylabel="mean loss", yscale="log", title="training loss")
decades(ax.yaxis)
plt.show()

# %% [markdown]
# ## Why the non-linearity matters
#
# Could a simpler network do as well? With `activation="linear"` every hidden
# layer is a weighted sum, and a weighted sum of weighted sums is one more:
# however many layers, the whole network computes $w_1 x_1 + w_2 x_2 + b$
# for a single $w$ and $b$, and its boundary is a straight line. The same MLP,
# data, optimizer and 15 epochs, with linear hidden layers, on seeds 0 and 1;
# then the last one read off as one $w$ and $b$ from its outputs at (0, 0),
# (1, 0) and (0, 1), under `no_grad` (no graph is recorded, as none is needed):

# %%
linear_accuracy = {}
for seed in (0, 1):
    linear = MLP(2, [16, 16, 1], activation="linear", seed=seed)
    fit(linear, X, y, loss=loss_fn, optimizer=Adam(linear.parameters(), lr=0.05), epochs=15,
        batch_size=20, progress=False)
    linear_accuracy[seed] = evaluate(linear, X, y, loss_fn)[1]
with no_grad():
    b = linear([0.0, 0.0]).data
    w1, w2 = linear([1.0, 0.0]).data - b, linear([0.0, 1.0]).data - b
    assert all(abs(linear(p).data - (w1 * p[0] + w2 * p[1] + b)) < 1e-9 for p in X)
print(f"the linear network (seed 1) at every point: w = ({w1:.2f}, {w2:.2f}), b = {b:.2f}")
print("training accuracy, linear:", {s: f"{a:.0%}" for s, a in linear_accuracy.items()},
      f"tanh (the model above): {accuracy_after:.0%}")
assert [round(a, 2) for a in linear_accuracy.values()] == [0.87, 0.91] and accuracy_after == 1.0

# %% [markdown]
# However deep, the linear network is one straight line: it classifies 87%
# and 91% of the points (seeds 0 and 1), where the tanh network above gets
# 100%.
#
# ## The decision boundary
#
# The tanh model's score over a 40 × 40 grid of the plane. `float_forward`
# reads the model's weights once and runs it on plain floats, building no
# graph at all (it is what the playground draws after every step), which
# makes these 1,600 forward passes quick. The black line is where the score
# is 0: the boundary between the two predicted classes. The dashed line is
# the linear network's.

# %%
steps = 40
gx = [-1.5 + 4.0 * i / (steps - 1) for i in range(steps)]
gy = [-1.2 + 2.9 * j / (steps - 1) for j in range(steps)]
score = float_forward(model)
scores = [[score([px, py]) for px in gx] for py in gy]
fig, ax = plt.subplots(figsize=figsize(3.8, 6.0), layout="constrained")
low, high = min(map(min, scores)), max(map(max, scores))
ax.contourf(gx, gy, scores, levels=20, cmap=class_shading(), norm=TwoSlopeNorm(0.0, low, high),
            alpha=0.7)
ax.contour(gx, gy, scores, levels=[0.0], colors="black")
ax.plot(gx, [-(w1 * px + b) / w2 for px in gx], "--", color="black", linewidth=1)
for label, color in enumerate(colors.CLASS_COLORS):
    ax.scatter(*zip(*[p for p, t in zip(X, y) if t == label]), c=color, edgecolors="black",
               linewidths=0.5)
ax.set_ylim(gy[0], gy[-1])
ax.set(xlabel="x1", ylabel="x2")
ax.set_title(f"decision boundary, training accuracy {accuracy_after:.0%}\n"
             f"dashed: the linear network (seed 1), {linear_accuracy[1]:.0%}")
plt.show()

# %% [markdown]
# The bend in the boundary is what the non-linearity buys.

# %% [markdown]
# ## Gradient flow
#
# After one backward pass over the whole data set, `plot_grad_flow` shows each
# layer's |grad|: the dot is the median over the layer's parameters, the bar
# spans the smallest to the largest. Dashed lines mark the thresholds below
# which a gradient counts as vanishing (1e-6) and above which it counts as
# exploding (1e2).

# %%
def full_batch_backward(model):
    """Zero the gradients, then backpropagate the mean loss over all of X."""
    model.zero_grad()
    loss = loss_fn([model(p) for p in X], y)
    loss.backward()
    return loss


full_batch_backward(model)
assert (colors.VANISHING, colors.EXPLODING) == (1e-6, 1e2)
trained = grad_flow_summary(model)
assert all(layer.median > 1e-6 and layer.high <= 1e2 for layer in trained)
plot_grad_flow(model)

# %% [markdown]
# In this trained network every layer sits between the two lines: every
# median is above 1e-6, and no |grad| is above 1e2.
#
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
# Backpropagation multiplies local derivatives along every path, one factor
# per layer. Stack eight sigmoid layers, `MLP(2, [8] * 8 + [1],
# activation="sigmoid")`, and look at its gradients before any training
# (seed 0 printed and drawn, seed 1 checked too):

# %%
def slope(activation, z):
    """An activation's derivative at z, by backward."""
    v = Value(z)
    getattr(v, activation)().backward()
    return v.grad


largest_slope = max(slope("sigmoid", i / 10) for i in range(-100, 101))
sigmoid_spread = {}
for seed in (1, 0):  # seed 0 last: the one printed and drawn
    deep_sigmoid = MLP(2, [8] * 8 + [1], activation="sigmoid", seed=seed)
    full_batch_backward(deep_sigmoid)
    layers = grad_flow_summary(deep_sigmoid)
    medians = [layer.median for layer in layers]
    assert all(a < b for a, b in pairwise(medians)) and layers[0].flag == "vanishing"
    sigmoid_spread[seed] = medians[-1] / medians[0]
for layer in layers:
    print(f"{layer.name:9} median |grad| {layer.median:.1e}  {layer.flag}")
print(f"largest slope of the sigmoid on [-10, 10]: {largest_slope}")
print("last / first layer median by seed:",
      {seed: f"{spread:.0f}" for seed, spread in sorted(sigmoid_spread.items())})
assert largest_slope == slope("sigmoid", 0.0) == 0.25
assert all(s > 1e4 for s in sigmoid_spread.values())
plot_grad_flow(deep_sigmoid)

# %% [markdown]
# The sigmoid's slope is at most 1/4 (at 0), so each layer passes back only
# part of the gradient it gets: the median |grad| grows at every layer from
# the first to the last, more than $10^4$-fold in all (seeds 0 and 1), and
# the first layer is flagged as vanishing. On the network, with the colour
# scale of the trained model above, the wires fade from right to left, layer
# by layer.

# %%
deep_sigmoid.draw_network(scale=SCALE)

# %% [markdown]
# The same fading is visible in the graph of a single example. In this
# smaller sigmoid network (four layers of two neurons), `collapse=True` folds
# each neuron (weights, bias, weighted sum, sigmoid) into one box, and
# `rankdir="TB"` draws it top to bottom, the network's inputs first and the
# loss last.

# %%
def first_and_last(seed):
    """A first-layer and an output weight of the small network, after one example's backward."""
    small = MLP(2, [2, 2, 2, 2, 1], activation="sigmoid", seed=seed)
    example_loss = loss_fn([small(X[0])], [y[0]])
    example_loss.label = "loss"
    example_loss.backward()
    return small.layers[0].neurons[0].w[0], small.layers[-1].neurons[0].w[0], example_loss


first, last, _ = first_and_last(1)
assert abs(first.grad) < abs(last.grad) / 100
first, last, example_loss = first_and_last(0)
print(f"|grad| of a first-layer weight {abs(first.grad):.1e}, of an output weight "
      f"{abs(last.grad):.1e}")
assert abs(first.grad) < abs(last.grad) / 100
draw_graph(example_loss, flow=True, contributions=False, collapse=True, rankdir="TB")

# %% [markdown]
# The colours go from bright near the loss to dark near the first weights:
# the first-layer weight's |grad| is more than 100 times smaller than the
# output weight's (seeds 0 and 1).
#
# Training shows the cost. Full-batch Adam for 8 steps:

# %%
def train(model, epochs=8, lr=0.05):
    return fit(model, X, y, loss=loss_fn, optimizer=Adam(model.parameters(), lr=lr),
               epochs=epochs, progress=False).loss


sigmoid_losses = train(MLP(2, [8] * 8 + [1], activation="sigmoid", seed=0))
print(f"deep sigmoid: loss {sigmoid_losses[0]:.3f} -> {sigmoid_losses[-1]:.3f}")
assert abs(sigmoid_losses[-1] - math.log(2)) < 0.01

# %% [markdown]
# The deep sigmoid network's loss (seed 0) ends within 0.01 of $\log 2
# \approx 0.693$, the loss of a model that always answers 50/50.
#
# ## Fix 1: an activation that passes gradients on
#
# tanh and ReLU do not squash the gradient as the sigmoid does. Do they mend
# the deep network? The same depth and default initialisation with tanh, ReLU
# and leaky ReLU: one backward pass over the data each, on seeds 0 and 1
# (seed 0 drawn). A layer whose median |grad| is exactly 0 has no place on
# the log axis: it gets a hollow triangle at the bottom, and the numbers
# under the axis count each layer's parameters whose gradient is exactly 0.

# %%
SEEDS = (0, 1)
ACTIVATIONS = ("tanh", "relu", "leaky_relu")


def spread(layers):
    """The largest layer median |grad| over the smallest: infinite when one is 0."""
    medians = [layer.median for layer in layers]
    return max(medians) / min(medians) if min(medians) > 0 else math.inf


nets, flows = {}, {}
for activation in ACTIVATIONS:
    for seed in SEEDS:
        nets[activation, seed] = net = MLP(2, [8] * 8 + [1], activation=activation, seed=seed)
        full_batch_backward(net)
        flows[activation, seed] = grad_flow_summary(net)
fig, axes = plt.subplots(3, 1, figsize=figsize(10.5), sharey=True, layout="constrained")
for ax, activation in zip(axes, ACTIVATIONS):
    plot_grad_flow(nets[activation, 0], ax=ax)
    ax.set_title(f"{activation} (seed 0)")
plt.show()
spreads = {a: [round(spread(flows[a, s])) if spread(flows[a, s]) < math.inf else math.inf
               for s in SEEDS] for a in ACTIVATIONS}
zero_medians = {a: [sum(layer.median == 0 for layer in flows[a, s]) for s in SEEDS]
                for a in ACTIVATIONS}
no_gradient = {a: [sum(layer.zeros for layer in flows[a, s]) for s in SEEDS] for a in ACTIVATIONS}
for a in ACTIVATIONS:
    print(f"{a:10}  largest / smallest median {spreads[a]}  layers with median 0 "
          f"{zero_medians[a]}  parameters with no gradient {no_gradient[a]}  (seeds 0, 1)")
n_parameters = len(nets["relu", 0].parameters())
print(f"of {n_parameters} parameters")
assert slope("tanh", 0.0) == 1.0 and slope("relu", 0.5) == slope("relu", 3.0) == 1.0
assert largest_slope == 0.25  # the sigmoid's, above
assert spreads["tanh"] == [12, 35]  # within two orders of magnitude: both below 100
assert all(s > 1e4 for s in sigmoid_spread.values())
assert len(flows["relu", 0]) == 9 and zero_medians["relu"] == [5, 3]
assert all(layer.zeros > layer.count / 2 for s in SEEDS for layer in flows["relu", s]
           if layer.median == 0)
assert no_gradient["relu"][0] == 292 and n_parameters == 537
assert slope("leaky_relu", -1.0) == 0.01
assert no_gradient["leaky_relu"] == [0, 0] and spreads["leaky_relu"] == [143, 388]

# %% [markdown]
# tanh's slope is 1 at 0 and ReLU's is 1 wherever it is on, where the
# sigmoid's is at most 1/4. With tanh every layer's median |grad| stays within
# two orders of magnitude of the others: the largest is 12 and 35 times the
# smallest on seeds 0 and 1 (the sigmoid's: more than $10^4$).
#
# ReLU is not such a fix in this narrow network. In the seed-0 panel, 5 of
# the 9 layers have a median |grad| of exactly 0 (3 with seed 1): more than
# half of their parameters get no gradient at all, and 292 of the network's
# 537 do not. `leaky_relu`, which keeps a slope of 0.01 below 0, gives every
# parameter some gradient on both seeds, but its medians still spread 143 and
# 388-fold.
#
# Does the tanh network then learn? The same 8 full-batch Adam steps as the
# sigmoid network above, from seed 0:

# %%
tanh_losses = train(MLP(2, [8] * 8 + [1], activation="tanh", seed=0))
print(f"deep sigmoid: loss {sigmoid_losses[0]:.3f} -> {sigmoid_losses[-1]:.3f}")
print(f"deep tanh:    loss {tanh_losses[0]:.3f} -> {tanh_losses[-1]:.3f}")
assert [round(tanh_losses[i], 3) for i in (0, -1)] == [0.883, 0.335]
assert round(sigmoid_losses[-1], 3) == 0.694

# %% [markdown]
# It does: its loss falls from 0.883 to 0.335, while the sigmoid network's
# ends at 0.694.
#
# ## Dead ReLUs
#
# Where do ReLU's zeros come from? A ReLU unit whose weighted input
# $w \cdot x + b$ is at most 0 for every example outputs 0 for all of them,
# and its derivative there is 0: it passes no gradient back and gets none for
# its own weights and bias, so they never move. It is *dead*. The weights
# that read its output get nothing either, since their input is 0. Counting
# the units that are off for every one of the 100 points, layer by layer:

# %%
def weighted_inputs(net):
    """Each layer's w·x + b for every example of X, on floats: [layer][example][unit]."""
    found = [[] for _ in net.layers]
    for x in X:
        for k, layer in enumerate(net.layers):
            z = [sum(w.data * v for w, v in zip(n.w, x)) + n.b.data for n in layer.neurons]
            found[k].append(z)
            x = [FLOAT[n.activation](v) for n, v in zip(layer.neurons, z)]
    return found


def dead_units(net):
    """The hidden units whose w·x + b is at most 0 for every example of X, by name."""
    return [f"layers.{k}.neurons.{j}" for k, layer in enumerate(weighted_inputs(net)[:-1])
            for j in range(len(layer[0])) if all(z[j] <= 0 for z in layer)]


def silent_units(net):
    """What fit's ReluWatch looks for: the ReLU neurons none of whose parameters got a gradient."""
    return [name for name, ps in relu_neurons(net).items() if not any(p.grad for p in ps)]


def per_layer(names):
    return [sum(name.startswith(f"layers.{k}.") for name in names) for k in range(8)]


relu_net = nets["relu", 0]
dead = dead_units(relu_net)
same = [silent_units(nets["relu", s]) == dead_units(nets["relu", s]) for s in SEEDS]
layer3 = flows["relu", 0][3]
# Counting needs no backward pass, so seed 2 is cheap to add here.
dead_per_seed = [len(dead_units(MLP(2, [8] * 8 + [1], activation="relu", seed=s)))
                 for s in (0, 1, 2)]
print("dead units in each hidden layer of 8 (seed 0):", per_layer(dead),
      f"in all {len(dead)} of 64")
print(f"the ReLU neurons that got no gradient are exactly the dead ones, seeds 0 and 1: {same}")
print(f"{layer3.name}: {layer3.zeros} of its {layer3.count} parameters get no gradient")
print("dead units, seeds 0, 1, 2:", dead_per_seed)
assert slope("relu", 0.0) == slope("relu", -1.0) == 0.0  # relu'(0) = 0, as PyTorch
assert all(same) and len(dead) == 22 and per_layer(dead)[2:4] == [4, 6]
assert (layer3.zeros, layer3.count) == (62, 72) == (6 * 9 + 2 * 4, 8 * 9)
assert dead_per_seed == [22, 11, 7]

# %% [markdown]
# 22 of the 64 ReLU units are dead before training has even begun (11 and 7
# with seeds 1 and 2), and on seeds 0 and 1 they are exactly the neurons that
# got no gradient.
# In `layers.3` (layer 4 in the charts) six of the eight are dead, so 62 of
# its 72 parameters get nothing: the dead units' 6 × 9, and the 2 × 4 weights by which its two live
# units read the 4 dead units of `layers.2`. Only a change in the layers
# before a dead unit can bring it back; in the first layer, whose inputs are
# the data, nothing can.
#
# ## What helps, measured
#
# Three fixes are usually named for dead ReLUs: He initialisation, leaky ReLU
# and a lower learning rate. Each on the same networks: He's rule against the
# default, every weight scaled by 10, and 2 full-batch Adam steps at two
# learning rates (seeds 0 and 1; `fit` warns about dead units, and we keep
# its first warning).

# %%
def scaled(model, factor):
    """The model with every parameter multiplied by factor."""
    model.load_state_dict({name: p.data * factor for name, p in model.named_parameters()})
    return model


he = MLP(2, [8] * 8 + [1], activation="relu", seed=0, init="he")
louder = scaled(MLP(2, [8] * 8 + [1], activation="relu", seed=0), 10.0)
print(f"init='he' draws the default's weights: {he.state_dict() == relu_net.state_dict()}")
print(f"dead units with every weight times 10: {len(dead_units(louder))}")
dead_after, warned = {}, []
for lr in (0.2, 0.01):
    for seed in (0, 1):
        net = MLP(2, [8] * 8 + [1], activation="relu", seed=seed)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            train(net, epochs=2, lr=lr)
        warned += [str(w.message) for w in caught]
        dead_after[lr, seed] = len(dead_units(net))
print("fit warned:", warned[0].split(":")[0])
for lr in (0.2, 0.01):
    print(f"lr {lr}: dead units after 2 steps {[dead_after[lr, s] for s in (0, 1)]} "
          f"(at the start {dead_per_seed[:2]})")
assert he.state_dict() == relu_net.state_dict() and dead_units(louder) == dead
assert warned[0].startswith("22 ReLU neuron(s) got no gradient in epoch 1")
assert [dead_after[0.2, s] for s in (0, 1)] == [29, 28]
assert [dead_after[0.01, s] for s in (0, 1)] == [15, 16]
# From the networks of Fix 1:
assert slope("leaky_relu", -1.0) == 0.01 and no_gradient["leaky_relu"] == [0, 0]
assert spreads["leaky_relu"] == [143, 388] and spreads["tanh"] == [12, 35]

# %% [markdown]
# - **He initialisation** changes nothing here: it is already chainrule's
#   default for ReLU (`init="he"` draws the very same weights), and no
#   rescaling could help. With the biases at 0, $\mathrm{relu}(c z) = c \,
#   \mathrm{relu}(z)$ for any $c > 0$, so multiplying every weight by 10 leaves
#   the same 22 units dead. The scale decides whether the signal vanishes or
#   explodes (Fix 2), not which units are off.
# - **Leaky ReLU** removes the zeros: a unit below 0 still passes 1% of the
#   gradient, so on seeds 0 and 1 every parameter gets some gradient and can
#   learn its way back. It does not even out the medians as tanh does (143
#   and 388-fold against 12 and 35), since a unit below 0 passes so little.
# - **A lower learning rate** is no cure for the units dead from the start,
#   but it kills fewer. After 2 steps at learning rate 0.2, 29 and 28 units
#   are dead (seeds 0 and 1, from 22 and 11 at the start): a large step can
#   push a unit below 0 for every example. At 0.01, 15 and 16: on seed 0 fewer
#   than at the start (the layers before changed what the dead units see), on
#   seed 1 more.
#
# `fit` notices dead units on its own: its first warning above names the 22.
#
# ## Fix 2: the initial weights
#
# Each neuron's weights start uniform with variance $g^2/n_\text{in}$ ($g^2 =
# 1$ for tanh, 2 for ReLU), chosen so that a weighted sum of $n_\text{in}$
# inputs has about the variance of one input: each layer should pass the
# signal on at about the size it got it. Scale the weights down by 5 and each
# layer should pass on a fifth. Measured: the root-mean-square of each layer's
# $w \cdot x + b$ over the data (the size of the signal it passes on), for
# the default weights and for them scaled by 0.2, in a deep tanh network
# (seeds 0 and 1).

# %%
def signal(net):
    """Each layer's root-mean-square w·x + b over X: the size of what it passes on."""
    return [math.sqrt(statistics.fmean(v * v for z in layer for v in z))
            for layer in weighted_inputs(net)]


def hidden_ratios(sizes):
    """Each hidden layer's signal over the one before (the output layer left out)."""
    return [b / a for a, b in pairwise(sizes[:-1])]


# The default's uniform(-a, a) has variance a²/3 = g²/n_in: for n_in = 8, 1/8 (tanh), 2/8 (relu).
assert [round(bound("default", 8, 8, a) ** 2 / 3, 12) for a in ("tanh", "relu")] == [1 / 8, 2 / 8]


sizes = {}
for seed in (1, 0):
    sizes["default", seed] = signal(MLP(2, [8] * 8 + [1], activation="tanh", seed=seed))
    timid = scaled(MLP(2, [8] * 8 + [1], activation="tanh", seed=seed), 0.2)
    sizes["scaled by 0.2", seed] = signal(timid)
    full_batch_backward(timid)
    assert all(layer.flag == "vanishing" for layer in grad_flow_summary(timid))
for (name, seed), s in sorted(sizes.items(), key=lambda item: item[0][1]):
    print(f"signal, {name:14} seed {seed}: " + " ".join(f"{v:.0e}" for v in s))
medians = [layer.median for layer in grad_flow_summary(timid)]
print("median |grad| per layer, scaled by 0.2 (seed 0):", [f"{m:.0e}" for m in medians])
assert all(0.1 < v < 1 for s in (0, 1) for v in sizes["default", s][:-1])
assert all(0.1 < r < 0.3 for s in (0, 1) for r in hidden_ratios(sizes["scaled by 0.2", s]))

# %% [markdown]
# With the default weights every hidden layer's signal stays between 0.1 and
# 1: it drifts (tanh(z) is smaller than z), but it does not fade. Scaled by 0.2,
# each hidden layer passes on between 0.1 and 0.3 of what it got, and the
# gradients shrink with it: on seeds 0 and 1 every layer is flagged as
# vanishing, even with tanh.
#
# ### The article's N(0, 0.01)
#
# One article recommends drawing the initial weights from a normal
# distribution with mean 0 and standard deviation 0.01, `init=("normal", 0.0,
# 0.01)`. In a layer of 8 inputs that should multiply the signal's size by
# about $0.01 \sqrt{8} \approx 0.03$. The same deep tanh network, seeds 0
# and 1:

# %%
small_sizes, small_medians = {}, {}
for seed in (1, 0):  # seed 0 last: the one drawn
    tiny = MLP(2, [8] * 8 + [1], activation="tanh", seed=seed, init=("normal", 0.0, 0.01))
    small_sizes[seed] = signal(tiny)
    full_batch_backward(tiny)
    small_medians[seed] = [layer.median for layer in grad_flow_summary(tiny)]
for seed in (0, 1):
    shown = " ".join(f"{m:.0e}" for m in small_medians[seed])
    print(f"seed {seed}, median |grad| per layer: {shown}")
print("seed 0, signal per layer:", " ".join(f"{v:.0e}" for v in small_sizes[0]))
ratios = [r for s in (0, 1) for r in hidden_ratios(small_sizes[s])]
print(f"each hidden layer's signal over the one before: {min(ratios):.3f} to {max(ratios):.3f}")
assert all(0.01 < r < 0.05 for r in ratios)
assert all(1e-16 < m < 1e-13 for s in (0, 1) for m in small_medians[s])
assert all(max(small_medians[s]) / min(small_medians[s]) < 100 for s in (0, 1))
fig, axes = plt.subplots(2, 1, figsize=figsize(7.0), sharey=True, layout="constrained")
plot_grad_flow(timid, ax=axes[0])
axes[0].set_title("default weights scaled by 0.2 (seed 0)")
plot_grad_flow(tiny, ax=axes[1])
axes[1].set_title("init=('normal', 0.0, 0.01) (seed 0)")
plt.show()

# %% [markdown]
# Each hidden layer passes on between 0.01 and 0.05 of the signal it got, so
# after eight layers almost nothing is left, and every layer's median |grad|
# lies between $10^{-16}$ and $10^{-13}$ on seeds 0 and 1: the last layer's
# too, within a factor of 100 of the first's. A weight's gradient is the
# signal that comes into its layer times the gradient that comes back to it;
# the first shrinks with every layer before it, the second with every layer
# after it, so every layer's gradient carries about as many small factors,
# and all of them vanish together. A fixed 0.01 ignores $n_\text{in}$ and the
# depth; chainrule's default scales each layer's weights by
# $1/\sqrt{n_\text{in}}$ instead.
#
# ## Exploding gradients, and clipping
#
# The opposite failure: weights three times too large, in a leaky ReLU
# network (seed 0 drawn, seed 1 checked too).

# %%
loud_loss, loud_flags = {}, {}
for seed in (1, 0):  # seed 0 last: the start for the steps below
    with no_grad():
        output = MLP(2, [8] * 8 + [1], activation="leaky_relu", seed=seed)(X[0]).data
    loud = scaled(MLP(2, [8] * 8 + [1], activation="leaky_relu", seed=seed), 3.0)
    with no_grad():
        assert math.isclose(loud(X[0]).data, 3**9 * output, rel_tol=1e-9)
    loud_loss[seed] = full_batch_backward(loud).data
    loud_flags[seed] = [layer.flag or "ok" for layer in grad_flow_summary(loud)]
start = loud.state_dict()
for seed in (0, 1):
    print(f"seed {seed}: loss {loud_loss[seed]:.0f}, "
          f"{loud_flags[seed].count('exploding')} of 9 layers flagged exploding")
print("seed 0:", loud_flags[0])
assert all(loss > 100 * math.log(2) for loss in loud_loss.values())
assert [round(loud_loss[s]) for s in (0, 1)] == [7755, 455]
assert loud_flags[0].count("exploding") == 9 and loud_flags[1].count("exploding") == 8
plot_grad_flow(loud)

# %% [markdown]
# With its biases at 0, a leaky ReLU network is one scale-free formula:
# multiply every weight by 3 and each of its 9 layers multiplies the output by
# 3, $3^9 = 19683$ in all, and the gradients on their way back grow the same
# way. The loss of the untrained network is more than 100 times the $\log 2$
# of a network that answers 50/50 (7755 for seed 0, 455 for seed 1), and the
# chart flags every layer whose largest |grad| passes 1e2: all 9 for seed 0
# (8 for seed 1).
#
# `clip_grad_norm(params, max_norm)` rescales all gradients together so their
# joint length is at most `max_norm`, keeping their direction, and returns the
# length before. Four plain SGD steps (learning rate 0.01) from the seed-0
# start, without and with clipping to 1:

# %%
def sgd_steps(clip, steps=4):
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
assert raw[1] < raw[0] and raw[1] < raw[2] < raw[3] and raw[3] > 1e8
assert all(b < a for a, b in pairwise(clipped))

# %% [markdown]
# The loss is printed before each step. The raw steps overshoot: the first
# happens to lower the loss, then it grows at every step, past $10^8$ after
# the third. The clipped steps lower it at every step.
#
# Clipping bounds each step; it does not make the gradients informative
# again, and it does nothing for vanishing gradients. Clipping those of the
# network scaled by 0.2 above to 1:

# %%
before = [p.grad for p in timid.parameters()]
timid_norm = clip_grad_norm(timid.parameters(), 1.0)
print(f"joint length of the scaled-by-0.2 network's gradients: {timid_norm:.0e}")
assert timid_norm < 1e-3 and [p.grad for p in timid.parameters()] == before

# %% [markdown]
# Their joint length is below 1e-3, so clipping to 1 leaves them as they are.
# For vanishing gradients the fixes are the activation and the initialisation
# above.
