# %% [markdown]
# # 4. Checking your gradients
#
# A derivative rule can be wrong in ways that no error message reveals: the
# numbers just come out wrong. The standard check needs nothing but the
# function itself: nudge an input a little, see how much the output moves, and
# compare with the gradient. This notebook does that by hand, then with
# `gradcheck`, then with a property test over random formulas.

# %%
import math

import matplotlib.pyplot as plt
from hypothesis import Phase, given, settings

from autograd import Value, gradcheck, ops
from autograd.gradcheck import GradcheckError, numerical_grad
from autograd.testing import assert_grad_matches, expressions
from autograd.value import apply

# %% [markdown]
# ## Finite differences by hand
#
# Take $f(x) = \sin(x)\,e^x$ at $x = 1$; its exact derivative is
# $f'(x) = (\cos x + \sin x)\,e^x$. The forward difference
# $(f(x+h) - f(x))/h$ has an error proportional to $h$; the central difference
# $(f(x+h) - f(x-h))/2h$ cancels that term and its error is proportional to
# $h^2$. But the smaller $h$, the more of the difference is lost to rounding,
# which adds an error of about $10^{-16}/h$.

# %%
def f(x):
    return math.sin(x) * math.exp(x)


x0 = 1.0
exact = (math.cos(x0) + math.sin(x0)) * math.exp(x0)
steps = [10.0**-k for k in range(1, 14)]
forward = [abs((f(x0 + h) - f(x0)) / h - exact) for h in steps]
central = [abs((f(x0 + h) - f(x0 - h)) / (2 * h) - exact) for h in steps]
print(f"{'h':>7}  {'forward error':>13}  {'central error':>13}")
for h, ef, ec in zip(steps, forward, central):
    print(f"{h:7.0e}  {ef:13.1e}  {ec:13.1e}")

# %% [markdown]
# On a log-log plot the two errors make a V: truncation falls as $h$ shrinks
# (slope 1 forward, slope 2 central) until rounding takes over and the error
# grows again. The best forward step is near $10^{-8}$, the best central step
# near $10^{-5}$, where the central error is several hundred times smaller.

# %%
fig, ax = plt.subplots(figsize=(5.5, 3.8))
ax.loglog(steps, forward, "o-", label="forward difference")
ax.loglog(steps, central, "s-", label="central difference")
ax.set(xlabel="step h", ylabel="|estimate - exact|", title="finite-difference error")
ax.invert_xaxis()
ax.legend()
plt.show()
best_forward = steps[forward.index(min(forward))]
best_central = steps[central.index(min(central))]
print(f"best step: forward {best_forward:.0e}, central {best_central:.0e}")
assert 1e-9 <= best_forward <= 1e-7 and 1e-6 <= best_central <= 1e-4
assert min(central) < min(forward) / 100

# %% [markdown]
# `numerical_grad` does this for every input of a function of Values (central
# differences, step $10^{-6}$ by default); `method="richardson"` extrapolates
# several steps to $h = 0$ and gets much closer.

# %%
def g(x):
    return x.sin() * x.exp()


(central_estimate,) = numerical_grad(g, [x0])
(richardson,) = numerical_grad(g, [x0], method="richardson")
print(f"central:    error {abs(central_estimate - exact):.1e}")
print(f"richardson: error {abs(richardson - exact):.1e}")
assert abs(richardson - exact) < abs(central_estimate - exact)

# %% [markdown]
# ## `gradcheck`
#
# `gradcheck(f, inputs)` compares the engine's gradient with the central
# difference, input by input, and returns True when each agrees within
# `atol + rtol * |numeric|`.

# %%
print(gradcheck(g, [x0]))
print(gradcheck(lambda x, y: (x * y).tanh() + (x / y).log(), [0.5, 0.25]))

# %% [markdown]
# ## A wrong derivative, caught
#
# A common slip when writing a model by hand: rebuilding a factor from `.data`
# turns it into a constant, so its gradient is silently lost.

# %%
def forgetful(x, y):
    return x * Value(y.data)  # the graph no longer knows that this factor is y


try:
    gradcheck(forgetful, [3.0, -0.5])
except GradcheckError as error:
    print(error)
    caught = error
assert [row.ok for row in caught.rows] == [True, False]

# %% [markdown]
# The report is a table, one row per input, and a diagnosis for each failure:
# here the numeric estimates agree across three steps, so the fault is in the
# analytic derivative, and it is input `x1`.
#
# A wrong rule in an op is caught the same way. `autograd.ops.Op` defines an
# op (its forward and one derivative rule per operand) and
# `autograd.value.apply` uses it. This `sin` has its rule's sign wrong:

# %%
wrong_sin = ops.Op("sin", math.sin, (lambda x, out: -math.cos(x),), (ops.REALS,))
try:
    gradcheck(lambda x: apply(wrong_sin, (x * 2.0,)), [0.5])
except GradcheckError as error:
    print(error)
    caught = error
row = caught.rows[0]
assert row.analytic == -2 * math.cos(1.0) and abs(row.numeric - 2 * math.cos(1.0)) < 1e-6

# %% [markdown]
# ## A property test over random formulas
#
# One formula checks one point. `autograd.testing.expressions()` is a
# hypothesis strategy that draws whole formulas over every op of the table,
# with inputs inside each op's domain and away from kinks, so one short test
# checks the engine on hundreds of formulas. Here are a few it draws:

# %%
drawn = []


@settings(max_examples=8, derandomize=True, database=None, deadline=None)
@given(expressions())
def collect(e):
    drawn.append(f"{e}   at {[round(x, 3) for x in e.inputs]}")


collect()
print("\n".join(drawn[-5:]))

# %% [markdown]
# The property: for every drawn formula the gradient matches finite
# differences. Calling the decorated function runs it on 200 formulas; it
# returns quietly when all pass.

# %%
@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(expressions())
def test_engine_gradients(e):
    assert_grad_matches(e.fn, e.inputs)


test_engine_gradients()
print("200 formulas, every gradient matches")

# %% [markdown]
# Give it an engine with a wrong rule, here `tanh'` as $1 + \tanh^2$ instead of
# $1 - \tanh^2$, and the property fails. Hypothesis then shrinks the failing
# formula to a small one before reporting it: the smallest formula that shows
# the bug.

# %%
wrong_tanh = ops.Op("tanh", math.tanh, (lambda x, out: 1.0 + out * out,), (ops.REALS,))
table = [wrong_tanh if op is ops.TANH else op for op in ops.TABLE]


@settings(
    max_examples=500,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.generate, Phase.shrink],  # no "explain" phase: it prints file paths
)
@given(expressions(ops=table))
def test_buggy_engine(e):
    assert_grad_matches(e.fn, e.inputs)


try:
    test_buggy_engine()
except GradcheckError as error:
    failure = error
print(str(failure).splitlines()[0])
notes = getattr(failure, "__notes__", [])
print("\n".join(notes))
assert any("Expression('tanh(x0)'" in note for note in notes)
