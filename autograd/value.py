"""The node type: ``Value`` and its operator methods. No calculus lives here.

Every operator and method is one line that applies a row of the op table
(:mod:`autograd.ops`); :func:`apply` checks the operands, runs the forward
and records the new node's parents and op. The rest of a Value is in base
classes without state, in modules below this one: :mod:`autograd.display`
(label, repr), :mod:`autograd.differentiable` (``backward``, ``grad_value``),
:mod:`autograd.conversions` (``float(v)``, ``<``) and :mod:`autograd.copying`.

>>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
>>> c = a * b + 1
>>> c
Value(data=-5.0, grad=0.0)
>>> c.op, [p.op for p in c.parents]
('+', ['*'])
>>> c.backward()
>>> a.grad, b.grad
(-3.0, 2.0)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Union

from autograd import ops
from autograd.anomaly import check_finite, describe_operands, remember_site
from autograd.conversions import Conversions
from autograd.copying import Copying
from autograd.differentiable import Differentiable
from autograd.display import Display
from autograd.mode import ANOMALY, MODE, RECORD
from autograd.reached import NOT_REACHED
from autograd.reals import as_real, is_real

#: leaky_relu's slope below 0 unless one is given, as torch's negative_slope.
LEAKY_SLOPE = 0.01

#: What an operator accepts on its other side.
Operand = Union["Value", float]
Method = Callable[["Value", Any], "Value"]


def _operator_pair(op: ops.Op, name: str) -> tuple[Method, Method]:
    """The forward and reflected methods of a binary operator, as fractions.py does.

    Unknown operand types give NotImplemented, so Python can try the other side.
    """

    def forward(self: Value, other: Any) -> Any:
        # The operands' data is passed along: apply need not look it up again.
        if isinstance(other, Value):
            return apply(op, (self, other), [self.data, other.data])
        if is_real(other):
            c = float(other)
            return apply(op, (self, c), [self.data, c])
        return NotImplemented

    def reflected(self: Value, other: Any) -> Any:
        # Only reached when the left operand is not a Value.
        if is_real(other):
            c = float(other)
            return apply(op, (c, self), [c, self.data])
        return NotImplemented

    forward.__name__, reflected.__name__ = f"__{name}__", f"__r{name}__"
    return forward, reflected


class Value(Display, Differentiable, Conversions, Copying):
    """A scalar that remembers how it was computed, so it can be differentiated.

    Args:
        data: a real number (int, float, NumPy real scalar or 0-d array), stored as float.
        label: a name shown in errors, reprs and drawings.

    Raises:
        TypeError: ``data`` is not a real number (str, None, bool, complex, list,
            a NumPy array of more than one number...).

    Attributes:
        data: the value.
        grad: d(output)/d(self) from the last ``backward`` (0.0, drawn ``—``, before).
        label: the name given, or "".
        op: the op that made this node (``"*"``, ``"tanh"``), "" for a leaf.
        parents: the Value operands, in operand order, duplicates kept.

    ``float(v)``, ``int(v)``, ``round(v, n)``, ``math`` functions, ``<`` (a
    bool) and ``bool(v)`` read ``data`` and record nothing; ``==`` and ``hash``
    stay identity: nodes are dict and set keys. The README tables each beside PyTorch.

    >>> x = Value(3, label="x")
    >>> x
    Value(data=3.0, grad=0.0, label='x')
    >>> (x * x).parents == (x, x)
    True
    >>> x == Value(3.0), x > 2, float(x)
    (False, True, 3.0)
    """

    # Only what backward needs; constants (plain numbers) stay floats inside
    # _args and never become nodes.
    __slots__ = ("__weakref__", "_args", "_grad_value", "_label", "_op", "data", "grad")

    data: float
    grad: float
    _label: str
    _op: ops.Op | None
    _args: tuple[Value | float, ...]

    def __init__(self, data: float, label: str = "") -> None:
        self.label = label
        self.data = as_real(data, "Value()")
        self.grad = NOT_REACHED
        self._op = None
        self._args = ()

    @property
    def op(self) -> str:
        """The name of the op that made this node, or "" for a leaf."""
        return "" if self._op is None else self._op.name

    @property
    def parents(self) -> tuple[Value, ...]:
        """The Value operands in operand order (``x * x`` gives ``(x, x)``)."""
        return tuple(a for a in self._args if not isinstance(a, float))

    # -- arithmetic: each operator pair comes from one helper ------------------

    __add__, __radd__ = _operator_pair(ops.ADD, "add")
    __sub__, __rsub__ = _operator_pair(ops.SUB, "sub")
    __mul__, __rmul__ = _operator_pair(ops.MUL, "mul")
    __truediv__, __rtruediv__ = _operator_pair(ops.DIV, "truediv")

    def __pow__(self, other: Operand) -> Value:
        """``Value ** number`` treats the exponent as a constant; ``Value ** Value``
        differentiates both and needs a positive base.

        >>> (Value(-3.0) ** 2).data
        9.0
        """
        if isinstance(other, Value):
            return apply(ops.POW, (self, other))
        if is_real(other):
            return apply(ops.POW_CONST, (self, float(other)))
        return NotImplemented

    __rpow__ = _operator_pair(ops.POW, "pow")[1]

    def __neg__(self) -> Value:
        return apply(ops.NEG, (self,), [self.data])

    def __pos__(self) -> Value:
        return self

    def __abs__(self) -> Value:
        """abs'(0) = 0, as PyTorch."""
        return apply(ops.ABS, (self,), [self.data])

    # -- functions -------------------------------------------------------------

    def exp(self) -> Value:
        """e ** self; OverflowError past about 709.78."""
        return apply(ops.EXP, (self,), [self.data])

    def log(self) -> Value:
        """Natural log; ValueError for inputs <= 0."""
        return apply(ops.LOG, (self,), [self.data])

    def sqrt(self) -> Value:
        """Square root; ValueError for inputs < 0."""
        return apply(ops.SQRT, (self,), [self.data])

    def tanh(self) -> Value:
        """Hyperbolic tangent, saturating to +-1 without overflow."""
        return apply(ops.TANH, (self,), [self.data])

    def sigmoid(self) -> Value:
        """1 / (1 + e ** -self), computed without overflow in either tail.

        >>> Value(-1000.0).sigmoid().data, Value(0.0).sigmoid().data
        (0.0, 0.5)
        """
        return apply(ops.SIGMOID, (self,), [self.data])

    def relu(self) -> Value:
        """max(self, 0); relu'(0) = 0."""
        return apply(ops.RELU, (self,), [self.data])

    def leaky_relu(self, slope: Operand = LEAKY_SLOPE) -> Value:
        """self if positive, else slope * self; leaky_relu'(0) = slope.

        ``slope`` may itself be a Value, which makes it learnable (PReLU).

        >>> Value(-2.0).leaky_relu(0.25).data
        -0.5
        """
        if not isinstance(slope, Value):
            slope = as_real(slope, "leaky_relu() slope")
        return apply(ops.LEAKY_RELU, (self, slope))

    def step(self) -> Value:
        """1.0 if self > 0 else 0.0 (step(0) = 0.0); its derivative is 0 everywhere.

        No gradient flows through a step: whatever lies before it gets 0.

        >>> x = Value(0.5)
        >>> y = x.step()
        >>> y.backward()
        >>> y.data, x.grad, Value(0.0).step().data, Value(-2.0).step().data
        (1.0, 0.0, 0.0, 0.0)
        """
        return apply(ops.STEP, (self,), [self.data])

    def sin(self) -> Value:
        """Sine (radians)."""
        return apply(ops.SIN, (self,), [self.data])

    def cos(self) -> Value:
        """Cosine (radians)."""
        return apply(ops.COS, (self,), [self.data])

    def draw(self, **options: Any) -> Any:
        """The graph of this Value as a drawing: ``autograd.viz.draw_graph``."""
        # Imported at call time: the engine never imports the pictures when it loads.
        from autograd.viz import draw_graph

        return draw_graph(self, **options)


