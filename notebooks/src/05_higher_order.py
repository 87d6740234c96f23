# %% [markdown]
# # 5. Derivatives of derivatives
#
# The op table's derivative rules are written with plain arithmetic, so they
# work on Values as well as on floats. Handed Values, a backward pass records
# the gradient itself as a graph, which can be drawn and differentiated again.
# This notebook draws such a graph, takes second derivatives, and uses them in
# Newton's method.

# %%
import math
from fractions import Fraction

from autograd import Value, derivative, grad, hessian
from autograd.viz import draw_graph

# %% [markdown]
# ## The graph of a derivative
#
# Take $y = x \sin x$. Its derivative is $y' = \sin x + x \cos x$.
# `grad(y, [x], create_graph=True)` returns that derivative as a Value whose
# graph computes it from $x$.

# %%
x = Value(2.0, label="x")
y = x * x.sin()
y.label = "y"
(dy,) = grad(y, [x], create_graph=True)
dy.label = "dy/dx"
print(f"dy/dx = {dy.data!r}, by hand: sin x + x cos x = {math.sin(2) + 2 * math.cos(2)!r}")
assert isinstance(dy, Value) and abs(dy.data - (math.sin(2.0) + 2.0 * math.cos(2.0))) < 1e-15

# %% [markdown]
# Its drawing:

# %%
picture = draw_graph(dy, show_grad=False)
from_times, from_sin = dy.parents  # what the rules of * and of sin contributed
assert dy.op == "+" and from_times is y.parents[1] and from_times.op == "sin"
assert from_sin.op == "*" and from_sin.parents[0] is x and from_sin.parents[1].op == "cos"
assert from_sin.parents[1].parents == (x,)
picture

# %% [markdown]
# The drawing shows how: the rule of `*` contributed $\sin x$ (the other
# operand, the very `sin` node of $y$'s graph) and the rule of `sin`
# contributed $\cos x$, which the chain rule multiplied by the upstream $x$;
# the `+` adds the two uses of $x$.
#
# Because `dy` is an ordinary Value, it can be differentiated again:

# %%
(d2y,) = grad(dy, [x])
print(f"d2y/dx2 = {d2y!r}, by hand: {2 * math.cos(2) - 2 * math.sin(2)!r}")
assert abs(d2y - (2 * math.cos(2.0) - 2.0 * math.sin(2.0))) < 1e-15

# %% [markdown]
# That is the second derivative, $y'' = 2\cos x - x \sin x$, to within
# $10^{-15}$, that is up to rounding in the last digit.
#
# `derivative(f, n)` wraps this: it returns the $n$-th derivative of a
# one-input function, as a function. For $x^3$ at 2, $n$ from 0 to 4:

# %%
cube = lambda v: v * v * v  # noqa: E731
table = {n: derivative(cube, n)(2.0).data for n in range(5)}
print(table)
assert table == {0: 8.0, 1: 12.0, 2: 12.0, 3: 6.0, 4: 0.0}

# %% [markdown]
# These are the values by hand: $x^3 = 8$, then $3x^2 = 12$, $6x = 12$, $6$,
# and 0.
#
# `backward(create_graph=True)` does the same for every node at once: `.grad`
# is still the float, and `.grad_value` is the Value whose graph computes it.

# %%
x = Value(2.0, label="x")
s = x.sin()
y = x * s
y.backward(create_graph=True)
print(f"x.grad = {x.grad!r}, x.grad_value = {x.grad_value!r}")
print(f"s.grad = {s.grad!r}, s.grad_value is x: {s.grad_value is x}  (s = sin x, dy/ds = x)")
assert isinstance(x.grad, float) and isinstance(x.grad_value, Value)
assert x.grad == x.grad_value.data == dy.data and s.grad == 2.0 and s.grad_value is x

# %% [markdown]
# ## Newton's method in one dimension
#
# To solve $f(x) = 0$, Newton's method follows the tangent:
# $x_{k+1} = x_k - f(x_k)/f'(x_k)$. Newton's own example was
# $x^3 - 2x - 5 = 0$; `derivative` gives $f'$.

# %%
def f(v):
    return v**3 - 2 * v - 5


df = derivative(f)
root = 2.0945514815423265  # the real root, to double precision:
half_ulp = Fraction(math.ulp(root)) / 2  # f changes sign within half an ulp of it
assert f(Fraction(root) - half_ulp) < 0 < f(Fraction(root) + half_ulp)
xk, errors = 2.0, []
for k in range(4):
    xk = xk - f(Value(xk)).data / df(xk).data
    errors.append(abs(xk - root))
    print(f"step {k + 1}: x = {xk!r:22}  error {errors[-1]:.1e}")
