"""Workload 8b: ``chainrule draw`` of a long sum, ``x + x + ... + x``, with and without --flow.

One ``x`` feeds every ``+``: Graphviz's ``dot`` draws each of those edges as
a chain of hidden nodes, one per rank it spans, and with ``--flow``'s labels
the 76-term sum ran into the 60 s time limit before ``chainrule draw`` said no
(issue 24, item 16). ``dot`` now gets cheaper settings for such graphs
(:mod:`autograd.viz.layout.graphviz_program`). Each case is ``chainrule draw`` as a user runs
it, a fresh Python included; the SVG is then shown 1280 px wide in Chromium
and every text measured, as workload 8 does.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.report import Section, Target
from benchmarks.timing import interleaved, seconds
from benchmarks.visuals import in_chromium

#: The sum whose time is the target, and the longest time it may take.
TARGET_TERMS, TARGET_SECONDS = 76, 15.0
_MAIN = "import sys; from autograd.cli import main; sys.exit(main())"
Runner = Callable[[], None]


def formula(terms: int) -> str:
    """``x+x+...+x`` with ``terms`` terms, as typed on the command line.

    >>> formula(3)
    'x+x+x'
    """
    return "+".join(["x"] * terms)


#: Each sum is drawn with these options; the target's sum also top to bottom.
_OPTIONS: tuple[tuple[str, ...], ...] = ((), ("--flow",))
_TALL = ("--flow", "--rankdir", "TB")


def _draw(terms: int, options: Sequence[str], out: Path, failed: dict[Path, str]) -> Runner:
    """``chainrule draw`` of the sum into ``out``; what it said in ``failed`` if it fails."""
    argv = [sys.executable, "-c", _MAIN, "draw", formula(terms), "x=1", "-o", str(out), *options]

    def draw() -> None:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=600)
        if done.returncode:
            failed[out] = f"fails (exit {done.returncode}): {done.stderr.strip()[-120:]}"

    return draw


def _name(terms: int, options: Sequence[str]) -> str:
    return f"{terms} terms" + "".join(f", {o}" if o.startswith("-") else f" {o}" for o in options)


def _strain(terms: int, options: Sequence[str]) -> tuple[int, int]:
    """(DOT nodes, strain) of the drawing, as ``chainrule draw`` makes it."""
    from autograd.cli.draw import MAX_NODES
    from autograd.cli.formula import evaluate
    from autograd.viz.layout import graphviz_program
    from autograd.viz.scene.dot import to_dot

    root = evaluate(formula(terms), {"x": 1.0})
    root.backward()
    rankdir = options[-1] if "--rankdir" in options else "LR"
    dot = to_dot(root, flow="--flow" in options, rankdir=rankdir, max_nodes=MAX_NODES)
    return graphviz_program.size(dot)[0], graphviz_program.strain(dot)


def _row(svg: str, took: float | None, browser: Any) -> list[str]:
    """Time, bytes, natural and shown size, smallest text at 1280 px (and at natural size)."""
    from tests.picture_view import show_svg

    shown = show_svg(browser, svg, 1280)
    natural = float(svg.split('width="', 1)[1].split("pt", 1)[0]) * 4 / 3  # pt to px
    return [
        seconds(took),
        f"{len(svg.encode()) / 1e3:,.0f} kB",
        f"{natural:,.0f} px → {shown.width:.0f}×{shown.height:.0f} px",
        f"{shown.smallest:.2f} px ({shown.smallest * natural / shown.width:.1f} px)",
    ]


def long_sum(cfg: Any, browser: Any = None) -> tuple[Section, list[Target]]:
    """``chainrule draw`` of x + ... + x: time, picture size and smallest text at 1280 px.

    ``browser``: a playwright Browser to measure in (default: a headless Chromium of its own).
    """
    if browser is None:
        return in_chromium(long_sum, cfg)  # type: ignore[no-any-return]
    from autograd.viz.layout.graphviz_program import STRAIN

    cases = [(n, o) for n in sorted({*cfg.long_sums, TARGET_TERMS}) for o in _OPTIONS]
    cases.append((TARGET_TERMS, _TALL))
    rows: list[list[str]] = []
    failed: dict[Path, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        outs = {_name(*case): Path(folder) / f"{i}.svg" for i, case in enumerate(cases)}
        runs = {_name(*case): _draw(*case, outs[_name(*case)], failed) for case in cases}
        timed = interleaved(runs, cfg.player_rounds)
        for case in cases:
            name = _name(*case)
            out = outs[name]
            nodes, strain = _strain(*case)
            row = [name, f"{nodes:,}", f"{strain:,}", "cheap" if strain > STRAIN else "dot's own"]
            if out in failed:
                rows.append([*row, failed[out], "", "", ""])
            else:
                rows.append([*row, *_row(out.read_text(), timed[name].median, browser)])
    section = Section(
        "8b. A long sum drawn from the command line: `chainrule draw` of x + x + ... + x",
        [
            f'`chainrule draw "x+x+...+x" x=1 -o g.svg [--flow]`, a fresh Python each time '
            f"(median of {cfg.player_rounds} rounds). 'Strain' is what "
            f"`graphviz_program.strain` reads in the DOT text; past {STRAIN:,}, `dot` gets "
            "cheap settings (no placement search, straight edges). Smallest text: on a "
            "1280-px slide (in brackets: at the picture's natural size). The last row draws "
            "the target's sum top to bottom.",
        ],
        ["sum", "nodes", "strain", "dot settings", "time", "SVG", "natural → shown", "text"],
        rows,
    )
    name = _name(TARGET_TERMS, _OPTIONS[1])
    t, failure = timed[name].median, failed.get(outs[name])
    target = Target(
        f"chainrule draw of the {TARGET_TERMS}-term x + ... + x --flow: ≤ {TARGET_SECONDS:g} s",
        failure or seconds(t),
        failure is None and t is not None and t <= TARGET_SECONDS,
    )
    return section, [target]
