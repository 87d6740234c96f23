"""``grad``: the gradient of an output with respect to given inputs, as floats or as graphs.

The one public entry to :func:`autograd.backward.gradients` that touches no
``.grad``: it checks its arguments, runs the pass once and picks out the
inputs' gradients (0.0 for an input the output does not depend on). With
``create_graph`` each gradient is a Value whose graph computes it, which is
what :mod:`autograd.higher` differentiates again.

>>> from autograd import Value
>>> a = Value(2.0, label="a")
>>> grad(a * a + a, [a])           # d(a*a + a)/da = 2a + 1
[5.0]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, overload

from autograd.backward import gradients
from autograd.kinds import class_name
from autograd.value import Value


@overload
def grad(output: Value, inputs: Value, *, create_graph: bool = False) -> Any: ...
@overload
def grad(output: Value, inputs: Iterable[Value], *, create_graph: bool = False) -> list[Any]: ...
def grad(output: Value, inputs: Any, *, create_graph: bool = False) -> Any:
    """The gradient of ``output`` with respect to each input, touching no ``.grad``.

    An input that ``output`` does not depend on gets 0.0.

    Args:
        output: the Value to differentiate.
        inputs: the Values to differentiate with respect to; or one Value,
            whose gradient is then returned alone (not in a list).
        create_graph: return each gradient as a Value whose graph computes
            it, so it can be differentiated again (or drawn); floats otherwise.

    Raises:
        TypeError: ``output`` or an input is not a Value.

    >>> from autograd import Value
    >>> x, y, unused = Value(3.0), Value(4.0), Value(1.0)
    >>> grad(x * y, [x, y, unused])
    [4.0, 3.0, 0.0]
    >>> x.grad
    0.0
    >>> (dx,) = grad(x * x * x, [x], create_graph=True)   # 3x**2, as a graph
    >>> dx.data, grad(dx, [x])                            # 6x
    (27.0, [18.0])
    >>> grad(x * y, x)                                    # one Value: one gradient
    4.0
    """
    if not isinstance(output, Value):
        raise TypeError(f"grad() output must be a Value, got {class_name(output)}")
    if isinstance(inputs, Value):
        return grad(output, [inputs], create_graph=create_graph)[0]
    if not isinstance(inputs, Iterable):
        raise TypeError(
            f"grad() inputs must be a Value or an iterable of Values, got {class_name(inputs)}"
        )
    inputs = list(inputs)
    for i, x in enumerate(inputs):
        if not isinstance(x, Value):
            raise TypeError(f"grad() input {i} must be a Value, got {class_name(x)}")
    grads = gradients(output, create_graph=create_graph)
    found = [grads.get(x, 0.0) for x in inputs]
    if create_graph:
        return [g if isinstance(g, Value) else Value(g) for g in found]
    return found


__all__ = ["grad"]
