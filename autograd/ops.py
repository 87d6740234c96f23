"""The op table: every primitive's forward and local derivatives, in one place.

Each :class:`Op` is one row: its name, its forward on floats, one
local-derivative rule per operand, the domain of each operand, and a guard that
rejects bad input with a clear message before anything is computed.

A rule receives the operands and the forward result ``out`` and returns the
local derivative d(out)/d(operand); the engine multiplies by the upstream
gradient, so rules never see it. Rules use plain arithmetic (and the ``_cos`` /
``_log`` style helpers, which dispatch on type), so the same rule works on
floats and on ``Value`` s: handing it ``Value`` s builds the derivative as a graph.

The record types (:class:`Op`, :class:`Domain`) are in :mod:`autograd.op` and
the n-ary rows (``SUM``, ``DOT``, ``dot_parts``) in :mod:`autograd.reductions`;
this module re-exports them, so the whole table is read from here.

>>> MUL.forward(3.0, 4.0)
12.0
>>> [rule(3.0, 4.0, 12.0) for rule in MUL.rules]
[4.0, 3.0]
>>> TANH.rules[0](0.0, 0.0)
1.0
"""

from __future__ import annotations

import math
from typing import Any

# The record types and the n-ary rows live in their own modules; they are
# re-exported here, so ``ops.Op``, ``ops.SUM`` and ``ops.dot_parts`` stay the
# one way in to the whole table.
from autograd.op import REALS as REALS
from autograd.op import Domain as Domain
from autograd.op import Guard as Guard
from autograd.op import Op as Op
from autograd.op import Problem as Problem
from autograd.op import Rule as Rule
from autograd.reductions import DOT as DOT
from autograd.reductions import SUM as SUM
from autograd.reductions import dot_parts as dot_parts

# -- helpers that let one rule serve floats and Values ------------------------
# A rule that needs a function (cos for sin) calls it through these, so that on
# a Value it builds a graph node and on a float it calls math.


def _data(x: Any) -> float:
    return x if isinstance(x, float) else float(x.data)


def _cos(x: Any) -> Any:
    return math.cos(x) if isinstance(x, float) else x.cos()


def _sin(x: Any) -> Any:
    return math.sin(x) if isinstance(x, float) else x.sin()


def _log(x: Any) -> Any:
    return math.log(x) if isinstance(x, float) else x.log()


def _sign(x: Any) -> float:
    # abs'(0) = 0, as PyTorch. The sign is piecewise constant, so returning a
    # plain float is exact for higher derivatives too.
    d = _data(x)
    return 1.0 if d > 0 else -1.0 if d < 0 else 0.0


def _finite(rule: Rule) -> Rule:
    """``rule`` under the one policy for infinite local derivatives: an error, never inf.

    PyTorch returns inf there (sqrt'(0), 1/x at 1e-200); here, as for a bad
    forward, the op that caused it is named instead (``Value.backward`` adds
    the op, its operands and their labels): ZeroDivisionError at a pole
    (sqrt at 0, ``x ** 0.5`` at 0), OverflowError for a derivative too large
    for a float (1/x at 1e-200, where it is -1e400). Only the rules that
    divide or raise to a power can do either; the others are left unwrapped.
    A derivative that is infinite because an operand already is (the rules
    of ``log`` at inf) passes through.

    >>> SQRT.rules[0](0.0, 0.0)
    Traceback (most recent call last):
    ...
    ZeroDivisionError: the local derivative is infinite here (a pole)
    """

    def checked(*args: Any) -> Any:
        try:
            local = rule(*args)
        except ZeroDivisionError:
            raise ZeroDivisionError("the local derivative is infinite here (a pole)") from None
        except OverflowError:
            raise OverflowError(_TOO_LARGE) from None
        if math.isinf(_data(local)) and all(math.isfinite(_data(a)) for a in args):
            raise OverflowError(_TOO_LARGE)
        return local

    # Named after the rule, but never "<lambda>": hypothesis would look for its source.
    name = getattr(rule, "__name__", "<lambda>")
    checked.__name__ = checked.__qualname__ = "rule" if name == "<lambda>" else name
    return checked


