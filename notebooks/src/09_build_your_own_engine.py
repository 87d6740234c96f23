# %% [markdown]
# # 9. Build your own engine and check it
#
# Most people who learn backprop by code write their own engine: a `Value`
# class with `data`, `grad`, `_prev`, `_op`, a `_backward` closure per node and
# a `backward()` that runs them from the output back. Their bugs are always the
# same few, and the numbers they produce look plausible. This notebook builds
# such an engine in the usual order and, after each step, lets chainrule check
# it: `check_engine` tries every operation the class has on random formulas,
# compares every gradient with chainrule's, and names the first wrong op and a
# likely cause. Then we plant the most common bug, see it caught, see it in a
# drawing and step through the engine's own backward pass.

# %%
import hypothesis  # check_engine draws its formulas with it (in the browser-only site, this loads it)

from autograd.testing import assert_engine, check_engine
from autograd.viz import draw_graph, step_through

# %% [markdown]
# ## Step 1: addition and multiplication
#
# Each op makes a node that remembers its operands (`_prev`), the op's name
# (`_op`) and how to pass its gradient down (`_backward`). `backward()` sorts
# the nodes so that each comes after every node that uses it, then runs each
# node's `_backward` once, from the output.

# %%
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    def __add__(self, other):
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()
        stack = [(self, False)]  # a stack, not recursion: deep graphs are fine
        while stack:
            v, done = stack.pop()
            if done:
                topo.append(v)
            elif v not in visited:
                visited.add(v)
                stack.append((v, True))
                stack.extend((child, False) for child in v._prev)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()


report = check_engine(Value)
assert not report.ok and report.supported["x + y"] == report.supported["x * y"] == "ok"
assert "AttributeError" in report.supported["x + 2.0"]
ran = "150 formulas, ok"
assert report.stages == {"+ alone": ran, "* alone": ran, "all together": ran}
report

# %% [markdown]
# `+` and `*` pass: on 150 random formulas each, and 150 mixing both, every
# gradient is chainrule's. The one problem is plain numbers: `x + 2.0` reads
# `2.0.data`. Everything the class does not define yet is listed as lacking
# and not checked. The note says what a second `backward()` does with this
# engine: it adds to the gradients the first one left, where PyTorch refuses
# unless told to keep the graph.
#
# ## Step 2: numbers, reflected operators, and the rest of arithmetic
#
# Wrap a plain number in a `Value` (a constant leaf); `2.0 * x` calls
# `x.__rmul__(2.0)`; subtraction, negation and division are written with the
# ops we have, as `x + (-y)`, `x * -1` and `x * y**-1`, so only `**` needs a
# derivative of its own: $\frac{d}{dx} x^c = c\,x^{c-1}$.

# %%
def wrap(other):
    return other if isinstance(other, Value) else Value(other)


def __add__(self, other):
    other = wrap(other)
    out = Value(self.data + other.data, (self, other), "+")

    def _backward():
        self.grad += out.grad
        other.grad += out.grad

    out._backward = _backward
    return out


def __mul__(self, other):
    other = wrap(other)
    out = Value(self.data * other.data, (self, other), "*")

    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad

    out._backward = _backward
    return out


def __pow__(self, c):
    out = Value(self.data**c, (self,), f"**{c}")

    def _backward():
        self.grad += c * self.data ** (c - 1) * out.grad

    out._backward = _backward
    return out


Value.__add__, Value.__mul__, Value.__pow__ = __add__, __mul__, __pow__
Value.__radd__ = lambda self, other: self + other
Value.__rmul__ = lambda self, other: self * other
Value.__neg__ = lambda self: self * -1
Value.__sub__ = lambda self, other: self + (-other)
Value.__rsub__ = lambda self, other: other + (-self)
Value.__truediv__ = lambda self, other: self * other**-1
Value.__rtruediv__ = lambda self, other: other * self**-1

report = check_engine(Value)
assert report.ok, report
arithmetic = ["x + 2.0", "2.0 + x", "x * 2.0", "2.0 * x", "-x", "x - y", "2.0 - x", "x ** c"]
assert all(report.supported[form] == "ok" for form in [*arithmetic, "x / y", "2.0 / x"])
report

# %% [markdown]
# Every form of arithmetic passes now, each op alone and then all together.
#
# ## Step 3: the functions a neuron needs
#
# `exp` and `tanh` reuse their output: $\frac{d}{dx}e^x = e^x$ and
# $\frac{d}{dx}\tanh x = 1 - \tanh^2 x$.

# %%
import math


