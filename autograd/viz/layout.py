"""One layout per player: the graph rendered once by Graphviz, then tagged for the front end.

Every frame of a player is applied to this one picture, so nothing moves from
step to step. The picture is the walk's last frame (for a backward walk, the
summary: every gradient coloured by |grad|), with every cell as wide as its
longest text in any frame. :func:`tag` then marks, in the SVG itself, what the
front end changes: each node's box (``data-n``), op (``data-o``) and edges
(``data-e``, the index of the node whose step uses them), the text each frame
rewrites (class ``cr-t``; a data cell the lab also rewrites: ``cr-d``), the
chain-rule label of an edge (class ``cr-x``, hidden until its step) and a flag
(``cr-flag``). The colour legend is a picture of its own.
It also drops what only costs bytes: comments, titles, per-text font names.

>>> svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10">'
...        '<g id="n3" class="node"><title>v3</title>'
...        '<text font-family="Helvetica,sans-Serif" font-size="11.00">grad\\u200b 1.0</text>'
...        '</g></svg>')
>>> print(tag(svg).svg.replace("><", ">\\n<"))
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10" font-family="Helvetica,sans-Serif">
<g class="node" data-n="3">
<text font-size="11.00" class="cr-t">grad 1.0</text>
</g>
</svg>
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from autograd.viz.annotate import Annotations
from autograd.viz.charts import CSS_DPI, SMALLEST_PX
from autograd.viz.dot import DATA, FLAG, FONT, LIVE, SMALL, emit
from autograd.viz.drawing import Drawing
from autograd.viz.limits import TIMEOUT
from autograd.viz.steps import Walk

SVG_NS = "http://www.w3.org/2000/svg"
_S = f"{{{SVG_NS}}}"
# SVG as the default namespace when the tree is written back (no "ns0:" prefixes).
ET.register_namespace("", SVG_NS)
#: Graphviz's ids for what the DOT marked: n<i>, o<i>, e<i>_<k>, c<i>_<k>.
_ID = re.compile(r"(?P<kind>[noec])(?P<node>\d+)(?:_\w+)?")
#: The font Graphviz writes on every text; set once on the root instead.
_FONT = "Helvetica,sans-Serif"


@dataclass(frozen=True)
class Layout:
    """A tagged SVG and the figures the front end sizes it by.

    Attributes:
        svg: the SVG document (no XML prologue), as text.
        width, height: its size in points (Graphviz's units: 1 pt = 4/3 px).
        smallest: the smallest font size in it, in points.
        legend: the colour legend as an SVG document of its own ("" for none).
        shape: how it was drawn: (rankdir, stacked), see :func:`shapes`.
    """

    svg: str
    width: float
    height: float
    smallest: float
    legend: str = ""
    shape: tuple[str, bool] = ("TB", False)

    def fit(self, width: float, height: float) -> float:
        """The zoom (at most 1) at which the whole picture fits ``width`` x ``height`` px."""
        return min(1.0, width / (self.width * PX_PER_PT), height / (self.height * PX_PER_PT))


#: CSS pixels per point: 96 px and 72 points to the inch.
PX_PER_PT = CSS_DPI / 72
#: The least zoom a player or a still shows text at: 11-pt text at 11 px.
READABLE = SMALLEST_PX / (11 * PX_PER_PT)
#: The stages a layout is chosen for, in CSS pixels: the narrowest column a
#: player is shown in (a standalone page's 800 px, less the stage's border; a
#: notebook's in JupyterLab at 1280x800 with the file browser open is 828 px)
#: at the tallest its stage grows to (560 px, player.js), then a 1280x720 slide.
STAGES = ((798.0, 560.0), (1280.0, 720.0))
#: Graphs up to this many nodes are laid out every way that may fit, and the
#: best one kept; a larger one never fits whole at a readable size.
SMALL_GRAPH = 40
#: The space between ranks of a player's picture, in inches.
RANKSEP = 0.15


def shapes(w: Walk, rankdir: str | None = None) -> list[tuple[str, bool]]:
    """The (rankdir, stacked) drawings worth trying for ``w``, the default first.

    A small graph is tried top to bottom and left to right, with each box's
    name, data and grad side by side or stacked (half as wide); a large one is
    drawn left to right, side by side, where a neuron's weights stack in a
    column beside its op and can be seen at once. ``rankdir`` fixes the direction.

    >>> from autograd import Value
    >>> from autograd.viz.steps import walk
    >>> shapes(walk(Value(1.0) * 2.0))
    [('TB', False), ('TB', True), ('LR', False), ('LR', True)]
    >>> shapes(walk(Value(1.0) * 2.0), "LR")
    [('LR', False), ('LR', True)]
    """
    small = len(w.order) <= SMALL_GRAPH
    directions = [rankdir] if rankdir else ["TB", "LR"] if small else ["LR"]
    return [(d, stacked) for d in directions for stacked in ((False, True) if small else (False,))]


def best(drawn: list[Layout]) -> Layout:
    """The drawing to keep: the rule by which a player's picture fits where it is shown.

    First one readable whole in the column of :data:`STAGES` (every text at
    11 px or more, nothing cut off), then the one shown largest there, then
    on a slide; ties go to the first tried. A graph none of whose drawings is
    readable whole is followed step by step, and shown whole at 11 px in a
    stage that scrolls sideways (the player says so).
    """
    column = STAGES[0]
    return max(
        drawn,
        key=lambda d: (d.fit(*column) >= READABLE, *(d.fit(*stage) for stage in STAGES)),
    )


def render(
    w: Walk,
    *,
    rankdir: str | None = None,
    timeout: float = TIMEOUT,
    look: Annotations | None = None,
) -> Layout:
    """Lay ``w``'s graph out with Graphviz and tag it (see the module docstring).

    ``look``: what the picture shows, default ``w.annotations()`` (the player's).

    Each of :func:`shapes` is laid out with the boxes of ``w.geometry()``
    (the same for the forward and the backward walk of one graph, so that
    the two players share a layout) and :func:`best` keeps one (a few tens
    of milliseconds each, for graphs of up to ``SMALL_GRAPH`` nodes); it is
    then drawn with ``look``, edge labels and all, which moves no node.

    Raises:
        GraphvizNotFound: Graphviz's ``dot`` is not installed.
        GraphvizTimeout: one run of ``dot`` took longer than ``timeout`` seconds.
    """
    shape = best(drawings(w, rankdir=rankdir, timeout=timeout, look=w.geometry())).shape
    layout = drawings(w, shape=shape, timeout=timeout, look=look)[0]
    legend = w.legend()
    if not legend:
        return layout
    markup = (
        f"\tnode [fontname={FONT} fontsize={SMALL}]\n\tlegend [shape=plain label=<{legend}>]\n"
    )
    return dataclasses.replace(layout, legend=tag(_pipe([markup], timeout)).svg)


def drawings(
    w: Walk,
    *,
    rankdir: str | None = None,
    timeout: float = TIMEOUT,
    look: Annotations | None = None,
    shape: tuple[str, bool] | None = None,
) -> list[Layout]:
    """Every one of :func:`shapes` (or only ``shape``) laid out, without a legend."""
    drawn = []
    for rd, stacked in [shape] if shape else shapes(w, rankdir):
        lines = emit(
            w.order,
            w.names,
            look or w.annotations(),
            rankdir=rd,
            ids=True,
            groups=True,
            stacked=stacked,
        )
        # Ranks closer than a still picture's (a later graph attribute wins):
        # a 15-node MLP then fits an 800-px column whole at 11 px.
        lines.append(f"\tranksep={RANKSEP}\n")
        drawn.append(dataclasses.replace(tag(_pipe(lines, timeout)), shape=(rd, stacked)))
    return drawn


def _pipe(lines: list[str], timeout: float = TIMEOUT) -> str:
    graph = Drawing()
    graph.body.extend(lines)
    return str(graph.pipe(format="svg", encoding="utf-8", timeout=timeout))


def tag(svg: str) -> Layout:
    """Mark, in a Graphviz SVG drawn with ``emit(..., ids=True)``, what a player changes."""
    root = ET.fromstring(svg)  # comments and the DOCTYPE are dropped here
    root.set("font-family", _FONT)
    smallest = float("inf")
    for parent in root.iter():
        for title in parent.findall(f"{_S}title"):
            parent.remove(title)
    for g in root.iter(f"{_S}g"):
        found = _ID.fullmatch(g.attrib.pop("id", ""))
        if found is None:
            continue
        kind = found.group("kind")
        if kind in "noe":
            g.set(f"data-{kind}", found.group("node"))
        for text in g.iter(f"{_S}text"):
            _tag_text(text, in_edge=kind == "e")
        if kind == "n":
            _tag_box(g)
    for text in root.iter(f"{_S}text"):
        if text.get("font-family") == _FONT:
            del text.attrib["font-family"]
        smallest = min(smallest, float(text.get("font-size", "14")))
    for element in root.iter():
        element.attrib.pop("id", None)
    _, _, width, height = (float(n) for n in root.get("viewBox", "0 0 0 0").split())
    return Layout(ET.tostring(root, encoding="unicode"), width, height, smallest)


def unflagged(layout: Layout) -> Layout:
    """``layout`` without chain-rule labels, flags blanked, borders black: a forward player's.

    It keeps the room of the backward player's labels and flags (see
    ``Walk.geometry``), but going forward no gradient is known.
    """
    root = ET.fromstring(layout.svg)
    for parent in root.iter():
        for text in parent.findall(f"{_S}text[@class='cr-x']"):
            parent.remove(text)
    for element in root.iter():
        kind = element.get("class")
        if kind == "cr-flag":
            element.text = ""
        elif kind == "cr-bd":
            element.set("stroke", "black")
            element.set("stroke-width", "1")
    return dataclasses.replace(layout, svg=ET.tostring(root, encoding="unicode"))


def _tag_box(g: ET.Element) -> None:
    """The box's background (the first filled polygon), any other cell's background
    (a flag's), and its border (the last unfilled polygon)."""
    polygons = g.findall(f"{_S}polygon")
    filled = [p for p in polygons if p.get("fill") != "none"]
    for k, polygon in enumerate(filled):
        polygon.set("class", "cr-flagbg" if k else "cr-bg")
    borders = [p for p in polygons if p.get("fill") == "none"]
    if borders:
        borders[-1].set("class", "cr-bd")


def _tag_text(text: ET.Element, *, in_edge: bool) -> None:
    content = text.text or ""
    if in_edge:  # the only text on an edge is its chain-rule label
        text.set("class", "cr-x")
        text.set("visibility", "hidden")
    elif LIVE in content:
        text.text = content.replace(LIVE, "")
        text.set("class", "cr-t")
    elif DATA in content:
        text.text = content.replace(DATA, "")
        text.set("class", "cr-d")
    elif FLAG in content:
        text.text = content.replace(FLAG, "")
        text.set("class", "cr-flag")


__all__ = ["READABLE", "STAGES", "Layout", "best", "render", "shapes", "tag", "unflagged"]
