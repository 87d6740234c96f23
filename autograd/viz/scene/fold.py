"""Folding a network into one box per neuron: what a collapsed drawing draws.

A neuron ``tanh(w·x + b)`` is a ``dot`` node whose weights and bias no other
node uses and, usually, a one-operand activation that is the dot's only user.
Folded, the three are one box standing for the activation's output, titled in
words after the parameters' names (``layer 2 · neuron 5: tanh(w·x + b)``). A
network's inputs that are plain floats become input nodes (``x1``, ``x2``),
one per position of each distinct input vector; and the neurons that take the
very same operands (a dense layer) are wired through one junction point, so a
16 → 16 layer has 16 + 16 edges, not 16 · 16.

Only the structure is decided here; :mod:`autograd.viz.scene.wiring` writes it.
Everything is keyed by the Values themselves or by positions in the evaluation
order, never by ``id()``, so a drawing is the same every time.

>>> from autograd import Value, dot
>>> from autograd.trace import forward_steps
>>> w = [Value(0.5, label="layers.0.neurons.1.w.0"), Value(0.25, label="layers.0.neurons.1.w.1")]
>>> b = Value(0.0, label="layers.0.neurons.1.b")
>>> h = dot(w, [2.0, 4.0], bias=b).tanh()
>>> order = forward_steps(h)
>>> folds = fold(order)
>>> folds.neurons[h].title
'layer 1 · neuron 2: tanh(w·x + b)'
>>> [(x.title, x.value) for x in folds.inputs]
[('x1', 2.0), ('x2', 4.0)]
>>> count(order, folds)  # the neuron's box and its two inputs
3
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from autograd import ops
from autograd.names import neuron_of
from autograd.ops import DOT, dot_parts
from autograd.value import Value
from autograd.viz.scene.sizing import count, size

#: Ops whose nodes can stand for a whole neuron when a large graph is collapsed.
NARY = ("dot", "sum")
#: One-operand ops drawn inside their neuron's box when they are its dot's only user.
ACTIVATIONS = ops.ACTIVATIONS


@dataclass(frozen=True, slots=True)
class Input:
    """A float a folded neuron takes as an input: drawn once, as ``x1``, ``x2``...

    Attributes:
        name: the DOT node's name, ``x<i>_<k>``: operand ``k`` of node ``i`` of
            the evaluation order, its first user.
        title: ``x1`` (positions numbered from 1), or ``input 2 · x1`` when
            there are several input vectors.
        value: the float.
    """

    name: str
    title: str
    value: float


#: Where an edge into a folded neuron starts: a drawn Value, or an input node.
Source = Value | Input


@dataclass(frozen=True, slots=True)
class Neuron:
    """One folded neuron: a ``dot`` (or ``sum``) node, its own leaves, maybe its activation.

    Attributes:
        node: the ``dot`` or ``sum`` node.
        out: the Value its box stands for: the activation, or ``node`` itself.
        own: the leaves only ``node`` uses (weights and bias), not drawn.
        title: what it is, in words.
        wired: ``(operand index in node, source)`` for every edge into the box.
    """

    node: Value
    out: Value
    own: tuple[Value, ...]
    title: str
    wired: tuple[tuple[int, Source], ...]


@dataclass(frozen=True, slots=True)
class Bundle:
    """Neurons that take the very same operands, wired through one junction point.

    Attributes:
        name: the junction's DOT node name, ``j<i>`` (``i``: its first neuron's
            node in the evaluation order).
        sources: the shared operands, in operand order.
        neurons: in index order (layer, then neuron number), top to bottom.
        alone: per source, True when these neurons are its only users and it
            appears once among ``sources``: then all the gradient it receives
            flows along its one edge into the junction, and the edge can be
            coloured by it.
    """

    name: str
    sources: tuple[Source, ...]
    neurons: tuple[Neuron, ...]
    alone: tuple[bool, ...]


@dataclass(frozen=True)
class Folds:
    """What a collapsed drawing merges; empty for an ordinary drawing.

    Attributes:
        neurons: each folded neuron, by the Value its box stands for.
        hidden: Values drawn inside a neuron's box, not on their own: its own
            leaves, and its ``dot`` when an activation stands for it.
        inputs: the input nodes, in order of first use.
        bundles: the junctions, in order of their first neuron.
    """

    neurons: Mapping[Value, Neuron] = field(default_factory=dict)
    hidden: frozenset[Value] = frozenset()
    inputs: tuple[Input, ...] = ()
    bundles: tuple[Bundle, ...] = ()

    def bundled(self) -> set[Value]:
        """The boxes (``Neuron.out``) whose edges come from a junction."""
        return {n.out for b in self.bundles for n in b.neurons}


def own_leaves(
    order: Sequence[Value], users: Mapping[Value, set[Value]] | None = None
) -> dict[Value, list[Value]]:
    """For each ``dot``/``sum`` node, the leaf operands (weights, bias) that only it uses.

    Args:
        users: each node's users, when the caller has them already.
    """
    users = _users(order) if users is None else users
    found: dict[Value, list[Value]] = {}
    for v in order:
        if v.op in NARY:
            # dot(w, x, bias=b): only the weights and the bias fold; inputs stay.
            args: Sequence[Value | float] = v._args
            if v._op is DOT:
                weights, _, bias = dot_parts(args)
                args = (*weights, bias) if bias is not None else weights
            leaves = [a for a in args if isinstance(a, Value) and not a._args]
            own = [a for a in dict.fromkeys(leaves) if users[a] == {v}]
            if own:
                found[v] = own
    return found


def _users(order: Sequence[Value]) -> dict[Value, set[Value]]:
    users: dict[Value, set[Value]] = {v: set() for v in order}
    for v in order:
        for a in v._args:
            if isinstance(a, Value):
                users[a].add(v)
    return users


def fold(order: Sequence[Value], names: Mapping[Value, str] | None = None) -> Folds:
    """Fold every neuron of ``order`` (``forward_steps`` of a root); linear in the graph.

    Args:
        names: each node's display name (``node_names``), for a neuron whose
            parameters are not named like ``nn``'s; default: its label or op.
    """
    users = _users(order)
    index = {v: i for i, v in enumerate(order)}
    vectors: dict[tuple[Value | float, ...], tuple[Input, ...]] = {}
    neurons: list[Neuron] = []
    for v, own in own_leaves(order, users).items():
        (user,) = users[v] if len(users[v]) == 1 else (None,)
        out = user if user is not None and user.op in ACTIVATIONS else v
        wired = _wiring(v, set(own), index, vectors)
        name = (names or {}).get(out if out.label else v, v.label or v.op)
        neurons.append(Neuron(v, out, tuple(own), _title(v, out, own, name), wired))
    # Several input vectors (a batch): tell them apart, input 1, input 2...
    inputs = [x for xs in vectors.values() for x in xs]
    if len(vectors) > 1:
        numbered = {
            x: Input(x.name, f"input {n} · {x.title}", x.value)
            for n, xs in enumerate(vectors.values(), 1)
            for x in xs
        }
        inputs = [numbered[x] for x in inputs]
        neurons = [_renamed(n, numbered) for n in neurons]
    hidden = {a for n in neurons for a in n.own} | {n.node for n in neurons if n.out is not n.node}
    return Folds(
        {n.out: n for n in neurons},
        frozenset(hidden),
        tuple(inputs),
        _bundles(neurons, index, users),
    )


def _wiring(
    v: Value,
    own: set[Value],
    index: Mapping[Value, int],
    vectors: dict[tuple[Value | float, ...], tuple[Input, ...]],
) -> tuple[tuple[int, Source], ...]:
    """The edges into a folded node: its Values not folded, and its input floats."""
    args = v._args
    first = len(args) // 2 if v._op is DOT else len(args)  # where a dot's inputs start
    inputs = tuple(args[first : 2 * first]) if v._op is DOT else ()
    if inputs and any(isinstance(a, float) for a in inputs) and inputs not in vectors:
        i = index[v]
        vectors[inputs] = tuple(
            Input(f"x{i}_{first + k}", f"x{k + 1}", a)
            for k, a in enumerate(inputs)
            if isinstance(a, float)
        )
    floats = iter(vectors.get(inputs, ()))
    wired: list[tuple[int, Source]] = []
    for k, a in enumerate(args):
        if isinstance(a, Value):
            if a not in own:
                wired.append((k, a))
        elif first <= k < 2 * first:  # weights and a bias that are floats stay folded
            wired.append((k, next(floats)))
    return tuple(wired)


def _renamed(n: Neuron, numbered: Mapping[Input, Input]) -> Neuron:
    wired = tuple((k, numbered[s] if isinstance(s, Input) else s) for k, s in n.wired)
    return Neuron(n.node, n.out, n.own, n.title, wired)


def _title(v: Value, out: Value, own: Sequence[Value], name: str) -> str:
    """``layer 2 · neuron 5: tanh(w·x + b)``; the numbers count from 1, as a slide does,
    while ``nn``'s dotted names (``layers.1.neurons.4.w.0``) count from 0."""
    what = f"sum of {len(v._args)}" if v.op == "sum" else "w·x + b" if len(v._args) % 2 else "w·x"
    what = what if out is v else f"{out.op}({what})"
    # The components every parameter's name shares, but its own last one (w.0, b).
    parts = [a.label.split(".") for a in own]
    prefix = []
    for column in zip(*(p[:-1] for p in parts), strict=False):
        if len(set(column)) > 1:
            break
        prefix.append(column[0])
    if prefix and prefix[-1] == "w":  # w.0, w.1 without a bias: the neuron is what holds w
        prefix.pop()
    dotted = ".".join(prefix)
    found = neuron_of(dotted)
    if found:
        model, layer, neuron = found
        where = f"layer {layer + 1} · neuron {neuron + 1}"
        dotted = f"{model} {where}" if model else where
    return f"{dotted or name}: {what}"