def apply(op: ops.Op, args: tuple[Value | float, ...], data: list[float] | None = None) -> Value:
    """Run ``op`` on ``args`` (Values and float constants) and return the result node.

    ``data`` is the operands' floats, when the caller has them already.
    Raises the guard's error (ValueError, ZeroDivisionError) naming the op,
    the offending value and its label, before anything is built.

    >>> apply(ops.LOG, (Value(-1.0, label="x"),))
    Traceback (most recent call last):
    ...
    ValueError: log() needs a positive input, got -1.0 (Value 'x')
    """
    if data is None:
        data = [a if a.__class__ is float else a.data for a in args]  # type: ignore[union-attr]
    if op.guard is not None:
        problem = op.guard(*data)
        if problem is not None:
            blame, kind, message = problem
            culprit = args[blame]
            label = culprit.label if isinstance(culprit, Value) else ""
            raise kind(f"{message} (Value {label!r})" if label else message)
    try:
        out = op.forward(*data)
    except (OverflowError, ZeroDivisionError, ValueError) as error:
        name = op.name if op.infix else op.name + "()"
        raise type(error)(f"{name} of {describe_operands(args)} failed: {error}") from None
    if _mode() == RECORD:
        # The hot path, record() inlined: one call less per op (the MLP step:
        # 205.9M to 202.8M instructions, callgrind).
        result = _new(Value)
        result.data = out
        result.grad = NOT_REACHED
        result._label = ""
        result._op = op
        result._args = args
        return result
    return record(op, args, out)


def record(op: ops.Op, args: tuple[Value | float, ...], out: float) -> Value:
    """The node for ``op`` on ``args`` with result ``out``, as the mode asks.

    A recorded node normally; a leaf inside ``no_grad``; inside
    ``detect_anomaly`` a non-finite ``out`` raises FloatingPointError and the
    creation site is remembered.
    """
    mode = _mode()
    if not mode & RECORD:
        result = Value(out)  # under no_grad: a leaf
    else:
        # Written out rather than through __init__ (out is a float already):
        # 206.4M to 203.5M Ir per MLP step, where every dot node passes here.
        result = _new(Value)
        result.data = out
        result.grad = NOT_REACHED
        result._label = ""
        result._op = op
        result._args = args
        if mode == RECORD:
            return result
    if mode & ANOMALY:
        remember_site(result, check_finite(op, args, out))
    return result


# Bound once: two attribute lookups less on every op's hot path.
_new = Value.__new__
_mode = MODE.get

__all__ = ["Operand", "Value", "apply", "as_real", "check_finite", "is_real", "record"]
