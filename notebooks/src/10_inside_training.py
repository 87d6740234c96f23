# %% [markdown]
# # 10 · Inside training: which units carve which side, one Adam step, a divergence
#
# Notebook 08 watches a network learn. This one opens it up three ways: what
# each unit of a trained network computes over the plane (its *heatmap*), what
# one training point's backward pass and one Adam step do to every weight, and
# what the playground says when training blows up. It needs no NumPy and no
# matplotlib, so it also runs in the browser-only site. The live pictures are
# widgets: **run each cell** (a saved notebook shows a still picture of each,
# taken when it was built). Every sentence that states a number is checked
# (`assert`) in the code cell just above it.
#
# ## Heatmaps on circles
#
# 100 points on two noisy rings, class 1 (the inner ring) inside class 0, and
# an `MLP(2, [8, 1])`: 8 `tanh` units, then one linear output, trained with
# Adam for 100 epochs on the logistic loss. A positive output means class 1.

# %%
import copy

import nn
from nn import MLP, draw_network, fit, playground
from nn.data import make_circles
from nn.losses import binary_cross_entropy_with_logits
from nn.optim import Adam
from nn.pictures.heatmaps import GRID, bounds_of, centres, unit_grids

SEEDS = (0, 1)


def trained(seed):
    """Circles of 100 points, and an MLP(2, [8, 1]) trained 100 epochs on them, and its Adam."""
    X, y = make_circles(100, noise=0.05, factor=0.5, seed=seed)
    model = MLP(2, [8, 1], seed=seed)
    adam = Adam(model.parameters(), lr=0.05)
    history = fit(
        model,
        X,
        y,
        loss=binary_cross_entropy_with_logits,
        optimizer=adam,
        epochs=100,
        progress=False,
    )
    return X, y, model, adam, history


runs = {seed: trained(seed) for seed in SEEDS}
for seed, (_, _, _, _, history) in runs.items():
    print(
        f"seed {seed}: loss {history.loss[0]:.3f} → {history.loss[-1]:.3f}, "
        f"accuracy {history.accuracy[-1]:.0%}"
    )
    assert history.loss[-1] < 0.05 and history.accuracy[-1] == 1.0
X, y, model, adam, history = runs[0]
draw_network(model, heatmaps=True, data=X)

# %% [markdown]
# On seeds 0 and 1 the loss falls below 0.05 and every point is classified
# right. Beside each unit is its heatmap: the unit's output over the plane of
# the points (16 × 16 cells), class 1's colour (green) where it is positive,
# class 0's (purple) where it is negative, white at 0.
#
# **Each hidden unit splits the plane with a straight line.** A unit computes
# `tanh(w·x + b)`, and `tanh` keeps the sign of what it is given, so the unit is
# positive exactly on one side of the line `w·x + b = 0`. The cell below checks
# each cell of each hidden unit's heatmap against the sign of `w·x + b`,
# computed by hand from the unit's weights at the cell's centre.

# %%


def cell_of(point, bounds, n=GRID):
    """The index of the heatmap cell (rows from the top) that holds `point`."""
    x0, x1, y0, y1 = bounds
    column = min(int((point[0] - x0) / (x1 - x0) * n), n - 1)
    row = min(int((y1 - point[1]) / (y1 - y0) * n), n - 1)
    return row * n + column


for seed, (Xs, ys, m, _, _) in runs.items():
    bounds = bounds_of(Xs)
    hidden, (output,) = unit_grids(m, bounds)
    for neuron, heat in zip(m.layers[0].neurons, hidden, strict=True):
        (w0, w1), b = [w.data for w in neuron.w], neuron.b.data
        by_hand = [w0 * px + w1 * py + b > 0 for px, py in centres(bounds, GRID)]
        assert [value > 0 for value in heat] == by_hand
    split = sum(any(v > 0 for v in heat) and any(v < 0 for v in heat) for heat in hidden)
    inner = {cell_of(p, bounds) for p, label in zip(Xs, ys, strict=True) if label == 1}
    outer = {cell_of(p, bounds) for p, label in zip(Xs, ys, strict=True) if label == 0}
    positive = sum(v > 0 for v in output)
    print(
        f"seed {seed}: {split} of 8 hidden heatmaps have both colours; "
        f"the output is positive on {positive} of {GRID * GRID} cells,\n       "
        f"on all {len(inner)} inner cells: {all(output[c] > 0 for c in inner)}; "
        f"negative on all {len(outer)} outer cells: {all(output[c] < 0 for c in outer)}"
    )
    assert inner.isdisjoint(outer) and split == 6
    assert all(output[c] > 0 for c in inner) and all(output[c] < 0 for c in outer)
    for heat in hidden:  # no hidden unit, nor its negative, has the output's sign pattern
        for sign in (1, -1):
            assert not all(sign * heat[c] > 0 for c in inner) or any(
                sign * heat[c] > 0 for c in outer
            )

