# %% [markdown]
# # 08 · The live lab: drag an input, watch backprop redraw; train a network, watch it learn
#
# The other notebooks show one evaluation at a time. Here the pictures are
# live: each is a widget that runs in this notebook's kernel, so **run each
# cell** (a saved notebook shows a still picture of each, taken when it was
# built).
#
# First a single neuron, `o = tanh(w·x + b)` at `x = 2`, its output labelled
# `o`. Drag `w` and `b` and watch every box: its value (`data`) and its
# gradient `do/d·` (`grad`), coloured by |grad| on a log scale. Click a box for
# its derivation: how it was computed, and the chain-rule line that gave its
# gradient.

# %%
from autograd.viz import lab


def neuron(w, b):
    x = 2.0
    o = (w * x + b).tanh()
    o.label = "o"  # the lab names every gradient after the output: do/dw, do/db
    return o


neuron_lab = lab(neuron, w=0.5, b=-0.2)
assert [line.split(" = ")[0] for line in neuron_lab.reading.readout()] == ["o", "do/dw", "do/db"]
neuron_lab

# %% [markdown]
# The widget is also a Python object. Setting its inputs redraws it; reading it
# gives the numbers it shows. Here `b` goes up to 4, `w` stays at 0.5:

# %%
neuron_lab.inputs = {"w": 0.5, "b": 4.0}
reading = neuron_lab.reading
assert abs(reading.gradient("w")) < 1e-3 and abs(reading.gradient("b")) < 1e-3
assert reading.grads[reading.root] == 1.0  # do/do
reading.readout()

# %% [markdown]
# At `b = 4` the neuron saturates: `tanh` is flat there, so `do/dw` and
# `do/db` fall below 0.001 and their boxes turn dark, while `o`'s own gradient,
# `do/do`, stays 1. This is a *vanishing* gradient, in one neuron.
#
# Things to try:
#
# - Find `w` and `b` where `do/dw` is largest. How large does it get, and
#   where else is it just as large?
# - Press **Step through backward**: the same pass, one node at a time, with the
#   chain rule written out at each step.
#
# ## A two-layer formula
#
# Two hidden `tanh` units and a squared error against a target of 1. The
# function leaves its output unlabelled, so the lab calls it `L` (a loss) and
# shows `dL/dx`, `dL/dw1` and so on.

# %%


def two_layers(x, w1, w2, v1, v2):
    h1 = (w1 * x).tanh()
    h2 = (w2 * x).tanh()
    y = v1 * h1 + v2 * h2
    return (y - 1.0) ** 2


two = lab(two_layers, x=1.0, w1=0.5, w2=-1.5, v1=1.0, v2=0.8)


def chain_terms(reading, name):
    """How many chain-rule terms make up the gradient of input `name`, as its derivation shows."""
    derivation = reading.derivations[reading.order.index(reading.inputs[name])]
    return sum("∂" in line for line in derivation.splitlines())


terms = {name: chain_terms(two.reading, name) for name in two.reading.inputs}
print("chain-rule terms per input:", terms)
assert terms == {"x": 2, "w1": 1, "w2": 1, "v1": 1, "v2": 1}
two

# %% [markdown]
# Each weight is used once, so its gradient is one chain-rule term; the input
# `x` feeds both units, so its gradient is a sum of two: click `x` to see them.
#
# ## The playground: train a network and watch it learn
#
# An `MLP(2, [8, 8, 1])` learning to separate two interleaved moons of 100
# points. Press **Play** and watch the decision boundary (class 0 purple, class 1
# green, as in notebook 03) bend to the data, the training and validation losses, and
# the network view, where every weight and neuron is coloured by its gradient
# (blue positive, orange negative, paler the smaller). You can change anything
# while it trains.

# %%
from nn import MLP, playground

moons = playground([8, 8], "moons", lr=0.3, points=100)
moons

# %% [markdown]
# The widget is a Python object too: `moons.model` is the live `MLP`, and
# `moons.train(n)` takes `n` steps from code; the widget above follows. (In a
# saved notebook, the still picture above is the network before its first
# step, coloured by the gradients of its starting loss.)

# %%
moons.train(50)
print(moons.trainer.summary())
moons.model

# %% [markdown]
# ## Things to try
#
# ### Raise the learning rate until it diverges
#
# Choose a learning rate, press **Reset** (the same start again) and play for
# 30 steps (the counter shows them). The cell below does the same from code at four rates, on the
# playground's own seed 0 and on seed 1: `pg.trainer.loss` is the loss at each
# step, as the widget plots it.

# %%
RATES = (0.3, 3, 10, 30)
SEEDS = (0, 1)  # the playground's default seed, and one more


def learn(lr, seed, steps=30):
    """The loss at each of `steps` steps at learning rate `lr`, and the largest |weight| after."""
    pg = playground([8, 8], "moons", lr=lr, points=100, seed=seed).train(steps)
    return pg.trainer.loss, max(abs(p.data) for p in pg.model.parameters())


