"""The demo behind ``make demo``: one neuron backpropagated, then a network trained.

First it prints every node of one neuron, ``o = tanh(x1*w1 + x2*w2 + b)``, with
its data and gradient. Then it trains ``MLP(2, [16, 16, 1])`` on two moons with
a progress bar, prints the final loss and accuracy, and writes one file per
*artifact*: a small function ``artifact(trained, out_dir) -> path`` listed in
:data:`ARTIFACTS`, so adding an output is adding one function to that list.

Seeded: every run gives the same numbers and pictures.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograd import Value, no_grad
from autograd.files import write_atomic
from autograd.trace import node_names
from autograd.viz import to_dot
from autograd.viz.dot import number
from nn.data import make_moons
from nn.layers import MLP
from nn.losses import binary_cross_entropy_with_logits
from nn.optim import Adam
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

#: Every PNG is drawn at twice a screen's resolution (Graphviz and matplotlib both
#: draw 1 inch as 96 px at 1x), so a slide stays sharp on a projector or retina screen.
DPI = 192
#: The hidden biases of the saturated network: tanh(z + 8) is within 5e-7 of 1
#: for any input, so its slope, and every gradient through it, all but vanish.
SATURATING_BIAS = 8.0


def _save_figure(figure: Any, path: Path) -> list[Path]:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=path.suffix[1:], dpi=DPI, bbox_inches="tight")
    write_atomic(path, buffer.getvalue())
    return [path]


def _save_picture(graph: Any, path: Path) -> list[Path]:
    """``graph`` as ``path`` (an .svg) and beside it as a PNG at :data:`DPI`."""
    from autograd.viz.render import save

    return [save(graph, path, "svg"), save(graph, path.with_suffix(".png"), "png", dpi=DPI)]


def neuron_with_grads() -> Value:
    """:func:`neuron`, backpropagated."""
    o = neuron()
    o.backward()
    return o


def neuron_graph(trained: Trained, out: Path) -> list[Path]:
    """The neuron's graph as DOT text, SVG and PNG."""
    from autograd.viz import draw_graph

    o = neuron_with_grads()
    dot = out / "neuron.dot"
    write_atomic(dot, (to_dot(o) + "\n").encode("utf-8"))
    return [dot, *_save_picture(draw_graph(o), out / "neuron.svg")]


def loss_curve(trained: Trained, out: Path) -> list[Path]:
    """Loss (log scale) and accuracy per epoch, as a PNG."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 4.0))
    axes = figure.add_subplot()
    epochs = range(1, trained.history.epochs + 1)
    axes.plot(epochs, trained.history.loss, color="tab:blue", label="loss")
    axes.set(xlabel="epoch", ylabel="mean loss (log scale)", yscale="log")
    axes.set_title("Training on two moons: MLP(2, [16, 16, 1]), Adam")
    twin = axes.twinx()
    twin.plot(epochs, trained.history.accuracy, color="tab:orange", label="accuracy")
    twin.set(ylabel="accuracy", ylim=(0.0, 1.02))
    figure.legend(loc="center right", bbox_to_anchor=(0.85, 0.5))
    return _save_figure(figure, out / "loss_curve.png")


def decision_boundary(trained: Trained, out: Path, steps: int = 50) -> list[Path]:
    """The model's score over the plane, its zero contour, and the training points, as a PNG."""
    from matplotlib.figure import Figure

    xs = [p[0] for p in trained.X]
    ys = [p[1] for p in trained.X]
    x0, x1, y0, y1 = min(xs) - 0.5, max(xs) + 0.5, min(ys) - 0.5, max(ys) + 0.5
    gx = [x0 + (x1 - x0) * i / (steps - 1) for i in range(steps)]
    gy = [y0 + (y1 - y0) * j / (steps - 1) for j in range(steps)]
    with no_grad():
        scores = [[trained.model([x, y]).data for x in gx] for y in gy]
    figure = Figure(figsize=(6.0, 4.8))
    axes = figure.add_subplot()
    filled = axes.contourf(gx, gy, scores, levels=20, cmap="RdBu_r", alpha=0.8)
    axes.contour(gx, gy, scores, levels=[0.0], colors="black", linewidths=1.5)
    figure.colorbar(filled, ax=axes, label="score (logit); boundary at 0")
    for label, color in ((0, "tab:blue"), (1, "tab:red")):
        chosen = [p for p, t in zip(trained.X, trained.y, strict=True) if t == label]
        axes.scatter(
            [p[0] for p in chosen],
            [p[1] for p in chosen],
            c=color,
            edgecolors="white",
            label=f"class {label}",
        )
    axes.set(xlabel="x0", ylabel="x1")
    axes.set_title(f"Decision boundary: training accuracy {trained.accuracy:.0%}")
    axes.legend(loc="lower left")
    return _save_figure(figure, out / "decision_boundary.png")


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
    return _save_figure(figure, out / "grad_flow.png")