# %% [markdown]
# On both seeds, all 8 hidden heatmaps have exactly the sign of `w·x + b` in
# every cell: each is one side of a straight line, green on one side and purple
# on the other. The line crosses the plane drawn in 6 of the 8; for the other 2
# it runs outside it, and the whole heatmap is one colour. No single unit can
# pick out the inner ring.
#
# **The output is positive around the inner ring and negative on the outer
# one.** It adds the 8 hidden outputs, weighted, plus a bias. Every cell that
# holds an inner point is positive, every cell that holds an outer point
# negative: the green region of the output's heatmap holds the whole inner ring
# and none of the outer one, which no hidden unit's half-plane does (nor its
# opposite side): the output builds it from their straight edges. Hover a unit
# in the live playground (notebook 08) to see its heatmap large, over the data.
#
# ## One point's backward pass and one Adam step
#
# `nn.explain` plays one training point's loss at the trained weights: the
# forward pass, the backward pass a node at a time, then one frame per weight
# saying what the optimizer's next step would do to it if this point's gradient
# were the whole gradient, and the point's loss after that step. The optimizer
# is the Adam that trained the model, with its state after 100 steps. Nothing is
# changed: not the weights, not their gradients, not Adam's state. Press **Play**
# or step with the arrows.

# %%
LOSS = "binary_cross_entropy_with_logits"
i = 0  # the first point of seed 0's data
shown = nn.explain(model, X[i], y[i], LOSS, adam)
print(shown)
shown

# %% [markdown]
# Is what it shows right? The cell below takes a copy of the model and of its
# Adam, runs the point's loss and `backward()` on the copy, and compares each
# weight's gradient with the player's; then it lets the copy's Adam take its
# step with that gradient, and compares each new weight with the player's new
# value. And it checks that the live model and its Adam are as they were.

# %%
before = ([p.data for p in model.parameters()], list(adam.m), adam.steps)
for Xs, ys, m, opt, _ in runs.values():
    for point in (0, len(Xs) - 1):  # a point of the outer ring and one of the inner
        x, target = Xs[point], ys[point]
        explained = nn.explain(m, x, target, LOSS, opt)
        twin, twin_adam = copy.deepcopy((m, opt))  # one deep copy: Adam holds the twin's weights
        for p in twin.parameters():
            p.grad = 0.0
        binary_cross_entropy_with_logits([twin(x)], [target]).backward()
        assert [u.grad for u in explained.updates] == [p.grad for p in twin.parameters()]
        twin_adam.step()
        assert [u.new for u in explained.updates] == [p.data for p in twin.parameters()]
        assert explained.loss_after < explained.loss
assert before == ([p.data for p in model.parameters()], list(adam.m), adam.steps)
update = shown.updates[-2]  # the output's weight from hidden unit 8 (its bias is last)
print(
    shown.captions[
        shown.counters.index(f"update {len(shown.updates) - 1} of {len(shown.updates)}")
    ]
)
assert update.rule.startswith("Adam, step 101, lr 0.05, betas (0.9, 0.999), eps 1e-08:")
assert "m = m + (1 - 0.9) · (g - m)" in update.rule and "v = 0.999 · v" in update.rule

