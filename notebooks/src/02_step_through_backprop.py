# %% [markdown]
# # 2. Backprop, one step at a time
#
# `backward()` does all its work in one call. This notebook slows it down:
# the step-through player lays the graph out once and fills it in one step at
# a time, first the forward pass (values, layer by layer), then the backward
# pass (gradients, from the output back). `backward_steps` gives the same steps
# as data, which we print as a table and check against `grad`.
#
# Each player is one HTML output: use the slider, the buttons, or click it and
# press the arrow keys (←, →, Home, End). It needs no running kernel, but
# JupyterLab runs it only in a trusted notebook: after a fresh clone, run the
# cell (or open the notebooks with `make lab`, which trusts them). Until then
# each player shows its last frame as a picture and its steps as text.

# %%
from autograd import Value, backward_steps, forward_steps, grad
from autograd.ops import dot_parts
from autograd.viz import step_through
from autograd.viz.text import number
from nn import MLP

# %% [markdown]
# ## A single neuron
#
# $o = \tanh(x_1 w_1 + x_2 w_2 + b)$, built one op at a time so that every
# product and sum is a node with a name: $p_1 = x_1 w_1$, $p_2 = x_2 w_2$,
# $s = p_1 + p_2$, $n = s + b$, $o = \tanh n$.

# %%
x1, w1 = Value(2.0, label="x1"), Value(-0.5, label="w1")
x2, w2 = Value(-1.0, label="x2"), Value(0.75, label="w2")
b = Value(0.25, label="b")
p1 = x1 * w1
p2 = x2 * w2
s = p1 + p2
n = s + b
o = n.tanh()
for v, name in [(p1, "p1"), (p2, "p2"), (s, "s"), (n, "n"), (o, "o")]:
    v.label = name
print(f"n = {n.data}, o = tanh(n) = {o.data!r}")
assert (p1.data, p2.data, s.data, n.data) == (-1.0, -0.75, -1.75, -1.5)

# %% [markdown]
# ### Forward
#
# The forward pass visits the 10 nodes layer by layer: the five leaves are
# given, then each node comes after its operands, so its value can be computed
# when it is reached (a topological order).

# %%
forward = step_through(o, direction="forward")
order = forward_steps(o)
assert len(order) == 10 and len(forward) == 1 + 5  # frame 0: the leaves, given
assert all(order.index(p) < order.index(v) for v in order for p in v.parents)
forward

# %% [markdown]
# ### Backward
#
# The backward pass goes the other way, one node that has operands per step:
# 5 steps, then a summary of every gradient. The output is $o$, so the first
# step starts from $do/do = 1$. At each step the highlighted node has its
# complete gradient $do/dn$ (a total derivative, written with d), and each
# operand receives *upstream · local derivative*, the local one written with ∂:
# $do/dn = do/do \cdot \partial o/\partial n$.

# %%
backward = step_through(o)
assert len(backward) == 1 + 5 + 1
backward

# %% [markdown]
# ## The same steps as a table
#
# `backward_steps(o)` returns those steps as `BackwardStep`s: the node, its
# gradient when it is processed (`upstream`), and one
# `(operand, local derivative, contribution)` per operand. It touches no
# `.grad`. One row per contribution:

# %%
def table(steps):
    """Print the backward steps: one row per contribution, upstream × local = contribution."""
    wide = max(len(step.formula()) for step in steps) + 2
    print(f"{'step':>4}  {'node':<{wide}}{'dL/dnode':>10}   to   upstream · local = contribution")
    for k, step in enumerate(steps, start=1):
        first = f"{k:>4}  {step.formula():<{wide}}{number(step.upstream):>10}"
        for i, (parent, local, contribution) in enumerate(step.contributions):
            lead = first if i == 0 else " " * len(first)
            terms = f"{number(step.upstream)} · {number(local)} = {number(contribution)}"
            print(f"{lead}   {step.name(parent):<4} {terms}")


steps = backward_steps(o)
table(steps)

