# %% [markdown]
# # 6. What makes training work
#
# Backpropagation gives every parameter its gradient. Whether training then
# finds a good model depends on choices the gradient does not make: how far to
# step, how to combine steps, where to start, and which activations the
# gradient has to pass through. This notebook takes them one at a time, shows
# each one failing, and shows the fix. Every result the text quotes is
# computed and asserted in the cells, so a change that makes a sentence false
# fails the notebook's test.

# %%
import math
import random
import statistics
import warnings

import matplotlib.pyplot as plt

from autograd import Value
from autograd.backward import topological_order
from autograd.viz import grad_flow_summary, plot_grad_flow
from autograd.viz.views.charts import decades, figsize, legend_beside, use_series_colors
from nn import MLP, fit
from nn.data import batches, make_moons
from nn.losses import binary_cross_entropy_with_logits, mse
from nn.optim import SGD, Adam, RMSprop
from nn.schedules import CosineLR, StepLR

use_series_colors()  # runs in their own colours, apart from the signs' and the flag's

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


def fit_line(lr, epochs=30, scheduler=None, **options):
    """Fit a fresh neuron at learning rate lr; the history and the bias after each epoch."""
    model = MLP(1, [1], seed=0)
    optimizer = SGD(model.parameters(), lr=lr)
    neuron = model.layers[0].neurons[0]
    biases = []
    history = fit(
        model, X_line, y_line, loss=mse, optimizer=optimizer, epochs=epochs, progress=False,
        scheduler=scheduler(optimizer) if scheduler else None,
        callbacks=[lambda epoch, history: biases.append(neuron.b.data)], **options,
    )
    return history, biases


runs = {lr: fit_line(lr) for lr in RATES}
fig, ax = plt.subplots(figsize=figsize(3.5, 7.0), layout="constrained")
for lr, (history, _) in runs.items():
    ax.plot(range(1, history.epochs + 1), history.loss, label=f"lr {lr}")
ax.set(xlabel="epoch", ylabel="mean squared error", yscale="log",
       title="one neuron, four learning rates")
decades(ax.yaxis)
legend_beside(ax)
plt.show()
for lr, (history, _) in runs.items():
    print(f"lr {lr:<5}  loss {history.loss[0]:.3g} -> {history.loss[-1]:.3g}")
losses = {lr: history.loss for lr, (history, _) in runs.items()}
assert losses[0.001][-1] > 0.9 * losses[0.001][0]  # too small: hardly moves
assert losses[0.1][-1] < 0.05  # converges
assert abs(losses[1.0][-1] - 1.0) < 1e-6  # stuck
assert losses[1.5][-1] > 1e15  # diverges

# %% [markdown]
# Too small a rate crawls: at lr 0.001 the loss keeps more than 90% of its
# starting value after 30 epochs. A good one converges: at lr 0.1 it ends below
# 0.05. Too large a one overshoots: at lr 1.0 the loss is stuck at 1, and at
# lr 1.5 it ends above $10^{15}$. Here the reason is exact. Follow the bias
# $b$ after each epoch, at the two large rates:

# %%
for lr in (1.0, 1.5):
    errors = [b - 1.0 for b in runs[lr][1]]
    ratios = [after / before for before, after in zip(errors, errors[1:])]
    print(f"lr {lr}: b - 1 = {[f'{e:.3g}' for e in errors[:6]]} ...")
    assert all(abs(r - (1 - 2 * lr)) < 1e-9 for r in ratios)
w_factor = 1 - 2 * 1.5 * statistics.fmean(x * x for (x,) in X_line)  # w's, at lr 1.5
print(f"lr 1.5: w's error is multiplied by {w_factor:.3f} per epoch")
assert abs(w_factor - (-0.1)) < 0.01
growth = [after / before for before, after in zip(losses[1.5], losses[1.5][1:])]
print("lr 1.5: loss ratio per epoch", [f"{g:.4g}" for g in growth[:5]], "...")
assert all(abs(g - 4.0) < 1e-4 for g in growth[3:])  # fourfold from epoch 4 on

# %% [markdown]
# The gradient of the loss with respect to $b$ is $2(b - 1)$ (the $x$ terms
# cancel, since the points are symmetric about 0), so one step multiplies
# $b$'s error by $1 - 2\,\text{lr}$, in every epoch, as printed. At lr 1.0
# that factor is $-1$: $b$ jumps from one side of 1 to the other forever, and
# the loss stays at $(b - 1)^2 = 1$. At lr 1.5 it is $-2$: the error doubles
# every step and the loss, its square, grows fourfold (from the fourth epoch
# on, once $w$ has settled: its own factor, $1 - 2\,\text{lr}\,\overline{x^2}$,
# is about $-0.1$).
#
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
assert (round(up[0], 1), round(up[-1], 1)) == (2.2, 30.9)

# %% [markdown]
# Subtracting, the loss falls at every step; adding, it rises at every step,
# from 2.2 to 30.9 in ten.
#
# ### Stopping at a target loss
#
# `fit` runs every epoch it is given unless something stops it.
# `target_loss=` stops it at the end of the first epoch whose loss is at or
# below the target, and `history.stopped` says why training ended: `"epochs"`
# when it ran them all, `"threshold"` when it reached the target. The neuron
# at lr 0.1 again, with a target of 0.05:

# %%
reached, _ = fit_line(0.1, target_loss=0.05)
full_run = runs[0.1][0]
print(f"target 0.05: stopped {reached.stopped!r} after {reached.epochs} epochs, "
      f"loss {reached.loss[-2]:.4f} -> {reached.loss[-1]:.4f}")
print(f"no target:   stopped {full_run.stopped!r} after {full_run.epochs} epochs, "
      f"loss {full_run.loss[-1]:.4f}")
