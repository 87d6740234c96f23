# %% [markdown]
# # 1. A Value and its backward pass
#
# Every number in chainrule is a `Value`: it holds its `data`, a `grad`, and the
# op and operands that made it. Together the Values of a formula form a graph.
# `backward()` walks that graph from the output back to the inputs and applies
# the chain rule at every node.
#
# In this notebook we build one small formula, work out its gradients by hand,
# let `backward()` do the same, and then look at the two details every engine
# must get right: the order of the walk, and adding up gradients.

# %%
import re
from collections import deque

from autograd import Value, grad
from autograd.backward import _local_derivatives, topological_order
from autograd.viz import draw_graph

# %% [markdown]
# ## The formula
#
# $L = (a b + c) f$, built in three steps so that every intermediate has a name:
# $e = a b$, $d = e + c$, $L = d f$.

# %%
a = Value(2.0, label="a")
b = Value(-3.0, label="b")
c = Value(10.0, label="c")
f = Value(-2.0, label="f")
e = a * b
e.label = "e"
d = e + c
d.label = "d"
L = d * f
L.label = "L"
print(f"e = {e.data}, d = {d.data}, L = {L.data}")
assert (e.data, d.data, L.data) == (-6.0, 4.0, -8.0)
picture = draw_graph(L)
# 7 boxes, every grad not computed yet (—); 3 ellipses (the ops), laid out left to right
assert picture.source.count("<TD>grad —</TD>") == 7 and picture.source.count("shape=ellipse") == 3
assert "grad 0.0" not in picture.source
assert "rankdir=LR" in picture.source
picture

# %% [markdown]
# Each box is a Value (its label, data and grad); each ellipse is the op that
# made the box to its right. Nothing has been differentiated yet, so every
# grad reads `—`: not computed yet, which is not the same as a computed 0.0
# (`.grad` itself holds 0.0 until `backward()` reaches the node).
#
# ## The gradients by hand
#
# We want $\partial L / \partial v$ for every Value $v$. Start at the output,
# where $\partial L / \partial L = 1$, and move left one op at a time. Each op
# knows only its *local* derivatives: for $L = d f$ they are
# $\partial L / \partial d = f$ and $\partial L / \partial f = d$; for
# $d = e + c$ both are 1; for $e = a b$ they are $b$ and $a$. The chain rule
# multiplies the gradient already found for the op's output (the *upstream*
# gradient, coming from $L$) by the local derivative:
#
# $$\frac{\partial L}{\partial a} = \frac{\partial L}{\partial e}\,\frac{\partial e}{\partial a}
#   = \frac{\partial L}{\partial d}\cdot 1 \cdot b = f\,b .$$

# %%
dL_dL = 1.0
dL_dd = dL_dL * f.data  # L = d * f
dL_df = dL_dL * d.data
dL_de = dL_dd * 1.0  # d = e + c
dL_dc = dL_dd * 1.0
dL_da = dL_de * b.data  # e = a * b
dL_db = dL_de * a.data
by_hand = {"a": dL_da, "b": dL_db, "c": dL_dc, "f": dL_df, "e": dL_de, "d": dL_dd}
assert dL_da == f.data * b.data == 6.0
by_hand

# %% [markdown]
# So $\partial L/\partial a = f b = 6$: nudging $a$ up by a small $h$ should
# move $L$ up by about $6h$. A finite difference with $h = 10^{-6}$:

# %%
h = 1e-6
nudged = ((a.data + h) * b.data + c.data) * f.data
slope = (nudged - L.data) / h
print(f"(L(a + h) - L(a)) / h = {slope:.6f}")
assert abs(slope - dL_da) < 1e-6

# %% [markdown]
# It agrees with $f b = 6$ to within $10^{-6}$.
#
# ## The same with `backward()`
#
# `L.backward()` does these multiplications and stores each result in the
# Value's `.grad`:

# %%
L.backward()
nodes = {"a": a, "b": b, "c": c, "f": f, "e": e, "d": d}
for name, v in nodes.items():
    print(f"dL/d{name} = {v.grad:5}   by hand: {by_hand[name]:5}")
    assert v.grad == by_hand[name]
