# %% [markdown]
# # 0. From the articles: the classic worked examples, checked
#
# Introductory articles on backpropagation share a handful of worked
# examples: one prediction against one target, the bias of a neuron, a small
# network with three inputs, the "error term" δ of a neuron and the weight
# update it gives, a NumPy update of a single neuron, the cost of numerical
# gradients, and backprop as dynamic programming. Here each one is run with
# chainrule and checked: the numbers an article derives by hand are asserted
# against what `backward()` and `grad()` compute. Where an article gets
# something wrong (a gradient that is really an update, weights stepped before
# the error is sent back through them, backprop said to need labelled data),
# the notebook says so where it stands, and a cell shows it.

# %%
import time

import numpy as np

import autograd
from autograd import Value, grad, no_grad
from autograd.backward import _local_derivatives, topological_order
from nn import MLP, Neuron, draw_network
from nn.data import make_moons
from nn.losses import mse
from nn.optim import SGD

# %% [markdown]
# ## One prediction, one target
#
# A model predicts $y = 0.7$ where the answer is $t = 1.0$. Articles call
# $t - y$ the *error*. The squared error $E = (y - t)^2$ is what training
# lowers, and its gradient with respect to the prediction is
# $dE/dy = 2 (y - t)$.

# %%
prediction = Value(0.7, label="y")
target = 1.0
error = target - prediction.data  # the articles' "error"
E = (prediction - target) ** 2
E.backward()
print(f"error t - y = {error:.2f}, E = {E.data:.2f}, dE/dy = {prediction.grad:.2f}")
assert abs(error - 0.3) < 1e-15 and abs(E.data - 0.09) < 1e-15
assert abs(prediction.grad - (-0.6)) < 1e-15
assert error > 0 > prediction.grad

# %% [markdown]
# The error is $0.3$, the squared error $0.09$ and the gradient $-0.6$: the
# error and the gradient have **opposite signs**. The error says which way
# the prediction is off (too low: positive); the gradient says which way the
# loss *rises* (lowering y raises E: negative). Gradient descent subtracts
# the gradient, $y \leftarrow y - \eta\, dE/dy = y + 2 \eta\,(t - y)$, which
# is why articles that write "add η times the error" move the same way.
#
# Textbooks usually halve the squared error, $E = \tfrac12 (t - y)^2$, so
# that the 2 cancels. None of the articles writes this loss down, though
# the NumPy example below turns out to be a gradient step on it. Its
# gradient, from `grad`:

# %%
half = 0.5 * (target - prediction) ** 2
print(f"E = ½(t - y)² = {half.data:.3f}, dE/dy = {grad(half, prediction):.2f}")
assert grad(half, prediction) == -error and abs(grad(half, prediction) + 0.3) < 1e-15

# %% [markdown]
# $dE/dy = -(t - y) = -0.3$, exactly: the same float as the error, sign
# flipped.
#
# ## The bias shifts a neuron
#
# A neuron adds its bias to the weighted input before the activation, so the
# bias moves where the neuron switches on. Take one tanh neuron,
# `Neuron(1, "tanh")`, with weight $w = 0.5$ and input $x = 2$ (so
# $w x = 1$), and move its bias $b$ from −2 to 4, printing the output
# $\tanh(w x + b)$ and its gradient $d\,\mathrm{out}/db = 1 - \mathrm{out}^2$:

# %%
neuron = Neuron(1, "tanh")
neuron.load_state_dict({"w.0": 0.5, "b": 0.0})
outs, slopes = {}, {}
for b in range(-2, 5):
    neuron.b.data = float(b)
    out = neuron([2.0])
    outs[b], slopes[b] = out.data, grad(out, neuron.b)
    print(f"b = {b:2}:  output {outs[b]:7.4f}   d out/db {slopes[b]:.4f}")
assert all(outs[b] < outs[b + 1] for b in range(-2, 4))
assert round(outs[-2], 2) == -0.76 and outs[-1] == 0.0 and round(outs[4], 4) == 0.9999
assert all(outs[b] > 0.99 for b in (2, 3, 4))
assert slopes[-1] == 1.0 and round(slopes[4], 4) == 0.0002

