# %% [markdown]
# # 7. Overfitting, and four ways to fight it
#
# A network with enough parameters can learn its training set by heart,
# noise included. Its training loss then goes to zero while its error on new
# examples grows: it *overfits*. Here a 337-parameter network memorises 30
# noisy points, and we measure how much four standard remedies help: an L2
# penalty, an L1 penalty, dropout and early stopping. Every run uses the same
# data split, the same network, the same initial weights and the same
# optimizer; only the remedy changes.

# %%
import math

import matplotlib.pyplot as plt

from autograd import no_grad
from nn import MLP, EarlyStopping, fit
from nn.data import make_moons, train_test_split
from nn.losses import binary_cross_entropy_with_logits, l1_penalty, l2_penalty
from nn.optim import Adam
from nn.stopping import Plateau
from nn.train import evaluate

# %% [markdown]
# ## A small, noisy data set
#
# 60 points of the two moons with a lot of noise (standard deviation 0.3), so
# the classes overlap. `train_test_split` shuffles them and holds half out as
# a *validation* set: the model never trains on those, so its loss there
# estimates how it does on new data.

# %%
X, y = make_moons(60, noise=0.3, seed=1)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, seed=0)
print(f"{len(X_train)} training points, {len(X_val)} validation points")
assert len(X_train) == len(X_val) == 30


def scatter(ax, points, labels, name, **style):
    """Draw labelled points, class 0 blue and class 1 red."""
    for label, color in ((0, "tab:blue"), (1, "tab:red")):
        chosen = [p for p, t in zip(points, labels) if t == label]
        ax.scatter(*zip(*chosen), c=color, label=f"{name}, class {label}", **style)


fig, ax = plt.subplots(figsize=(7.5, 3.5))
scatter(ax, X_train, y_train, "training")
scatter(ax, X_val, y_val, "validation", marker="^", alpha=0.5)
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8)
ax.set(xlabel="$x_0$", ylabel="$x_1$", title="noisy moons: 30 to train on, 30 held out")
plt.show()

# %% [markdown]
# ## Memorising the training set
#
# `MLP(2, [16, 16, 1])` has 337 parameters for 30 points. Adam trains it on
# the whole training set at each step (one step per epoch) for 150 epochs.
# With `validation=(X_val, y_val)`, `fit` also measures the validation set
# after every epoch, with no graph recorded, into `history.val_loss` and
# `history.val_accuracy`; the bar shows the last of each.

# %%
EPOCHS, LR = 150, 0.05
loss_fn = binary_cross_entropy_with_logits


def train(model, loss=loss_fn, progress=False, **options):
    """Train model with Adam on the training set, validating every epoch; its history."""
    optimizer = Adam(model.parameters(), lr=LR)
    history = fit(model, X_train, y_train, loss=loss, optimizer=optimizer, epochs=EPOCHS,
                  validation=(X_val, y_val), progress=progress, **options)
    model.eval()  # for the evaluations below (dropout off)
    return history


def network(**options):
    return MLP(2, [16, 16, 1], seed=0, **options)


plain = network()
print(f"{len(plain.parameters())} parameters")
history = train(plain, progress=True)
train_loss, train_accuracy = evaluate(plain, X_train, y_train, loss_fn)
best = min(range(EPOCHS), key=history.val_loss.__getitem__)
print(f"training loss {train_loss:.4f}, accuracy {train_accuracy:.0%}")
print(f"validation loss: lowest {history.val_loss[best]:.3f} after epoch {best + 1}, "
      f"final {history.val_loss[-1]:.3f}")
assert train_loss < 0.02 and train_accuracy == 1.0
assert history.val_loss[-1] > 4 * history.val_loss[best] and best + 1 == 45

# %% [markdown]
# The training loss keeps falling; the validation loss falls for the first
# few dozen epochs, while the network learns the shape of the moons, and then
# climbs, while it learns the noise of its 30 points. The accuracies tell the
# same story less smoothly: each point is right or wrong.

# %%
epochs = range(1, EPOCHS + 1)
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
left.plot(epochs, history.loss, label="training")
left.plot(epochs, history.val_loss, label="validation")
left.axvline(best + 1, color="gray", linestyle=":", label="lowest validation loss")
left.set(xlabel="epoch", ylabel="mean loss", yscale="log", title="loss")
left.legend(fontsize=9)
right.plot(epochs, history.accuracy, label="training")
right.plot(epochs, history.val_accuracy, label="validation")
right.set(xlabel="epoch", ylabel="accuracy", title="accuracy")
right.legend(fontsize=9)
plt.show()
print(f"validation accuracy: {history.val_accuracy[best]:.0%} at epoch {best + 1}, "
      f"{history.val_accuracy[-1]:.0%} at the end")