assert L.grad == 1.0
# the ops in the order backward() visits them: the order we took by hand
assert [v.label for v in reversed(topological_order(L)) if v.op] == ["L", "d", "e"]

# %% [markdown]
# Every gradient is the hand-worked one, exactly (`==`): `backward()` took the
# ops in the order we did, $L$, $d$, $e$. Drawn again with `flow=True`:

# %%
picture = draw_graph(L, flow=True)
across = draw_graph(L, flow=True, rankdir="LR")  # the same, left to right


def width(drawing):
    """A drawing's width in points, laid out: 1 pt is 4/3 px, and 11-px text is 3/4 size."""
    svg = drawing.pipe(format="svg", encoding="utf-8")
    return float(re.search(r'width="([\d.]+)pt"', svg).group(1))


assert "rankdir=TB" in picture.source  # turned top to bottom by itself
assert width(across) > 2 * width(picture) and width(across) * 4 / 3 * 0.75 > 800
for v in [a, b, c, f, e, d, L]:
    assert f"grad {v.grad}<" in picture.source  # every gradient shows
assert "|grad|, log scale" in picture.source  # the colour's legend
assert "edge: upstream grad · local derivative" in picture.source
assert "label=<(-2.0) · (-3.0) = 6.0>" in picture.source  # the edge from a
picture

# %% [markdown]
# This time `draw_graph` drew it top to bottom by itself: with the chain rule
# written on every edge, left to right it would be more than twice as wide, too
# wide for an 800-px column even with its text at 11 px, and a picture is never
# shrunk below that (a wide chain is turned, a network folded; `rankdir="LR"`
# asks for left to right anyway). The drawing now shows every gradient. Each box is coloured by the size of its
# gradient (|grad| on a log scale, as the legend says), and each edge into an op
# is labelled with the chain rule at that edge: *upstream gradient · local
# derivative = contribution*. The edge from $a$ reads $(-2.0) \cdot (-3.0) = 6.0$:
# $\partial L/\partial e = -2$ times $\partial e/\partial a = b = -3$.

# %% [markdown]
# ## Why the order of the walk matters
#
# A node may pass its gradient on only once it is complete, that is, once
# every op that uses it has added its share. Take $h = 3x$, $u = h + 1$ and
# $L = h u$: $h$ is used twice, directly by $L$ and through $u$.
# By hand, $L = h^2 + h$, so $\partial L/\partial h = 2h + 1$ and
# $\partial L/\partial x = 3(2h + 1)$.

# %%
x = Value(2.0, label="x")
hx = x * 3.0
hx.label = "h"
u = hx + 1.0
u.label = "u"
L2 = hx * u
L2.label = "L"
expected = 3 * (2 * hx.data + 1)
print(f"h = {hx.data}, dL/dx should be 3 * (2h + 1) = {expected}")
assert L2.parents == (hx, u) and u.parents == (hx,)  # h: used by L and by u
assert L2.data == hx.data**2 + hx.data and expected == 39.0
draw_graph(L2)

# %% [markdown]
# Here is a hand-rolled backward pass that visits the nodes in a given order.
# For each node it asks the engine for the local derivatives of the op that
# made it (`_local_derivatives`, which reads the op table) and adds
# *upstream · local* to each operand.

# %%
def backprop_in(order, root):
    """Gradients of root, visiting nodes in the given order (root first)."""
    grads = {root: 1.0}
    for node in order:
        if not node.op:  # a leaf: nothing to pass on
            continue
        for _, parent, local in _local_derivatives(node, False):
            grads[parent] = grads.get(parent, 0.0) + grads.get(node, 0.0) * local
    return grads


def breadth_first(root):
    """Nodes in the order a breadth-first search from root first reaches them."""
    order, seen, queue = [], {root}, deque([root])
    while queue:
        node = queue.popleft()
        order.append(node)
        for parent in node.parents:
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return order


names = lambda order: [v.label for v in order]  # noqa: E731
bfs = breadth_first(L2)
topo = list(reversed(topological_order(L2)))
print("breadth-first:             ", names(bfs))
print("reverse topological order: ", names(topo))
assert names(bfs) == ["L", "h", "u", "x"] and names(topo) == ["L", "u", "h", "x"]
assert all(topo.index(v) < topo.index(p) for v in topo for p in v.parents)

