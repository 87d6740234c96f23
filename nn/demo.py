"""The demo behind ``make demo``: one neuron backpropagated, then a network trained.

First it prints every node of one neuron, ``o = tanh(x1*w1 + x2*w2 + b)``, with
its data and gradient. Then it trains ``MLP(2, [16, 16, 1])`` on two moons with
a progress bar, prints the final loss and accuracy, and writes one file per
*artifact*: a small function ``artifact(trained, out_dir) -> path`` listed in
:data:`ARTIFACTS` with the optional parts it needs (:mod:`nn.optional`), so
adding an output is adding one function to that list.

Nothing optional is required: without tqdm it trains without a bar, and an
artifact whose parts are missing is skipped; each missing part is then named
once, with what it kept from being made and the line that installs it.

Seeded: every run gives the same numbers and pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograd import Value
from autograd.files import write_atomic
from autograd.trace import node_names
from autograd.viz import to_dot
from autograd.viz.dot import number
from nn.data import make_moons
from nn.demo_charts import DPI, decision_boundary, loss_curve, save_figure
from nn.layers import MLP
from nn.losses import binary_cross_entropy_with_logits
from nn.optim import Adam
from nn.optional import DOT, GRAPHVIZ, MATPLOTLIB, PARTS, TQDM, Part
from nn.train import History, evaluate, fit

# The training budget: 100 points, mini-batches of 20, 40 epochs of Adam
# (200 steps). About 6 s here, and 100% training accuracy by epoch ~20.
SAMPLES, NOISE, SEED = 100, 0.1, 0
BATCH_SIZE, EPOCHS, LR = 20, 40, 0.02


def neuron() -> Value:
    """o = tanh(x1*w1 + x2*w2 + b) with the classic teaching numbers."""
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


def show_neuron(echo: Callable[[str], None] = print) -> Value:
    """Backpropagate :func:`neuron` and print every node's data and grad; return the output.

    >>> o = show_neuron()  # doctest: +NORMALIZE_WHITESPACE
    o = tanh(x1*w1 + x2*w2 + b), backpropagated:
      node   op           data       grad
      x1     leaf          2.0       -1.5
      w1     leaf         -3.0        1.0
      x2     leaf          0.0        0.5
      w2     leaf          1.0        0.0
      b      leaf      6.88137        0.5
      mul1   *            -6.0        0.5
      mul2   *             0.0        0.5
      add1   +            -6.0        0.5
      n      +        0.881374        0.5
      o      tanh     0.707107        1.0
    """
    o = neuron()
    o.backward()
    echo("o = tanh(x1*w1 + x2*w2 + b), backpropagated:")
    echo(f"  {'node':<6} {'op':<6} {'data':>10} {'grad':>10}")
    names = node_names(o)  # the names the player and the drawings use, in evaluation order
    for v, name in names.items():
        echo(f"  {name:<6} {v.op or 'leaf':<6} {number(v.data):>10} {number(v.grad):>10}")
    return o


@dataclass
class Trained:
    """What the artifacts draw from: the model, its data, and how training went."""

    model: MLP
    X: list[list[float]]
    y: list[int]
    history: History
    loss: float
    accuracy: float


def train(progress: bool = True) -> Trained:
    """Train the demo network on two moons (seeded) and evaluate it on its training set."""
    X, y = make_moons(SAMPLES, noise=NOISE, seed=SEED)
    model = MLP(2, [16, 16, 1], seed=SEED)
    loss = binary_cross_entropy_with_logits
    history = fit(
        model,
        X,
        y,
        loss=loss,
        optimizer=Adam(model.parameters(), lr=LR),
        epochs=EPOCHS,
        batch_size=BATCH_SIZE,
        progress=progress,
    )
    final_loss, accuracy = evaluate(model, X, y, loss)
    return Trained(model, X, y, history, final_loss, accuracy or 0.0)


# -- artifacts: one function per picture ----------------------------------------

#: The hidden biases of the saturated network: tanh(z + 8) is within 5e-7 of 1
#: for any input, so its slope, and every gradient through it, all but vanish.
SATURATING_BIAS = 8.0


def _save_picture(graph: Any, path: Path) -> list[Path]:
    """``graph`` as ``path`` (an .svg) and beside it as a PNG at :data:`DPI`."""
    from autograd.viz.render import save

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


def batch_loss(trained: Trained, rows: range, model: MLP | None = None) -> Value:
    """The loss of ``model`` (default: the trained one) over ``rows``, as a fresh graph."""
    model = trained.model if model is None else model
    return binary_cross_entropy_with_logits(
        [model(trained.X[i]) for i in rows], [trained.y[i] for i in rows]
    )


def grad_flow(trained: Trained, out: Path) -> list[Path]:
    """|grad| per layer of the trained model on the full batch, as a PNG."""
    from autograd.viz import plot_grad_flow

    trained.model.zero_grad()
    batch_loss(trained, range(len(trained.X))).backward()
    figure = plot_grad_flow(trained.model)
    figure.axes[0].set_title("|grad| per layer after training (full batch)")
    return save_figure(figure, out / "grad_flow.png")


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
    from autograd.viz.render import save

    model = MLP(2, EXAMPLE_SIZES, seed=SEED)
    loss = batch_loss(trained, range(1), model)
    loss.label = "loss"
    loss.backward()
    options: dict[str, Any] = {"flow": True, "collapse": True, "contributions": False}
    slide = _save_picture(draw_graph(loss, **options), out / "example_graph.svg")
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


Artifact = Callable[[Trained, Path], list[Path]]
#: Graphviz, to lay out and render a picture: the Python package and its ``dot``.
_GRAPHVIZ = (GRAPHVIZ, DOT)

#: (what it shows, the function that writes it, the optional parts it needs),
#: in the order they are written.
ARTIFACTS: list[tuple[str, Artifact, tuple[Part, ...]]] = [
    ("the neuron's graph as DOT text", neuron_dot, ()),
    ("the neuron's graph: SVG, PNG", neuron_graph, _GRAPHVIZ),
    ("loss and accuracy per epoch", loss_curve, (MATPLOTLIB,)),
    ("decision boundary over the data", decision_boundary, (MATPLOTLIB,)),
    ("|grad| per layer, median and range", grad_flow, (MATPLOTLIB,)),
    ("the network, trained and saturated, gradients of one batch", networks, _GRAPHVIZ),
    ("one example's loss graph, gradient flow", example_graph, _GRAPHVIZ),
    ("step through the neuron's backward pass, in a browser", neuron_player, _GRAPHVIZ),
]


@dataclass
class Outcome:
    """What :func:`run` did: the files written and, per missing part, what it skipped."""

    files: list[Path]
    skipped: dict[Part, list[str]]

    @property
    def complete(self) -> bool:
        """Whether every optional part was there: nothing skipped, the bar drawn."""
        return not self.skipped

    def messages(self) -> list[str]:
        """One line per missing part: what it kept from being made, and how to install it.

        >>> Outcome([], {TQDM: ["the progress bar"]}).messages()
        ["tqdm is missing, so skipped: the progress bar; pip install 'chainrule[nn]'"]
        """
        return [
            f"{part.name} is missing, so skipped: {'; '.join(skipped)}; {part.install}"
            for part, skipped in self.skipped.items()
        ]


def run(
    out_dir: str | Path = "out", *, echo: Callable[[str], None] = print, progress: bool = True
) -> Outcome:
    """Show the neuron, train the network, write every artifact whose parts are installed.

    ``out_dir`` is created if missing. The missing parts are in the returned
    :class:`Outcome`, to report with :meth:`Outcome.messages`.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    missing = {part for part in PARTS if not part.present()}
    bar = progress and TQDM not in missing
    skipped = {TQDM: ["the progress bar"]} if progress and not bar else {}
    show_neuron(echo)
    echo("")
    echo(f"Training MLP(2, [16, 16, 1]) on {SAMPLES} two-moons points ({EPOCHS} epochs):")
    trained = train(bar)
    hits = round(trained.accuracy * len(trained.X))
    echo(
        f"final loss {trained.loss:.4f}, training accuracy {trained.accuracy:.1%} "
        f"({hits}/{len(trained.X)})"
    )
    files = _write_artifacts(trained, out, missing, skipped, echo)
    return Outcome(files, {part: skipped[part] for part in PARTS if part in skipped})


def _write_artifacts(
    trained: Trained,
    out: Path,
    missing: set[Part],
    skipped: dict[Part, list[str]],
    echo: Callable[[str], None],
) -> list[Path]:
    """Write every artifact whose parts are all present; add the others to ``skipped``."""
    files = []
    for what, artifact, needs in ARTIFACTS:
        absent = [part for part in needs if part in missing]
        for part in absent:
            skipped.setdefault(part, []).append(what)
        if not absent:
            paths = artifact(trained, out)
            echo(f"wrote {', '.join(map(str, paths))}  ({what})")
            files += paths
    return files


__all__ = [
    "ARTIFACTS",
    "Artifact",
    "Outcome",
    "Trained",
    "batch_loss",
    "decision_boundary",
    "example_graph",
    "grad_flow",
    "loss_curve",
    "networks",
    "neuron",
    "neuron_dot",
    "neuron_graph",
    "neuron_player",
    "run",
    "saturated",
    "show_neuron",
    "train",
]