# %% [markdown]
# On both seeds, for a point of each ring, every gradient the player shows is
# the one `backward()` gives, every new value is the one `Adam.step()` writes,
# and the step lowers that point's loss; the live model and its Adam are
# untouched.
#
# An update frame's caption, printed above, reads from the top: the weight and
# its gradient for this point, the backward-pass term that made it (upstream ·
# local derivative), then Adam's rule at its 101st step (lr 0.05, betas 0.9 and
# 0.999): `m`, the running mean of the gradient, moves a tenth of the way
# towards this gradient; `v`, the running mean of its square, a thousandth of
# the way; and the weight moves by `lr · m / √v`, each mean divided by its
# bias correction (`1 - 0.9^101`, `1 - 0.999^101`). So the step depends on the
# gradients before this one, through `m` and `v`, not only on this point's.
#
# ## A divergence, explained
#
# A playground whose hidden units are *linear* (no `tanh`: nothing bounds their
# outputs), on 100 points of circles, at learning rate 100. `pg.train(n)` takes
# steps from code and raises `FloatingPointError` when a number becomes NaN or
# infinite; the playground keeps the message in `pg.error` and shows it above
# its pictures, with a button to reset at a tenth of the rate.

# %%


def until_it_diverges(pg, steps=100):
    """Train `pg` for up to `steps` steps; its error message ('' if it did not diverge)."""
    try:
        pg.train(steps)
    except FloatingPointError as error:
        assert str(error) == pg.error
    return pg.error


def check(message, step, lr):
    """That a divergence message names its step, learning rate, and the op and node it blames."""
    first, rerun = message.splitlines()
    assert first.startswith(f"training diverged at step {step}:")
    assert f"with learning rate {lr:g};" in first
    assert rerun.startswith(f"Step {step} re-run under detect_anomaly: the first non-finite value")
    assert ", from dot (the weighted sum w·x + b" in rerun and " in layer " in rerun
    assert rerun.endswith(f"learning rate {lr:g}")


for seed in SEEDS:
    pg = playground([8, 8], "circles", lr=100, activation="linear", points=100, seed=seed)
    message = until_it_diverges(pg)
    check(message, pg.step + 1, 100)
    assert pg.step < 10  # the last good step
    if seed == 0:
        diverged = pg
print(diverged.error)
assert "overflowed both ways) in layer 3 · neuron 1, on the validation point (" in diverged.error
diverged

# %% [markdown]
# On seeds 0 and 1 it diverges within its first 10 steps. The message's first
# line says at which step and at what learning rate; `pg.step` is the last good
# step, and the model is kept as it was then. The second line is that one step
# re-run under `detect_anomaly`: the first value that was not finite, the op that
# made it (`dot`, a unit's weighted sum `w·x + b`, whose terms overflowed both
# ways: `inf - inf` is NaN), the unit (`layer 3 · neuron 1` is the output),
# the point it was computing and the learning rate.
#
# The button under the message is `pg.reset(lr=pg.lr / 10)`: the same start, a
# tenth of the rate. The cell below presses it until the playground trains 100
# steps without an error.

# %%
for seed in SEEDS:
    pg = playground([8, 8], "circles", lr=100, activation="linear", points=100, seed=seed)
    rates, steps = [], []
    while until_it_diverges(pg):
        rates.append(pg.lr)
        steps.append(pg.step + 1)
        check(pg.error, pg.step + 1, pg.lr)
        pg.reset(lr=pg.lr / 10)
    loss = pg.trainer.loss
    print(
        f"seed {seed}: diverged at learning rates {rates}, at steps {steps}; at {pg.lr:g}, "
        f"{pg.step} steps, loss {loss[0]:.3f} → {loss[-1]:.3f}"
    )
    assert (
        rates == [100, 10]
        and steps[1] > steps[0]
        and pg.lr == 1
        and pg.step == 100
        and pg.error == ""
    )
    assert loss[-1] < loss[0] and min(loss) > 0.68
pg

# %% [markdown]
# On both seeds one press is not enough: at 10 it diverges again (a little
# later). At 1 it trains its 100 steps with no error and the loss goes down, but
# never below 0.68, near a coin toss (ln 2 ≈ 0.693): with linear units the whole
# network is one linear function, its boundary one straight line, and no
# straight line separates a ring from the ring inside it. Switch **activation**
# to `tanh` in the widget above, press **Reset** and play: does the boundary
# close around the inner ring, and what do the hidden units' heatmaps look like
# now?