assert reached.stopped == "threshold" and reached.epochs == 22
assert reached.loss[-1] <= 0.05 < reached.loss[-2] and round(reached.loss[-1], 4) == 0.0484
assert reached.loss == full_run.loss[:22]  # the same run, cut short
assert full_run.stopped == "epochs" and full_run.epochs == 30

# %% [markdown]
# Training stopped after 22 of the 30 epochs, in the first epoch whose loss
# (0.0484) was at or below 0.05; up to there it is the same run as without a
# target.
#
# ## 2. Optimizers
#
# A loss surface with two parameters can be drawn as a contour map. Take the
# elongated bowl $L(a, b) = 0.1a^2 + 2b^2$: steep along $b$ and nearly flat
# along $a$, as a network's loss often is steep in some directions and nearly
# flat in others. The two parameters are `Value`s, so any optimizer in
# `nn.optim` can walk it. Four of them, all at the same learning rate, 0.1:
# plain SGD, SGD with momentum 0.8, RMSprop and Adam, 30 steps each from
# $(-4, 1.5)$.

# %%
def bowl(a, b):
    return 0.1 * a * a + 2.0 * b * b


def walk(make_optimizer, lr, start=(-4.0, 1.5), loss=bowl, steps=30):
    """The path of (a, b) over steps optimizer steps at rate lr on loss."""
    a, b = Value(start[0], label="a"), Value(start[1], label="b")
    optimizer = make_optimizer([a, b], lr)
    path = [(a.data, b.data)]
    for _ in range(steps):
        optimizer.zero_grad()
        loss(a, b).backward()
        optimizer.step()
        path.append((a.data, b.data))
    return path


OPTIMIZERS = {  # each makes an optimizer from the parameters and a learning rate
    "SGD": lambda params, lr: SGD(params, lr=lr),
    "momentum 0.8": lambda params, lr: SGD(params, lr=lr, momentum=0.8),
    "RMSprop": lambda params, lr: RMSprop(params, lr=lr),
    "Adam": lambda params, lr: Adam(params, lr=lr),
}
paths = {name: walk(make, 0.1) for name, make in OPTIMIZERS.items()}

grid_a = [-4.5 + 9.0 * i / 99 for i in range(100)]
grid_b = [-2.0 + 4.0 * j / 99 for j in range(100)]
fig, ax = plt.subplots(figsize=figsize(3.5, 7.5), layout="constrained")
ax.contour(grid_a, grid_b, [[bowl(a, b) for a in grid_a] for b in grid_b],
           levels=[0.05, 0.2, 0.5, 1, 2, 4, 8], colors="lightgray")
for name, path in paths.items():
    ax.plot(*zip(*path), marker=".", markersize=4, linewidth=1, label=name)
ax.plot([0], [0], marker="*", markersize=12, color="black")
ax.set(xlabel="a", ylabel="b", title="30 steps at lr 0.1 on $0.1a^2 + 2b^2$ from (-4, 1.5)")
legend_beside(ax)
plt.show()
final = {name: bowl(*path[-1]) for name, path in paths.items()}
for name, loss in final.items():
    print(f"{name:13} final loss {loss:.2e}")

h = 1e-3  # second differences: the curvature along each axis
curvature_a = (bowl(h, 0.0) - 2 * bowl(0.0, 0.0) + bowl(-h, 0.0)) / h**2
curvature_b = (bowl(0.0, h) - 2 * bowl(0.0, 0.0) + bowl(0.0, -h)) / h**2
a, b = Value(-4.0), Value(1.5)
bowl(a, b).backward()
print(f"curvature along a {curvature_a:.3g}, along b {curvature_b:.3g}; "
      f"gradient at the start ({a.grad:.3g}, {b.grad:.3g})")
assert abs(curvature_a - 0.2) < 1e-6 and abs(curvature_b - 4.0) < 1e-6
assert abs(b.grad / a.grad + 7.5) < 1e-12  # 7.5 times as large, and of the other sign
sgd = paths["SGD"]
assert all(abs(b2 / b1 - 0.6) < 1e-12 for (_, b1), (_, b2) in zip(sgd, sgd[1:]))
assert all(abs(a2 / a1 - 0.98) < 1e-12 for (a1, _), (a2, _) in zip(sgd, sgd[1:]))
edge = walk(OPTIMIZERS["SGD"], 0.5)  # b's factor is -1: the largest stable rate
assert all(abs(a2 / a1 - 0.9) < 1e-12 and abs(b2 / b1 + 1) < 1e-12
           for (a1, b1), (a2, b2) in zip(edge, edge[1:]))
for name, size in (("Adam", 0.1), ("RMSprop", 1.0)):
    (a0, b0), (a1, b1) = paths[name][:2]
    print(f"{name}: first step moves a by {a1 - a0:.3f}, b by {b1 - b0:.3f}")
    assert abs((a1 - a0) - size) < 1e-6 and abs((b1 - b0) + size) < 1e-6
assert sorted(final, key=final.get) == ["RMSprop", "momentum 0.8", "Adam", "SGD"]

# %% [markdown]
# The curvature (the second derivative) is 4 along $b$ and 0.2 along $a$,
# twenty times less, and at the start the gradient along $b$ is 7.5 times the
# one along $a$. Plain SGD's rate is capped by the steep direction: one step
# multiplies $b$ by $1 - 4\,\text{lr}$, which is $-1$ at lr 0.5 and passes it
# above, so no stable rate moves $a$ fast: at lr 0.1, $a$ shrinks by only
# $1 - 0.2 \cdot 0.1 = 0.98$ per step, and even at 0.5 by only 0.9. Momentum
# adds up the steps that agree (along $a$). RMSprop and Adam divide each
# parameter's step by the size of its recent gradients, so both directions move
# at the same pace: Adam's first step is exactly lr along each axis, RMSprop's
# $\text{lr}/\sqrt{1 - 0.99} = 10\,\text{lr}$, a whole unit at this rate.
# At lr 0.1 and from this start, RMSprop ends lowest, then momentum, then Adam,
# and plain SGD last.
#
# ### Which optimizer is best?
#
# That ranking belongs to the rate it was made at, and one rate means something
# different to each: plain SGD's step is the rate times the gradient (stable up
# to 0.5 here), Adam's first step is the rate itself, RMSprop's ten times it.
# So compare them a second way too, each at its own best rate. Five rates from
# 0.01 to 1.0, each from three random starts (seeds 0, 1 and 2), on three
# problems: the bowl above; the same bowl turned by 45°, so that its steep and
# flat directions are $a - b$ and $a + b$ rather than $a$ and $b$; and the
# bowl times 100, which scales every gradient by 100. An optimizer's best rate
# is the one with the lowest median final loss over the three starts (the
# ring).