def rises(loss):
    """On how many steps the loss went up."""
    return sum(after > before for before, after in zip(loss, loss[1:]))


runs = {(lr, seed): learn(lr, seed) for seed in SEEDS for lr in RATES}
print("rate  seed  loss: first → last  rose on   highest  largest |weight|")
for (lr, seed), (loss, largest) in runs.items():
    print(f"{lr:>4}  {seed:>4}  {loss[0]:>6.3f} → {loss[-1]:<6.3f}  "
          f"{rises(loss):>2} of {len(loss) - 1}  {max(loss):>7.3f}  {largest:>6.1f}")
for seed in SEEDS:
    (slow, _), (fast, _), (wild, w10), (over, w30) = (runs[lr, seed] for lr in RATES)
    assert rises(slow) == 0  # 0.3: down at every step
    assert 8 <= rises(fast) <= 13 and max(fast) > fast[0] and fast[-1] < slow[-1]  # 3
    assert 13 <= rises(wild) <= 16 and max(wild) > 5 and 9 < w10 < 15  # 10
    assert all(x > over[0] for x in over[1:]) and max(over) > 50 and w30 > 30  # 30

# Nothing above became infinite. relu's outputs have no bound: at lr 1e200 one step overflows.
for seed in SEEDS:
    pg = playground([8, 8], "moons", lr=1e200, activation="relu", points=100, seed=seed)
    message = "no error"
    try:
        pg.train(1)
    except FloatingPointError as error:
        message = str(error)
    assert message.startswith("training diverged at step 1:") and pg.error == message
print(message)

# %% [markdown]
# - At **0.3** the loss falls at every step.
# - At **3** it rises on 8 to 13 of the 29 steps, at times above where it
#   started, and still ends lower than at 0.3: too fast for a smooth descent,
#   not too fast to learn.
# - At **10** it rises on 13 to 16 of the 29 steps, jumping above 5, and the
#   largest weight grows to between 9 and 15: the steps overshoot, back and
#   forth across the valley.
# - At **30** (type `moons.lr = 30`: the control's list stops at 10) the loss
#   never gets back down to where it started, jumps above 50, and the largest
#   weight passes 30: training has diverged.
#
# At none of these rates does a number become infinite: `tanh` keeps every
# hidden output within ±1, so the loss and the weights grow but stay finite,
# and the playground trains on. It stops only when a loss, a gradient or a
# weight becomes infinite or NaN, and then says so above its pictures, as
# `train(n)` raises `FloatingPointError`: switch to `relu`, whose outputs have
# no bound, and type `moons.lr = 1e200`, and the first step does it.
#
# ### Start from zeros, or from a constant
#
# Set **init** to `zeros` (the network is rebuilt) and play. Then a constant
# start, which the control does not offer, as it needs its value: pass a model
# built with it, as the cell below does. It takes 5 steps of each, on seeds 0
# and 1.

# %%


def distinct(layer):
    """How many different neurons a layer holds (weights and bias)."""
    return len({tuple(p.data for p in n.parameters()) for n in layer.neurons})


def stripes(pg, n=32):
    """Whether the boundary panel changes in one direction only: its cells' probabilities,
    ordered by the first hidden neuron's w·x + b at each cell's centre, only rise or only fall."""
    t, neuron = pg.trainer, pg.model.layers[0].neurons[0]
    (w0, w1), b = [w.data for w in neuron.w], neuron.b.data
    x0, x1, y0, y1 = t.bounds()
    centres = [(x0 + (c + 0.5) * (x1 - x0) / n, y1 - (r + 0.5) * (y1 - y0) / n)
               for r in range(n) for c in range(n)]
    ordered = [p for _, p in sorted(zip((w0 * x + w1 * y + b for x, y in centres), t.grid(n)))]
    return ordered in (sorted(ordered), sorted(ordered, reverse=True))


for seed in SEEDS:
    zeros = playground([8, 8], "moons", lr=0.3, init="zeros", points=100, seed=seed).train(5)
    moved = [name for name, p in zeros.model.named_parameters() if p.data != 0.0]
    grid, loss = zeros.trainer.grid(32), zeros.trainer.loss
    print(f"seed {seed}, zeros:    moved {moved}; every cell {min(grid)}% to {max(grid)}%; "
          f"loss {loss[0]:.4f} → {loss[-1]:.4f}")
    assert moved == ["layers.2.neurons.0.b"] and 49 <= min(grid) == max(grid) <= 51
    assert all(round(x, 3) == 0.693 for x in loss)

    model = MLP(2, [8, 8, 1], init=("constant", 0.5))
    constant = playground(model, "moons", lr=0.3, points=100, seed=seed).train(5)
    grid = constant.trainer.grid(32)
    print(f"seed {seed}, constant: different neurons per layer "
          f"{[distinct(layer) for layer in model.layers]}; cells {min(grid)}% to {max(grid)}%, "
          f"in stripes: {stripes(constant)}")
    assert [distinct(layer) for layer in model.layers] == [1, 1, 1]
    assert min(grid) < 50 <= max(grid) and stripes(constant)
    assert not stripes(playground([8, 8], "moons", points=100, seed=seed))  # the default start

