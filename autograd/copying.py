"""Copying and pickling a Value: the :class:`Copying` base class of ``Value``, and its helpers.

A shallow copy shares the operands; a deep copy copies the whole graph below a
node without recursion (an explicit stack), so a long chain does not overflow
the stack; a leaf pickles as its data, grad and label, and a computed node is
refused with a message saying what to do instead.

>>> import copy, pickle
>>> from autograd import Value
>>> x = Value(2.0, label="x")
>>> y = x * x
>>> y2 = copy.deepcopy(y)
>>> y2.data, y2.parents[0] is y2.parents[1], y2.parents[0] is x
(4.0, True, False)
>>> pickle.loads(pickle.dumps(x)).label
'x'
>>> pickle.dumps(y)
Traceback (most recent call last):
...
TypeError: cannot pickle a Value computed by '*': a graph is not stored; ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # value.py imports this module; at run time a Value is its operands' class
    from autograd.value import Value


def copy_node(node: Value, args: tuple[Value | float, ...]) -> Value:
    """A new node like ``node`` with operands ``args``."""
    out: Value = node.__class__.__new__(node.__class__)
    out.data, out.grad, out.label = node.data, node.grad, node.label
    out._op, out._args = node._op, args
    if node.grad_value is not None:
        out._grad_value = node.grad_value
    return out


def deep_copy(root: Value, memo: dict[int, Any]) -> Value:
    """``copy.deepcopy(root, memo)``: see ``Value.__deepcopy__``."""
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in memo:
            continue
        if not ready:  # first the operands, then (below them on the stack) the node
            stack.append((node, True))
            stack.extend((a, False) for a in node._args if not isinstance(a, float))
            continue
        args = tuple(a if a.__class__ is float else memo[id(a)] for a in node._args)
        memo[id(node)] = out = copy_node(node, args)
        if node.grad_value is not None:  # a graph of its own, copied the same way
            out._grad_value = node.grad_value.__deepcopy__(memo)
    return memo[id(root)]  # type: ignore[no-any-return]


def check_picklable(node: Value) -> None:
    """TypeError if ``node`` is computed: only a leaf pickles (see ``Value.__reduce_ex__``)."""
    if node._args:
        name = f" (Value {node.label!r})" if node.label else ""
        raise TypeError(
            f"cannot pickle a Value computed by {node.op!r}{name}: a graph is not "
            "stored; pickle its .data, copy it with copy.deepcopy, or save a model's "
            "parameters with nn.save or state_dict()"
        )


class Copying:
    """``copy.copy``, ``copy.deepcopy`` and pickling of a Value: a base class of ``Value``.

    No state of its own (empty ``__slots__``); the bodies are the functions
    above. ``cast``: only ``Value`` is built on this class.
    """

    __slots__ = ()

    def __copy__(self) -> Value:
        """A new node with this one's data, grad, label and operands (shared, not copied)."""
        node = cast("Value", self)
        return copy_node(node, node._args)

    def __deepcopy__(self, memo: dict[int, Any]) -> Value:
        """A copy of the whole graph this node depends on, made without recursion.

        ``copy.deepcopy`` would recurse once per operand, and a 1,000-deep chain
        overflows the stack; here an explicit stack copies each node after its
        operands. Nodes already in ``memo`` are shared, so copying a model and
        a graph over its parameters in one call keeps them connected.

        >>> import copy
        >>> from autograd import Value
        >>> x = Value(2.0, label="x")
        >>> y = x
        >>> for _ in range(2000): y = y * 1.0
        >>> x2, y2 = copy.deepcopy([x, y])
        >>> y2.data, x2 is not x, y2.backward(), x2.grad, x.grad
        (2.0, True, None, 1.0, 0.0)
        """
        return deep_copy(cast("Value", self), memo)

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Pickle a leaf as its data, grad and label; refuse a computed node clearly.

        A computed node holds its op, whose rules are functions pickle cannot
        store, and pickling its graph would recurse once per operand.
        """
        check_picklable(cast("Value", self))
        return super().__reduce_ex__(protocol)


__all__ = ["Copying", "check_picklable", "copy_node", "deep_copy"]