# %%
def turned(a, b):
    """The bowl turned by 45 degrees: flat along a + b, steep along a - b."""
    return bowl((a + b) * 0.5**0.5, (a - b) * 0.5**0.5)


def hundredfold(a, b):
    return 100.0 * bowl(a, b)


PROBLEMS = {"the bowl": bowl, "turned 45°": turned, "100 × the bowl": hundredfold}
GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
SEEDS = (0, 1, 2)
starts = [(rng.uniform(-4, 4), rng.uniform(-1.5, 1.5)) for rng in map(random.Random, SEEDS)]


def relative_finals(loss, make, lr):
    """Final loss over starting loss, from each start: below 1 is progress."""
    ends = [walk(make, lr, start=start, loss=loss)[-1] for start in starts]
    return [loss(*end) / loss(*start) for end, start in zip(ends, starts)]


results = {  # results[problem][optimizer][lr]: one relative final loss per seed
    problem: {name: {lr: relative_finals(loss, make, lr) for lr in GRID}
              for name, make in OPTIMIZERS.items()}
    for problem, loss in PROBLEMS.items()
}
best = {problem: {name: min(GRID, key=lambda lr: statistics.median(by_rate[lr]))
                  for name, by_rate in table.items()}
        for problem, table in results.items()}

CAP = 1e3  # a median above this blew up: drawn above the line, one height per optimizer
fig, axes = plt.subplots(3, 1, figsize=figsize(10.0), sharex=True, sharey=True,
                         layout="constrained")
for ax, (problem, table) in zip(axes, results.items()):
    for k, ((name, by_rate), marker) in enumerate(zip(table.items(), "os^D")):
        drawn = {lr: statistics.median(by_rate[lr]) for lr in GRID}
        drawn = {lr: m if m < CAP else CAP * 4**k for lr, m in drawn.items()}
        line, = ax.plot(GRID, list(drawn.values()), marker=marker, markersize=4, label=name)
        lr = best[problem][name]
        if drawn[lr] < CAP:  # the best rate, where there is one
            ax.plot([lr], [drawn[lr]], marker=marker, markersize=12, color=line.get_color(),
                    markerfacecolor="none", markeredgewidth=1.5)
    ax.axhline(1.0, color="gray", linestyle=":", linewidth=1)
    ax.axhline(CAP, color="gray", linestyle="--", linewidth=1)
    ax.set(xscale="log", yscale="log", ylabel="final / start loss", title=problem,
           ylim=(1e-30, 1e7))
    decades(ax.xaxis)
    decades(ax.yaxis)
axes[-1].set_xlabel("learning rate")
axes[0].text(0.011, 2e5, "blew up", color="gray")
axes[0].text(0.011, 2.0, "start", color="gray")
legend_beside(axes[0], title="median of 3 starts")
plt.show()
for problem, table in results.items():
    print(problem)
    for name, by_rate in table.items():
        lr = best[problem][name]
        print(f"  {name:13} best lr {lr:<5} final / start " + "  ".join(
            f"{r:.1e}" for r in by_rate[lr]))


def on(problem, seed, lr=None):
    """Each optimizer's relative final loss from one start: at lr, or at its own best rate."""
    i = SEEDS.index(seed)
    return {name: by_rate[lr or best[problem][name]][i]
            for name, by_rate in results[problem].items()}


adaptive, plain = ("RMSprop", "Adam"), ("SGD", "momentum 0.8")
assert best["the bowl"] == {"SGD": 0.3, "momentum 0.8": 0.1, "RMSprop": 1.0, "Adam": 0.3}
for seed in SEEDS:
    slow, fast, tuned = on("the bowl", seed, 0.01), on("the bowl", seed, 1.0), on("the bowl", seed)
    assert max(slow, key=slow.get) == "Adam"  # last at lr 0.01
    assert min(fast[name] for name in plain) > 1e10 > 1 > max(fast[name] for name in adaptive)
    assert sorted(tuned, key=tuned.get)[:2] == ["RMSprop", "momentum 0.8"]
    assert tuned["RMSprop"] < 1e-20 * tuned["momentum 0.8"]
    assert 1 / 5 < tuned["Adam"] / tuned["SGD"] < 5
    tuned = on("turned 45°", seed)
    assert sorted(tuned, key=tuned.get) == ["momentum 0.8", "RMSprop", "SGD", "Adam"]
    assert 1 < tuned["SGD"] / tuned["RMSprop"] < 2
    assert on("the bowl", seed)["Adam"] > on("the bowl", seed)["momentum 0.8"]
adam_vs_sgd = [on("the bowl", seed)["Adam"] < on("the bowl", seed)["SGD"] for seed in SEEDS]
assert True in adam_vs_sgd and False in adam_vs_sgd  # ahead on one start, behind on another
scaled, unscaled = results["100 × the bowl"], results["the bowl"]
assert all(r > 1e10 for name in plain for lr in GRID for r in scaled[name][lr])
assert all(abs(r / r0 - 1) < 1e-4 for name in adaptive for lr in GRID
           for r, r0 in zip(scaled[name][lr], unscaled[name][lr]))