assert history.accuracy[-1] == 1.0 and history.val_accuracy[-1] < history.val_accuracy[best]

# %% [markdown]
# Where does the validation loss come from? The shading is the model's
# probability of class 1 over the plane (the sigmoid of its score), and the
# black line is where it is 1/2. The boundary bends around single training
# points (circles) to put each on its side, and the probability changes
# steeply near it. A validation point (triangle) on the wrong side of such a
# bend is then wrong *and* confident, which cross-entropy punishes hard.

# %%
steps = 30
gx = [-1.7 + 4.2 * i / (steps - 1) for i in range(steps)]
gy = [-1.4 + 3.1 * j / (steps - 1) for j in range(steps)]


def boundary(ax, model, title):
    """The model's probability of class 1 over the plane, its 1/2 line, and the points."""
    with no_grad():
        scores = [[model([px, py]).data for px in gx] for py in gy]
    probability = [[1 / (1 + math.exp(-s)) for s in row] for row in scores]
    levels = [i / 10 for i in range(11)]
    ax.contourf(gx, gy, probability, levels=levels, cmap="RdBu_r", alpha=0.5)
    ax.contour(gx, gy, probability, levels=[0.5], colors="black")
    scatter(ax, X_train, y_train, "training", edgecolors="white", s=25)
    scatter(ax, X_val, y_val, "validation", marker="^", edgecolors="black", s=40)
    ax.set(xlabel="$x_0$", title=title)


fig, ax = plt.subplots(figsize=(7.5, 3.5))
boundary(ax, plain, f"no regularisation: validation loss {history.val_loss[-1]:.2f}")
ax.set(ylabel="$x_1$")
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8)
plt.show()

# %% [markdown]
# ## Remedy 1: an L2 penalty
#
# Add $\lambda \sum w^2$ to the training loss, for a strength $\lambda > 0$: large weights now cost
# something, so the network reaches a small training loss with small weights
# where it can, and its scores change more slowly across the plane.
# `l2_penalty(params)` is $\sum w^2$ over the parameters (weights and
# biases here).
#
# `fit` takes any `loss(predictions, targets)`, so a closure over the model
# adds the penalty. The penalty belongs to the training objective, not to the
# error we want to measure: `fit` measures the validation set in `eval()`
# mode, so the closure adds it only while `model.training`, and
# `history.val_loss` stays plain cross-entropy, comparable across runs.

# %%
def penalised(model, penalty, strength):
    """Cross-entropy plus strength * penalty(parameters), the penalty in training mode only."""
    def loss(predictions, targets):
        data = loss_fn(predictions, targets)
        if not model.training:
            return data
        return data + strength * penalty(model.parameters())
    return loss


l2_model = network()
l2_history = train(l2_model, loss=penalised(l2_model, l2_penalty, 0.005))
squares = [l2_penalty(model.parameters()).data for model in (plain, l2_model)]
print(f"L2: final validation loss {l2_history.val_loss[-1]:.3f} "
      f"(no regularisation: {history.val_loss[-1]:.3f})")
print(f"sum of squared parameters: {squares[1]:.1f} (no regularisation: {squares[0]:.1f})")
assert l2_history.val_loss[-1] < history.val_loss[-1] / 2 and squares[1] < squares[0] / 4

# %% [markdown]
# The optimizers' `weight_decay` is the same remedy: it adds `weight_decay * w`
# to each gradient, which is the gradient of $\frac{\text{weight\_decay}}{2}
# \sum w^2$. So `weight_decay=0.01` takes the same steps as the penalty of
# strength 0.005 above. Ten epochs each way, from the same start:

# %%
by_penalty, by_decay = network(), network()
fit(by_penalty, X_train, y_train, loss=penalised(by_penalty, l2_penalty, 0.005),
    optimizer=Adam(by_penalty.parameters(), lr=LR), epochs=10, progress=False)
fit(by_decay, X_train, y_train, loss=loss_fn,
    optimizer=Adam(by_decay.parameters(), lr=LR, weight_decay=0.01), epochs=10, progress=False)
gap = max(abs(p.data - q.data) for p, q in zip(by_penalty.parameters(), by_decay.parameters()))
print(f"largest difference between the two models' parameters: {gap:.1e}")
assert gap < 1e-12

