"""How a message names what it got: a class (builtins bare, others by module), an exception.

Every engine written by a learner calls its class ``Value``, as chainrule
does, so "needs a Value, got Value" would explain nothing: a class that is
not a builtin is named with its module, as Python names it in a traceback.

>>> class_name(2.5), class_name([1])
('float', 'list')
>>> from autograd import Value
>>> class_name(Value(1.0))
'autograd.value.Value'
>>> class Value:  # a learner's, in a notebook or a script
...     pass
>>> class_name(Value())
'autograd.kinds.Value'
"""

from __future__ import annotations


def class_name(value: object) -> str:
    """The name of ``value``'s class for a message: ``float``, ``micrograd.engine.Value``."""
    kind = type(value)
    if kind.__module__ == "builtins":
        return kind.__qualname__
    return f"{kind.__module__}.{kind.__qualname__}"


def said(error: BaseException) -> str:
    """An exception in words, its first line: ``"ValueError: math domain error"``.

    >>> said(ZeroDivisionError("float division by zero")), said(KeyError())
    ('ZeroDivisionError: float division by zero', 'KeyError')
    """
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


__all__ = ["class_name", "said"]
