"""The demo's graph pictures: the neuron, the network views, one example's graph, the player.

Each is an artifact of :mod:`nn.demo`: ``picture(trained, out_dir) -> paths``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from autograd import Value
from autograd.files import write_atomic
from autograd.viz import to_dot
from nn.demo.charts import DPI
from nn.demo.training import BATCH_SIZE, SEED, Trained, batch_loss, neuron
from nn.layers import MLP

#: The hidden biases of the saturated network: tanh(z + 8) is within 5e-7 of 1
#: for any input, so its slope, and every gradient through it, all but vanish.
SATURATING_BIAS = 8.0


def _save_picture(graph: Any, path: Path) -> list[Path]:
    """``graph`` as ``path`` (an .svg) and beside it as a PNG at :data:`DPI`."""
    from autograd.viz.layout.draw import save

    return [save(graph, path, "svg"), save(graph, path.with_suffix(".png"), "png", dpi=DPI)]


def neuron_with_grads() -> Value:
    """:func:`neuron`, backpropagated."""
    o = neuron()
    o.backward()
    return o


def neuron_dot(trained: Trained, out: Path) -> list[Path]:
    """The neuron's graph as DOT text (needs neither the graphviz package nor Graphviz)."""
    dot = out / "neuron.dot"
    write_atomic(dot, (to_dot(neuron_with_grads()) + "\n").encode("utf-8"))
    return [dot]


def neuron_graph(trained: Trained, out: Path) -> list[Path]:
    """The neuron's graph as SVG and PNG."""
    from autograd.viz import draw_graph

    # Top to bottom: 772 px wide, whole at 14.7 px on a page and on a slide
    # (left to right it is 1,387 px, 8.5 px on an 800-px page).
    return _save_picture(draw_graph(neuron_with_grads(), rankdir="TB"), out / "neuron.svg")


#: The network ``example_graph`` draws: the demo's shape, four neurons a layer.
#: Folded, the demo's own 16 + 16 neurons stand 2,000 px tall, which no
#: 1280x720 slide shows at 11 px (its network view, ``network.svg``, is that slide).
EXAMPLE_SIZES = [4, 4, 1]


def example_graph(trained: Trained, out: Path) -> list[Path]:
    """The whole graph of one example's loss with gradient flow: for a slide and for a page.

    One example through ``MLP(2, EXAMPLE_SIZES)`` at its seeded start, about
    100 nodes drawn in full; ``draw_graph`` folds each neuron (weights, bias,
    weighted sum and tanh) into one box titled in words, draws the two
    inputs, and wires each layer through one junction. Left to right
    (``example_graph.svg`` and ``.png``, 1683x621 px) it fits a 1280x720 slide
    whole at 11 px or more; top to bottom (``example_graph_tall.svg``, 637 px
    wide) it reads at full size on an 800-px page, as the README shows it. No
    one drawing does both: the first is 7 px on a page, the second 7 px on a slide.
    """
    from autograd.viz import draw_graph
    from autograd.viz.layout.draw import save

    model = MLP(2, EXAMPLE_SIZES, seed=SEED)
    loss = batch_loss(trained, range(1), model)
    loss.label = "loss"
    loss.backward()
    options: dict[str, Any] = {"flow": True, "collapse": True, "contributions": False}
    slide = _save_picture(draw_graph(loss, rankdir="LR", **options), out / "example_graph.svg")
    page = save(draw_graph(loss, rankdir="TB", **options), out / "example_graph_tall.svg", "svg")
    return [*slide, page]


def saturated() -> MLP:
    """The demo's network untrained, every hidden bias set to :data:`SATURATING_BIAS`."""
    model = MLP(2, [16, 16, 1], seed=SEED)
    hidden = [name for name in model.state_dict() if name.endswith(".b")][:-1]
    model.load_state_dict(dict.fromkeys(hidden, SATURATING_BIAS), strict=False)
    return model


def _network_pictures(trained: Trained) -> list[tuple[str, Any]]:
    """The trained and the saturated network, gradients of the first batch, on one scale."""
    from nn.pictures.draw import draw_network, scale_of
    from nn.pictures.network import network

    models = [("network.svg", trained.model), ("network_saturated.svg", saturated())]
    losses = [batch_loss(trained, range(BATCH_SIZE), m) for _, m in models]
    # One colour scale for both: the pictures compare at a glance.
    scales = [scale_of(network(m, loss=loss)) for (_, m), loss in zip(models, losses, strict=True)]
    scale = (min(s.low for s in scales), max(s.high for s in scales))
    return [
        (name, draw_network(m, trained.X[0], loss=loss, scale=scale))
        for (name, m), loss in zip(models, losses, strict=True)
    ]


def networks(trained: Trained, out: Path) -> list[Path]:
    """The network view of the trained model and of a saturated one, as SVG and PNG."""
    return [
        path for name, g in _network_pictures(trained) for path in _save_picture(g, out / name)
    ]


def neuron_player(trained: Trained, out: Path) -> list[Path]:
    """The neuron's backward pass, one node per frame, as a self-contained HTML player."""
    from autograd.viz import step_through

    path = out / "neuron_player.html"
    step_through(neuron()).save_html(path)
    return [path]
