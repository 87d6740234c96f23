# %% [markdown]
# # 0. From the articles: the classic worked examples, checked
#
# Introductory articles on backpropagation share a handful of worked
# examples: one prediction against one target, a small network with three
# inputs, the "error term" δ of a neuron, a NumPy training loop of a single
# layer, the cost of numerical gradients, and backprop as dynamic
# programming. Here each one is run with chainrule and checked: the numbers
# an article derives by hand are asserted against what `backward()` and
# `grad()` compute.

# %%
import time

import numpy as np

import autograd
from autograd import Value, grad, no_grad
from autograd.backward import _local_derivatives, topological_order
from nn import MLP, draw_network
from nn.data import make_moons
from nn.losses import mse
from nn.optim import SGD

# %% [markdown]
# ## One prediction, one target
#
# A model predicts 0.7 where the answer is 1.0. Articles call
# $t - y = 0.3$ the *error*. The squared error $E = (y - t)^2$ is what
# training lowers, and its gradient with respect to the prediction is
# $dE/dy = 2 (y - t) = -0.6$.

# %%
prediction = Value(0.7, label="y")
target = 1.0
error = target - prediction.data  # the articles' "error"
E = (prediction - target) ** 2
E.backward()
print(f"error t - y = {error:.2f}, E = {E.data:.2f}, dE/dy = {prediction.grad:.2f}")
assert abs(error - 0.3) < 1e-15 and abs(E.data - 0.09) < 1e-15
assert abs(prediction.grad - (-0.6)) < 1e-15

# %% [markdown]
# The error and the gradient have **opposite signs**. The error says which
# way the prediction is off (too low: positive); the gradient says which way
# the loss *rises* (lowering y raises E: negative). Gradient descent
# subtracts the gradient, $y \leftarrow y - \eta\, dE/dy = y + 2 \eta\,(t - y)$,
# which is why articles that write "add η times the error" move the same
# way. With the article's $E = \tfrac12 (t - y)^2$ the factor 2 goes and
# $dE/dy = -(t - y)$ exactly:

# %%
half = 0.5 * (target - prediction) ** 2
assert grad(half, prediction) == -error

# %% [markdown]
# ## A network with 3 inputs, 3 hidden neurons and 2 outputs
#
# `MLP(3, [3, 2])`: a hidden layer of three sigmoid neurons and a linear
# output layer of two, 20 parameters in all (3 × 3 weights and 3 biases,
# then 3 × 2 weights and 2 biases). One example, one squared-error loss
# $E = \tfrac12 \sum_k (y_k - t_k)^2$.

# %%
model = MLP(3, [3, 2], activation="sigmoid", seed=1)
x, t = [1.0, 0.5, -1.0], [1.0, 0.0]
y = model(x)
E = 0.5 * sum((yk - tk) ** 2 for yk, tk in zip(y, t))
E.backward()
print(f"{len(model.parameters())} parameters; outputs {[round(v.data, 4) for v in y]}")
print(f"E = {E.data:.4f}")
assert len(model.parameters()) == 3 * 3 + 3 + 3 * 2 + 2

# %% [markdown]
# The network view: each wire is a weight, coloured by the sign and size of
# its gradient (blue positive, orange negative); each neuron shows its output
# for this input.

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
# sent back along the weights. Worked by hand, then compared with `grad`:

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
worst = max(abs(g - by_hand[p]) for p, g in zip(params, grad(E, params)))
print(f"δ of the outputs {[round(d, 4) for d in delta_out]}, of the hidden {[round(d, 4) for d in delta_hidden]}")
print(f"largest difference from grad over all 20 parameters: {worst:.1e}")
assert worst < 1e-15

# %% [markdown]
# The update is $w \leftarrow w - \eta\, \delta\, a$, which is what one step
# of plain SGD does with the gradients `backward()` stored:

# %%
lr = 0.5
expected = {p: p.data - lr * by_hand[p] for p in params}
SGD(params, lr=lr).step()
assert max(abs(p.data - expected[p]) for p in params) < 1e-15

# %% [markdown]
# ## A single layer in NumPy, and the same in chainrule
#
# The classic NumPy example trains one sigmoid neuron without a bias on
# $X = [[1, 0, 1]]$, $y = [[1]]$ with learning rate 0.1, writing out the
# update $W \mathrel{+}= \eta\, X^\top ((y - \hat y)\, \hat y (1 - \hat y))$.
# chainrule takes the same NumPy arrays: `autograd.dot` and the modules read
# NumPy rows directly, and the gradient comes from `grad` instead of a
# formula.

# %%
X = np.array([[1, 0, 1]])
Y = np.array([[1]])
W = np.random.default_rng(0).uniform(-1, 1, (3, 1))

W_numpy = W.copy()
for _ in range(5):
    out = 1 / (1 + np.exp(-(X @ W_numpy)))
    W_numpy += 0.1 * X.T @ ((Y - out) * out * (1 - out))

w = [Value(v) for v in W[:, 0]]
for _ in range(5):
    out = autograd.dot(w, X[0]).sigmoid()
    E = 0.5 * (out - Y[0, 0]) ** 2
    for wi, g in zip(w, grad(E, w)):
        wi.data -= 0.1 * g

print("NumPy:    ", W_numpy[:, 0])
print("chainrule:", np.array([wi.data for wi in w]))
assert np.allclose([wi.data for wi in w], W_numpy[:, 0], rtol=1e-14, atol=0)
assert w[1].data == W[1, 0]  # x2 = 0, so its weight never moves

# %% [markdown]
# They agree to the last digit or two: the two compute the same products in
# a different order, so a rounding can differ.
#
# ## Numerical gradients cost one or two passes per parameter
#
# A finite difference nudges one parameter and runs the model again: two
# forward passes per parameter for a central difference. Backprop gets every
# gradient from one forward and one backward pass. On `MLP(2, [16, 16, 1])`
# (337 parameters) and 20 examples:

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
assert max(abs(b - n) for b, n in zip(backprop, numerical)) < 1e-7
assert numerical_seconds > 20 * backprop_seconds

# %% [markdown]
# ## Backprop is dynamic programming
#
# Each stage below computes $h \leftarrow \sin h + \cos h$: two ops read $h$
# and a third adds their results. Twenty stages make 60 ops, and from the
# output back to $x$ there are $2^{20}$ paths, one per choice of sin or cos
# at each stage. The chain rule says $dL/dx$ is the sum over all paths of
# the product of the local derivatives along each. Backprop never lists the
# paths: it visits each node once, in reverse topological order, and hands
# on the sum so far — the dynamic-programming trick of reusing every shared
# sub-result.


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

x, L = stages(10)
start = time.perf_counter()
count, by_paths = paths(L, x)
path_seconds = time.perf_counter() - start
print(f"10 stages: {count} paths summed in {path_seconds * 1000:.0f} ms; "
      f"backprop {grad(L, x):.12f}, sum over paths {by_paths:.12f}")
assert count == 2**10 and abs(grad(L, x) - by_paths) < 1e-12
