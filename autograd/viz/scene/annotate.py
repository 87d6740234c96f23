"""What a drawing shows on each node and edge: the pluggable part of drawing.

:func:`autograd.viz.scene.dot.graph_lines` draws the structure of a graph; an
:class:`Annotations` holds, as data made beforehand, what each Value box says
(data, grad, a flag), which boxes are highlighted, and what each edge carries.
:func:`plain` is the ordinary picture, :func:`gradient_flow` colours everything
by |grad| on a log scale, and a view (the step-through player) makes its own,
for instance with ``grad —`` for nodes its backward walk has not reached yet.

>>> from autograd import Value
>>> x = Value(2.0, label="x")
>>> y = x * x
>>> y.backward()
>>> look = plain([x, y]).node(x)
>>> look.data, look.grad
('2.0', '4.0')
>>> flow = gradient_flow([x, y], contributions=True)
>>> flow.edge(y, 0).label        # upstream gradient · local derivative
'1.0 · 2.0 = 2.0'
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from autograd.backward import _local_derivatives
from autograd.reached import reached
from autograd.text import number
from autograd.trace import term
from autograd.value import Value
from autograd.viz.scene import colors
from autograd.viz.scene.keys import NOT_COMPUTED, not_reached, strip, table


@dataclass(frozen=True)
class NodeLook:
    """How one Value box looks.

    Attributes:
        data: text of the data cell, None for no cell.
        grad: text of the grad cell, None for no cell, "—" for a gradient no
            backward pass (or a player's walk, so far) has reached, which is
            not the same as 0, "" for a blank one (the forward player's).
        fill: background colour (``#rrggbb``), "" for none.
        flag: a warning shown in the box ("vanishing"), "" for none.
        highlight: draw the box with a thick orange border.
        data_width, grad_width: the least width, in points, of the data and the
            grad cell (0: fit the text), so a box keeps its size while its text
            changes.
        live: "data" or "grad": the cell a player rewrites from step to step,
            marked in the DOT so that the rendered picture can find it ("" for
            none); "both": the lab's, which rewrites the two.
    """

    data: str | None = None
    grad: str | None = None
    fill: str = ""
    flag: str = ""
    highlight: bool = False
    data_width: float = 0.0
    grad_width: float = 0.0
    live: str = ""


@dataclass(frozen=True)
class EdgeLook:
    """How one edge looks: a label, a colour and a width ("" and 0 for defaults).

    ``xlabel`` is a label placed after the layout, beside the edge, where it
    fits without overlapping anything (Graphviz drops it where it does not):
    it never moves a node.
    """

    label: str = ""
    color: str = ""
    width: float = 0.0
    xlabel: str = ""


NO_EDGE = EdgeLook()


@dataclass(frozen=True)
class Annotations:
    """Per-node and per-edge looks for a drawing: data, all made before drawing.

    The drawing only reads them (it calls nothing back), so whatever decides
    the looks (a view, a player's frame) stays above the scene.

    Attributes:
        nodes: the look of each Value's box.
        edges: the look of the edge for operand ``index`` of ``node`` (into its
            op), by ``(node, index)``, or, for ``index == -1``, of the edge from
            the op to ``node``; a missing one is a plain edge.
        legend: an HTML-like table (DOT markup, already escaped) drawn beside
            the graph, "" for none.
        grads: the gradients the looks show, where they are not the nodes'
            ``.grad`` (a trace's); a folded neuron's box sums up its weights'.
            A node left out has no gradient yet (drawn ``—``).
    """

    nodes: Mapping[Value, NodeLook]
    edges: Mapping[tuple[Value, int], EdgeLook] = field(default_factory=dict)
    legend: str = ""
    grads: Mapping[Value, float] | None = None

    def node(self, v: Value) -> NodeLook:
        """The look of ``v``'s box."""
        return self.nodes[v]

    def edge(self, v: Value, index: int) -> EdgeLook:
        """The look of the edge into ``v``'s op from operand ``index`` (-1: out of it)."""
        return self.edges.get((v, index), NO_EDGE)


def uses(order: Sequence[Value]) -> Iterator[tuple[Value, int]]:
    """Every edge key of a drawing of ``order``: (node, operand index), and (node, -1)."""
    for v in order:
        yield v, -1
        yield from ((v, i) for i in range(len(v._args)))


def plain(
    order: Sequence[Value],
    *,
    show_data: bool = True,
    show_grad: bool = True,
    highlight: Collection[Value] = (),
) -> Annotations:
    """Each box shows data and grad; boxes in ``highlight`` get a thick border.

    A gradient no backward pass has reached reads ``—`` (:mod:`autograd.reached`),
    and the legend says so.
    """
    marked = set(highlight)
    looks = {
        v: NodeLook(
            data=number(v.data) if show_data else None,
            grad=(number(v.grad) if reached(v) else NOT_COMPUTED) if show_grad else None,
            highlight=v in marked,
        )
        for v in order
    }
    unknown = any(look.grad == NOT_COMPUTED for look in looks.values())
    return Annotations(looks, legend=not_reached() if unknown else "")


#: One operand use's chain-rule term: (local derivative, contribution), each
#: None where the local derivative does not exist (sqrt at 0).
Term = tuple[float | None, float | None]
#: Every operand use's term, by (node, operand index).
Terms = Mapping[tuple[Value, int], Term]


def chain_terms(order: Sequence[Value], grads: Mapping[Value, float]) -> Terms:
    """Each operand use's (local derivative, contribution), given every node's gradient."""
    found_terms: dict[tuple[Value, int], Term] = {}
    for v in order:
        if not v._args or v not in grads:  # a leaf, or no gradient yet: no terms
            continue
        try:
            found = _local_derivatives(v, False)
        except (ZeroDivisionError, OverflowError, ValueError):
            found = [(i, a, None) for i, a in enumerate(v._args) if isinstance(a, Value)]
        for i, _, local in found:
            found_terms[v, i] = (local, None if local is None else local * grads[v])
    return found_terms


@dataclass
class _Flow:
    order: Sequence[Value]
    grads: Mapping[Value, float]
    chain: Terms
    show_data: bool
    marked: set[Value]
    vanishing: float
    exploding: float
    contributions: bool
    fixed: object = None

    def __post_init__(self) -> None:
        magnitudes = [self.grads[v] for v in self.order if v in self.grads]
        magnitudes += [c for _, c in self.chain.values() if c is not None]
        self.scale = colors.scale_for(self.fixed, magnitudes)

    def node(self, v: Value) -> NodeLook:
        data = number(v.data) if self.show_data else None
        if v not in self.grads:  # not computed yet: no colour, neither scale nor zero
            return NodeLook(data=data, grad=NOT_COMPUTED, highlight=v in self.marked)
        g = self.grads[v]
        flag = colors.classify(g, self.vanishing, self.exploding)
        return NodeLook(
            data=data,
            grad=number(g),
            fill=self.scale.color(g),
            flag=flag if flag in ("vanishing", "exploding") else "",
            highlight=v in self.marked,
        )

    def edge(self, v: Value, index: int) -> EdgeLook:
        if v not in self.grads:  # nothing known flows along it: a plain edge
            return NO_EDGE
        if index == -1:
            g: float | None = self.grads[v]
            label = ""
        else:
            local, g = self.chain.get((v, index), (None, None))
            label = term(self.grads[v], local, g) if self.contributions else ""
        if g is None:
            return EdgeLook(label=label, color=colors.ALARM, width=1.0)
        flagged = colors.classify(g, self.vanishing, self.exploding) in ("vanishing", "exploding")
        color = colors.ALARM if flagged else self.scale.color(g)
        return EdgeLook(label=label, color=color, width=self.scale.width(g))


def gradient_flow(
    order: Sequence[Value],
    *,
    grads: Mapping[Value, float] | None = None,
    terms: Terms | None = None,
    show_data: bool = True,
    highlight: Collection[Value] = (),
    vanishing: float = colors.VANISHING,
    exploding: float = colors.EXPLODING,
    contributions: bool = True,
    legend: str = "table",
    scale: tuple[float, float] | None = None,
    disagree: bool = False,
) -> Annotations:
    """Boxes and edges coloured and sized by |grad| on a log scale, with a legend.

    Exact zeros are grey; |grad| below ``vanishing`` or above ``exploding`` is
    flagged in red. With ``contributions``, the edge into an op from operand i
    reads ``upstream · local = contribution``: the chain-rule term that operand
    receives from that use.

    Args:
        order: every Value drawn (the scale spans their gradients).
        grads: each node's gradient (default: its ``.grad``, where a backward
            pass has reached it), so that a trace can be drawn without
            touching ``.grad``; a node left out is drawn ``grad —``, uncoloured.
        terms: each operand use's (local, contribution), when the caller has
            them already (default: computed from ``grads``).
        legend: "table" (beside a graph) or "strip" (three short rows, for a caption).
        scale: ``(low, high)``: the |grad| colour scale, fixed (rounded out to
            whole decades), so that several pictures share one; default: the
            decades these gradients span.
        disagree: red also marks a gradient the chain rule disagrees with (a
            learner's engine); the strip legend says so.

    Raises:
        ValueError: thresholds out of order, or a bad ``scale``.
    """
    if not 0 < vanishing < exploding:
        raise ValueError(
            f"need 0 < vanishing < exploding, got vanishing={vanishing!r}, exploding={exploding!r}"
        )
    order = list(order)
    if grads is None:
        grads = {v: v.grad for v in order if reached(v)}
    if terms is None:
        terms = chain_terms(order, grads)
    flow = _Flow(
        order, grads, terms, show_data, set(highlight), vanishing, exploding, contributions, scale
    )
    return Annotations(
        {v: flow.node(v) for v in order},
        {key: flow.edge(*key) for key in uses(order)},
        strip(flow.scale, vanishing, exploding, disagree=disagree)
        if legend == "strip"
        else table(
            flow.scale,
            vanishing,
            exploding,
            contributions=contributions,
            unknown=any(v not in grads for v in order),
        ),
        grads,
    )