# %% [markdown]
# Breadth-first reaches $h$ straight from $L$ and visits it *before* $u$, so
# $h$ passes on its gradient while $u$'s share is still missing. Reverse
# topological order puts every node after all the nodes that use it, so $h$
# comes after $u$.

# %%
in_bfs = backprop_in(bfs, L2)
wrong = in_bfs[x]
right = backprop_in(topo, L2)[x]
print(f"breadth-first order:      dL/dx = {wrong}")
print(f"reverse topological order: dL/dx = {right}   (by hand: {expected})")
assert right == expected == 39.0 and wrong == 3 * u.data == 21.0
assert in_bfs[u] * 1.0 == hx.data == 6.0  # u's share for h, sent after h's turn
assert right - wrong == 3 * hx.data == 18.0
L2.backward()
assert x.grad == 39.0 and grad(L2, [x]) == [39.0]

# %% [markdown]
# The wrong number is $3u = 21$: only the direct use of $h$ reached $x$. The
# share that came through $u$, $h \cdot 1 = 6$, reached $h$ only after $h$ had
# passed its gradient on, so its $3h = 18$ never reached $x$. `backward()`
# always uses `topological_order`, which is why it gets 39.

# %% [markdown]
# ## Why gradients add up
#
# When a Value is used twice, each use is an edge of its own, and each edge
# brings its own contribution. The chain rule says the total is their **sum**.
# Take $y = x \cdot x$ at $x = 3$, where both operands are $x$:

# %%
x = Value(3.0, label="x")
y = x * x
y.label = "y"
y.backward()
shares = [y.grad * local for _, _, local in _local_derivatives(y, False)]
print(f"x.grad = {x.grad} = 2x, the sum of the two edges' shares {shares}")
assert shares == [1.0 * x.data, 1.0 * x.data] and x.grad == sum(shares) == 2 * x.data
assert shares[-1] == x.data != x.grad  # overwriting would keep the last share only
picture = draw_graph(y, flow=True)
assert picture.source.count("1.0 · 3.0 = 3.0") == 2  # two edges from x
picture

# %% [markdown]
# Each edge brings *upstream · local* $= 1 \cdot x = 3$, and the two add up to
# $dy/dx = 2x = 6$. Overwriting instead of adding would give $x = 3$.
#
# The same happens with $a + a$:

# %%
a2 = Value(5.0, label="a")
s = a2 + a2
s.label = "s"
s.backward()
print(f"d(a + a)/da = {a2.grad}")
assert a2.grad == 2.0
picture = draw_graph(s, flow=True)
assert picture.source.count("1.0 · 1.0 = 1.0") == 2  # two edges from a, local 1 each
picture

# %% [markdown]
# Two edges, each with local derivative 1: the gradient is 2.
#
# Leaves add up across calls too. Call `backward()` a second time on the same
# output (on $y$, and on the first formula's $L$, whose $e$ and $d$ are
# interior nodes), then set the leaf's `.grad` back to 0 and call it once more:

# %%
y.backward()
print(f"after a second backward: x.grad = {x.grad}, y.grad = {y.grad}")
assert x.grad == 2 * (2 * x.data) == 12.0 and y.grad == 1.0
L.backward()
print(f"L, after a second backward: a.grad = {a.grad}, e.grad = {e.grad}, d.grad = {d.grad}")
assert (a.grad, e.grad, d.grad) == (2 * 6.0, -2.0, -2.0)
x.grad = 0.0
y.backward()
print(f"after zeroing and one more: x.grad = {x.grad}")
assert x.grad == 2 * x.data == 6.0

# %% [markdown]
# The second call added the same gradient again to each leaf ($x$: 6 to 12;
# $a$: 6 to 12), which is how the gradients of several examples are summed into
# one step. Interior nodes and the output hold the gradient of the last call
# only ($e$ and $d$ stay at −2, $y$ at 1). So before a fresh pass, set the
# leaves' `.grad` back to 0 (an optimizer's `zero_grad()` does that): one call
# then gives $x$ its 6 again.