# %% [markdown]
# ## Remedy 2: an L1 penalty
#
# $\lambda \sum |w|$ pulls every weight towards zero by the same amount
# whatever its size, where L2's pull shrinks with the weight. Weights that do
# not earn their keep are pushed to about zero. Counted as $|w| < 10^{-2}$:

# %%
def near_zero(model):
    return sum(abs(p.data) < 1e-2 for p in model.parameters())


l1_model = network()
l1_history = train(l1_model, loss=penalised(l1_model, l1_penalty, 0.003))
exact_zeros = sum(p.data == 0.0 for p in l1_model.parameters())
print(f"L1: final validation loss {l1_history.val_loss[-1]:.3f}")
print(f"parameters with |w| < 1e-2: {near_zero(l1_model)} of 337 with L1, "
      f"{near_zero(plain)} without; exactly zero: {exact_zeros}")
assert l1_history.val_loss[-1] < history.val_loss[-1] / 2
assert near_zero(l1_model) > 250 and near_zero(plain) < 10 and exact_zeros == 0

# %% [markdown]
# About zero, but not zero. The gradient of $|w|$ is $\pm 1$ (0 only at
# exactly 0), a *subgradient*: a step pushes a small weight across zero and
# the next pushes it back, so it hovers near zero without landing there.
# Exact zeros need a different update, a proximal step that sets a weight to
# zero when a step would carry it across; gradient descent on the penalised
# loss, with Adam as with SGD, does not do that. To prune, set the near-zero
# weights to 0 afterwards; here that hardly changes the validation loss:

# %%
pruned = network()
pruned.load_state_dict({name: (p.data if abs(p.data) >= 1e-2 else 0.0)
                        for name, p in l1_model.named_parameters()})
pruned_loss, _ = evaluate(pruned, X_val, y_val, loss_fn)
print(f"validation loss {l1_history.val_loss[-1]:.4f} -> {pruned_loss:.4f} "
      f"with {near_zero(l1_model)} parameters set to 0")
assert abs(pruned_loss - l1_history.val_loss[-1]) < 0.01

# %% [markdown]
# ## Remedy 3: dropout
#
# `MLP(..., dropout=p)` puts an `nn.Dropout(p)` after each hidden layer. In
# training mode it zeroes each hidden output with probability $p$ (a fresh
# choice at every forward pass) and scales the others by $1/(1-p)$; in
# evaluation mode it passes everything through. No neuron can rely on a
# particular other one being there, so the network cannot build the fragile
# co-adaptations that memorising single points needs. `fit` switches the modes
# itself: `train()` for the steps, `eval()` for validation. The dropout masks
# are drawn after the weights, so the initial weights are the same as before.

# %%
dropout_model = network(dropout=0.2)
assert dropout_model.state_dict() == network().state_dict()
print(dropout_model)
dropout_model.train()
with no_grad():
    twice = [dropout_model(X_val[0]).data for _ in range(2)]
print(f"training mode, the same input twice: {twice[0]:.3f}, {twice[1]:.3f}")
assert twice[0] != twice[1]
dropout_history = train(dropout_model)
print(f"dropout: final validation loss {dropout_history.val_loss[-1]:.3f}")
assert not dropout_model.training  # train() above left it in eval mode
assert dropout_history.val_loss[-1] < history.val_loss[-1] / 2

# %% [markdown]
# ## Remedy 4: early stopping
#
# The simplest remedy changes nothing in the model: stop training when the
# validation loss stops improving. `EarlyStopping(patience, min_delta)` stops
# once `patience` epochs in a row have not lowered the best validation loss by
# more than `min_delta`; `history.stopped` is then `"plateau"`.
#
# Training runs `patience` epochs past the best one before it stops. Those
# last weights already do better than the unregularised network's final
# weights, but the best epoch's do better still: with `restore_best=True`,
# `fit` keeps a copy of the parameters at every new best and puts the best
# back when training ends.

# %%
stopped_model = network()
rule = EarlyStopping(patience=20, min_delta=0.0, restore_best=True)
stop_history = train(stopped_model, early_stopping=rule)
best_epoch = stop_history.val_loss.index(min(stop_history.val_loss)) + 1
print(f"stopped: {stop_history.stopped!r} after {stop_history.epochs} epochs; best epoch "
      f"{best_epoch}, validation loss {min(stop_history.val_loss):.3f}, "
      f"at the stop {stop_history.val_loss[-1]:.3f}")
