"""Copying and pickling a Value: what its ``__copy__``, ``__deepcopy__`` and pickling do.

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

from typing import TYPE_CHECKING, Any

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


__all__ = ["check_picklable", "copy_node", "deep_copy"]