digits = [-math.log10(e) for e in errors[:3]]
ratios = [e1 / e0**2 for e0, e1 in zip(errors, errors[1:]) if e1 > 0]
constant = abs(6 * root / (2 * (3 * root**2 - 2)))  # |f''/2f'| at the root
print("correct digits:", [f"{d:.1f}" for d in digits])
print("error / previous error squared:", [f"{r:.2f}" for r in ratios])
print(f"|f''/2f'| at the root: {constant:.2f}")
assert [round(d) for d in digits] == [2, 5, 10] and errors[3] == 0.0
assert all(abs(d1 / d0 - 2) < 0.2 for d0, d1 in zip(digits, digits[1:]))
assert [f"{r:.2f}" for r in [*ratios, constant]] == ["0.56"] * 3

# %% [markdown]
# Each error is about the square of the one before, times a constant
# ($|f''/2f'| \approx 0.56$ here, and both ratios round to it), so the number
# of correct digits about doubles at every step: 2, 5, 10, and then the root
# is exact in floating point.
#
# ## Newton's method in two dimensions
#
# To minimise a function of several inputs, Newton's method solves
# $H \,\Delta = \nabla f$ at each step and moves by $-\Delta$, where $H$ is the
# Hessian, the matrix of second derivatives. `hessian(f, point)` computes it by
# differentiating each component of the gradient's graph. The Rosenbrock
# function $(1-x)^2 + 100(y - x^2)^2$ has a long curved valley, with its
# minimum at $(1, 1)$:

# %%
def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


(a, b), (c, d) = hessian(rosenbrock, [1.0, 1.0])
ones = [Value(1.0), Value(1.0)]
print("gradient at (1, 1):", grad(rosenbrock(*ones), ones))
print("Hessian at (1, 1):", [[a, b], [c, d]])
assert grad(rosenbrock(*ones), ones) == [0.0, 0.0]
assert [[a, b], [c, d]] == [[802.0, -400.0], [-400.0, 200.0]] and a * d - b * c == 400.0

# %% [markdown]
# The gradient is zero there and the Hessian positive definite ($802 > 0$ and
# its determinant $802 \cdot 200 - 400^2 = 400 > 0$): a minimum.
#
# A Newton step, with the 2 × 2 system solved by Cramer's rule:

# %%
def newton_step(point):
    xs = [Value(v) for v in point]
    gx, gy = grad(rosenbrock(*xs), xs)
    (a, b), (c, d) = hessian(rosenbrock, point)
    det = a * d - b * c
    return [point[0] - (d * gx - b * gy) / det, point[1] - (a * gy - c * gx) / det]


start = [-1.2, 1.0]
print(f"start: {tuple(start)}  distance to (1, 1): {math.dist(start, [1.0, 1.0]):.1e}")
point, distances = start, []
for k in range(7):
    point = newton_step(point)
    distances.append(math.dist(point, [1.0, 1.0]))
    print(f"step {k + 1}: ({point[0]:.10f}, {point[1]:.10f})  distance to (1, 1): "
          f"{distances[-1]:.1e}")
close = distances[3:6]
assert f"{distances[1]:.1f} {math.dist(start, [1.0, 1.0]):.1f}" == "4.2 2.2"
assert [f"{d:.0e}" for d in close] == ["6e-02", "1e-05", "2e-11"]
assert close[1] < close[0] ** 2 and close[2] < close[1] ** 2
assert distances[6] == 0.0 < distances[5]

# %% [markdown]
# The first steps wander (the second lands 4.2 from $(1, 1)$, farther than the
# start at 2.2: the valley is far from quadratic there), then the distance
# falls from 0.06 to $10^{-5}$ to $2 \cdot 10^{-11}$ to 0: once the iterate is
# close, each distance is below the square of the one before, and the seventh
# step lands on $(1, 1)$ exactly.
#
# Gradient descent has only the first derivatives. From the same start, its
# distance to $(1, 1)$ after 1000 steps at each of five rates:

# %%
def descend(rate, steps=1000):
    point = start
    for _ in range(steps):
        xs = [Value(v) for v in point]
        gx, gy = grad(rosenbrock(*xs), xs)
        point = [point[0] - rate * gx, point[1] - rate * gy]
    return math.dist(point, [1.0, 1.0])


descent = {rate: descend(rate) for rate in (0.001, 0.002, 0.003, 0.004, 0.005)}
print({rate: f"{d:.2f}" for rate, d in descent.items()})
assert min(descent.values()) > 0.4 and distances.index(0.0) == 6  # Newton: 7 steps

# %% [markdown]
# It crawls along the valley: at every one of these rates it is still more
# than 0.4 from $(1, 1)$ after 1000 steps, where Newton's method needed 7.