# %% [markdown]
# The output rises with every step of $b$: from −0.76 at $b = -2$, through 0
# at $b = -1$ (where $w x + b = 0$), to 0.9999 at $b = 4$. From $b = 2$ on it
# is above 0.99: the neuron is saturated, and its gradient, 1 at $b = -1$,
# has fallen to 0.0002 at $b = 4$, so a bias pushed that far barely learns.
#
# ## A network with 3 inputs, 3 hidden neurons and 2 outputs
#
# `MLP(3, [3, 2])`: a hidden layer of three sigmoid neurons and a linear
# output layer of two. One example, one squared-error loss
# $E = \tfrac12 \sum_k (y_k - t_k)^2$.

# %%
model = MLP(3, [3, 2], activation="sigmoid", seed=1)
x, t = [1.0, 0.5, -1.0], [1.0, 0.0]
y = model(x)
E = 0.5 * sum((yk - tk) ** 2 for yk, tk in zip(y, t))
E.backward()
print(f"{len(model.parameters())} parameters; outputs {[round(v.data, 4) for v in y]}")
print(f"E = {E.data:.4f}")
assert len(model.parameters()) == 3 * 3 + 3 + 3 * 2 + 2 == 20

# %% [markdown]
# 20 parameters in all: 3 × 3 weights and 3 biases, then 3 × 2 weights and
# 2 biases. The network view (it calls the loss $L$): each wire is a weight,
# coloured by the sign and size of its gradient $dL/dw$ (blue positive, orange
# negative, thicker when larger); each neuron shows its output for this input
# and is coloured by its bias's gradient $dL/db$, which is its δ.

# %%
draw_network(model, x)

# %% [markdown]
# ## The error term δ
#
# Articles define the *error term* of a neuron as $\delta = \partial E / \partial z$,
# the gradient at its weighted input $z = w \cdot a + b$. Then every weight's
# gradient is one product, $\partial E / \partial w = \delta \cdot a$, with $a$
# the activation the weight multiplies. For a linear output neuron
# $\delta_k = y_k - t_k$; for a sigmoid hidden neuron $j$ with output $a_j$,
# $\delta_j = a_j (1 - a_j) \sum_k w_{kj} \delta_k$ — the δs of the next layer,
# sent back along the weights. Worked by hand on the network above (seed 1),
# then compared with `grad`:

# %%
hidden, output = model.layers
a = [n(x).data for n in hidden.neurons]  # hidden activations
delta_out = [yk.data - tk for yk, tk in zip(y, t)]
delta_hidden = [
    a[j] * (1 - a[j]) * sum(n.w[j].data * d for n, d in zip(output.neurons, delta_out))
    for j in range(3)
]
by_hand = {}
for k, n in enumerate(output.neurons):
    by_hand.update({n.w[j]: delta_out[k] * a[j] for j in range(3)} | {n.b: delta_out[k]})
for j, n in enumerate(hidden.neurons):
    by_hand.update({n.w[i]: delta_hidden[j] * x[i] for i in range(3)} | {n.b: delta_hidden[j]})
params = model.parameters()
gradients = dict(zip(params, grad(E, params)))
worst = max(abs(gradients[p] - by_hand[p]) for p in params)
print(f"δ of the outputs {[round(d, 4) for d in delta_out]}, of the hidden {[round(d, 4) for d in delta_hidden]}")
print(f"largest difference from grad over all {len(params)} parameters: {worst:.1e}")
assert len(params) == 20 and worst < 1e-15

# %% [markdown]
# On all 20 parameters, δ·a by hand and `grad` agree to within 1e-15.
#
# ### The gradient and the update
#
# One article writes the weight rule as
#
# > `∂E/∂w = -η * δ * a` (E = error, w = weight, η = learning rate, δ = error term, a = activation)
#
# The right-hand side is not the gradient: it is the **update** $\Delta w$,
# the change one step of gradient descent makes to the weight. The gradient
# is $\partial E / \partial w = \delta \cdot a$, as the cell above checks; the
# step is $w \leftarrow w - \eta\, \partial E / \partial w$, so
# $\Delta w = -\eta\, \delta\, a$. One step of plain SGD with $\eta = 0.5$ on
# the gradients `backward()` stored:

# %%
lr = 0.5
before = {p: p.data for p in params}
SGD(params, lr=lr).step()
update = {p: p.data - before[p] for p in params}
w = output.neurons[0].w[0]
print(f"first weight of the first output neuron: gradient δ·a = {gradients[w]:.4f}, "
      f"update Δw = {update[w]:.4f}")