def exp(self):
    out = Value(math.exp(self.data), (self,), "exp")

    def _backward():
        self.grad += out.data * out.grad

    out._backward = _backward
    return out


def tanh(self):
    out = Value(math.tanh(self.data), (self,), "tanh")

    def _backward():
        self.grad += (1 - out.data**2) * out.grad

    out._backward = _backward
    return out


Value.exp, Value.tanh = exp, tanh
report = check_engine(Value)
assert report.ok and report.supported["x.exp()"] == report.supported["x.tanh()"] == "ok"
report

# %% [markdown]
# ## A planted bug: `=` for `+=`
#
# The most common bug of all: `_backward` *assigns* its share instead of
# adding it. Nothing fails, and as long as every node is used once the
# gradients are even right. Here it is in `*`:

# %%
def __mul__(self, other):
    other = wrap(other)
    out = Value(self.data * other.data, (self, other), "*")

    def _backward():
        self.grad = other.data * out.grad  # the bug: = where += belongs
        other.grad = self.data * out.grad

    out._backward = _backward
    return out


Value.__mul__ = __mul__
x = Value(3.0)
print("x * 2.0 gives", (y := x * 2.0).data, end=", ")
y.backward()
print("dy/dx =", x.grad)  # right: x is used once
assert x.grad == 2.0

report = check_engine(Value)
(failure,) = report.failures
assert failure.op == "*" and "+=" in failure.cause
assert failure.expression.count("x0") == 2  # a formula that uses a node twice
assert report.stages["* alone"].endswith("failed") and "not run" in report.stages
report

# %% [markdown]
# The check finds a formula that uses a node twice, shrinks it to the smallest
# one hypothesis can find, and names the op whose `_backward` went wrong and
# why: the node kept only one of its shares. (It stops at the first failing
# op: fix it and run it again.)
#
# ## The bug in a picture
#
# `draw_graph` takes the learner's own graph. Here is $L = x \cdot x + x$ at
# $x = 3$: by hand, $dL/dx = 2x + 1 = 7$. The engine's backward first runs
# `+`'s `_backward` (it gives `x` 1), then `*`'s, which *sets* `x.grad` to
# $3 \cdot 1$, twice. The drawing checks every gradient against the chain rule,
# from the gradients the engine left upstream, and marks the one that
# disagrees.

# %%
x = Value(3.0)
x.label = "x"
L = x * x + x
L.label = "L"
L.backward()
assert x.grad == 3.0
picture = draw_graph(L)
assert picture.source.count("should be 7.0") == 1  # on x, and nowhere else
assert "1 grad disagrees" in picture.source  # the legend's count
picture

# %% [markdown]
# ## The engine's own backward, one call at a time
#
# `step_through` on a learner's graph plays **the learner's own** `_backward`
# calls, recorded as they run, one per frame, each checked: the frame of `*`'s
# call says it overwrote `x.grad` and what adding would have given. It leaves
# the graph's `.grad` values as it found them.

# %%
player = step_through(L)
assert len(player.captions) == 4  # the start, +'s call, *'s call, the summary
assert "overwrote x.grad: 1.0 before, 3.0 after" in player.captions[2]
assert "1.0 + 3.0 + 3.0 = 7.0" in player.captions[2]
assert x.grad == 3.0  # as found
player

# %% [markdown]
# ## Fixed, and kept fixed
#
# Back to `+=`, and the check passes again:

# %%
def __mul__(self, other):
    other = wrap(other)
    out = Value(self.data * other.data, (self, other), "*")

    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad

    out._backward = _backward
    return out


Value.__mul__ = __mul__
report = check_engine(Value)
assert report.ok
x = Value(3.0)
L = x * x + x
L.backward()
assert x.grad == 7.0
print("all together:", report.stages["all together"])

# %% [markdown]
# To keep it fixed, put the check in the engine's own tests. In a file
# `test_engine.py` next to `my_engine.py`, pytest runs:
#
# ```python
# from autograd.testing import assert_engine
# from my_engine import Value
#
#
# def test_my_engine_agrees_with_chainrule():
#     assert_engine(Value)
# ```
#
# `assert_engine` raises `AssertionError` with the report as its message, so
# a failing test shows the formula, the inputs, expected against got, the op
# and the cause. Here is that test, run on this notebook's engine:

# %%
def test_my_engine_agrees_with_chainrule():
    assert_engine(Value)


test_my_engine_agrees_with_chainrule()  # raises AssertionError if the engine is wrong
print("test_my_engine_agrees_with_chainrule passed")
