"""Graph ordering and chain-rule accumulation.

Everything here walks the graph iteratively (explicit stacks), so a chain of
a million ops needs no more recursion depth than a chain of one.

A node whose gradient is exactly 0.0 passes nothing on: each term it would
send is 0 × its local derivative, which adds nothing wherever that derivative
is finite, so its rules are not even called. This is what makes backward
through a ReLU network cheap: a unit that is off for an example cuts off its
whole weighted sum (in the benchmark's MLP step, 72% of the ``dot`` work; the
step went from 203.6M to 174.9M instructions, callgrind). Where the local
derivative is infinite (sqrt at 0) PyTorch would give 0 × inf = NaN; here
that term is 0 and nothing raises. A gradient that is itself a graph
(``create_graph``) is never skipped: its value may be 0 where its derivative
is not.

``backward`` is all or nothing, and safe to call from several threads on
graphs that share leaves: each call writes its gradients while holding one
lock (the pure-Python pass cannot run in parallel under the GIL anyway, and
one acquisition per call costs nothing measurable beside the pass), and if
anything at all is raised before the end, KeyboardInterrupt and MemoryError
included, every ``.grad`` it touched is put back first.

>>> from autograd import Value
>>> a = Value(2.0, label="a")
>>> b = a * a + a          # a is used three times
>>> [n.label or n.op for n in topological_order(b)]
['a', '*', '+']
>>> gradients(b)[a]        # d(a*a + a)/da = 2a + 1
5.0
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from autograd.anomaly import describe, describe_operands, is_finite, site_of
from autograd.mode import ANOMALY, MODE
from autograd.reached import NOT_REACHED
from autograd.reals import as_real

if TYPE_CHECKING:  # backward walks Values without importing their module: value.py imports it
    from autograd.value import Value

# Held by every backward() for as long as it writes .grad (the whole pass on
# the fast path): ``g += x`` is a read, an add and a write, so two threads
# adding into a shared leaf lost updates without it (4 threads x 300 passes
# over 100 shared weights: 2 to 18 weights short per run). One acquisition per
# call: the MLP step's 143M instructions (callgrind) did not move. Reentrant,
# so a backward started inside one in the same thread (a signal handler, say)
# cannot deadlock.
_WRITING = threading.RLock()


def topological_order(root: Value) -> list[Value]:
    """Every node ``root`` depends on, each after all of its parents; ``root`` last.

    Deterministic: the order follows operand order, never object identity.
    """
    order: list[Value] = []
    visited: set[Any] = {root}
    # Depth-first with an explicit stack of (node, iterator over its operands):
    # a node is emitted when its iterator is exhausted, i.e. after every parent.
    # (This form measured 10 ms against 17 ms for (node, expanded) pairs on the
    # 10,800-node MLP step of the benchmark.)
    stack: list[tuple[Value, Iterator[Any]]] = [(root, iter(root._args))]
    visit, push, pop, emit = visited.add, stack.append, stack.pop, order.append
    covered = visited.issuperset
    while stack:
        node, operands = stack[-1]
        for parent in operands:
            # Membership first: most edges lead to a node seen already. The
            # constants (plain floats) go into visited too, so that the scan
            # below can pass over them.
            if parent not in visited:
                visit(parent)
                if parent.__class__ is float:
                    continue
                args = parent._args
                # A node whose operands were all reached already (in a DAG,
                # none of them can still be waiting on the stack) is emitted
                # at once: one scan in C instead of a loop step per edge
                # (41.4M to 29.0M instructions for the walk of the MLP step).
                if args and not covered(args):
                    push((parent, iter(args)))
                    break
                emit(parent)
        else:
            pop()
            emit(node)
    return order


def gradients(root: Value, seed: Any = 1.0, *, create_graph: bool = False) -> dict[Value, Any]:
    """d(root)/d(node) for every node ``root`` depends on, without touching ``.grad``.

    This is the plain path: one rule call per operand, gradients kept in a
    dict. With ``create_graph``, the rules are handed the Value operands
    instead of their floats, so each gradient comes back as a graph of its own.
    Inside ``detect_anomaly`` every contribution is checked.
    """
    order = topological_order(root)
    grads: dict[Value, Any] = {root: seed}
    anomaly = bool(MODE.get() & ANOMALY)
    node = root
    try:
        for node in reversed(order):
            upstream = grads.get(node)
            if upstream is None:  # every user of the node passed nothing on
                grads[node] = upstream = 0.0
            if not node._args or (upstream.__class__ is float and upstream == 0.0):
                continue  # a leaf, or nothing to pass on (see the module docstring)
            for i, parent, local in _local_derivatives(node, create_graph):
                contribution = _times(upstream, local) if create_graph else upstream * local
                if anomaly and not is_finite(contribution):
                    raise FloatingPointError(_anomaly_message(node, i, contribution))
                previous = grads.get(parent)
                grads[parent] = contribution if previous is None else previous + contribution
    except (ZeroDivisionError, OverflowError, ValueError) as error:
        raise _in_backward(error, node) from None
    return grads


def _times(upstream: Any, local: Any) -> Any:
    """upstream * local, skipping a multiplication by exactly 1.0.

    Exact either way; it keeps the graph of a gradient free of ``1.0 * x``
    nodes, which is what a learner sees when drawing it.
    """
    if isinstance(upstream, float) and upstream == 1.0:
        return local
    if isinstance(local, float) and local == 1.0:
        return upstream
    return upstream * local


def _backward_in_place(order: list[Value], seed: float) -> None:
    """The fast path of ``backward``: accumulate straight into ``.grad``.

    The same nodes in the same order as ``gradients``, with the per-operand
    work inlined and no dict: on the benchmark's MLP step (10,800 nodes, 72,000
    edges) this pass took 18 ms where ``gradients`` plus writing ``.grad`` took
    33 ms. The results are equal to rounding: ``dot``'s fast path adds its terms
    pair by pair (w_i, x_i), so a Value used several times in one ``dot`` may
    have its terms summed in another order (tests check 1e-12; with no repeats
    inside a ``dot``, as in an MLP, they are equal exactly). Interior nodes are
    zeroed first, so they end with this call's gradient while leaves
    accumulate; if anything fails, every ``.grad`` is restored.
    """
    saved = [node.grad for node in order]
    node = order[-1]
    try:
        for node in order:
            if node._args:
                node.grad = 0.0
            elif node.grad is NOT_REACHED:
                # A leaf is reached even if nothing reaches it through a zero
                # gradient: 0.0 computed, not "not computed yet".
                node.grad = 0.0
        node.grad += seed  # the root is last in the order
        for node in reversed(order):
            args: tuple[Any, ...] = node._args
            upstream = node.grad
            if not args or upstream == 0.0:
                continue  # a leaf, or nothing to pass on (see the module docstring)
            op: Any = node._op
            if len(args) == 1 and op.variadic is None:
                # Unary ops (tanh, relu, exp, ...) are half of an MLP's nodes: skip
                # building the operand list for them (this pass on the MLP step:
                # 90.9M to 71.0M instructions, callgrind).
                parent = args[0]
                if parent.__class__ is not float:
                    parent.grad += upstream * op.rules[0](parent.data, node.data)
                continue
            if op.accumulate is not None:
                op.accumulate(args, upstream)
                continue
            data = [a if a.__class__ is float else a.data for a in args]
            # zip() without strict=: one rule or local per operand by
            # construction, and strict=True is slow (see autograd.ops, dot).
            if op.variadic is None:
                out = node.data
                for parent, rule in zip(args, op.rules):  # noqa: B905
                    if parent.__class__ is not float:  # constants get no gradient
                        parent.grad += upstream * rule(*data, out)
            else:
                for parent, local in zip(args, op.variadic(data, node.data)):  # noqa: B905
                    if parent.__class__ is not float:
                        parent.grad += upstream * local
    except BaseException as error:
        # Everything, KeyboardInterrupt included: a pass stopped part way must
        # not leave half of the gradients written.
        for restored, grad_before in zip(order, saved, strict=True):
            restored.grad = grad_before
        if isinstance(error, (ZeroDivisionError, OverflowError, ValueError)):
            raise _in_backward(error, node) from None
        raise


def _in_backward(error: Exception, node: Value) -> Exception:
    """The same kind of error, saying which node's backward raised it.

    Raised ``from None``: the message already says everything the rule's own
    error did, so no chained traceback is shown.
    """
    return type(error)(f"backward through {node.op} of {describe_operands(node._args)}: {error}")


def _local_derivatives(node: Value, create_graph: bool) -> list[tuple[int, Value, Any]]:
    """(operand index, parent, d node / d parent) for each Value operand of ``node``."""
    op = node._op
    args = node._args
    if create_graph:
        operands: Any = args
        out: Any = node
    else:
        operands = [a if isinstance(a, float) else a.data for a in args]
        out = node.data
    if op.variadic is not None:  # type: ignore[union-attr]
        locals_ = op.variadic(operands, out)  # type: ignore[union-attr]
        return [(i, a, locals_[i]) for i, a in enumerate(args) if not isinstance(a, float)]
    rules = op.rules  # type: ignore[union-attr]
    # Constant operands (plain floats) get no gradient, and their rule is never
    # called: x ** 2 must not ask for log(x) when x < 0.
    return [
        (i, a, rules[i](*operands, out)) for i, a in enumerate(args) if not isinstance(a, float)
    ]


def _anomaly_message(node: Value, index: int, contribution: Any) -> str:
    value = contribution if isinstance(contribution, float) else contribution.data
    return (
        f"backward of {node.op} gave gradient {value!r} for operand {index} "
        f"({describe(node._args[index])}); operands {describe_operands(node._args)}; "
        f"the {node.op} node was created at {site_of(node)}"
    )


def backward(root: Value, seed: object = 1.0, *, create_graph: bool = False) -> None:
    """Fill ``.grad``: leaves accumulate, interior nodes are set (see ``Value.backward``)."""
    start = as_real(seed, "backward(grad=...)")
    anomaly = MODE.get() & ANOMALY
    if not (anomaly or create_graph):
        order = topological_order(root)
        with _WRITING:
            _backward_in_place(order, start)
        return
    if anomaly and not is_finite(start):
        raise FloatingPointError(f"backward seed is {start!r}")
    grads = gradients(root, start, create_graph=create_graph)
    with _WRITING:
        saved = [(node, node.grad, node.grad_value) for node in grads]
        try:
            _write(grads, create_graph)
        except BaseException:
            for node, grad_before, value_before in saved:
                node.grad, node.grad_value = grad_before, value_before
            raise


def _write(grads: dict[Value, Any], create_graph: bool) -> None:
    """Set (interior) or accumulate (leaf) each node's ``.grad`` from ``gradients``."""
    for node, g in grads.items():
        if create_graph:
            _store_grad_value(node, g)
        value = g if isinstance(g, (int, float)) else g.data
        if node._args:
            node.grad = value
        else:
            node.grad += value


def _store_grad_value(node: Value, g: Any) -> None:
    """Set (interior) or accumulate (leaf) the gradient graph, mirroring ``.grad``."""
    new = type(node)(g) if isinstance(g, (int, float)) else g  # a Value of the node's own class
    if node._args:
        node.grad_value = new
        return
    before = node.grad_value
    if before is None and node.grad != 0.0:
        before = type(node)(node.grad)  # a gradient accumulated earlier as a float
    node.grad_value = new if before is None else before + new