assert len(params) == 20
assert max(abs(update[p] - (-lr * by_hand[p])) for p in params) < 1e-15
assert max(abs(update[p] - (-lr * gradients[p])) for p in params) < 1e-15

# %% [markdown]
# Every one of the 20 parameters moved by $-\eta\, \delta\, a$ to within
# 1e-15. So the article's expression is the step, not the gradient; the
# gradient is $\delta \cdot a$, and with $\eta = 0.5$ the step is half of it,
# sign flipped.
#
# ### Every δ before any step
#
# One article's pseudocode updates each layer's weights as soon as that
# layer's δs are known, and only then sends the error back through them. The
# hidden δs then read output weights that have *already* moved, but the chain
# rule needs the weights that produced the output. The cell computes the
# hidden δs in both orders on the 3-3-2 network (seed 1, the one above, and
# seeds 2 and 3), with $\eta = 0.5$, and compares them with the gradients of
# the hidden biases from `grad` ($\partial E / \partial b_j = \delta_j$):

# %%
def hidden_deltas(model, x, t, lr, step_first):
    """δ of each hidden neuron; with step_first, from output weights already stepped."""
    hidden, output = model.layers
    a = [n(x).data for n in hidden.neurons]
    delta_out = [n(a).data - tk for n, tk in zip(output.neurons, t)]
    w = [[wkj.data for wkj in n.w] for n in output.neurons]
    if step_first:  # the pseudocode's order: w_kj <- w_kj - lr * δ_k * a_j first
        w = [[wkj - lr * dk * aj for wkj, aj in zip(wk, a)] for wk, dk in zip(w, delta_out)]
    deltas = [a[j] * (1 - a[j]) * sum(wk[j] * dk for wk, dk in zip(w, delta_out)) for j in range(3)]
    return deltas, a, delta_out


for seed in (1, 2, 3):
    net = MLP(3, [3, 2], activation="sigmoid", seed=seed)
    E = 0.5 * sum((yk - tk) ** 2 for yk, tk in zip(net(x), t))
    true = grad(E, [n.b for n in net.layers[0].neurons])
    first, a, delta_out = hidden_deltas(net, x, t, lr, step_first=False)
    stepped, _, _ = hidden_deltas(net, x, t, lr, step_first=True)
    off = max(abs(s - d) for s, d in zip(stepped, true)) / max(abs(d) for d in true)
    print(f"seed {seed}: true δ         {[round(d, 4) for d in true]}\n"
          f"        every δ first  {[round(d, 4) for d in first]}\n"
          f"        step first     {[round(d, 4) for d in stepped]}, "
          f"largest error {off:.0%} of the largest true δ")
    assert max(abs(f - d) for f, d in zip(first, true)) < 1e-15
    assert 0.2 < off < 0.5
    # the error, worked out: -lr * a_j² (1 - a_j) * Σ_k δ_k²
    worked = [-lr * aj**2 * (1 - aj) * sum(d * d for d in delta_out) for aj in a]
    assert max(abs((s - f) - e) for s, f, e in zip(stepped, first, worked)) < 1e-15
    if seed == 1:
        assert round(true[2], 4) == 0.0294 and round(stepped[2], 4) == -0.0558

# %% [markdown]
# Computing every δ first matches `grad` to within 1e-15 on all three seeds.
# Stepping first gets them wrong: on each seed the largest error is between
# 20% and 50% of the largest true δ, and on seed 1 the third hidden δ even
# changes sign, 0.0294 becoming −0.0558. The damage is
# $-\eta\, a_j^2 (1 - a_j) \sum_k \delta_k^2$ (to within 1e-15): it shrinks
# with $\eta$, but it is never zero while an output is wrong. That is why
# `backward()` finishes every gradient before an optimizer's `step()` changes
# any weight.
#
# ## One neuron in NumPy, and the same in chainrule
#
# One article's NumPy example is a *linear* neuron with no bias, updated
# once: input $X = [[1, 0, 1]]$, target $y = [[1]]$, random starting weights,
# learning rate 0.1, and `weights += learning_rate * np.dot(X.T, error)` with
# `error = y - output`. Here it is line for line; only the seed is ours, so
# that the numbers can be reproduced (the article calls `np.random.rand`
# unseeded).

