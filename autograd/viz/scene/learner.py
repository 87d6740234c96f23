"""A learner's own graph, checked: the "should be" marks and the legend that explains them.

A drawing of a learner's graph (:mod:`autograd.engines.foreign`) shows the
engine's own data and grads, on chainrule copies of its nodes
(:mod:`autograd.engines.mirror`). :func:`marked` adds what the chain rule
says: each gradient that disagrees with its users' gradients times the
table's local derivatives is flagged as the viz room flags a vanishing
gradient (red border, red "⚠ should be 2.0"), and a legend says what the
mark means and which ops were drawn with their own text, not checked.

>>> from autograd.engines.foreign import read
>>> from autograd.engines.mirror import mirror
>>> from autograd.viz.scene.annotate import plain
>>> class Node:
...     def __init__(self, data, grad, children=(), op=""):
...         self.data, self.grad, self._prev, self._op = data, grad, set(children), op
>>> x = Node(3.0, 3.0)                      # x * x with '=' for '+=': one share
>>> graph = read(Node(9.0, 1.0, (x,), "*"))
>>> copies = mirror(graph)
>>> looks = marked(plain(copies), graph, copies)
>>> looks.node(copies[0]).grad, looks.node(copies[0]).flag, looks.node(copies[1]).flag
('3.0', 'should be 6.0', '')
>>> "should be" in looks.legend
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from autograd.engines.chain import agrees
from autograd.engines.foreign import LearnerGraph
from autograd.text import escape, number
from autograd.value import Value
from autograd.viz.scene import colors
from autograd.viz.scene.annotate import Annotations

#: The flag on a gradient the chain rule disagrees with: "should be 2.0".
SHOULD = "should be {}"


def wrong(graph: LearnerGraph) -> dict[int, float]:
    """Each node whose gradient disagrees with the chain rule, and what it should be."""
    found: dict[int, float] = {}
    for i, (link, should) in enumerate(zip(graph.links, graph.should(), strict=True)):
        if should.value is not None and not agrees(link.grad, should):
            found[i] = should.value
    return found


def marked(
    base: Annotations, graph: LearnerGraph, copies: Sequence[Value], check: bool = True
) -> Annotations:
    """``base`` with each wrong gradient flagged and a legend (see the module docstring).

    With ``check=False`` the drawing is ``base``: the learner's numbers, unmarked.
    """
    if not check:
        return base
    bad = wrong(graph)
    nodes = dict(base.nodes)
    for i, should in bad.items():
        if copies[i] in nodes:  # a folded neuron's weights have no box of their own
            flag = SHOULD.format(number(should))
            nodes[copies[i]] = dataclasses.replace(nodes[copies[i]], flag=flag)
    key = legend(graph, len(bad))
    both = key if not base.legend else _stacked(base.legend, key)
    return Annotations(nodes, base.edges, both, base.grads)


def legend(graph: LearnerGraph, wrong_count: int) -> str:
    """The key: what a red "should be" says, or that all agree, and the ops not checked."""
    red = f'<FONT COLOR="{colors.ALARM}">'
    rows = ["<B>your engine's grads, checked by the chain rule</B>"]
    if wrong_count:
        noun = "grad disagrees" if wrong_count == 1 else "grads disagree"
        rows.append(f"{red}<B>⚠ should be …</B>: {wrong_count} {noun}</FONT>")
        rows.append("should be = Σ over users: user's grad · local derivative")
    else:
        rows.append("every checked grad agrees with the chain rule")
    texts = sorted({graph.texts[i] for i in graph.unchecked()})
    if texts:
        said = ", ".join(f"'{escape(t)}'" for t in texts)
        rows.append(f"not checked: {said} (not in chainrule's table)")
    body = "".join(f'<TR><TD ALIGN="LEFT">{row}</TD></TR>' for row in rows)
    return (
        '<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" COLOR="#888888">'
        f"{body}</TABLE>"
    )


def _stacked(first: str, second: str) -> str:
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4">'
        f"<TR><TD>{first}</TD></TR><TR><TD>{second}</TD></TR></TABLE>"
    )


__all__ = ["SHOULD", "legend", "marked", "wrong"]
