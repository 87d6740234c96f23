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

from nn.demo.charts import decision_boundary, grad_flow, loss_curve
from nn.demo.pictures import (
    example_graph,
    networks,
    neuron_dot,
    neuron_graph,
    neuron_player,
    neuron_with_grads,
    saturated,
)
from nn.demo.training import EPOCHS, SAMPLES, Trained, batch_loss, neuron, show_neuron, train
from nn.optional import DOT, GRAPHVIZ, MATPLOTLIB, PARTS, TQDM, Part

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
    "neuron_with_grads",
    "run",
    "saturated",
    "show_neuron",
    "train",
]
