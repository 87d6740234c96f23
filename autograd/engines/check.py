"""Check a learner's own micrograd-style engine against chainrule: :func:`check_engine`.

First which ops the class has (:mod:`~autograd.engines.forms`); then each op
alone, in the order learners build them, and all together: hypothesis draws
formulas over just those ops, runs each on the learner's class and compares
every input's gradient with chainrule's. A failure is shrunk to a small
formula, run again to see that it reproduces, and explained
(:mod:`~autograd.engines.causes`). Then the extra probes
(:mod:`~autograd.engines.extras`).

>>> class Value:   # a learner's engine whose + assigns its gradients
...     def __init__(self, data, _children=()):
...         self.data, self.grad, self._prev = data, 0.0, set(_children)
...         self._backward = lambda: None
...     def __add__(self, other):
...         other = other if isinstance(other, Value) else Value(other)
...         out = Value(self.data + other.data, (self, other))
...         def _backward():
...             self.grad = out.grad
...             other.grad = out.grad
...         out._backward = _backward
...         return out
...     __radd__ = __add__
...     def backward(self):
...         topo, seen, stack = [], set(), [(self, False)]
...         while stack:
...             v, done = stack.pop()
...             if done:
...                 topo.append(v)
...             elif v not in seen:
...                 seen.add(v)
...                 stack += [(v, True)] + [(c, False) for c in v._prev]
...         self.grad = 1.0
...         for v in reversed(topo):
...             v._backward()
>>> report = check_engine(Value, max_examples=50)
>>> report.ok, report.failures[0].op, report.failures[0].expression
(False, '+', 'x0 + x0')
>>> print(report.failures[0].cause)
x0 is used 2 times but kept one share: use `+=`, not `=`, in `_backward`
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from autograd import ops as table
from autograd.engines import extras
from autograd.engines.forms import LEARNER_ORDER, Forms, X, probe
from autograd.engines.report import EngineReport, Failure
from autograd.engines.stages import stages as _stages
from autograd.kinds import class_name
from autograd.op import Op

#: Names ``ops=`` accepts: the table's, and micrograd's 'ReLU'.
NAMES: dict[str, tuple[Op, ...]] = {}
for _op in LEARNER_ORDER:  # "**" is both x ** c and x ** y
    NAMES[_op.name] = (*NAMES.get(_op.name, ()), _op)
NAMES["ReLU"] = (table.RELU,)


def check_engine(
    value_class: type, *, ops: Iterable[str] | None = None, max_examples: int = 150, seed: int = 0
) -> EngineReport:
    """Check a learner's ``Value`` class: which ops it has, and whether their gradients are right.

    Args:
        value_class: the class (``Value``, not ``Value(1.0)``): ``data``, ``grad``,
            ``_prev`` or ``_children``, ``_backward`` and ``backward()``.
        ops: op names to check (``["+", "*", "tanh"]``); default every op it has.
        max_examples: formulas drawn per stage (each op alone, then all together).
        seed: the formulas drawn; the same seed gives the same report.

    Raises:
        TypeError: ``value_class`` is not such a class.
        ValueError: ``max_examples`` below 1, or an unknown op name in ``ops``.
    """
    name = _validate(value_class, max_examples, seed)
    wanted = _wanted(ops)
    forms = probe(value_class, wanted)
    failures = _form_failures(forms)
    notes: list[str] = []
    has = set(forms.ops())
    basic = {table.ADD, table.MUL} <= has
    stages: dict[str, str] = {}
    if _extra(extras.two_graphs, value_class, failures, notes, basic):
        notes.append("nothing more was checked: each graph would see the graphs before it")
        return EngineReport(name, forms.supported, failures, notes, stages)
    failures += _stages(value_class, forms, wanted, max_examples, seed, stages)
    _extra(extras.diamonds, value_class, failures, notes, basic)
    _extra(extras.long_chain, value_class, failures, notes, table.ADD in has)
    _extra(extras.backward_twice, value_class, failures, notes, basic)
    _extra(extras.relu_at_zero, value_class, failures, notes, table.RELU in has)
    return EngineReport(name, forms.supported, failures, notes, stages)


def assert_engine(value_class: type, **options: Any) -> None:
    """:func:`check_engine`, raising AssertionError whose message is the report, for a pytest file.

    >>> from autograd import Value
    >>> assert_engine(Value, ops=["+", "*"], max_examples=10)
    """
    report = check_engine(value_class, **options)
    if not report.ok:
        raise AssertionError(str(report))


def _form_failures(forms: Forms) -> list[Failure]:
    """One failure per problem form, and one for all the forms a missing wrap breaks."""
    failures = [
        Failure(op.name, text, (), (), (), f"the form {text}", message)
        for op, text, message in forms.problems
    ]
    if forms.unwrapped:
        texts = ", ".join(forms.unwrapped)
        where = "a plain number as an operand, yours or one the class writes (-x as x * -1)"
        failures.insert(0, Failure(None, texts, (), (), (), where, f"they raise {forms.wrap}"))
    return failures


def _validate(value_class: Any, max_examples: Any, seed: Any) -> str:
    if not isinstance(value_class, type):
        if hasattr(value_class, "data"):
            kind = type(value_class).__name__
            raise TypeError(
                f"check_engine() needs your class, not one of its values: pass {kind}, not "
                f"{kind}(...) (got a {class_name(value_class)})"
            )
        raise TypeError(f"check_engine() needs your Value class, got {class_name(value_class)}")
    if isinstance(max_examples, bool) or not isinstance(max_examples, int) or max_examples < 1:
        raise ValueError(f"check_engine() needs max_examples >= 1, got {max_examples!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"check_engine() needs an int seed, got {class_name(seed)}")
    try:
        x = value_class(X)
    except Exception as error:
        raise TypeError(
            f"check_engine() could not make {value_class.__name__}({X}): {error}"
        ) from None
    missing = [a for a in ("data", "grad", "backward") if not hasattr(x, a)]
    if missing:
        raise TypeError(
            f"check_engine() needs a class with data, grad and backward(): "
            f"{class_name(x)} has no {', '.join(missing)}"
        )
    return class_name(x)


def _wanted(names: Iterable[str] | None) -> tuple[Op, ...]:
    if names is None:
        return LEARNER_ORDER
    if isinstance(names, str):
        raise TypeError(f"check_engine() needs ops= as a list of names, like [{names!r}]")
    wanted: list[Op] = []
    for name in names:
        if name not in NAMES:
            known = " ".join(NAMES)
            raise ValueError(
                f"check_engine() got an unknown op {name!r} in ops=; the ops are {known}"
            )
        wanted += NAMES[name]
    if not wanted:
        raise ValueError("check_engine() got ops=[]: name at least one op, or leave ops out")
    return tuple(wanted)


def _extra(probe_: Any, cls: type, failures: list[Failure], notes: list[str], when: bool) -> bool:
    if not when:
        return False
    found, said = probe_(cls)
    failures += found
    notes += said
    return bool(found)
