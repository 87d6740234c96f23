"""A Value's side of backpropagation: ``backward()``, and ``grad_value`` it may leave.

:class:`Differentiable` is a base class of ``Value`` with no state of its own
(empty ``__slots__``); the pass itself is :func:`autograd.backward.backward`.

>>> from autograd import Value
>>> x = Value(0.5)
>>> (x * x).backward()
>>> x.grad, x.grad_value
(1.0, None)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from autograd.backward import backward as _backward
from autograd.kinds import class_name

if TYPE_CHECKING:  # value.py imports this module: the type only, never at run time
    from autograd.value import Value


class Differentiable:
    """``backward()`` and ``grad_value``. ``cast``: only ``Value`` is built on this class."""

    # No state: Value's own slots hold it, and Value stays without a __dict__.
    __slots__ = ()
    _grad_value: Value | None

    @property
    def grad_value(self) -> Value | None:
        """The gradient as a graph, after ``backward(create_graph=True)``; else None.

        ``.grad`` stays the float; this is the Value whose graph computes it,
        so it can be differentiated again or drawn.

        >>> from autograd import Value
        >>> x = Value(3.0)
        >>> (x * x * x).backward(create_graph=True)
        >>> x.grad, x.grad_value.data        # 3x**2
        (27.0, 27.0)
        >>> from autograd import Value
        >>> x.grad_value.backward()          # d(3x**2)/dx = 6x, accumulated into x.grad
        >>> x.grad
        45.0
        """
        # Left unset at creation (a slot costs nothing until written), so the
        # hot path of every op stays as it was.
        return getattr(self, "_grad_value", None)

    @grad_value.setter
    def grad_value(self, value: Value | None) -> None:
        if value is not None and not isinstance(value, Differentiable):
            raise TypeError(f"grad_value must be a Value or None, got {class_name(value)}")
        self._grad_value = value  # type: ignore[misc]  # the slot is Value's

    def backward(self, grad: float = 1.0, *, create_graph: bool = False) -> None:
        """Backpropagate from this node, filling in ``.grad`` of every node it depends on.

        Leaves (nodes with no parents) *accumulate*: their ``.grad`` grows by
        this call's gradient, as in PyTorch, so mini-batches can be summed.
        Every other node's ``.grad`` is *set* to its gradient from this call.
        So calling ``backward()`` twice leaves each leaf with twice the gradient
        and each interior node with the same gradient as after one call.

        Iterative, so graphs of any depth work under the default recursion
        limit. Nothing is written unless the whole pass succeeds.

        Args:
            grad: d(loss)/d(self), the seed; 1.0 when self is the loss.
            create_graph: also build each gradient as a graph, kept in
                ``.grad_value`` (leaves accumulate it too), for higher-order
                derivatives. ``.grad`` stays the float. Those graphs point
                back at the nodes they differentiate (``x.grad_value`` of
                ``x ** 3`` holds ``x``): reference cycles, which only Python's
                cycle collector frees, as with PyTorch. ``autograd.grad(...,
                create_graph=True)`` stores nothing and makes none.

        Raises:
            ZeroDivisionError, OverflowError: a local derivative on the way is
                infinite (sqrt at 0) or too large for a float (1/x at 1e-200),
                where PyTorch gives inf; the message names the op, its
                operands and their labels.

        >>> from autograd import Value
        >>> x = Value(3.0)
        >>> y = x * x
        >>> y.backward(); y.backward()
        >>> x.grad, y.grad
        (12.0, 1.0)
        """
        _backward(cast("Value", self), grad, create_graph=create_graph)


__all__ = ["Differentiable"]