assert all(abs(r / r0 - 1) < 1e-9 for r, r0 in  # the same steps, up to rounding
           zip(relative_finals(hundredfold, OPTIMIZERS["SGD"], 0.003), unscaled["SGD"][0.3]))
runs_each = [r for table in results.values() for lr in GRID for r in table["Adam"][lr]]
assert len(runs_each) == 45
assert all(r < 1 for table in results.values() for name in adaptive for lr in GRID
           for r in table[name][lr])  # never ended above the start

# %% [markdown]
# Read along a panel and the ranking changes with the rate: on the bowl, at lr
# 0.01 Adam ends last of the four from every start, while at lr 1.0 plain SGD
# and momentum blow up (their final loss more than $10^{10}$ times their
# starting one) and RMSprop and Adam do not. A comparison of optimizers at one
# rate mostly measures how well that rate suits each. Each at its best rate,
# from every one of the three starts:
#
# - On the bowl, RMSprop ends lowest, more than twenty decades below momentum,
#   which comes second; Adam and plain SGD end within a factor of 5 of each
#   other, Adam ahead from one start and behind from another. The bowl's steep
#   and flat directions are the two parameters themselves, so a rate for each
#   parameter, which is what dividing by each one's gradient size amounts to,
#   is exactly the cure for its shape.
# - Turned by 45°, each parameter feels both directions and a rate per
#   parameter cannot separate them: momentum ends lowest, RMSprop's lead over
#   plain SGD shrinks to less than a factor of 2, and Adam ends last.
# - Times 100, plain SGD and momentum blow up at all five rates: SGD at lr
#   0.003, off the grid, would take the steps it took on the bowl at 0.3 (up
#   to rounding). RMSprop's and Adam's final losses, relative to their start,
#   are those on the bowl to within 0.01%: multiplying the gradient does not
#   change a step that is divided by the gradient's size.
#
# So what adaptive rates buy for certain is robustness, and a lower loss only
# where the problem's shape suits them: in 45 runs each (5 rates, 3 starts, 3
# problems), RMSprop and Adam never ended above where they started, and one
# rate served whatever the scale of the gradients. In a
# network, gradients can differ by decades from layer to layer (section 6
# measures more than two, between the first and the last layer of a sigmoid
# network), and one rate must serve them all: that is the stability adaptive
# rates are praised for. What they cost: a step divided by the gradient's size
# does not shrink as the gradient does (Adam's first step is the rate itself,
# however large or small the gradient), so they need a rate, or a schedule,
# that is small enough near the bottom; and on both bowls Adam at its best rate
# ended above momentum at its best, from every start. Whatever the optimizer,
# tune its rate before comparing.
#
# ### A schedule
#
# A learning rate need not stay fixed. `CosineLR` lowers it along half a
# cosine, from its starting value to 0 over `total` epochs; `StepLR` multiplies
# it by `gamma` every `step_size` epochs; `fit` steps either after every epoch
# when it is passed as `scheduler=`, and `history.lr` records the rate each
# epoch trained with. Back to the neuron of section 1, which was stuck at lr
# 1.0 with $b$ jumping across the line: both schedules starting at 1.0.

# %%
cosine, cosine_b = fit_line(1.0, scheduler=lambda optimizer: CosineLR(optimizer, total=30))
stepped, stepped_b = fit_line(
    1.0, scheduler=lambda optimizer: StepLR(optimizer, step_size=10, gamma=0.5))

fig, (top, bottom) = plt.subplots(2, 1, figsize=figsize(6.5), sharex=True,
                                  layout="constrained")
top.plot(range(1, 31), cosine.lr, label="CosineLR(total=30)")
top.plot(range(1, 31), stepped.lr, label="StepLR(step_size=10,\ngamma=0.5)")
top.set(ylabel="learning rate", title="the rate, from 1.0")
legend_beside(top)
bottom.plot(range(1, 31), losses[1.0], label="lr 1.0, fixed")
bottom.plot(range(1, 31), cosine.loss, label="lr 1.0, cosine")
bottom.plot(range(1, 31), stepped.loss, label="lr 1.0, step")
bottom.set(xlabel="epoch", ylabel="mean squared error", yscale="log", title="loss")
decades(bottom.yaxis)
legend_beside(bottom)
plt.show()
SHOWN = (1, 2, 10, 11, 16, 20, 21, 30)  # epochs
print("epoch       " + "".join(f"{epoch:>7}" for epoch in SHOWN))
for name, history in (("cosine lr", cosine), ("step lr", stepped)):
    print(f"{name:12}" + "".join(f"{history.lr[epoch - 1]:>7.4f}" for epoch in SHOWN))
print(f"final loss: fixed {losses[1.0][-1]:.3g}, cosine {cosine.loss[-1]:.3g}, "
      f"step {stepped.loss[-1]:.3g}")

assert stepped.lr == [1.0] * 10 + [0.5] * 10 + [0.25] * 10
assert all(abs(abs(b - 1.0) - 1.0) < 1e-9 for b in stepped_b[:10])  # jumping, as at lr 1.0
assert abs(stepped_b[10] - 1.0) < 1e-6  # in epoch 11
assert abs(stepped.loss[10] - 1.0) < 1e-6 and stepped.loss[11] < 1e-11
assert cosine.lr[0] == 1.0 and abs(cosine.lr[15] - 0.5) < 1e-12
assert all(later < earlier for earlier, later in zip(cosine.lr, cosine.lr[1:]))
jumps = [abs(b - 1.0) for b in cosine_b[:15]]
assert all(later < earlier for earlier, later in zip(jumps, jumps[1:]))
assert cosine.loss[16] < 1e-12 < cosine.loss[15]
assert max(cosine.loss[-1], stepped.loss[-1]) < 1e-3 < losses[1.0][-1]