# %% [markdown]
# Each local derivative is read off the op: $\tanh' = 1 - o^2$; a sum passes
# its upstream gradient through (local 1); a product sends each operand the
# *other* operand's value.

# %%
assert steps[0].contributions[0][1] == 1.0 - o.data**2
for step in steps[1:]:
    locals_ = [local for _, local, _ in step.contributions]
    left, right = step.node.parents
    assert locals_ == ([1.0, 1.0] if step.node.op == "+" else [right.data, left.data])

# %% [markdown]
# A leaf has no step; it only receives. Adding up what each leaf receives
# gives exactly (`==`, not approximately) what `grad` returns, because the
# trace does the same arithmetic in the same order.

# %%
def received(steps):
    """Every node's contributions, in the order the steps send them."""
    terms = {}
    for step in steps:
        for parent, _, contribution in step.contributions:
            terms.setdefault(parent, []).append(contribution)
    return terms


leaves = [x1, w1, x2, w2, b]
terms = received(steps)
sums = [sum(terms[v]) for v in leaves]
print({v.label: number(g) for v, g in zip(leaves, sums, strict=True)})
assert sums == grad(o, leaves)

# %% [markdown]
# ### A node used twice
#
# Add a squared error against the target $t = 0.5$, written with the error
# used twice: $e = o - t$, $L = e \cdot e$. The step of $L$ sends $e$ two
# contributions, one per use, each upstream $1$ times the other operand $e$;
# they add up to $2e$, the derivative of $e^2$.

# %%
e = o - 0.5
e.label = "e"
L = e * e
L.label = "L"
loss_steps = backward_steps(L)
table(loss_steps[:3])
print("...")
first, second = [c for parent, _, c in loss_steps[0].contributions if parent is e]
print(f"dL/de = {number(first)} + {number(second)} = {number(first + second)} = 2e")
assert first == second == e.data and first + second == 2 * e.data

# %% [markdown]
# The step of $e$ then starts from that sum, and the leaves' sums still match
# `grad` exactly.

# %%
assert loss_steps[1].node is e and loss_steps[1].upstream == 2 * e.data
terms = received(loss_steps)
assert [sum(terms[v]) for v in leaves] == grad(L, leaves)

# %% [markdown]
# ## A tiny MLP
#
# `MLP(1, [2, 1], seed=0)`: one input, two tanh neurons, one linear output
# neuron, then the squared error $(y - 0.5)^2$. A neuron computes its
# weighted sum as **one** `dot` node, $w \cdot x + b$ (its operands are the
# weights, the inputs, then the bias); then its activation.
#
# The parameters are labelled with their full names (`layers.0.neurons.0.w.0`);
# for the drawing we give them short ones: $w_1, b_1$ and $w_2, b_2$ for the
# hidden neurons, $u_1, u_2, c$ for the output neuron. The input is a Value, so
# its gradient shows too.

# %%
model = MLP(1, [2, 1], seed=0)
assert model.parameters()[0].label == "layers.0.neurons.0.w.0"
short = ["w1", "b1", "w2", "b2", "u1", "u2", "c"]
for p, name in zip(model.parameters(), short, strict=True):
    p.label = name
x = Value(1.5, label="x")
y = model([x])
y.label = "y"
h1, h2 = (v for v in y.parents if v.op == "tanh")
z1, z2 = h1.parents[0], h2.parents[0]
for v, name in [(z1, "z1"), (h1, "h1"), (z2, "z2"), (h2, "h2")]:
    v.label = name
err = y - 0.5
err.label = "e"
loss = err**2
loss.label = "L"
print(f"y = {y.data!r}, L = {loss.data!r}")
nodes = forward_steps(loss)
print(f"{len(nodes)} nodes")
assert len(nodes) == 15 and [v.op for v in (z1, h1, y)] == ["dot", "tanh", "dot"]

# %% [markdown]
# 15 nodes (the constants 1.0, 0.5 and 2.0 are drawn as notes, not nodes).
# Forward: the 8 leaves are given, then 7 steps, both hidden neurons before
# the output neuron. Backward: 7 steps between the start and the summary.