assert stop_history.stopped == "plateau" and stop_history.epochs == best_epoch + 20
assert stop_history.val_loss == history.val_loss[: stop_history.epochs]
assert min(stop_history.val_loss) < stop_history.val_loss[-1] < history.val_loss[-1]
restored, _ = evaluate(stopped_model, X_val, y_val, loss_fn)  # the restored best epoch
assert restored == min(stop_history.val_loss) == history.val_loss[best]

# %% [markdown]
# Up to the stop, this run *is* the unregularised one (same start, same
# steps), so its best epoch is the one marked on the first chart. That also
# means the rule can be replayed on the first run's validation losses with
# `nn.stopping.Plateau`, which `fit` uses, to see what another patience would
# have done. The validation loss is bumpy, so a small patience stops at the
# first bump, well before the best epoch:

# %%
def stopping_epoch(losses, patience):
    """The epoch after which EarlyStopping(patience) stops on these losses (None: never)."""
    plateau = Plateau(EarlyStopping(patience=patience))
    return next((i + 1 for i, loss in enumerate(losses) if plateau.update(loss)), None)


for patience in (5, 10, 20, 40):
    epoch = stopping_epoch(history.val_loss, patience)
    lowest = min(history.val_loss[:epoch])
    print(f"patience {patience:2}: stops after epoch {epoch}, best validation loss {lowest:.3f}")
assert stopping_epoch(history.val_loss, 10) < 20 < 45 + 20 == stopping_epoch(history.val_loss, 20)

# %% [markdown]
# Choosing the epoch by the validation loss also makes that loss an
# optimistic estimate of the error on new data: a fair final number needs a
# third, untouched test set.

# %% [markdown]
# ## Side by side
#
# Every run's validation loss, epoch by epoch. The unregularised network's
# climbs after epoch 45; the penalties and dropout keep theirs low to the
# end, and early stopping quits before the climb.

# %%
runs = {
    "none": (plain, history),
    "L2, strength 0.005": (l2_model, l2_history),
    "L1, strength 0.003": (l1_model, l1_history),
    "dropout 0.2": (dropout_model, dropout_history),
    "early stopping, patience 20": (stopped_model, stop_history),
}
fig, ax = plt.subplots(figsize=(6, 3.5))
for name, (_, run) in runs.items():
    # early stopping retraces the first epochs of "none": drawn wide underneath
    wide = name.startswith("early")
    ax.plot(range(1, run.epochs + 1), run.val_loss, label=name, linewidth=5 if wide else 1.5,
            alpha=0.4 if wide else 1.0, zorder=1 if wide else 2)
ax.set(xlabel="epoch", ylabel="validation loss",
       title="validation loss, the same network and split")
ax.legend(loc="upper left", fontsize=8)
plt.show()

# %%
print(f"{'remedy':28} {'epochs':>6} {'train loss':>10} {'best val':>13} {'final val':>9} "
      f"{'val acc':>7} {'|w|<1e-2':>8}")
final, fitted = {}, {}
for name, (model, run) in runs.items():
    lowest = min(range(run.epochs), key=run.val_loss.__getitem__)
    fit_loss, _ = evaluate(model, X_train, y_train, loss_fn)
    val_loss, val_accuracy = evaluate(model, X_val, y_val, loss_fn)
    final[name], fitted[name] = val_loss, fit_loss
    print(f"{name:28} {run.epochs:6} {fit_loss:10.3f} {run.val_loss[lowest]:6.3f} "
          f"(@{lowest + 1:3}) {val_loss:9.3f} {val_accuracy:7.0%} {near_zero(model):8}")
remedies = [name for name in runs if name != "none"]
assert all(final[name] < final["none"] / 2 for name in remedies)
assert all(fitted[name] > 10 * fitted["none"] for name in remedies)

# %% [markdown]
# "final val" is the model we end up with (for early stopping, the restored
# best epoch); "train loss" is plain cross-entropy, without any penalty. Each
# remedy ends with a training loss ten times or more above the
# unregularised one's, and a validation loss less than half of its.
#
# Their boundaries are smoother: none of them bends around single points.

# %%
fig, axes = plt.subplots(1, 3, figsize=(14, 3.6), sharey=True)
for ax, name in zip(axes, ["L2, strength 0.005", "L1, strength 0.003", "dropout 0.2"]):
    boundary(ax, runs[name][0], f"{name}: validation loss {final[name]:.2f}")
axes[0].set(ylabel="$x_1$")
plt.show()

# %% [markdown]
# The settings (strengths 0.005 and 0.003, $p = 0.2$, patience 20) were
# chosen by looking at this validation set, which makes it a little less
# independent: the same caveat as for early stopping.
