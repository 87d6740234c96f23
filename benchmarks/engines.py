"""Workload 13: ``check_engine`` on a 20-op engine and on a learner's, with the default settings.

chainrule's own ``Value`` has every op of the table's (18 forms of ops and
20 rows with ``sum`` and ``dot``), so it is the largest engine there is to
check; ``tests/engines/correct.py`` is a learner's correct engine of 11 ops. Each
check runs every stage with ``max_examples=150``: the issue's target is a
check that finishes in seconds, at most 10 s for a 20-op engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autograd import Value
from autograd.testing import EngineReport, check_engine
from benchmarks.report import Section, Target
from benchmarks.timing import Timing, interleaved, seconds

#: The longest one check may take, in seconds.
LIMIT = 10.0


def _engines() -> dict[str, type]:
    # The learner's engine is the tests' own, imported when the workload runs
    # (as the other workloads import the tests' helpers).
    from tests.engines import correct

    return {
        "chainrule's Value (18 ops)": Value,
        "a learner's correct engine (11 ops, tests/engines/correct.py)": correct.Value,
    }


def formulas(report: EngineReport) -> int:
    """How many formulas the stages ran, from the report's ``stages``.

    >>> stages = {"+ alone": "150 formulas, ok", "all together": "7 formulas, failed"}
    >>> formulas(EngineReport("e", {}, [], [], stages))
    157
    """
    return sum(int(v.split()[0]) for k, v in report.stages.items() if k != "not run")


def _timed(rounds: int) -> tuple[dict[str, EngineReport], dict[str, Timing]]:
    reports: dict[str, EngineReport] = {}

    def checker(name: str, cls: type) -> Callable[[], None]:
        def run() -> None:
            reports[name] = check_engine(cls)

        return run

    timed = interleaved({n: checker(n, c) for n, c in _engines().items()}, rounds)
    return reports, timed


def engines(cfg: Any) -> tuple[Section, list[Target]]:
    """Each engine checked ``cfg.player_rounds`` times, interleaved; the median time."""
    reports, timed = _timed(cfg.player_rounds)
    rows, targets = [], []
    for name, report in reports.items():
        t = timed[name].median
        verdict = "passes" if report.ok else "fails"
        rows.append([name, str(len(report.stages)), f"{formulas(report):,}", verdict, seconds(t)])
        met = t is not None and t <= LIMIT and report.ok
        short = name.split(" (")[0]
        targets.append(Target(f"check_engine, {short}: ≤ {LIMIT:g} s and passes", seconds(t), met))
    notes = [
        f"Defaults (150 formulas a stage, seed 0); median of {cfg.player_rounds} rounds, "
        "interleaved. A stage is one op alone, or all together; the extra probes (two "
        "graphs, a 1,500-op chain, 40 diamonds, backward() twice, relu'(0)) are included."
    ]
    header = ["engine", "stages", "formulas", "verdict", "time"]
    return Section("13. check_engine on a whole engine", notes, header, rows), targets
