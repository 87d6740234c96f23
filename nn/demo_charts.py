"""The demo's matplotlib charts: loss and accuracy per epoch, and the decision boundary.

Each is an artifact of :mod:`nn.demo` (``chart(trained, out_dir) -> paths``),
imported from there; matplotlib is imported only when one is drawn.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autograd import no_grad
from autograd.files import write_atomic

if TYPE_CHECKING:
    from nn.demo import Trained

__all__ = ["DPI", "decision_boundary", "loss_curve", "save_figure"]

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
    return save_figure(figure, out / "loss_curve.png")


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
    return save_figure(figure, out / "decision_boundary.png")
