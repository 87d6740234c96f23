# %% [markdown]
# # 11 · Lessons with the playground: features, depth, a regression, three classes, a shared lesson
#
# The playground of notebook 08 trains any small MLP live. It also has TensorFlow
# Playground's data sets (moons, circles, blobs, **xor**, **spiral**, and two
# regressions on the plane, **plane** and **gaussians**), its seven input
# **features** (`x1, x2, x1², x2², x1·x2, sin x1, sin x2`), noise, the share held
# out for validation, the batch size, "show test data" and "discretize output";
# it learns three or more classes and regressions as well as two classes; a click
# in its boundary panel can add a point of your own (a shift-click removes one);
# and a lesson can be handed on as a plain dict of settings, some controls
# hidden. This notebook runs one lesson of each kind. It needs no NumPy and no
# matplotlib, so it also runs in the browser-only site. The pictures are
# widgets: **run each cell** to train them live (a saved notebook shows a still
# picture of each, taken when it was built). Every sentence that states a
# number is checked (`assert`) in the code cell just above it, on two seeds.
#
# ## xor: a feature instead of a hidden layer
#
# xor's points sit in the four quadrants, class 1 where the signs of `x1` and
# `x2` differ. A model with no hidden layer (`[]`) is a single linear unit:
# whatever its weights, its boundary is one straight line. Trained for 100 steps
# on `x1` and `x2`, and then on the one feature `x1·x2`:

# %%
import json

from nn import playground
from nn.data import make_blobs

SEEDS = (0, 1)


def lesson(hidden, data, seed, steps, **settings):
    """A playground of `data` (100 points), trained `steps` steps now; returns it."""
    return playground(hidden, data, points=100, seed=seed, **settings).train(steps)


for seed in SEEDS:
    plain = lesson([], "xor", seed, 100, noise=0, lr=0.3)
    product = lesson([], "xor", seed, 100, noise=0, lr=0.3, features=["x1·x2"])
    print(
        f"seed {seed}: on x1, x2 validation accuracy {plain.trainer.accuracy():.0%}, "
        f"loss {plain.trainer.loss[-1]:.3f}; on x1·x2 {product.trainer.accuracy():.0%}, "
        f"loss {product.trainer.loss[-1]:.3f}"
    )
    assert plain.trainer.accuracy() <= 0.6 and plain.trainer.loss[-1] > 0.67
    assert product.trainer.accuracy() >= 0.95 and product.trainer.loss[-1] < 0.25
product

# %% [markdown]
# On x1 and x2 the linear model gets at most 60% of the validation points right,
# near a coin toss, and its loss stays above 0.67 (ln 2 ≈ 0.693 is guessing).
# Given `x1·x2` instead, the same single unit gets at least 95% of them right
# and its loss falls below 0.25: the feature did the work of a hidden layer. The network view shows its one input, named `x1·x2`. Tick `x1` and `x2`
# back in the widget, or type `4` in *hidden layers*, and play.
#
# ## A spiral needs depth
#
# Two interleaved spirals, trained with Adam (lr 0.03) for 150 steps, once with
# one hidden layer of 8 units and once with three:

# %%
for seed in SEEDS:
    shallow = lesson([8], "spiral", seed, 150, optimizer="adam", lr=0.03)
    deep = lesson([8, 8, 8], "spiral", seed, 150, optimizer="adam", lr=0.03)
    print(
        f"seed {seed}: training loss, one layer {shallow.trainer.loss[-1]:.3f}, "
        f"three layers {deep.trainer.loss[-1]:.3f}"
    )
    assert shallow.trainer.loss[-1] > 0.4 and deep.trainer.loss[-1] < 0.2
deep

# %% [markdown]
# After 150 steps one layer of 8 is still above 0.4 on its training points; three
# layers of 8 are below 0.2. Each extra layer bends the boundary again: look at
# the heatmaps beside the units, nearly straight in the first layer, curled by the
# third. The validation points (hollow) show how much of that is memory: switch
# *show test data* off and on.
#
# ## A regression surface
#
# `gaussians` is a regression: each point's target is a sum of six Gaussian
# bumps, three up and three down, so the output unit is linear and the loss is
# the mean squared error, in the target's units squared. The panel shows the
# fitted surface on a scale from purple through white to green, each point in
# the colour of its own target.

# %%
for seed in SEEDS:
    pg = playground([8, 8], "gaussians", points=100, seed=seed, optimizer="adam", lr=0.03)
    before = pg.trainer.validation_loss() ** 0.5
    pg.train(150)
    after = pg.trainer.validation_loss() ** 0.5
    print(f"seed {seed}: validation rmse {before:.3f} → {after:.3f}; {pg.trainer.summary()}")
    assert pg.trainer.task.kind == "regression" and after < 0.25 and after < before * 2 / 3
pg

# %% [markdown]
# The validation error's square root (rmse, in the target's units, where the
# targets run from about −1 to 1) falls below 0.25 in 150 Adam steps, at least a
# third lower than before training. Tick *discretize output* to see the surface in five bands.
#
# ## Three classes
#
# Points of your own, `(X, y)` with labels 0, 1 and 2, make a three-class
# playground: one output per class, softmax and cross-entropy, a colour per class.

# %%
for seed in SEEDS:
    X, y = make_blobs(90, std=0.7, seed=seed)
    pg = playground([6], (X, y), seed=seed, optimizer="adam", lr=0.03).train(60)
    print(f"seed {seed}: {pg.trainer.summary()}")
    assert pg.trainer.task.k == 3 and len(pg.model.layers[-1].neurons) == 3
    assert pg.trainer.accuracy() >= 0.9
pg

# %% [markdown]
# The model has three outputs, one per class, and after 60 steps it classifies at
# least 90% of the validation points right. Set *a click* (the last control of the
# data's row) to *adds class 2*, click where class 0 lives, and watch the regions
# move as it trains.
#
# ## A lesson to hand on
#
# `pg.settings` is everything that makes a playground, as plain values: the data
# (a name, its points and noise, or your own points and the ones you added), every
# control and the seed. `json.dumps` turns it into text to share, and
# `playground(settings=...)` makes the same playground again, with some controls
# hidden if you like. The same steps then give the same weights, exactly.

# %%
for seed in SEEDS:
    teacher = playground([4], "circles", points=100, seed=seed, features=["x1²", "x2²"])
    teacher.add_point([0.0, 0.0], 1)  # one more point of the inner ring
    shared = json.dumps(teacher.settings)
    learner = playground(
        settings=json.loads(shared), hide=["optimizer", "init", "penalty", "rate", "hidden"]
    )
    teacher.train(20)
    learner.train(20)
    same = [p.data for p in teacher.model.parameters()] == [
        p.data for p in learner.model.parameters()
    ]
    print(f"seed {seed}: {len(shared)} characters of settings; the same weights: {same}")
    assert same and learner.settings == teacher.settings and len(shared) < 1000
learner

# %% [markdown]
# On both seeds the lesson, with its added point, fits in under 1,000 characters,
# and after 20 steps the learner's weights equal the teacher's. Its optimizer,
# init, penalty and hidden layers are hidden from the controls (Python can still
# set them), and `learner.save_html("lesson.html")` writes a page of it as it
# stands, with the settings that make it again.
