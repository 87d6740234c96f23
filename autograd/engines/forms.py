"""Which ops a learner's class has: each form tried once at a fixed point, its forward checked.

A form is one way of writing an op: ``x + y``, ``x + 2.0`` (a plain number
on the right: does the class wrap it?), ``2.0 + x`` (the reflected
``__radd__``), ``x ** c``, ``x.tanh()``. A form the class does not define is
*lacking* (its op is not checked); a reflected operator it lacks, a plain
number it refuses, a form that raises inside the learner's code or computes
the wrong value is a *problem*, with a message saying what to write.

>>> from autograd import Value
>>> forms = probe(Value)
>>> forms.supported["2.0 * x"], forms.supported["x.tanh()"]
('ok', 'ok')
>>> forms.problems
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from autograd import ops
from autograd.engines.build import INFIX, Unsupported, apply_op, method_names
from autograd.engines.chain import same_forward
from autograd.kinds import class_name, said
from autograd.op import Op

#: The point every form is tried at: inside every op's domain, away from kinks.
X, Y, C = 0.75, 1.25, 2.0
#: A non-integer exponent, to tell a ``**`` that takes any number from an int-only one.
FRACTIONAL, WHOLE = 2.5, 3

#: The ops in the order learners build them; the rest of the table follows.
LEARNER_ORDER: tuple[Op, ...] = (
    ops.ADD, ops.MUL, ops.NEG, ops.SUB, ops.POW_CONST, ops.DIV, ops.EXP, ops.LOG,
    ops.TANH, ops.RELU, ops.SIGMOID, ops.SQRT, ops.POW, ops.ABS, ops.SIN, ops.COS,
    ops.LEAKY_RELU, ops.STEP,
)  # fmt: skip

#: The reflected method behind ``2.0 op x``, and the line that defines it.
REFLECTED = {
    ops.ADD: ("__radd__", "return self + other"),
    ops.SUB: ("__rsub__", "return other + (-self)"),
    ops.MUL: ("__rmul__", "return self * other"),
    ops.DIV: ("__rtruediv__", "return other * self**-1"),
}
#: The fix for plain numbers not wrapped, the end of every such problem's message.
WRAP = "wrap plain numbers (other = other if isinstance(other, {name}) else {name}(other))"
_DUNDER = {ops.ADD: "add", ops.SUB: "sub", ops.MUL: "mul", ops.DIV: "truediv", ops.POW: "pow"}


def form_text(op: Op, shape: str) -> str:
    """How a form is written: ``x + y``, ``2.0 * x``, ``x ** c``, ``x.relu()``.

    >>> form_text(ops.MUL, "cv"), form_text(ops.POW_CONST, "vc"), form_text(ops.RELU, "v")
    ('2.0 * x', 'x ** c', 'x.relu()')
    """
    if op is ops.POW_CONST or (op is ops.POW and shape == "vc"):
        return "x ** c"
    if op in INFIX:
        left, right = {"vv": ("x", "y"), "vc": ("x", "2.0"), "cv": ("2.0", "x")}[shape]
        return f"{left} {op.name} {right}"
    if op is ops.NEG:
        return "-x"
    if op is ops.ABS:
        return "abs(x)"
    return "x.leaky_relu(0.25)" if op is ops.LEAKY_RELU else f"x.{op.name}()"


def shapes(op: Op) -> tuple[str, ...]:
    """The forms probed for ``op``: three for + - * /, ``x ** y`` and ``2.0 ** x`` for ``**``."""
    if op in REFLECTED:
        return ("vv", "vc", "cv")
    if op is ops.POW:
        return ("vv", "cv")
    return ("vc",) if op.parameters else ("v",)


@dataclass
class Forms:
    """What :func:`probe` found.

    Attributes:
        supported: form text -> "ok" or why it is not checked.
        working: the ``(op, shape)`` pairs that work.
        problems: ``(op, form text, message)`` for each problem.
        unwrapped: the forms that fail because a plain number is not wrapped,
            one problem between them: ``wrap`` says what they raise and the fix.
        whole_exponents: ``**`` takes only ints (``x ** 2.5`` fails, ``x ** 3`` works).
    """

    supported: dict[str, str] = field(default_factory=dict)
    working: set[tuple[Op, str]] = field(default_factory=set)
    problems: list[tuple[Op, str, str]] = field(default_factory=list)
    unwrapped: list[str] = field(default_factory=list)
    wrap: str = ""
    whole_exponents: bool = False

    def ops(self) -> list[Op]:
        """The ops whose main form works, in the order learners build them."""
        main = {op: shapes(op)[0] for op in LEARNER_ORDER}
        return [op for op in LEARNER_ORDER if (op, main[op]) in self.working]

    def adapt(self, op: Op, shape: str, operands: tuple[Any, ...]) -> tuple[Any, ...]:
        """The operands for a node, or :class:`Unsupported` for a form that does not work."""
        if op is ops.POW and shape == "vc":
            op = ops.POW_CONST
        if (op, shape) not in self.working:
            raise Unsupported(form_text(op, shape))
        if op is ops.POW_CONST and self.whole_exponents:
            c = operands[1]
            if not float(c).is_integer():
                raise Unsupported(f"x ** {c!r}: this ** takes only ints")
            return (operands[0], int(c))
        return operands


def _defines(cls: type, op: Op, shape: str) -> bool:
    """Whether the class defines what the form calls (a method of None does not count)."""
    if op in _DUNDER and op is not ops.POW_CONST:
        prefix = "r" if shape == "cv" else ""
        return getattr(cls, f"__{prefix}{_DUNDER[op]}__", None) is not None
    if op is ops.POW_CONST:
        return getattr(cls, "__pow__", None) is not None
    if op is ops.NEG:
        return getattr(cls, "__neg__", None) is not None
    if op is ops.ABS:
        return getattr(cls, "__abs__", None) is not None
    return any(getattr(cls, name, None) is not None for name in method_names(op))


def _try(cls: type, op: Op, shape: str, exponent: float = FRACTIONAL) -> tuple[Any, str | None]:
    """Run one form; its result and None, or None and what went wrong."""
    x, y = cls(X), cls(Y)
    constant: float = {ops.POW_CONST: exponent, ops.LEAKY_RELU: 0.25}.get(op, C)
    operands = {"vv": (x, y), "vc": (x, constant), "cv": (C, x), "v": (x,)}[shape]
    try:
        out = apply_op(op, operands)
    except Exception as error:  # the learner's code may raise anything
        return None, said(error)
    data = [getattr(a, "data", a) for a in operands]
    try:
        should = op.forward(*(float(d) for d in data))
        got = float(out.data)
    except Exception as error:
        return (
            None,
            f"returns {class_name(out)} {out!r}, not a value with .data ({said(error)})",
        )
    if not same_forward(got, should):
        return None, f"gives {got!r}, the op table says {should!r}"
    return out, None


def probe(cls: type, wanted: Sequence[Op] = LEARNER_ORDER) -> Forms:
    """Try every form of the ops in ``wanted`` on ``cls``."""
    forms = Forms()
    for op in LEARNER_ORDER:
        if op in wanted:
            for shape in shapes(op):
                _probe_one(cls, op, shape, forms)
    return forms


def _probe_one(cls: type, op: Op, shape: str, forms: Forms) -> None:
    text = form_text(op, shape)
    if not _defines(cls, op, shape) and not (shape == "cv" and op in REFLECTED):
        forms.supported[text] = "lacks it (not checked)"
        return
    _, why = _try(cls, op, shape)
    if why is not None and op is ops.POW_CONST:
        _, whole = _try(cls, op, shape, WHOLE)
        if whole is None:
            forms.whole_exponents = True
            forms.supported[text] = f"ok for int exponents (x ** {FRACTIONAL} {why})"
            forms.working.add((op, shape))
            return
    if why is None:
        forms.supported[text] = "ok"
        forms.working.add((op, shape))
        return
    forms.supported[text] = why
    message = _problem(cls, op, shape, text, why, forms)
    if message is not None:
        forms.problems.append((op, text, message))


def _problem(cls: type, op: Op, shape: str, text: str, why: str, forms: Forms) -> str | None:
    """The message for a form that failed, or None when it is only lacking."""
    name = cls.__name__
    if op is ops.POW:
        # x ** y and 2.0 ** x are advanced; a ** that refuses them is only lacking.
        forms.supported[text] = f"lacks it (not checked): {why}"
        return None
    if shape == "cv" and (op, "vc") not in forms.working:
        forms.supported[text] = f"fails as {form_text(op, 'vc')} does"
        return None
    if shape == "cv" and not _defines(cls, op, shape):
        method_name, line = REFLECTED[op]
        hint = f"{text} raises {why.split(':')[0]}: add {method_name} ({line})"
        if op in (ops.SUB, ops.DIV):
            # Only + and * are a problem: sum() and 2 * w in a neuron need them.
            forms.supported[text] = f"lacks it (not checked): {hint}"
            return None
        return hint
    if "object has no attribute 'data'" in why and why.startswith("AttributeError: '"):
        # Every form a missing wrap breaks gets one message between them (see unwrapped).
        forms.unwrapped.append(text)
        forms.wrap = f"{why}: {WRAP.format(name=name)}"
        return None
    return f"{text} {why}" if why.startswith(("gives", "returns")) else f"{text} raises {why}"


__all__ = ["LEARNER_ORDER", "REFLECTED", "C", "Forms", "X", "Y", "form_text", "probe", "shapes"]