_TOO_LARGE = "the local derivative is too large for a float (it overflows to inf)"


def _relu_dx(x: Any, out: Any) -> float:
    # relu'(0) = 0, as PyTorch. Piecewise constant: a plain float is exact for
    # higher derivatives too. (Written out rather than through _data: relu's
    # backward runs once per neuron.)
    return (1.0 if x > 0 else 0.0) if x.__class__ is float else (1.0 if x.data > 0 else 0.0)


# -- forwards that need care ---------------------------------------------------


def _sigmoid(x: float) -> float:
    # Stable in both tails: exp is only ever taken of a non-positive number.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _leaky_relu(x: float, slope: float) -> float:
    # Written so that NaN passes through rather than turning into a number.
    return slope * x if x <= 0 else x


def _leaky_relu_dx(x: Any, slope: Any, out: Any) -> Any:
    # leaky_relu'(0) = slope, as PyTorch.
    return 1.0 if _data(x) > 0 else slope


def _leaky_relu_dslope(x: Any, slope: Any, out: Any) -> Any:
    return 0.0 if _data(x) > 0 else x


# -- guards --------------------------------------------------------------------


def _guard_div(x: float, y: float) -> Problem | None:
    if y == 0:
        return 1, ZeroDivisionError, f"division by zero in {x!r} / {y!r}"
    return None


def _guard_log(x: float) -> Problem | None:
    if x > 0:
        return None
    return 0, ValueError, f"log() needs a positive input, got {x!r}"


def _guard_sqrt(x: float) -> Problem | None:
    if x >= 0:
        return None
    return 0, ValueError, f"sqrt() needs a non-negative input, got {x!r}"


def _guard_pow(x: float, y: float) -> Problem | None:
    # The exponent is a Value (or the base a plain number), so d/dy = out*log(x)
    # is needed: only a positive base has one, and a zero base (see _pow_dy).
    if x > 0 or (x == 0 and y >= 0):
        return None
    if x == 0:
        return 0, ZeroDivisionError, f"0.0 ** {y!r} divides by zero"
    return 0, ValueError, f"** with a differentiable exponent needs a base >= 0, got {x!r}"


def _guard_pow_const(x: float, c: float) -> Problem | None:
    if x == 0 and c < 0:
        return 0, ZeroDivisionError, f"0.0 ** {c!r} divides by zero"
    if x < 0 and not c.is_integer():
        return 0, ValueError, f"{x!r} ** {c!r} has no real value (negative base, fractional power)"
    return None


# -- the table -----------------------------------------------------------------

ADD = Op("+", lambda x, y: x + y, (lambda x, y, out: 1.0, lambda x, y, out: 1.0), (REALS, REALS))
SUB = Op("-", lambda x, y: x - y, (lambda x, y, out: 1.0, lambda x, y, out: -1.0), (REALS, REALS))
MUL = Op("*", lambda x, y: x * y, (lambda x, y, out: y, lambda x, y, out: x), (REALS, REALS))
# d(x/y)/dy = -x/y**2 = -out/y; the pole at y = 0 is rejected by the guard,
# and a y so small that 1/y overflows raises OverflowError (see _finite).
DIV = Op(
    "/",
    lambda x, y: x / y,
    (_finite(lambda x, y, out: 1.0 / y), _finite(lambda x, y, out: -out / y)),
    (REALS, Domain(avoid=(0.0,))),
    _guard_div,
)


# Value ** Value and number ** Value: both operands differentiable.
@_finite
def _pow_dx(x: Any, y: Any, out: Any) -> Any:
    # d(x**0)/dx = 0, as PyTorch, on every path (grad, create_graph, hessian):
    # y * x**(y - 1) would divide by zero at x = 0. A constant 0 gives 0 outright;
    # a Value y = 0 only at x = 0, since elsewhere y * x**(y - 1) is finite and
    # its derivative in y, 1/x, is needed (PyTorch's mask drops it). At (0, 0)
    # every second derivative is then 0, where PyTorch has NaN (0 * inf).
    # At x = 0 with 0 < y < 1 (x ** 0.5) the derivative is infinite: a pole (_finite).
    if _data(y) == 0.0 and (y.__class__ is float or _data(x) == 0.0):
        return 0.0
    return y * x ** (y - 1.0)


