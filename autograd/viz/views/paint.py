"""One tagging contract, one painter: a view's colours applied to a tagged SVG, here.

Every picture a front end recolours is tagged alike: each node (a graph's box,
a network's neuron) is a ``<g data-n="key">``, each edge (an operand's edge, a
network's wire) a ``<g data-e="key">``, an op ``data-o``; inside, a box's
background has class ``cr-bg``, its outline ``cr-bd``, and a text the views
rewrite ``cr-d`` (data) or ``cr-t`` (grad). A view says how each is coloured
as a :class:`autograd.viz.views.frames.Paint`; ``stage.js``'s ``paint`` applies it
in the browser, and :func:`paint` here, for the static forms (the lab's and
the playground's snapshots), so both draw the same.

>>> from autograd.viz.views.frames import Paint
>>> svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g data-n="0">'
...        '<polygon class="cr-bg" fill="#fff"/><text class="cr-t">grad</text></g></svg>')
>>> look = Paint(fill="#440154", ink="white", texts={"cr-t": "grad 1.0"})
>>> print(paint(svg, {"0": look}).replace("><", ">\\n<"))
<svg xmlns="http://www.w3.org/2000/svg">
<g data-n="0">
<polygon class="cr-bg" fill="#440154" />
<text class="cr-t" fill="white">grad 1.0</text>
</g>
</svg>
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping

from autograd.viz.views.frames import Paint

SVG_NS = "http://www.w3.org/2000/svg"
_S = f"{{{SVG_NS}}}"
ET.register_namespace("", SVG_NS)


def paint(svg: str, nodes: Mapping[str, Paint], edges: Mapping[str, Paint] | None = None) -> str:
    """``svg`` with its ``data-n`` groups painted as ``nodes`` say, ``data-e`` as ``edges``."""
    root = ET.fromstring(svg)
    for g in root.iter(f"{_S}g"):
        edge = g.get("data-e")
        look = (edges or {}).get(edge) if edge is not None else nodes.get(g.get("data-n", ""))
        if look is not None:
            _paint_group(g, look)
    return ET.tostring(root, encoding="unicode")


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def _paint_group(g: ET.Element, look: Paint) -> None:
    for element in g.iter():
        classes = _classes(element)
        if look.fill and "cr-bg" in classes:
            element.set("fill", look.fill)
        if "cr-bd" in classes:
            if look.stroke:
                element.set("stroke", look.stroke)
            if look.width:
                element.set("stroke-width", f"{look.width:g}")
            if look.dashed:
                element.set("stroke-dasharray", "5,2")
        if element.tag == f"{_S}text":
            for name in classes:
                if name in look.texts:
                    element.text = look.texts[name]
            if look.ink:
                element.set("fill", look.ink)


__all__ = ["SVG_NS", "paint"]
