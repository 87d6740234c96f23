"""A laid-out picture, tagged for the front end: the SVG contract every view shares.

:func:`tag` marks, in the SVG Graphviz drew, what the front end changes, from
the ids the scene gave (``<kind><key>``, and ``-<part>`` where one key has
several elements): each node's box (``data-n``), op (``data-o``) and edges
(``data-e``), by key. A computation graph's key is a node's index (its
edges' key: the node whose step uses them, and ``data-k`` the operand's place
in it); a network's is ``c_k`` for unit
``k`` of column ``c`` and ``c_i_j`` for the wire from unit ``i`` of column
``c`` to unit ``j`` of the next. Inside, a box's background has class
``cr-bg`` and its outline ``cr-bd`` (a rounded box's one path is both), an
edge's path ``cr-bd``, the text each frame rewrites ``cr-t`` (a data cell the
lab also rewrites: ``cr-d``), the chain-rule label of an edge ``cr-x``
(hidden until its step) and a flag ``cr-flag``. :mod:`autograd.viz.views.paint`
and ``stage.js`` paint what these mark. It also drops what only costs bytes:
comments, titles, ids, per-text font names.
How a player's walk is laid out (which drawing, which shape) is
:mod:`autograd.viz.views.walk_layout`.

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

from autograd.viz.layout.drawing import Drawing
from autograd.viz.layout.limits import TIMEOUT
from autograd.viz.scene.dot import DATA, FLAG, LIVE
from autograd.viz.scene.places import CSS_DPI, SMALLEST_PX

SVG_NS = "http://www.w3.org/2000/svg"
_S = f"{{{SVG_NS}}}"
# SVG as the default namespace when the tree is written back (no "ns0:" prefixes).
ET.register_namespace("", SVG_NS)
#: The ids the scene gives what a view changes: n<key>, o<key>, e<key>, c<key>, each
#: with an optional -<part> (an op's edges: e<i>-<k>); a key is numbers joined by _.
_ID = re.compile(r"(?P<kind>[noec])(?P<key>\d+(?:_\d+)*)(?:-(?P<part>\w+))?")
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
        folded: the summary frame's picture where the whole graph does not
            read in a column even at 11 px: one box per neuron (see
            ``walk_layout.folded``); None for none.
    """

    svg: str
    width: float
    height: float
    smallest: float
    legend: str = ""
    shape: tuple[str, bool] = ("TB", False)
    folded: Layout | None = None

    def fit(self, width: float, height: float) -> float:
        """The zoom (at most 1) at which the whole picture fits ``width`` x ``height`` px."""
        return min(1.0, width / (self.width * PX_PER_PT), height / (self.height * PX_PER_PT))


#: CSS pixels per point: 96 px and 72 points to the inch.
PX_PER_PT = CSS_DPI / 72
#: The least zoom a player or a still shows text at: 11-pt text at 11 px.
READABLE = SMALLEST_PX / (11 * PX_PER_PT)


def _pipe(lines: list[str], timeout: float = TIMEOUT) -> str:
    graph = Drawing()
    graph.body.extend(lines)
    return str(graph.pipe(format="svg", encoding="utf-8", timeout=timeout))


def tag(svg: str, title: str = "") -> Layout:
    """Mark, in a Graphviz SVG drawn with ids (see the module docstring), what a view changes.

    ``title``: the picture's title, kept as the root's ``data-title`` for a
    view that shows it in its own heading.
    """
    root = ET.fromstring(svg)  # comments and the DOCTYPE are dropped here
    root.set("font-family", _FONT)
    if title:
        root.set("data-title", title)
    smallest = float("inf")
    for parent in root.iter():
        for element in parent.findall(f"{_S}title"):
            parent.remove(element)
    for g in root.iter(f"{_S}g"):
        found = _ID.fullmatch(g.attrib.pop("id", ""))
        if found is None:
            continue
        kind = found.group("kind")
        if kind in "noe":
            g.set(f"data-{kind}", found.group("key"))
        if kind == "e" and (found.group("part") or "").isdigit():
            g.set("data-k", found.group("part"))  # the operand's place: a frame's lit edge
        for text in g.iter(f"{_S}text"):
            _tag_text(text, in_edge=kind == "e")
        if kind == "n":
            _tag_box(g)
        elif kind == "e":
            for path in g.iter(f"{_S}path"):
                path.set("class", "cr-bd")
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
    (a flag's), and its border (the last unfilled polygon); a rounded box's path both."""
    for path in g.iter(f"{_S}path"):  # under a tooltip's <a>, too
        path.set("class", "cr-bg cr-bd")
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


__all__ = ["PX_PER_PT", "READABLE", "SVG_NS", "Layout", "tag", "unflagged"]
