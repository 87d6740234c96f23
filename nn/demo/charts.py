"""The demo's matplotlib charts: loss and accuracy per epoch, and the decision boundary.

Each is sized by :mod:`autograd.viz.views.charts` for a page (800 px) and a slide
(1280 × 720), where its PNG is shown shrunk to fit. Each is an artifact of
:mod:`nn.demo` (``chart(trained, out_dir) -> paths``);
matplotlib is imported only when one is drawn.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from autograd import no_grad
from autograd.files import write_atomic
from autograd.viz.scene.colors import CLASS_COLORS
from autograd.viz.views import charts
from nn.demo.training import Trained, batch_loss

__all__ = ["DPI", "decision_boundary", "grad_flow", "loss_curve", "save_figure"]

#: Every PNG is drawn at twice a screen's resolution (Graphviz and matplotlib both
#: draw 1 inch as 96 px at 1x), so a slide stays sharp on a projector or retina screen.
DPI = 192


def save_figure(figure: Any, path: Path) -> list[Path]:
    """``figure`` as ``path`` at :data:`DPI`, in the format its suffix names."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format=path.suffix[1:], dpi=DPI, bbox_inches="tight")
    write_atomic(path, buffer.getvalue())
    return [path]


def loss_curve(trained: Trained, out: Path) -> list[Path]:
    """Loss (log scale) and accuracy per epoch, one above the other, as a PNG.

    Two panels rather than two scales on one: each line has its own axis, and no
    colour is spent on telling them apart (colours belong to the classes and signs).
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=charts.figsize(5.0, 6.4), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True)
    epochs = range(1, trained.history.epochs + 1)
    top.plot(epochs, trained.history.loss, color="black")
    top.set(ylabel="mean loss (log scale)", yscale="log")
    charts.decades(top.yaxis)
    top.set_title("Training on two moons: MLP(2, [16, 16, 1]), Adam")
    bottom.plot(epochs, trained.history.accuracy, color="black")
    bottom.set(xlabel="epoch", ylabel="accuracy", ylim=(0.0, 1.02))
    return save_figure(figure, out / "loss_curve.png")


def _scores(trained: Trained, steps: int) -> tuple[list[float], list[float], list[list[float]]]:
    """A ``steps`` × ``steps`` grid over the data, half a unit beyond it, and the score at each."""
    xs = [p[0] for p in trained.X]
    ys = [p[1] for p in trained.X]
    x0, x1, y0, y1 = min(xs) - 0.5, max(xs) + 0.5, min(ys) - 0.5, max(ys) + 0.5
    gx = [x0 + (x1 - x0) * i / (steps - 1) for i in range(steps)]
    gy = [y0 + (y1 - y0) * j / (steps - 1) for j in range(steps)]
    with no_grad():
        return gx, gy, [[trained.model([x, y]).data for x in gx] for y in gy]


def decision_boundary(trained: Trained, out: Path, steps: int = 50) -> list[Path]:
    """The model's score over the plane, its zero contour, and the training points, as a PNG.

    The classes are drawn in :data:`autograd.viz.scene.colors.CLASS_COLORS`, the score's
    shading fades from one to the other through white at the boundary, and the
    legend stands under the axes, off the points.
    """
    from matplotlib.colors import TwoSlopeNorm
    from matplotlib.figure import Figure

    gx, gy, scores = _scores(trained, steps)
    low, high = min(map(min, scores)), max(map(max, scores))
    norm = TwoSlopeNorm(0.0, low, high) if low < 0 < high else None
    figure = Figure(figsize=charts.figsize(5.2, 6.0), layout="constrained")
    axes = figure.add_subplot()
    shading = {"cmap": charts.class_shading(), "norm": norm, "alpha": 0.7}
    filled = axes.contourf(gx, gy, scores, levels=20, **shading)
    axes.contour(gx, gy, scores, levels=[0.0], colors="black", linewidths=1.5)
    figure.colorbar(filled, ax=axes, label="score (logit); boundary at 0")
    for label, color in enumerate(CLASS_COLORS):
        chosen = [p for p, t in zip(trained.X, trained.y, strict=True) if t == label]
        axes.scatter(
            [p[0] for p in chosen],
            [p[1] for p in chosen],
            c=color,
            edgecolors="black",
            linewidths=0.5,
            label=f"class {label}",
        )
    axes.set(xlabel="x1", ylabel="x2")
    axes.set_title(f"Decision boundary: training accuracy {trained.accuracy:.0%}")
    figure.legend(loc="outside lower center", ncols=2)
    return save_figure(figure, out / "decision_boundary.png")


def grad_flow(trained: Trained, out: Path) -> list[Path]:
    """|grad| per layer of the trained model on the full batch, as a PNG."""
    from autograd.viz import plot_grad_flow

    trained.model.zero_grad()
    batch_loss(trained, range(len(trained.X))).backward()
    figure = plot_grad_flow(trained.model)
    figure.axes[0].set_title("|grad| per layer after training (full batch)")
    return save_figure(figure, out / "grad_flow.png")
