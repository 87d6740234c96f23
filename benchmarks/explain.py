"""Workload 14: a clicked point's explanation in the playground (issue 29), kernel side.

A click on a point asks the kernel for ``pg.explain(i)`` and sends its player
(:func:`nn.widgets.explain_view.player_of`: the picture laid out by Graphviz,
the frames); this times the two parts, interleaved, on Adam playgrounds after 5
steps on 200 moons, and weighs what is sent. docs/live.md quotes these figures.
"""

from __future__ import annotations

import json
from typing import Any

from benchmarks.report import Section, Target
from benchmarks.timing import interleaved, seconds

#: The most a click on ``MLP(2, [8, 8, 1])``'s point may take in the kernel, in seconds.
LIMIT = 1.0
HIDDEN = {"MLP(2, [8, 8, 1])": [8, 8], "MLP(2, [8] * 6 + [1])": [8] * 6}


def explain(cfg: Any) -> tuple[Section, list[Target]]:
    """Build and send one point's explanation: each part's median, the frames and the kB."""
    import nn
    from nn.widgets.explain_view import player_of

    pgs = {
        name: nn.playground(h, "moons", optimizer="adam").train(5) for name, h in HIDDEN.items()
    }
    impls: dict[str, Any] = {}
    for name, pg in pgs.items():
        impls[f"{name}\0explain"] = lambda pg=pg: pg.explain(3)
        impls[f"{name}\0click"] = lambda pg=pg: player_of(pg.explain(3), "point 3")
    timed = interleaved(impls, cfg.player_rounds)
    rows = []
    for name, pg in pgs.items():
        shown = pg.explain(3)
        sent = len(json.dumps(player_of(shown, "point 3"))) / 1e3
        build, click = timed[f"{name}\0explain"].median, timed[f"{name}\0click"].median
        rows.append([name, f"{len(shown)}", seconds(build), seconds(click), f"{sent:.0f} kB"])
    section = Section(
        "A clicked point's explanation (playground, kernel side)",
        [
            f"Median of {cfg.player_rounds} rounds, interleaved: `pg.explain(i)` alone, and "
            "the whole click (explain, lay out with Graphviz's dot, the player's data)."
        ],
        ["model", "frames", "pg.explain(i)", "click to player", "sent"],
        rows,
    )
    worst = timed[f"{next(iter(HIDDEN))}\0click"].median
    target = Target(
        f"a click's explanation of MLP(2, [8, 8, 1]) ≤ {LIMIT:g} s in the kernel",
        seconds(worst),
        worst is not None and worst <= LIMIT,
    )
    return section, [target]