# %%
mlp_forward = step_through(loss, direction="forward")
assert len(mlp_forward) == 1 + 7
mlp_forward

# %%
mlp_backward = step_through(loss)
assert len(mlp_backward) == 1 + 7 + 1
mlp_backward

# %% [markdown]
# The table of the same steps. A `dot` node has a local derivative for each
# operand, and it is the value on the *other* side of the product: $w$'s is
# $x$, $x$'s is $w$, the bias's is the constant 1.0.

# %%
mlp_steps = backward_steps(loss)
table(mlp_steps)

# %% [markdown]
# Checked for the three `dot` steps: each Value operand's local derivative is
# the value it is multiplied by.

# %%
for step in mlp_steps:
    if step.node.op == "dot":
        weights, inputs, bias = dot_parts(step.node._args)
        partner = {**dict(zip(weights, inputs)), **dict(zip(inputs, weights)), bias: 1.0}
        for parent, local, _ in step.contributions:
            other = partner[parent]
            assert local == (other.data if isinstance(other, Value) else other)

# %% [markdown]
# The input $x$ feeds both hidden neurons, so it receives two contributions,
# from two different steps (the player marks the first one "so far"). They
# add up to $dL/dx$, and every leaf's sum is again exactly `grad`.

# %%
assert any("(so far)" in frame.source for frame in mlp_backward.frames)
terms = received(mlp_steps)
print(f"dL/dx = {' + '.join(number(t) for t in terms[x])} = {number(sum(terms[x]))}")
params = [x, *model.parameters()]
assert len(terms[x]) == 2
assert [sum(terms[v]) for v in params] == grad(loss, params)

# %% [markdown]
# ## Why the topological order
#
# A node may send its gradient on only when it is complete: when every node
# that uses it has had its step. Backward visits nodes in reverse topological
# order, which guarantees this. In each table, a node's step comes after
# every row that sends it a contribution, and its upstream is their sum.

# %%
def complete_before_sent(steps):
    """True if every step's node got all its contributions from earlier steps."""
    for k, step in enumerate(steps):
        earlier = received(steps[:k]).get(step.node, [])
        later = received(steps[k:]).get(step.node, [])
        if later or (k > 0 and step.upstream != sum(earlier)):
            return False
    return True


def senders(steps, node):
    """The numbers of the steps that send ``node`` a contribution."""
    return {k for k, step in enumerate(steps, 1) for p, _, _ in step.contributions if p is node}


for table_steps in [steps, loss_steps, mlp_steps]:
    assert complete_before_sent(table_steps)
    assert all(len(senders(table_steps, step.node)) == 1 for step in table_steps[1:])

# %% [markdown]
# In those three tables, though, every node with a step gets its gradient
# from a single earlier step, so the order could hardly go wrong. Here is a
# graph where it matters: the SiLU activation $o = n \cdot \sigma(n)$ uses $n$
# twice, once directly and once through $\sigma$.

# %%
n2 = s + b
n2.label = "n"
sig = n2.sigmoid()
sig.label = "σ"
silu = n2 * sig
silu.label = "o"
silu_steps = backward_steps(silu)
table(silu_steps[:3])
print("...")
assert complete_before_sent(silu_steps) and senders(silu_steps, n2) == {1, 2}

# %% [markdown]
# $n$ receives $\sigma(n)$ from step 1 and $n\,\sigma'(n)$ from step 2. Only
# at step 3, after both, does it send anything on. Had it been processed
# right after step 1, it would have sent $\sigma(n)$ alone, and every
# gradient below it would miss the second term.

# %%
(early, late) = received(silu_steps)[n2]
assert early == sig.data and late == n2.data * (sig.data * (1.0 - sig.data))
assert silu_steps[2].node is n2 and silu_steps[2].upstream == early + late
print(f"dL/dn after step 1: {number(early)};  complete, after step 2: {number(early + late)}")
assert early != early + late and grad(silu, [n2]) == [early + late]