# %%
def article_example(seed):
    """The article's code as written; the seed and the copy of the start are ours."""
    np.random.seed(seed)
    X = np.array([[1, 0, 1]])
    y = np.array([[1]])
    weights = np.random.rand(3, 1)
    learning_rate = 0.1
    start = weights.copy()
    output = np.dot(X, weights)
    error = y - output
    weights += learning_rate * np.dot(X.T, error)
    return start, weights


start, weights = article_example(0)
print("seed 0: weights", start[:, 0], "->", weights[:, 0])

# %% [markdown]
# The article names no loss. Its update is one gradient-descent step on the
# textbook half squared error $E = \tfrac12 (y - \hat y)^2$ with
# $\hat y = X w$: $\partial E / \partial w = -X^\top (y - \hat y)$, so
# $w - \eta\, \partial E / \partial w = w + \eta\, X^\top (y - \hat y)$.
# chainrule needs that loss written out, and `grad` does the rest;
# `autograd.dot` reads the NumPy row directly. On seeds 0, 1 and 2:

# %%
def chainrule_example(start):
    """The same step: E = ½(y - ŷ)², differentiated by grad."""
    X, y = np.array([[1, 0, 1]]), np.array([[1]])
    w = [Value(v) for v in start[:, 0]]
    E = 0.5 * (y[0, 0] - autograd.dot(w, X[0])) ** 2
    for wi, g in zip(w, grad(E, w)):
        wi.data -= 0.1 * g
    return np.array([wi.data for wi in w])


for seed in (0, 1, 2):
    start, weights = article_example(seed)
    ours = chainrule_example(start)
    differences = np.abs(ours - weights[:, 0])
    print(f"seed {seed}: chainrule {ours}, largest difference {differences.max():.1e}")
    assert differences.max() < 1e-15
    assert ours[1] == start[1, 0]  # its input is 0, so the middle weight never moves

# %% [markdown]
# chainrule's weights agree with the article's to within 1e-15 on all three
# seeds, and the middle weight, whose input is 0, does not move.
#
# ### The same neuron with a sigmoid
#
# Many tutorials put a sigmoid on that neuron; this variant is ours, not the
# article's. The hand-written update then needs the sigmoid's derivative,
# $W \mathrel{+}= \eta\, X^\top ((y - \hat y)\, \hat y (1 - \hat y))$;
# `grad` finds that factor by itself. Five steps from weights drawn uniformly
# from [−1, 1], on seeds 0, 1 and 2:

# %%
X, Y = np.array([[1, 0, 1]]), np.array([[1]])
for seed in (0, 1, 2):
    W = np.random.default_rng(seed).uniform(-1, 1, (3, 1))
    W_numpy = W.copy()
    for _ in range(5):
        out = 1 / (1 + np.exp(-(X @ W_numpy)))
        W_numpy += 0.1 * X.T @ ((Y - out) * out * (1 - out))

    w = [Value(v) for v in W[:, 0]]
    for _ in range(5):
        E = 0.5 * (autograd.dot(w, X[0]).sigmoid() - Y[0, 0]) ** 2
        for wi, g in zip(w, grad(E, w)):
            wi.data -= 0.1 * g

    differences = np.abs([wi.data for wi in w] - W_numpy[:, 0])
    print(f"seed {seed}: NumPy {W_numpy[:, 0]}, largest difference {differences.max():.1e}")
    assert differences.max() < 1e-15

# %% [markdown]
# After five steps the two agree to within 1e-15 on all three seeds.
#
# ## Numerical gradients cost one or two passes per parameter
#
# A finite difference nudges one parameter and runs the model again: two
# forward passes per parameter for a central difference. Backprop gets every
# gradient from one forward and one backward pass. On
# `MLP(2, [16, 16, 1], seed=0)` and 20 examples:

# %%
net = MLP(2, [16, 16, 1], seed=0)
params = net.parameters()
X20, y20 = make_moons(20, noise=0.1, seed=0)


def loss() -> Value:
    return mse([net(xi) for xi in X20], y20)


start = time.perf_counter()
backprop = grad(loss(), params)
backprop_seconds = time.perf_counter() - start

start, h, numerical = time.perf_counter(), 1e-6, []
with no_grad():
    for p in params:
        old = p.data
        p.data = old + h
        up = loss().data
        p.data = old - h
        down = loss().data
        p.data = old
        numerical.append((up - down) / (2 * h))
numerical_seconds = time.perf_counter() - start

print(f"{len(params)} parameters: backprop {backprop_seconds * 1000:.0f} ms, "
      f"central differences {numerical_seconds:.1f} s ({2 * len(params)} forward passes)")