@_finite
def _pow_dy(x: Any, y: Any, out: Any) -> Any:
    # d(0 ** y)/dy = 0 for y >= 0 (0 ** y is 0.0, or 1.0 at y = 0), as PyTorch
    # and HIPS autograd: out * log(x) would be 0 * -inf.
    return 0.0 if _data(x) == 0.0 else out * _log(x)


POW = Op(
    "**",
    lambda x, y: x**y,
    (_pow_dx, _pow_dy),
    (Domain(low=0.0), Domain(low=-4.0, high=4.0)),
    _guard_pow,
)
# Value ** number: the exponent is a constant, so any base with a real result
# is fine (x ** 2 at x = -3). The exponent rule exists but is never called.
POW_CONST = Op(
    "**",
    lambda x, c: x**c,
    POW.rules,
    (Domain(low=0.0), Domain(low=-4.0, high=4.0)),
    _guard_pow_const,
    parameters=(1,),
)
NEG = Op("neg", lambda x: -x, (lambda x, out: -1.0,), (REALS,))
ABS = Op("abs", abs, (lambda x, out: _sign(x),), (Domain(avoid=(0.0,)),))
EXP = Op("exp", math.exp, (lambda x, out: out,), (Domain(high=50.0),))
# 1/x overflows for a subnormal x: OverflowError (see _finite).
LOG = Op("log", math.log, (_finite(lambda x, out: 1.0 / x),), (Domain(low=0.0),), _guard_log)
# sqrt'(0) is infinite: backward through sqrt at 0, under a nonzero gradient,
# raises ZeroDivisionError naming the node (see _finite).
SQRT = Op("sqrt", math.sqrt, (_finite(lambda x, out: 0.5 / out),), (Domain(low=0.0),), _guard_sqrt)
# math.tanh saturates to +-1 without overflow; d tanh = 1 - tanh**2.
TANH = Op("tanh", math.tanh, (lambda x, out: 1.0 - out * out,), (REALS,))
SIGMOID = Op("sigmoid", _sigmoid, (lambda x, out: out * (1.0 - out),), (REALS,))
RELU = Op("relu", lambda x: 0.0 if x <= 0 else x, (_relu_dx,), (Domain(avoid=(0.0,)),))
LEAKY_RELU = Op(
    "leaky_relu",
    _leaky_relu,
    (_leaky_relu_dx, _leaky_relu_dslope),
    (Domain(avoid=(0.0,)), Domain(low=0.0, high=1.0)),
    parameters=(1,),
)
# step(x) = 1.0 for x > 0 else 0.0: step(0) = 0.0, as torch.heaviside(x, 0.0).
# step'(x) = 0 everywhere (at the kink 0 too): the pitfall of a step activation
# is that no gradient flows through a step, so nothing before it learns.
STEP = Op("step", lambda x: 1.0 if x > 0 else 0.0, (lambda x, out: 0.0,), (Domain(avoid=(0.0,)),))
SIN = Op("sin", math.sin, (lambda x, out: _cos(x),), (REALS,))
COS = Op("cos", math.cos, (lambda x, out: -_sin(x),), (REALS,))


#: Every primitive, in a stable order. Strategies and tests iterate over this.
TABLE: tuple[Op, ...] = (
    ADD,
    SUB,
    MUL,
    DIV,
    POW,
    POW_CONST,
    NEG,
    ABS,
    EXP,
    LOG,
    SQRT,
    TANH,
    SIGMOID,
    RELU,
    LEAKY_RELU,
    STEP,
    SIN,
    COS,
    SUM,
    DOT,
)

#: The ops a neuron applies to its ``w·x + b`` by name, as ``nn``'s layers and the
#: folded pictures of a network know them.
ACTIVATIONS: tuple[str, ...] = tuple(op.name for op in (TANH, RELU, SIGMOID, LEAKY_RELU, STEP))
