"""Drawing computation graphs. ``to_dot`` is pure text and needs no Graphviz.

Four layers, each a folder, each importing only those before it: ``scene``
(what a picture says, as data and DOT text), ``layout`` (the one place a scene
becomes geometry), ``views`` (Python state as named JSON frames) and ``web``
(the front ends' ES modules, package data).

``draw_graph`` returns a ``Drawing`` (the ``viz`` extra): a ``graphviz.Digraph``
(its ``.digraph``) laid out by the chosen backend (``backends``), shown as SVG
in Jupyter; ``plot_grad_flow`` is a matplotlib chart of per-layer gradients
(the ``nn`` extra). Both import their library only when called.

``step_through`` is one pipeline: one trace of the steps (``views.steps.walk``,
with ``scene.captions``), frames as data, one layout (``views.walk_layout``:
DOT from ``scene.dot``, laid out once by Graphviz, tagged by ``layout.svg``),
then the page (``views.player_page``, with the front end ``web/player.js`` and
``web/player.css``).

``lab(f, x=...)`` is a live widget (anywidget, imported when called): drag the
inputs and watch the graph's values and gradients change
(:mod:`autograd.viz.views.lab_widget`, the front end ``web/lab.js``).

``colors`` (:mod:`autograd.viz.scene.colors`) and ``backends``
(:mod:`autograd.viz.layout.backends`) stay reachable here by their old names.

>>> from autograd import Value
>>> to_dot(Value(1.0)).startswith("digraph {")
True
>>> len(colors.CLASS_COLORS), callable(backends.use)
(2, True)
"""

from autograd.viz.layout import backends
from autograd.viz.layout.draw import draw_graph
from autograd.viz.layout.drawing import Drawing
from autograd.viz.layout.limits import GraphvizNotFound, GraphvizTimeout
from autograd.viz.scene import colors
from autograd.viz.scene.dot import to_dot
from autograd.viz.views.flow import grad_flow_summary, plot_grad_flow
from autograd.viz.views.lab_door import lab
from autograd.viz.views.player import Stepper, step_through

__all__ = [
    "Drawing",
    "GraphvizNotFound",
    "GraphvizTimeout",
    "Stepper",
    "backends",
    "colors",
    "draw_graph",
    "grad_flow_summary",
    "lab",
    "plot_grad_flow",
    "step_through",
    "to_dot",
]
