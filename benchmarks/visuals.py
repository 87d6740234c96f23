"""Workload 6: what people see. The step-through player's time and bytes, and the notebook's.

Each player is made the way Jupyter shows it: ``step_through(root)`` and its
HTML (one Graphviz layout included). Sizes are the HTML's bytes; "per node"
divides by the graph's Values. The notebook figure is the committed
``notebooks/02_step_through_backprop.ipynb`` on disk; the smallest rendered
text is measured in a real JupyterLab (``tests/jupyter.py``), at every step of
every player of that notebook, in a 1280x800 window.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from autograd import Value, forward_steps
from autograd.viz import step_through
from benchmarks.report import Section, Target
from benchmarks.timing import interleaved, seconds

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_step_through_backprop.ipynb"
KB, MB = 1e3, 1e6


def squared_error(sizes: list[int]) -> Value:
    """One example's squared-error loss through ``MLP(2, sizes)``: the issue's workload."""
    from nn import MLP

    y = MLP(2, sizes, seed=0)([0.5, -1.0])
    if not isinstance(y, Value):  # one output neuron gives one Value
        raise TypeError(f"MLP(2, {sizes}) should have one output")
    return (y - 1.0) ** 2


def _player(root: Value, **options: Any) -> Callable[[], str]:
    return lambda: step_through(root, **options).to_html()


def _bytes(n: float) -> str:
    return f"{n / MB:.2f} MB" if n >= MB else f"{n / KB:.0f} kB"


def player(cfg: Any) -> tuple[Section, list[Target]]:
    """The player: time and bytes for a neuron and two MLPs; bytes per node as graphs grow."""
    from nn.demo import neuron

    cases = {
        "one neuron (the demo's)": neuron(),
        "MLP(2, [8, 8, 1]), one example's squared error": squared_error([8, 8, 1]),
        "MLP(2, [16, 16, 1]) (the demo's), the same": squared_error([16, 16, 1]),
    }
    timed = interleaved({k: _player(v) for k, v in cases.items()}, cfg.player_rounds)
    rows, figures = [], {}
    for name, root in cases.items():
        stepper = step_through(root)
        size = len(stepper.to_html().encode())
        t = timed[name].median or 0.0
        figures[name] = (t, size)
        nodes = len(forward_steps(root))
        rows.append(
            [
                name,
                f"{nodes:,}",
                f"{len(stepper):,}",
                seconds(t),
                _bytes(size),
                f"{size / nodes:,.0f} B",
            ]
        )
    growth = []
    for n in cfg.player_widths:  # MLP(2, [n, n, 1]): about 100 to 1,000 Values
        root = squared_error([n, n, 1])
        nodes = len(forward_steps(root))
        size = len(step_through(root, max_nodes=10_000).to_html().encode())
        growth.append(size / nodes)
        rows.append(
            [
                f"MLP(2, [{n}, {n}, 1]), the same",
                f"{nodes:,}",
                "",
                "",
                _bytes(size),
                f"{size / nodes:,.0f} B",
            ]
        )
    notebook = NOTEBOOK.stat().st_size
    rows.append(["notebook 02 on disk (4 players, committed)", "", "", "", _bytes(notebook), ""])
    section = Section(
        "6. The step-through player: time and size",
        [
            "`step_through(root).to_html()`, what Jupyter shows: the trace, one Graphviz "
            f"layout and the page; median of {cfg.player_rounds} rounds. 'frames' counts "
            "the start, one per backward step and the summary."
        ],
        ["graph", "Values", "frames", "time", "HTML", "per node"],
        rows,
    )
    small, demo = (figures[k] for k in list(cases)[1:])
    flat = max(growth) / min(growth)
    targets = [
        Target(
            "MLP(2, [8, 8, 1]) player: ≤ 0.5 s and ≤ 0.5 MB",
            f"{seconds(small[0])}, {_bytes(small[1])}",
            small[0] <= 0.5 and small[1] <= 0.5 * MB,
        ),
        Target(
            "MLP(2, [16, 16, 1]) player with default options: ≤ 1.5 s and ≤ 1.5 MB",
            f"{seconds(demo[0])}, {_bytes(demo[1])}",
            demo[0] <= 1.5 and demo[1] <= 1.5 * MB,
        ),
        Target(
            f"bytes per node flat from {cfg.player_widths[0]}- to {cfg.player_widths[-1]}-"
            "wide MLPs (largest ÷ smallest ≤ 1.25)",
            f"{flat:.2f}×",
            flat <= 1.25,
        ),
        Target("notebook 02 on disk ≤ 350 kB", _bytes(notebook), notebook <= 350 * KB),
    ]
    return section, targets


def smallest_text(cfg: Any) -> tuple[Section, list[Target]]:
    """The smallest text a learner sees in notebook 02's players, in a real JupyterLab."""
    from tests.player_view import notebook_players_smallest_text

    start = time.perf_counter()
    found = notebook_players_smallest_text(NOTEBOOK)
    took = time.perf_counter() - start
    rows = [
        [f"player {i + 1}", f"{frames}", f"{px:.1f} px", where]
        for i, (frames, px, where) in enumerate(found)
    ]
    smallest = min(px for _, px, _ in found)
    section = Section(
        "7. Smallest rendered text in JupyterLab",
        [
            "Notebook 02 opened in JupyterLab 4 (trusted, so its players run) in a 1280x800 "
            "Chromium window; every player stepped through frame by frame, each visible "
            "text measured as drawn (font size times zoom). "
            f"Took {took:.0f} s."
        ],
        ["player", "frames", "smallest text", "which text"],
        rows,
    )
    return section, [
        Target(
            "smallest text in notebook 02's players ≥ 11 px", f"{smallest:.1f} px", smallest >= 11
        )
    ]