def _bundles(
    neurons: Sequence[Neuron], index: Mapping[Value, int], users: Mapping[Value, set[Value]]
) -> tuple[Bundle, ...]:
    """A junction for each operand list that two or more neurons share (of two or more)."""
    shared: dict[tuple[Source, ...], list[Neuron]] = {}
    for n in neurons:
        sources = tuple(s for _, s in n.wired)
        if len(sources) > 1:
            shared.setdefault(sources, []).append(n)
    bundles = []
    for sources, group in shared.items():
        if len(group) > 1:
            nodes, uses = {n.node for n in group}, Counter(sources)
            alone = tuple(
                isinstance(s, Value) and users[s] <= nodes and uses[s] == 1 for s in sources
            )
            ordered = tuple(sorted(group, key=_place))
            bundles.append(Bundle(f"j{index[group[0].node]}", sources, ordered, alone))
    return tuple(bundles)


def _place(n: Neuron) -> tuple[int, ...]:
    """A neuron's (layer, neuron) numbers, read off its parameters' names; () when not nn's."""
    found = neuron_of(n.own[0].label or "")
    return found[1:] if found else ()


__all__ = [
    "ACTIVATIONS",
    "NARY",
    "Bundle",
    "Folds",
    "Input",
    "Neuron",
    "count",
    "fold",
    "own_leaves",
    "size",
]