# %% [markdown]
# `StepLR` keeps 1.0 for epochs 1 to 10, 0.5 for 11 to 20 and 0.25 after; for
# ten epochs $b$ jumps exactly as at the fixed rate, and in epoch 11, at 0.5,
# where $b$'s factor $1 - 2\,\text{lr}$ is 0, it lands on 1 in one step: the
# loss falls from 1 to below $10^{-11}$. `CosineLR` falls a little every epoch,
# so the jumps shrink from the second epoch on, and in epoch 16 the rate is
# 0.5 and $b$ lands. Both end below $10^{-3}$, where the fixed rate stays at 1.
#
# ### Mini-batches
#
# So far every step used the whole data set. `fit(batch_size=n)` takes one step
# per `n` examples instead, in a shuffled order each epoch. The two moons of
# notebook 3 (100 points) with a small network, `MLP(2, [4, 1])`: four tanh
# neurons and an output, trained with plain SGD at lr 0.1 for 15 epochs, with
# the whole set as one batch, with batches of 20 and with batches of 5, from
# three seeds (0, 1 and 2: the weights and the shuffle).

# %%
X, y = make_moons(100, noise=0.1, seed=0)
loss_fn = binary_cross_entropy_with_logits
BATCH_SIZES = (None, 20, 5)


def train_moons(batch_size, seed, epochs=15):
    """SGD at lr 0.1 on the moons, from ``seed``'s weights and shuffle; the history."""
    model = MLP(2, [4, 1], seed=seed)
    return fit(model, X, y, loss=loss_fn, optimizer=SGD(model.parameters(), lr=0.1),
               epochs=epochs, batch_size=batch_size, seed=seed, progress=False)


def nodes_per_epoch(batch_size, seed):
    """The nodes of an epoch's graphs, one per batch, each built forward and walked back."""
    model = MLP(2, [4, 1], seed=seed)
    return sum(len(topological_order(loss_fn([model(x) for x in xb], yb)))
               for xb, yb in batches(X, y, batch_size or len(X), seed=seed))


trained_by = {(size, seed): train_moons(size, seed) for size in BATCH_SIZES for seed in SEEDS}


def gradient(model, X_batch, y_batch):
    model.zero_grad()
    loss_fn([model(x) for x in X_batch], y_batch).backward()
    return [p.grad for p in model.parameters()]


def miss(size, seed):
    """How far, on average, a batch's gradient is from the whole set's, in its lengths."""
    model = MLP(2, [4, 1], seed=seed)  # the start of training
    whole = gradient(model, X, y)
    return statistics.mean(math.dist(gradient(model, *batch), whole) / math.hypot(*whole)
                           for batch in batches(X, y, size, seed=seed))


fig, ax = plt.subplots(figsize=figsize(3.5, 7.0), layout="constrained")
for size in BATCH_SIZES:
    for seed in SEEDS:
        history = trained_by[size, seed]
        ax.plot(range(1, 16), history.loss, color=f"C{BATCH_SIZES.index(size)}",
                alpha=1.0 if seed == 0 else 0.35, linewidth=1.5 if seed == 0 else 1,
                label=(f"batch {size}" if size else "full batch") if seed == 0 else None)
ax.set(xlabel="epoch", ylabel="cross-entropy",
       title="SGD at lr 0.1, three batch sizes (seeds 0-2)")
legend_beside(ax)
plt.show()

steps = {size: len(list(batches(X, y, size or len(X)))) for size in BATCH_SIZES}
misses = {size: [miss(size, seed) for seed in SEEDS] for size in (20, 5)}
nodes = {(size, seed): nodes_per_epoch(size, seed) for size in BATCH_SIZES for seed in SEEDS}
print(f"{'seeds 0, 1, 2':14}{'steps':>5}  {'nodes an epoch':16} {'final loss':18} gradient off by")
for size in BATCH_SIZES:
    ends = " ".join(f"{trained_by[size, seed].loss[-1]:.3f}" for seed in SEEDS)
    off = " ".join(f"{m:.2f}" for m in misses[size]) if size else "0"
    counts = " ".join(str(nodes[size, seed]) for seed in SEEDS)
    print(f"{'batch ' + str(size) if size else 'full batch':14}{steps[size]:>5}  {counts:16} {ends:18} {off}")

assert steps == {None: 1, 20: 5, 5: 20}
for seed in SEEDS:
    full, twenty, five = (trained_by[size, seed].loss[-1] for size in BATCH_SIZES)
    assert five < twenty < full
    assert five < 0.28 and full > 0.5
    i = SEEDS.index(seed)
    assert 0.9 <= misses[5][i] <= 1.4 and misses[5][i] > 2 * misses[20][i]
    full, twenty, five = (nodes[size, seed] for size in BATCH_SIZES)
    assert full < twenty < five <= 1.25 * full  # an epoch's work: within a quarter

# %% [markdown]
# In the same 15 epochs, smaller batches end lower from every seed: batches of
# 5 below 0.28, batches of 20 in between, the full batch above 0.5. An epoch of
# batches of 5 takes 20 steps where the full batch takes one. Each of those
# steps is noisier: a batch of 5's gradient misses the whole set's by 0.9 to
# 1.4 times the whole gradient's length on average (from the starting weights),
# more than twice as far as a batch of 20's. Here the extra steps gain more than
# the noise costs.
#
# What the extra steps cost in time depends on the library. chainrule works
# one number at a time, so an epoch is much the same work whatever the batch
# size (the same examples, forward and back): the cell counts the nodes of an
# epoch's graphs, and an epoch of batches of 5 holds at most a quarter more
# than the full batch's one graph (from every seed: the parameters and the
# loss's mean are in each of its 20 graphs). Libraries that compute a whole
# batch at once (NumPy, PyTorch) take little longer for a step on 100 examples
# than for a step on 5, so there an epoch of 20 small steps is the slower one,
# and a batch size is a trade between steps per epoch and time per step.