def _demo_pictures() -> dict[str, Callable[[], Any]]:
    """The demo's slides, each a function that builds its Digraph (one batch of 20)."""
    from autograd.viz import draw_graph
    from nn import MLP
    from nn.data import make_moons
    from nn.demo import neuron_with_grads
    from nn.losses import binary_cross_entropy_with_logits

    X, y = make_moons(20, noise=0.1, seed=0)
    model = MLP(2, [16, 16, 1], seed=0)

    def network() -> Any:
        loss = binary_cross_entropy_with_logits([model(p) for p in X], y)
        return model.draw_network(X[0], loss=loss)

    def example() -> Any:
        loss = binary_cross_entropy_with_logits([model(X[0])], [y[0]])
        loss.backward()
        return draw_graph(loss, flow=True, collapse=True, contributions=False, rankdir="LR")

    return {
        "the neuron's graph": lambda: draw_graph(neuron_with_grads()),
        "network view, MLP(2, [16, 16, 1]), batch of 20": network,
        "one example's folded graph, MLP(2, [16, 16, 1])": example,
    }


def in_chromium(measure: Callable[[Any, Any], Any], cfg: Any) -> Any:
    """``measure(cfg, browser)`` in a headless Chromium of its own, closed after."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_FLAGS

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            return measure(cfg, browser)
        finally:
            browser.close()


def _rendered(build: Callable[[], Any]) -> Callable[[], bytes]:
    return lambda: bytes(build().pipe(format="svg"))


def pictures(cfg: Any, browser: Any = None) -> tuple[Section, list[Target]]:
    """The still pictures: time to draw and render, bytes, and smallest text at 1280 px.

    ``browser``: a playwright Browser to measure in (default: a headless Chromium of its own).
    """
    if browser is None:
        return in_chromium(pictures, cfg)  # type: ignore[no-any-return]
    from tests.picture_view import show_svg

    builds = _demo_pictures()
    timed = interleaved({k: _rendered(b) for k, b in builds.items()}, cfg.player_rounds)
    rows, smallest, slowest = [], float("inf"), 0.0
    for name, build in builds.items():
        svg = build().pipe(format="svg", encoding="utf-8")
        shown = show_svg(browser, svg, 1280)
        t = timed[name].median or 0.0
        smallest, slowest = min(smallest, shown.smallest), max(slowest, t)
        width_pt = float(svg.split('width="', 1)[1].split("pt", 1)[0])
        size = f"{width_pt * 4 / 3:.0f} px → {shown.width:.0f}×{shown.height:.0f} px"
        text = f"{shown.smallest:.1f} px"
        rows.append([name, seconds(t), _bytes(len(svg.encode())), size, text])
    section = Section(
        "8. Still pictures: time, size and smallest text on a 1280-px slide",
        [
            "Build the Digraph and render it to SVG with Graphviz (median of "
            f"{cfg.player_rounds} rounds); then the SVG shown 1280 px wide in Chromium "
            '(scaled down when wider, as `<img style="max-width:100%">`), every text measured.'
        ],
        ["picture", "time", "SVG", "natural → shown", "smallest text"],
        rows,
    )
    return section, [
        Target("every picture ≤ 1 s to draw and render", seconds(slowest), slowest <= 1.0),
        Target(
            "smallest text of every picture at 1280 px ≥ 11 px",
            f"{smallest:.1f} px",
            smallest >= 11,
        ),
    ]