# %% [markdown]
# - **Zeros.** Every hidden neuron outputs `tanh(0) = 0` and every weight into
#   the output is 0, so no gradient reaches any weight: after 5 steps only the
#   output's bias has moved. The model gives every point the same probability,
#   between 49% and 51%: the boundary panel is one flat colour, with no
#   boundary at all, and the loss stays at 0.693 (ln 2, a coin toss).
# - **A constant** (every weight and bias 0.5). The neurons of a layer start
#   identical, get identical gradients and stay identical, so each layer's
#   eight neurons act as one. The output then depends on a point only through
#   that one first-layer neuron's `w·x + b`, so the probability changes in one
#   direction only: the boundary panel is stripes, and the boundary a straight
#   line (from the default start it is not stripes, even before the first
#   step). Notebook 06 shows both with `fit`.
#
# ### Stack sigmoid layers, or start small
#
# Switch **activation** to `sigmoid` and make it six hidden layers
# (`8, 8, 8, 8, 8, 8`), then ten. Then back to `tanh`, six layers, and set
# **init** to `normal(0, 0.01)`, one article's recommended start N(0, 0.01)
# read as `torch.nn.init.normal_(mean, std)` reads it: weights drawn with mean
# 0 and standard deviation 0.01 (`normal(0, 1)` draws them with 1). Each
# rebuild shows the gradients of the starting loss; the cell below reads each
# layer's median |grad|, as its flag does, on seeds 0 and 1.

# %%
import math
import statistics


def medians(pg):
    """Each layer's median |grad| (weights and biases), the first hidden layer first."""
    layers = pg.model.layers
    return [statistics.median(abs(p.grad) for p in layer.parameters()) for layer in layers]


slopes = [s * (1 - s) for s in (1 / (1 + math.exp(-z / 100)) for z in range(-1000, 1001))]
print(f"the sigmoid's largest slope: {max(slopes)}")
assert max(slopes) == 0.25  # at z = 0
for seed in SEEDS:
    six = playground([8] * 6, "moons", activation="sigmoid", points=100, seed=seed)
    ten = playground([8] * 10, "moons", activation="sigmoid", points=100, seed=seed)
    small = playground([8] * 6, "moons", init="normal(0, 0.01)", points=100, seed=seed)
    usual = playground([8] * 6, "moons", points=100, seed=seed)
    shown = {"six sigmoid": six, "ten sigmoid": ten, "six, normal(0, 0.01)": small,
             "six, default": usual}
    for name, pg in shown.items():
        flagged = pg.frame["flags"].count("vanishing")
        print(f"seed {seed}, {name:20}  median |grad| by layer:",
              " ".join(f"{m:.0e}" for m in medians(pg)), f"| flagged vanishing: {flagged}")
    assert six.frame["flags"] == [""] * 7 and medians(six)[-1] > 1000 * medians(six)[0]
    assert ten.frame["flags"][:3] == ["vanishing"] * 3 and ten.frame["flags"][-1] == ""
    assert all(m < 1e-6 for m in medians(ten)[:3])
    assert small.frame["flags"] == ["vanishing"] * 7 and max(medians(small)) < 1e-9
    assert usual.frame["flags"] == [""] * 7

# %% [markdown]
# - **Six sigmoid layers.** A sigmoid's slope is at most 0.25, so each sigmoid
#   passes back at most a quarter of the gradient it gets, layer after layer:
#   the first layer's median |grad| is more than 1,000 times smaller than the
#   output layer's. Its wires fade to the palest colours and it barely learns,
#   though no layer is flagged yet.
# - **Ten.** The first three layers at least are flagged *vanishing*: median
#   |grad| under 1e-6.
# - **normal(0, 0.01), six tanh layers.** Each layer's outputs are a fraction of
#   its inputs, so the signal fades going forward and the gradient fades coming
#   back: every layer, the output's too, is flagged vanishing, each median
#   |grad| under 1e-9. From the default start, none is.
#
# ## Circles
#
# Two noisy rings of points, class 1 inside class 0, and the same network
# trained on them for 50 steps.

# %%
circles = playground([8, 8], "circles", lr=1, points=100)
circles.train(50)


def radii(pg, label):
    """How far from the centre each point of class `label` lies, training and validation."""
    t = pg.trainer
    return [math.hypot(*p) for p, y in zip(t.X + t.X_val, t.y + t.y_val) if y == label]


for pg in (circles, playground([8, 8], "circles", points=100, seed=1)):
    inner, outer = max(radii(pg, 1)), min(radii(pg, 0))
    print(f"class 1 within {inner:.2f} of the centre, class 0 beyond {outer:.2f}")
    assert inner < outer
circles

# %% [markdown]
# Every point of class 1 lies nearer the centre than every point of class 0
# (seeds 0 and 1): one class surrounds the other, so no straight line separates
# them, and the network must bend its boundary all the way round. Try it with
# `relu`, and with one hidden layer of 3.