# %% [markdown]
# ## 3. Local minima
#
# A loss can have more than one valley, and $f(x) = x^4 - 3x^2 + x$ has two.
# Gradient descent goes downhill from where it starts and stops wherever the
# slope is 0. Momentum carries speed, which can take it over a low ridge.
# Plain SGD from two starts, momentum 0.9 from the second, and more momentum
# at a larger rate from the first:

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
    "momentum 0.95, lr 0.02, from -2": slide(-2.0, momentum=0.95, lr=0.02),
}
xs = [-2.2 + 4.4 * i / 199 for i in range(200)]
fig, ax = plt.subplots(figsize=figsize(3.5), layout="constrained")
ax.plot(xs, [f(x) for x in xs], color="gray", label="f(x)")
for (name, path), marker in zip(slides.items(), "o^sv"):
    ax.plot(path, [f(x) for x in path], marker=marker, markersize=4, linestyle="none",
            alpha=0.6, label=f"{name}\n  ends at {path[-1]:.2f}")
ax.set(xlabel="x", ylabel="f(x)",
       title="$f(x) = x^4 - 3x^2 + x$, 200 steps (lr 0.01 unless marked)")
legend_beside(ax)
plt.show()

ends = {name: path[-1] for name, path in slides.items()}
print({name: round(x, 4) for name, x in ends.items()})
assert abs(ends["SGD from -2"] - (-1.3008)) < 1e-3
assert abs(ends["SGD from 2"] - 1.1309) < 1e-3  # stuck in the local minimum
assert abs(ends["momentum 0.9 from 2"] - (-1.3008)) < 1e-3  # carried over the ridge
assert abs(ends["momentum 0.95, lr 0.02, from -2"] - 1.1309) < 0.01  # carried the other way
assert f(-1.3008) < f(1.1309)

# %% [markdown]
# Plain SGD from −2 ends in the global minimum, near $x = -1.30$; from 2 it
# stops in the shallower local one, near $x = 1.13$, where $f$ is higher.
# Momentum 0.9 from 2 is carried over the ridge into the global minimum. But
# momentum is no guarantee: at 0.95 and lr 0.02, from −2, where plain SGD found
# the good valley, it is carried over the ridge the other way and ends in the
# shallow one. In the many dimensions of a real network, most points where the
# gradient is 0 are saddles rather than minima (Dauphin et al., 2014,
# "Identifying and attacking the saddle point problem in high-dimensional
# non-convex optimization"), so a one-dimensional picture like this one
# overstates how often training gets trapped in a poor valley.
#
# ## 4. The initial weights
#
# Back to the moons and the small network of the mini-batches,
# `MLP(2, [4, 1])`. `init=` chooses how the weights start (see `nn.init`).
# Here the default (random, variance $1/n_\text{in}$), all zeros, and every
# weight and bias 0.5; each trained with Adam at lr 0.05 for 30 epochs.

# %%
def distinct_hidden(model):
    """How many different neurons the hidden layer holds (weights and bias)."""
    return len({tuple(p.data for p in n.parameters()) for n in model.layers[0].neurons})


