"""Whether a backward pass has reached a node: "not computed yet" is not zero.

``Value.grad`` is a float 0.0 from creation, as in micrograd, so that code
reading it keeps working; but a gradient no backward pass has computed is
not a gradient of 0.0, and a drawing made before ``backward()`` must not say
``grad 0.0`` (learners of nn-zero-to-hero read it as a zero gradient). A new
node's ``.grad`` is therefore one particular float object, :data:`NOT_REACHED`
(equal to 0.0, so arithmetic and comparisons are unchanged), and a node is
*reached* when its ``.grad`` is any other object. Every gradient a backward
pass writes is a new float (``0.0`` written, or the result of ``+=``), so the
mark costs no memory and no work per node, where a slot written by the walk
would cost a pointer (8 bytes) and a store per node (measured: ``docs/engine.md``).

A node the walk passes under a zero gradient *is* reached (its gradient was
computed: it is 0.0), and so is a leaf that gets nothing: ``backward`` marks
every node it orders. ``v.grad = 0.0`` by hand is a number someone put there,
so it counts as reached; :func:`forget` (and ``zero_grad()``, PyTorch's
``set_to_none=True``) makes a node not reached again. A copy keeps the mark;
pickling keeps only the number (an unpickled leaf is reached).

>>> from autograd import Value
>>> x = Value(2.0)
>>> y = x * x
>>> reached(x), x.grad == 0.0
(False, True)
>>> y.backward()
>>> reached(x), reached(y), x.grad
(True, True, 4.0)
>>> forget(x)
>>> reached(x), x.grad
(False, 0.0)
"""

from __future__ import annotations

from typing import Any

#: The ``.grad`` of a node no backward pass has reached: 0.0, but this object.
#: Made at run time (``float("0")``), so no ``0.0`` literal anywhere is it.
NOT_REACHED: float = float("0")


def reached(node: Any) -> bool:
    """Whether a backward pass (or an assignment) has given ``node`` its ``.grad``.

    Anything with a ``grad`` attribute is asked the same way; a learner's own
    node (whose ``grad = 0`` cannot be told apart) always counts as reached.
    """
    return getattr(node, "grad", None) is not NOT_REACHED


def forget(node: Any) -> None:
    """Make ``node``'s gradient "not computed yet" again (``.grad`` reads 0.0)."""
    node.grad = NOT_REACHED


__all__ = ["NOT_REACHED", "forget", "reached"]