def example_graph(trained: Trained, out: Path) -> list[Path]:
    """The whole graph of one example's loss with gradient flow, as SVG and PNG.

    About 1,000 nodes drawn in full; ``draw_graph`` folds each neuron (weights,
    bias, weighted sum and tanh) into one box titled in words, draws the two
    inputs, and wires each layer through one junction, to fit a 1280-px slide.
    """
    from autograd.viz import draw_graph

    trained.model.zero_grad()
    loss = batch_loss(trained, range(1))
    loss.label = "loss"
    loss.backward()
    graph = draw_graph(loss, flow=True, collapse=True, contributions=False)
    return _save_picture(graph, out / "example_graph.svg")


def saturated() -> MLP:
    """The demo's network untrained, every hidden bias set to :data:`SATURATING_BIAS`."""
    model = MLP(2, [16, 16, 1], seed=SEED)
    hidden = [name for name in model.state_dict() if name.endswith(".b")][:-1]
    model.load_state_dict(dict.fromkeys(hidden, SATURATING_BIAS), strict=False)
    return model


def _network_pictures(trained: Trained) -> list[tuple[str, Any]]:
    """The trained and the saturated network, gradients of the first batch, on one scale."""
    from nn.draw import draw_network, scale_of
    from nn.network import network

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

#: (what it shows, the function that writes it), in the order they are written.
ARTIFACTS: list[tuple[str, Artifact]] = [
    ("the neuron's graph: DOT text, SVG, PNG", neuron_graph),
    ("loss and accuracy per epoch", loss_curve),
    ("decision boundary over the data", decision_boundary),
    ("|grad| per layer, median and range", grad_flow),
    ("the network, trained and saturated, gradients of one batch", networks),
    ("one example's loss graph, gradient flow", example_graph),
    ("step through the neuron's backward pass (open in a browser)", neuron_player),
]


def run(
    out_dir: str | Path = "out", *, echo: Callable[[str], None] = print, progress: bool = True
) -> list[Path]:
    """Show the neuron, train the network, write every artifact; return the files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    show_neuron(echo)
    echo("")
    echo(f"Training MLP(2, [16, 16, 1]) on {SAMPLES} two-moons points ({EPOCHS} epochs):")
    trained = train(progress)
    hits = round(trained.accuracy * len(trained.X))
    echo(
        f"final loss {trained.loss:.4f}, training accuracy {trained.accuracy:.1%} "
        f"({hits}/{len(trained.X)})"
    )
    files = []
    for what, artifact in ARTIFACTS:
        paths = artifact(trained, out)
        echo(f"wrote {', '.join(map(str, paths))}  ({what})")
        files += paths
    return files


__all__ = [
    "ARTIFACTS",
    "Artifact",
    "Trained",
    "batch_loss",
    "decision_boundary",
    "example_graph",
    "grad_flow",
    "loss_curve",
    "networks",
    "neuron",
    "neuron_graph",
    "neuron_player",
    "run",
    "saturated",
    "show_neuron",
    "train",
]