trained, trained_history, warned_init = {}, {}, {}
for init in ("default", "zeros", ("constant", 0.5)):
    model = MLP(2, [4, 1], init=init, seed=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = fit(model, X, y, loss=loss_fn, optimizer=Adam(model.parameters(), lr=0.05),
                      epochs=30, progress=False)
    trained[init], trained_history[init], warned_init[init] = model, history, len(caught)
    print(f"init={init!r:17} distinct hidden neurons {distinct_hidden(model)} of 4, "
          f"accuracy {history.accuracy[-1]:.0%}, warnings {len(caught)}")
    if init == "default":
        assert distinct_hidden(model) == 4 and history.accuracy[-1] > 0.8
    else:
        assert distinct_hidden(model) == 1
        assert len({w.data for w in model.layers[1].neurons[0].w}) == 1  # equal output weights

zero_start = MLP(2, [4, 1], init="zeros", seed=0)  # its first backward pass
zero_start.zero_grad()
loss_fn([zero_start(x) for x in X], y).backward()
given = {name: p.grad for name, p in zero_start.named_parameters() if p.grad != 0.0}
zeros, zeros_history = trained["zeros"], trained_history["zeros"]
moved = {name: p.data for name, p in zeros.named_parameters() if p.data != 0.0}
answers = {zeros(x).sigmoid().data for x in X}
print("zeros: gradients at the start that are not 0:", given)
print("       parameters that moved:", {name: round(v, 4) for name, v in moved.items()})
print(f"       loss {zeros_history.loss[0]:.4f} -> {zeros_history.loss[-1]:.4f}, "
      f"P(class 1) for every point: {[round(p, 4) for p in answers]}")
assert sum(y) == 50 and len(y) == 100
OUTPUT_BIAS = "layers.1.neurons.0.b"
assert list(given) == [OUTPUT_BIAS] and abs(given[OUTPUT_BIAS]) < 1e-15
assert list(moved) == [OUTPUT_BIAS] and round(moved[OUTPUT_BIAS], 3) == -0.006
assert all(-1e-12 < loss - math.log(2) < 2e-4 for loss in zeros_history.loss)
assert len(answers) == 1 and abs(answers.pop() - 0.5) < 0.01
assert zeros_history.accuracy[-1] == 0.5 and warned_init["zeros"] == 1

# %% [markdown]
# With `"zeros"` and `"constant"` every hidden neuron starts identical. They
# see the same inputs, so they compute the same output; the output neuron's
# weights to them are equal too (and still are after training, as checked
# above), so backpropagation hands each the same gradient, and the update keeps
# them equal. Four neurons train as one.
#
# With zeros it is worse still: the output weights are 0, so no gradient
# reaches the hidden layer, and tanh(0) = 0, so the output weights get none
# either. Only the output bias gets a gradient, and with 50 points of each
# class it is 0 up to rounding ($10^{-15}$ or less). Adam divides each step by
# the gradient's size, so it turns that rounding into steps: the bias drifts to
# −0.006 and the loss stays at $\log 2 \approx 0.6931$, the best a constant
# answer can do (never more than $2 \cdot 10^{-4}$ above it, in any epoch).
# Every point gets the same answer, within 1% of 50/50 (`fit` warns about it;
# see section 5).
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
    assert "(first: layers.0)" in str(caught[0].message)
    assert [p.data for p in model.layers[0].parameters()] == hidden_before  # never moved
    assert [p.data for p in model.layers[1].parameters()] != output_before  # learned

# %% [markdown]
# Both times `fit` warned once and named `layers.0`, the hidden layer; its
# weights are exactly where they started, while the output layer, which sits
# after the cut, learned. Compared, the same network with step hidden
# units and with ReLU ones, trained the same way (Adam at lr 0.05, 15 epochs),
# from seeds 0, 1 and 2: the loss, and how far the hidden layer's weights have
# moved from where they started (the largest change of any of them).

# %%
def train_hidden(activation, seed, epochs=15):
    """The history, and the hidden layer's largest change after each epoch."""
    model = MLP(2, [4, 1], activation=activation, seed=seed)
    hidden = model.layers[0].parameters()
    before = [p.data for p in hidden]
    moved = []

    def record(epoch, history):
        moved.append(max(abs(p.data - b) for p, b in zip(hidden, before)))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the step's cut gradient, and any dead ReLU
        history = fit(model, X, y, loss=loss_fn, optimizer=Adam(model.parameters(), lr=0.05),
                      epochs=epochs, progress=False, callbacks=[record])
    return history, moved, [p.data for p in hidden] == before


side = {(activation, seed): train_hidden(activation, seed)
        for activation in ("step", "relu") for seed in SEEDS}
fig, (top, bottom) = plt.subplots(2, 1, figsize=figsize(6.5), sharex=True,
                                  layout="constrained")
for activation, style in (("step", "--"), ("relu", "-")):  # told apart by line style
    for seed in SEEDS:
        history, moved, _ = side[activation, seed]
        shown = dict(color="black", linestyle=style, alpha=1.0 if seed == 0 else 0.35,
                     label=activation if seed == 0 else None)
        top.plot(range(1, 16), history.loss, **shown)
        bottom.plot(range(1, 16), moved, **shown)
top.set(ylabel="cross-entropy", title="loss (seeds 0-2)")
bottom.set(xlabel="epoch", ylabel="largest |change|\nof a hidden weight",
           title="how far the hidden layer moved")
legend_beside(top)
plt.show()
for (activation, seed), (history, moved, unchanged) in side.items():
    print(f"{activation:4} seed {seed}: loss {history.loss[0]:.3f} -> {history.loss[-1]:.3f}, "
          f"hidden layer moved {moved[-1]:.3f}, exactly unchanged: {unchanged}")

for seed in SEEDS:
    step_history, step_moved, step_unchanged = side["step", seed]
    relu_history, relu_moved, relu_unchanged = side["relu", seed]
    assert step_unchanged and set(step_moved) == {0.0}
    assert not relu_unchanged and relu_moved[-1] > 0.5
    assert step_history.loss[-1] < step_history.loss[0]  # the output layer still learns
    assert relu_history.loss[-1] < step_history.loss[-1]

# %% [markdown]
# With step units the hidden layer's weights end exactly where they started,
# from every seed, and yet the loss falls: the output layer learns to weigh the
# four fixed step features. A falling loss, or a rising accuracy, does not show
# that every layer learns. With ReLU the hidden weights move (the largest by
# more than 0.5) and the loss ends lower than with steps, from every seed.

# %% [markdown]
# ## 6. Vanishing gradients, and two fixes
#
# Notebook 3 showed gradients fading on their way back through a deep sigmoid
# network: the sigmoid's derivative is at most 1/4, and backpropagation
# multiplies one such factor per layer. Three networks of six hidden layers of
# eight neurons, after one backward pass over 50 points of the moons (half as
# many as above, to keep the cells quick): sigmoid; ReLU, whose derivative is
# 1 wherever it is on; and sigmoid with a `LayerNorm` after each hidden layer
# (`layer_norm=True`), which rescales the layer's outputs to mean 0 and
# variance 1. The pictures are for seed 3; the ratios printed below them are
# for seeds 3 and 4.

# %%
X_deep, y_deep = make_moons(50, noise=0.1, seed=0)
NETWORKS = {
    "sigmoid": dict(activation="sigmoid"),
    "relu": dict(activation="relu"),
    "sigmoid + LayerNorm": dict(activation="sigmoid", layer_norm=True),
}
DEEP_SEEDS = (3, 4)


def deep(options, seed=3):
    model = MLP(2, [8] * 6 + [1], seed=seed, **options)
    model.zero_grad()
    loss_fn([model(p) for p in X_deep], y_deep).backward()
    return model


def layer_grads(model):
    """The Layers' (name, parameter) pairs: the LayerNorms' own gains and biases left out."""
    return [(name, p) for name, p in model.named_parameters() if name.startswith("layers.")]


def spreads(model):
    """The mean spread (standard deviation) of each hidden layer's outputs, before its norm."""
    found = [[] for _ in model.norms]
    for x in X_deep:
        out = x
        for layer, norm, spread in zip(model.layers, model.norms, found):
            out = layer.forward(out)
            spread.append(statistics.pstdev(v.data for v in out))
            out = norm.forward(out)
    return [statistics.mean(spread) for spread in found]


fig, axes = plt.subplots(3, 1, figsize=figsize(10.5), sharey=True, layout="constrained")
ratio, relu_layers = {}, None
for seed in DEEP_SEEDS:
    for i, (name, options) in enumerate(NETWORKS.items()):
        model = deep(options, seed)
        layers = grad_flow_summary(layer_grads(model))
        ratio[name, seed] = layers[0].median / layers[-1].median
        if seed == 3:
            plot_grad_flow(layer_grads(model), ax=axes[i])
            axes[i].set_title(name)
            if name == "relu":
                relu_layers = layers
            if name == "sigmoid + LayerNorm":
                layer_spreads = spreads(model)
plt.show()
for name in NETWORKS:
    print(f"{name:20} first-layer / last-layer median |grad|, seeds 3 4: "
          + "  ".join(f"{ratio[name, seed]:.1e}" for seed in DEEP_SEEDS))
emptiest = max(relu_layers, key=lambda layer: layer.zeros)
print(f"relu, seed 3: {emptiest.name} has {emptiest.zeros} of {emptiest.count} gradients "
      f"exactly 0, median {emptiest.median:.1e}")
print("sigmoid + LayerNorm, seed 3: spread of each hidden layer's sigmoids",
      [f"{s:.2f}" for s in layer_spreads])

slopes = []
for z in (i / 10 for i in range(-60, 61)):
    v = Value(z)
    v.sigmoid().backward()
    slopes.append(v.grad)
assert max(slopes) == 0.25  # at z = 0
assert ratio["sigmoid", 3] < 1e-4
for seed in DEEP_SEEDS:
    assert ratio["sigmoid", seed] < 1e-2
    assert 1 / 20 < ratio["relu", seed] < 20 and 1 / 20 < ratio["sigmoid + LayerNorm", seed] < 20
assert emptiest.name == "layers.5" and emptiest.zeros == 32 and emptiest.count == 72
assert emptiest.median == min(layer.median for layer in relu_layers)
assert all(0.15 < s < 0.25 for s in layer_spreads)

# %% [markdown]
# In the sigmoid network the first layer's median |grad| is more than two
# decades below the last layer's from both seeds (more than four for seed 3,
# drawn here); with ReLU or with LayerNorm it is within a factor of 20 of it,
# either way. A sigmoid's outputs are bunched together: their spread is
# between 0.15 and 0.25 in each hidden layer here (seed 3). LayerNorm
# divides them by that spread, and the gradient flowing back through it is
# scaled up by the same division, which makes up for the sigmoid's factor of
# at most 1/4 (checked above, for $-6 \le z \le 6$).
#
# ReLU's zeros, counted under the axis, are weights whose gradient is exactly
# 0: into a unit that is off for every point, or out of one. Where many units
# are off, the median drops: in `layers.5` (layer 6 in the chart), 32 of the
# 72 weights get no gradient, the most of any layer, and its median is the
# lowest.
#
# The gradient that reaches the first layer decides how fast it learns.
# Six full-batch Adam steps for each, from seed 3 (printed) and seed 4:

# %%
final_loss, warned = {}, {}
for seed in DEEP_SEEDS:
    for name, options in NETWORKS.items():
        model = MLP(2, [8] * 6 + [1], seed=seed, **options)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            history = fit(model, X_deep, y_deep, loss=loss_fn,
                          optimizer=Adam(model.parameters(), lr=0.05), epochs=6, progress=False)
        if seed == 3:
            print(f"{name:20} loss {history.loss[0]:.3f} -> {history.loss[-1]:.3f}")
        final_loss[name, seed] = history.loss[-1]
        warned[name, seed] = [str(w.message) for w in caught]
print("seed 4, final loss:", {name: round(final_loss[name, 4], 3) for name in NETWORKS})
print("\nfit warned, for relu:", *warned["relu", 3])
for seed in DEEP_SEEDS:
    assert abs(final_loss["sigmoid", seed] - 0.693) < 0.01  # still answering 50/50
    assert final_loss["relu", seed] < 0.6 and final_loss["sigmoid + LayerNorm", seed] < 0.6
    assert warned["sigmoid", seed] == warned["sigmoid + LayerNorm", seed] == []
    assert len(warned["relu", seed]) == 1 and "dead ReLU" in warned["relu", seed][0]

# %% [markdown]
# After six steps the sigmoid network's loss is still within 0.01 of
# $\log 2 \approx 0.693$, the loss of always answering 50/50, from both seeds,
# while the ReLU and LayerNorm networks are below 0.6. `fit` also noticed the
# ReLU network's dead units: a ReLU neuron whose input is below 0 for every
# example outputs 0, passes no gradient back and so never changes again. It
# warns once, at the end of the first epoch in which some ReLU neuron got no
# gradient at all, and names them.

# %% [markdown]
# ## What to check when training fails
#
# | symptom | first suspect |
# |---|---|
# | the loss grows, or jumps up and down | the learning rate is too large (1) |
# | the loss hardly moves | the rate is too small (1), or the gradients vanish (6) |
# | the loss rises from the first step | the update adds the gradient (1) |
# | one optimizer looks better than another | were they compared at one rate? tune each (2) |
# | each epoch helps too little | full-batch steps: try mini-batches (2) |
# | training stalls at a poor loss | a local minimum: momentum, another start (3) |
# | hidden neurons stay identical | a zero or constant initialisation (4) |
# | the loss falls but a layer's weights never move | a step activation or a cut graph (5) |
# | `fit` warns that every gradient is 0 | a step or a hand-made `Value(...)` (5) |
# | `fit` warns about dead ReLU neurons | too large a rate, or an unlucky start: a lower rate, `leaky_relu` (6; notebook 03 counts them) |
# | early layers' gradients are decades below the last's | sigmoids: ReLU, LayerNorm (6) |
