"""Workload 9: the live widgets. Playground updates per second, and the lab's redraw time.

Measured in Python with no browser attached: the widgets compute and send
(to no front end) exactly what they would send to one. The playground trains
``MLP(2, [8, 8, 1])`` on 200 moons (150 for training, 50 held out) in its own
thread, as when Play is pressed; an update is one step plus the decision
boundary, the loss curves and the network's colours, and with heatmaps (the
playground's default) each hidden and output unit's 16 x 16 heatmap; it plays
once with them and once without. The lab evaluates a graph
of about 200 nodes and its backward pass, and sends every node's texts,
colours and derivation.
"""

from __future__ import annotations

import json
import time
from typing import Any

from autograd import Value
from benchmarks.report import Section, Target
from benchmarks.timing import interleaved, seconds
from nn.features import FEATURES

#: How long the playground trains for the measurement, in seconds (a second a
#: round of the config's player_rounds, up to this).
PLAY_SECONDS = 5.0


#: Issue 30's settings, each MLP(2 or 7, [8, 8, outputs]) on 200 points, heatmaps on: the
#: data sets that ask more of an update (k outputs, a regression's surface, every feature).
LESSONS: dict[str, dict[str, Any]] = {
    "three classes (your points), 3 outputs": {"data": "classes"},
    "a regression (gaussians)": {"data": "gaussians", "optimizer": "adam", "lr": 0.03},
    "spiral on all 7 features": {"data": "spiral", "features": list(FEATURES)},
}


def _three_classes() -> Any:
    from nn.data import make_blobs

    return make_blobs(200, std=0.7, seed=0)


def _play(
    seconds_: float, heatmaps: bool = True, **settings: Any
) -> tuple[float, float, int, Any]:
    """Updates per second and steps per second over ``seconds_`` of play; bytes an update
    (the frame and the heatmaps)."""
    from nn import playground

    data = settings.pop("data", "moons")
    data = _three_classes() if data == "classes" else data
    settings.setdefault("lr", 0.3)
    pg = playground([8, 8], data, points=200, heatmaps=heatmaps, **settings)
    updates = 0

    def count(_: Any) -> None:
        nonlocal updates
        updates += 1

    pg.observe(count, "frame")
    start = time.perf_counter()
    pg.playing = True
    time.sleep(seconds_)
    pg.playing = False
    pg.wait()
    took = time.perf_counter() - start
    size = len(json.dumps(pg.frame).encode()) + len(json.dumps(pg.heat).encode())
    return updates / took, pg.step / took, size, pg


def _lab_input(width: int) -> tuple[Any, dict[str, float]]:
    from nn import MLP

    model = MLP(2, [width, width, 1], seed=0)

    def loss(x1: Value, x2: Value) -> Value:
        y = model([x1, x2])
        if not isinstance(y, Value):  # one output neuron gives one Value
            raise TypeError(f"MLP(2, [{width}, {width}, 1]) should have one output")
        return (y - 1.0) ** 2

    return loss, {"x1": 0.5, "x2": -1.0}


def live(cfg: Any) -> tuple[Section, list[Target]]:
    """The playground's update rate and the lab's time per change."""
    from autograd.viz import lab

    play = min(PLAY_SECONDS, float(cfg.player_rounds))
    rate, steps, size, pg = _play(play)
    bare, bare_steps, bare_size, _ = _play(play, heatmaps=False)
    f, inputs = _lab_input(10)
    w = lab(f, **inputs)
    nodes = len(w.reading.order)
    values = iter(range(1, 10**6))
    timed = interleaved(
        {"lab": lambda: setattr(w, "inputs", {"x1": next(values) * 1e-3})}, cfg.player_rounds
    )
    per_change = timed["lab"].median or 0.0
    view = len(json.dumps(w.view).encode())
    lessons = {name: _play(play, **settings) for name, settings in LESSONS.items()}
    rows = [
        [
            "playground: MLP(2, [8, 8, 1]), 200 moons, Play, heatmaps on (default)",
            f"{rate:.1f} updates/s",
            f"{steps:.1f} steps/s",
            f"{size / 1e3:.0f} kB an update",
        ],
        [
            "playground: the same, heatmaps off",
            f"{bare:.1f} updates/s",
            f"{bare_steps:.1f} steps/s",
            f"{bare_size / 1e3:.0f} kB an update",
        ],
        *(
            [
                f"playground: {name}",
                f"{r:.1f} updates/s",
                f"{st:.1f} steps/s",
                f"{sz / 1e3:.0f} kB an update",
            ]
            for name, (r, st, sz, _) in lessons.items()
        ),
        [
            f"lab: MLP(2, [10, 10, 1]) squared error, {nodes} nodes, one input changed",
            seconds(per_change),
            "",
            f"{view / 1e3:.0f} kB a view",
        ],
    ]
    section = Section(
        "9. The live widgets: playground updates and lab redraws",
        [
            f"The playground plays for {play:.0f} s in its training thread, twice, no "
            f"browser attached; with heatmaps it stopped at step {pg.step}. "
            f"The lab: median of {cfg.player_rounds} "
            "changes of one input (evaluate, backward trace, every node's texts, colours and "
            "derivation)."
        ],
        ["widget", "rate or time", "", "sent"],
        rows,
    )
    return section, [
        Target(
            "playground, MLP(2, [8, 8, 1]) on 200 points: ≥ 10 updates/s",
            f"{bare:.1f} updates/s",
            bare >= 10,
        ),
        Target(
            "playground with heatmaps (on by default), the same: ≥ 8 updates/s",
            f"{rate:.1f} updates/s",
            rate >= 8,
        ),
        Target(
            "playground as it starts (heatmaps on), 200 points, every issue-30 task: "
            "≥ 10 updates/s",
            ", ".join(f"{r:.1f}" for r, *_ in [(rate,), *lessons.values()]) + " updates/s",
            min(rate, *(r for r, *_ in lessons.values())) >= 10,
        ),
        Target(
            f"lab, {nodes} nodes: ≤ 100 ms a change (Python side)",
            seconds(per_change),
            per_change <= 0.1,
        ),
    ]