print(f"largest difference: {max(abs(b - n) for b, n in zip(backprop, numerical)):.1e}")
assert len(params) == 337
assert max(abs(b - n) for b, n in zip(backprop, numerical)) < 1e-9
assert numerical_seconds > 20 * backprop_seconds

# %% [markdown]
# 337 parameters, so 674 forward passes. The two sets of gradients agree to
# within 1e-9, and the central differences take more than 20 times as long as
# backprop.
#
# ## Backprop is dynamic programming
#
# Each stage below computes $h \leftarrow \sin h + \cos h$: two ops read $h$
# and a third adds their results. From the output back to $x$ there is one
# path per choice of sin or cos at each stage, and the chain rule says $dL/dx$
# is the sum over all paths of the product of the local derivatives along
# each. Backprop never lists the paths: it visits each node once, in reverse
# topological order, and hands on the sum so far — the dynamic-programming
# trick of reusing every shared sub-result.


# %%
def stages(n: int) -> tuple[Value, Value]:
    x = Value(0.5, label="x")
    h = x
    for _ in range(n):
        h = h.sin() + h.cos()
    return x, h


def paths(root: Value, x: Value) -> tuple[int, float]:
    """Every path from root to x, one at a time: (how many, sum of their products)."""
    count, total, stack = 0, 0.0, [(root, 1.0)]
    while stack:
        node, product = stack.pop()
        if node is x:
            count, total = count + 1, total + product
            continue
        for _, parent, local in _local_derivatives(node, False):
            stack.append((parent, product * local))
    return count, total


def count_paths(root: Value, x: Value) -> int:
    """The same dynamic programme, counting: paths from each node to x, each node once."""
    ways: dict[Value, int] = {}
    for node in topological_order(root):  # operands before the nodes made from them
        ways[node] = 1 if node is x else sum(ways[p] for p in node.parents)
    return ways[root]


x, L = stages(20)
ops = len(topological_order(L)) - 1
print(f"20 stages: {ops} ops, {count_paths(L, x):,} paths; backprop takes {ops} steps")
assert ops == 60 and count_paths(L, x) == 2**20

# %% [markdown]
# Twenty stages make 60 ops and $2^{20}$ = 1,048,576 paths; backprop takes
# one step per op, 60 in all. Ten stages are few enough to list every path:

# %%
x, L = stages(10)
count, by_paths = paths(L, x)
print(f"10 stages: {len(topological_order(L)) - 1} ops, {count:,} paths; "
      f"backprop {grad(L, x):.12f}, sum over paths {by_paths:.12f}")
assert len(topological_order(L)) - 1 == 30 and count == 2**10
assert abs(grad(L, x) - by_paths) < 1e-12

# %% [markdown]
# The 1,024 path products, summed one by one, give backprop's $dL/dx$ to
# within 1e-12; backprop needed 30 steps.
#
# ## Backprop needs a scalar, not labels
#
# One article says backprop needs labelled data. It does not: it needs a
# scalar computed from the parameters, and differentiates whatever computes
# it. A loss that compares predictions with labels is one such scalar, the one
# supervised learning uses. The notebooks already minimise functions with no
# labels at all: [05 Derivatives of derivatives](05_higher_order.ipynb) runs
# Newton's method on the Rosenbrock function
# $f(x, y) = (1 - x)^2 + 100 (y - x^2)^2$, and
# [06 What makes training work](06_what_makes_training_work.ipynb) walks SGD,
# momentum, RMSprop and Adam over the bowl $0.1 a^2 + 2 b^2$ on a contour
# map. The Rosenbrock function's gradient at $(-1.2, 1)$, with no data
# anywhere:

# %%
px, py = Value(-1.2, label="x"), Value(1.0, label="y")
df_dx, df_dy = grad((1 - px) ** 2 + 100 * (py - px * px) ** 2, [px, py])
print(f"df/dx = {df_dx:.4f}, df/dy = {df_dy:.4f}")
assert abs(df_dx - (-215.6)) < 1e-12 and abs(df_dy - (-88.0)) < 1e-12

# %% [markdown]
# $\partial f/\partial x = -215.6$ and $\partial f/\partial y = -88$ to within
# 1e-12, the hand-worked $-2(1 - x) - 400 x (y - x^2)$ and $200 (y - x^2)$.
