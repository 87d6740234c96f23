"""Drawing computation graphs. ``to_dot`` is pure text and needs no Graphviz.

``draw_graph`` returns a ``Drawing`` (the ``viz`` extra): a ``graphviz.Digraph``
(its ``.digraph``) laid out by the chosen backend (``backends``), shown as SVG
in Jupyter; ``plot_grad_flow`` is a matplotlib chart of per-layer gradients
(the ``nn`` extra). Both import their library only when called.

``step_through`` is one pipeline: one trace of the steps (``steps.walk``, with
``captions``), frames as data, one layout (``layout``: DOT from ``dot``, laid
out once by Graphviz, tagged), then the page (``player_page``, with the front
end ``player.js`` and ``player.css`` shipped beside it).

``lab(f, x=...)`` is a live widget (anywidget, imported when called): drag the
inputs and watch the graph's values and gradients change (:mod:`live`, the
front end ``lab.js``).

>>> from autograd import Value
>>> to_dot(Value(1.0)).startswith("digraph {")
True
"""

from autograd.viz.dot import to_dot
from autograd.viz.drawing import Drawing
from autograd.viz.flow import grad_flow_summary, plot_grad_flow
from autograd.viz.lab_door import lab
from autograd.viz.limits import GraphvizNotFound, GraphvizTimeout
from autograd.viz.player import Stepper, step_through
from autograd.viz.render import draw_graph

__all__ = [
    "Drawing",
    "GraphvizNotFound",
    "GraphvizTimeout",
    "Stepper",
    "draw_graph",
    "grad_flow_summary",
    "lab",
    "plot_grad_flow",
    "step_through",
    "to_dot",
]
