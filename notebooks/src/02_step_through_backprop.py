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
from autograd.viz import draw_graph, step_through
from autograd.text import number
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
# The forward pass visits the nodes layer by layer: the leaves are given, then
# each node comes after its operands, so its value can be computed when it is
# reached (a topological order).

# %%
forward = step_through(o, direction="forward")
order = forward_steps(o)
layer = {}  # a leaf is in layer 0, any other node one layer after its last operand
for v in order:
    layer[v] = 1 + max((layer[p] for p in v.parents), default=-1)
assert len(order) == 10 and [layer[v] for v in order] == [0] * 5 + [1, 1, 2, 3, 4]
assert all(order.index(p) < order.index(v) for v in order for p in v.parents)
assert forward.highlights == ["", "p1", "p2", "s", "n", "o"]  # frame 0: the leaves, given
assert forward.captions[0].split("\n")[0].count(" = ") == 5  # x1 = 2.0, w1 = -0.5, ...
forward

# %% [markdown]
# 10 nodes: the five leaves are given in the first frame, then 5 steps, one for
# each other node, layer by layer ($p_1$ and $p_2$, then $s$, $n$, $o$).
#
# ### Backward
#
# The backward pass goes the other way, from the output back, one step per node
# that has operands.

# %%
backward = step_through(o)
assert len(backward) == 1 + 5 + 1 and backward.highlights[1:-1] == ["o", "n", "s", "p2", "p1"]
assert backward.captions[1].startswith("Step 1 of 5: o = tanh(n), and do/do = 1.0 is complete")
assert "do/dn = do/do · ∂o/∂n = 1.0 · 0.180707" in backward.captions[1]
assert all("is complete" in text and " · ∂" in text for text in backward.captions[1:-1])
assert backward.captions[-1].startswith("Backward is done: every gradient is final")
backward

# %% [markdown]
# 5 steps, between the start and a summary of every gradient. At each step the
# highlighted node's gradient is complete (a total derivative, written with d),
# and each operand receives *upstream · local derivative*, the local one written
# with ∂. The output is $o$, so step 1 starts from $do/do = 1$ and sends $n$
# $do/dn = do/do \cdot \partial o/\partial n$.

# %% [markdown]
# ## The same steps as a table
#
# `backward_steps(o)` returns those steps as `BackwardStep`s: the node, its
# gradient when it is processed (`upstream`), and one
# `(operand, local derivative, contribution)` per operand. One row per
# contribution:

# %%
def table(steps):
    """Print the backward steps: one row per contribution, upstream × local = contribution."""
    wide = max(len(step.formula()) for step in steps) + 2
    output = steps[0].name(steps[0].node)  # the first step is the output's
    header = f"d{output}/dnode"
    print(f"{'step':>4}  {'node':<{wide}}{header:>10}   to   upstream · local = contribution")
    for k, step in enumerate(steps, start=1):
        first = f"{k:>4}  {step.formula():<{wide}}{number(step.upstream):>10}"
        for i, (parent, local, contribution) in enumerate(step.contributions):
            lead = first if i == 0 else " " * len(first)
            terms = f"{number(step.upstream)} · {number(local)} = {number(contribution)}"
            print(f"{lead}   {step.name(parent):<4} {terms}")


steps = backward_steps(o)
table(steps)
assert [step.node for step in steps] == [o, n, s, p2, p1]  # the player's 5 steps
assert all(v.grad == 0.0 for v in order)  # no .grad was touched
assert steps[0].contributions[0][1] == 1.0 - o.data**2
for step in steps[1:]:
    locals_ = [local for _, local, _ in step.contributions]
    left, right = step.node.parents
    assert locals_ == ([1.0, 1.0] if step.node.op == "+" else [right.data, left.data])

# %% [markdown]
# The player's 5 steps, and `backward_steps` touched no `.grad`: every one is
# still 0. Each local derivative is read off the op: $\tanh' = 1 - o^2$; a sum
# passes its upstream gradient through (local 1); a product sends each operand
# the *other* operand's value.
#
# A leaf has no step; it only receives. Add up what each leaf receives:

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
# That is exactly (`==`, not approximately) what `grad` returns, because the
# trace does the same arithmetic in the same order.
#
# ### A node used twice
#
# Add a squared error against the target $t = 0.5$, written with the error
# used twice: $e = o - t$, $L = e \cdot e$.

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
assert loss_steps[0].upstream == 1.0 and len(loss_steps[0].contributions) == 2
assert first == second == 1.0 * e.data and first + second == 2 * e.data
assert loss_steps[1].node is e and loss_steps[1].upstream == 2 * e.data
terms = received(loss_steps)
assert [sum(terms[v]) for v in leaves] == grad(L, leaves)

