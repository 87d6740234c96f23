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
assert abs(dy.data - (math.sin(2.0) + 2.0 * math.cos(2.0))) < 1e-15

# %% [markdown]
# The drawing shows how: the rule of `*` contributed $\sin x$ (the other
# operand) and the rule of `sin` contributed $\cos x$, which the chain rule
# multiplied by the upstream $x$; the `+` adds the two uses of $x$.

# %%
draw_graph(dy, show_grad=False)

# %% [markdown]
# Because `dy` is an ordinary Value, differentiating it gives the second
# derivative, $y'' = 2\cos x - x \sin x$.

# %%
(d2y,) = grad(dy, [x])
print(f"d2y/dx2 = {d2y!r}, by hand: {2 * math.cos(2) - 2 * math.sin(2)!r}")
assert abs(d2y - (2 * math.cos(2.0) - 2.0 * math.sin(2.0))) < 1e-15

# %% [markdown]
# `derivative(f, n)` wraps this: it returns the $n$-th derivative of a
# one-input function, as a function. For $x^3$ the derivatives at 2 are
# $3x^2 = 12$, $6x = 12$, $6$, and then 0.

# %%
cube = lambda v: v * v * v  # noqa: E731
table = {n: derivative(cube, n)(2.0).data for n in range(5)}
print(table)
assert table == {0: 8.0, 1: 12.0, 2: 12.0, 3: 6.0, 4: 0.0}

# %% [markdown]
# `backward(create_graph=True)` does the same for every node at once: `.grad`
# is still the float, and `.grad_value` is the Value whose graph computes it.

# %%
x = Value(2.0, label="x")
y = x * x.sin()
y.backward(create_graph=True)
print(f"x.grad = {x.grad!r}, x.grad_value = {x.grad_value!r}")
assert x.grad == x.grad_value.data == dy.data

# %% [markdown]
# ## Newton's method in one dimension
#
# To solve $f(x) = 0$, Newton's method follows the tangent:
# $x_{k+1} = x_k - f(x_k)/f'(x_k)$. Near a simple root the error roughly
# squares at every step, so the number of correct digits doubles. Newton's own
# example was $x^3 - 2x - 5 = 0$; `derivative` gives $f'$.

# %%
def f(v):
    return v**3 - 2 * v - 5


df = derivative(f)
root = 2.0945514815423265  # the real root, to double precision
xk, errors = 2.0, []
for k in range(4):
    xk = xk - f(Value(xk)).data / df(xk).data
    errors.append(abs(xk - root))
    print(f"step {k + 1}: x = {xk!r:22}  error {errors[-1]:.1e}")

# %% [markdown]
# Each error is about the square of the one before, times a constant
# ($|f''/2f'| \approx 0.56$ here), until the root is exact in floating point.

# %%
ratios = [e1 / e0**2 for e0, e1 in zip(errors, errors[1:]) if e1 > 0]
print("error / previous error squared:", [f"{r:.2f}" for r in ratios])
assert errors[-1] == 0.0 and all(0.4 < r < 0.7 for r in ratios)

# %% [markdown]
# ## Newton's method in two dimensions
#
# To minimise a function of several inputs, Newton's method solves
# $H \,\Delta = \nabla f$ at each step and moves by $-\Delta$, where $H$ is the
# Hessian, the matrix of second derivatives. `hessian(f, point)` computes it by
# differentiating each component of the gradient's graph. The Rosenbrock
# function $(1-x)^2 + 100(y - x^2)^2$ has its minimum at $(1, 1)$ at the bottom
# of a long curved valley, where gradient descent crawls.

# %%
def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


print("Hessian at (1, 1):", hessian(rosenbrock, [1.0, 1.0]))
assert hessian(rosenbrock, [1.0, 1.0]) == [[802.0, -400.0], [-400.0, 200.0]]

# %% [markdown]
# A Newton step, with the 2 × 2 system solved by Cramer's rule:

# %%
def newton_step(point):
    xs = [Value(v) for v in point]
    gx, gy = grad(rosenbrock(*xs), xs)
    (a, b), (c, d) = hessian(rosenbrock, point)
    det = a * d - b * c
    return [point[0] - (d * gx - b * gy) / det, point[1] - (a * gy - c * gx) / det]


point, distances = [-1.2, 1.0], []
for k in range(7):
    point = newton_step(point)
    distances.append(math.dist(point, [1.0, 1.0]))
    print(f"step {k + 1}: ({point[0]:.10f}, {point[1]:.10f})  distance to (1, 1): "
          f"{distances[-1]:.1e}")

# %% [markdown]
# The first steps wander (the valley is far from quadratic there), then the
# distance falls from 0.06 to $10^{-5}$ to $10^{-11}$ to 0: the error squares
# at each step once the iterate is close.

# %%
assert distances[-1] == 0.0
close = distances[3:6]
print([f"{d:.1e}" for d in close])
assert close[1] < close[0] ** 2 * 10 and close[2] < close[1] ** 2 * 10