# %% [markdown]
# The step of $L$ sends $e$ two contributions, one per use, each upstream $1$
# times the other operand $e$; they add up to $2e$, the derivative of $e^2$.
# The step of $e$ then starts from that sum, and the leaves' sums still match
# `grad` exactly.

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
parameters = model.parameters()  # (which labels them with their full names again)
assert parameters[0].label == "layers.0.neurons.0.w.0"
short = ["w1", "b1", "w2", "b2", "u1", "u2", "c"]
for p, name in zip(parameters, short, strict=True):
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
w_1, b_1, w_2, b_2, u_1, u_2, c = parameters
assert z1.parents == (w_1, x, b_1) and y.parents == (u_1, u_2, h1, h2, c)  # weights, inputs, bias
constants = [arg for v in nodes for arg in v._args if isinstance(arg, float)]
notes = [line for line in draw_graph(loss).source.splitlines() if "shape=note" in line]
assert constants == [0.5, 2.0] and [note.split("label=")[1] for note in notes] == [
    "<0.5>]",
    "<2.0>]",
]

# %% [markdown]
# 15 nodes (the constants 0.5 and 2.0 are drawn as notes, not nodes).

# %%
mlp_forward = step_through(loss, direction="forward")
assert len(mlp_forward) == 1 + 7
mlp_forward

# %%
mlp_backward = step_through(loss)
assert len(mlp_backward) == 1 + 7 + 1
leaves_given = mlp_forward.captions[0].split("\n")[0]
assert sum(1 for v in nodes if not v.op) == 8 and leaves_given.count(" = ") == 8
# forward: both hidden neurons (z1, z2, then h1, h2) before the output neuron y
assert mlp_forward.highlights == ["", "z1", "z2", "h1", "h2", "y", "e", "L"]
assert mlp_backward.highlights == ["", "L", "e", "y", "h2", "z2", "h1", "z1", ""]
mlp_backward

# %% [markdown]
# Forward: the 8 leaves are given, then 7 steps, both hidden neurons before
# the output neuron. Backward: 7 steps between the start and the summary.
#
# The table of the same steps:

# %%
mlp_steps = backward_steps(loss)
table(mlp_steps)
dots = 0
for step in mlp_steps:
    if step.node.op == "dot":
        dots += 1
        weights, inputs, bias = dot_parts(step.node._args)
        partner = {**dict(zip(weights, inputs)), **dict(zip(inputs, weights)), bias: 1.0}
        for parent, local, _ in step.contributions:
            other = partner[parent]
            assert local == (other.data if isinstance(other, Value) else other)
assert dots == 3

# %% [markdown]
# A `dot` node has a local derivative for each operand, and it is the value on
# the *other* side of the product: $w$'s is $x$, $x$'s is $w$, the bias's is
# the constant 1.0 (checked above for the three `dot` steps).
#
# The input $x$ feeds both hidden neurons, so it receives a contribution from
# each:

# %%
terms = received(mlp_steps)
print(f"dL/dx = {' + '.join(number(t) for t in terms[x])} = {number(sum(terms[x]))}")
sent_to_x = [k for k, step in enumerate(mlp_steps, 1) for p, _, _ in step.contributions if p is x]
assert x in z1.parents and x in z2.parents and sent_to_x == [5, 7]
so_far = f"grad {number(terms[x][0])} (so far)"
assert [k for k, frame in enumerate(mlp_backward.frames) if so_far in frame.source] == [5, 6]
params = [x, *parameters]
assert [sum(terms[v]) for v in params] == grad(loss, params)

# %% [markdown]
# Two contributions, from steps 5 and 7; at steps 5 and 6 the player marks the
# first one "(so far)". They add up to $dL/dx$, and every leaf's sum is again
# exactly `grad`.
#
# ## Why the topological order
#
# A node may send its gradient on only when it is complete: when every node
# that uses it has had its step. Backward visits nodes in reverse topological
# order, which guarantees this. Check it in each table: does a node's step come
# after every row that sends it a contribution, with their sum as its upstream?

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


for name, table_steps in [("neuron", steps), ("squared error", loss_steps), ("MLP", mlp_steps)]:
    counts = {len(senders(table_steps, step.node)) for step in table_steps[1:]}
    print(f"{name}: complete before sent: {complete_before_sent(table_steps)}; "
          f"steps sending to each node: {counts}")
    assert complete_before_sent(table_steps) and counts == {1}

# %% [markdown]
# It does, in all three tables. In those tables, though, every node with a step
# gets its gradient from a single earlier step, so the order could hardly go
# wrong. Here is a graph where it matters: the SiLU activation
# $o = n \cdot \sigma(n)$ uses $n$ twice, once directly and once through
# $\sigma$.

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
assert silu.parents == (n2, sig) and sig.parents == (n2,)  # n: directly and through σ
assert complete_before_sent(silu_steps) and senders(silu_steps, n2) == {1, 2}
(early, late) = received(silu_steps)[n2]
assert early == sig.data and late == n2.data * (sig.data * (1.0 - sig.data))
assert silu_steps[2].node is n2 and silu_steps[2].upstream == early + late
print(f"do/dn after step 1: {number(early)};  complete, after step 2: {number(early + late)}")
assert late != 0.0 and grad(silu, [n2]) == [early + late]

# %% [markdown]
# $n$ receives $\sigma(n)$ from step 1 and $n\,\sigma'(n)$ from step 2. Only
# at step 3, after both, does it send anything on. Had it been processed
# right after step 1, it would have sent $\sigma(n)$ alone, and every
# gradient below it would miss the second term.
