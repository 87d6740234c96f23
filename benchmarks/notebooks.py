"""Workload 10: how long the guided notebooks take to run, against the time recorded for them.

Every sentence a notebook states is asserted in the cell above it, so the
notebooks grow with each lesson; their run time is held to :data:`LIMIT`
times the one recorded in :data:`RECORDED` (nbmake on the shared 2-core
host, before the lessons of issue 25 were added). ``make test`` prints the
same comparison after running them (``notebooks/conftest.py``), and this
workload measures it alone: each notebook executed top to bottom in a fresh
kernel, as nbmake does, timed.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from benchmarks.report import Section, Target

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"
#: Seconds the nine notebooks took under nbmake on 2026-12-06, each notebook's
#: call (kernel start included) as ``make test`` runs them, summed: the median of
#: five runs at the commit before issue 25 (32.2, 34.6, 36.4, 41.0 and 41.3 s:
#: the shared host's speed moves that much within a day). Side by side, run and
#: run about, the notebooks after issue 25 took 0.98x to 1.19x as long as before
#: it (1.11x over four pairs: 163.5 s against 147.3 s).
#: Notebook 09 (issue 28) added 8.8 s, the median of three runs of it alone
#: (9.6, 8.8 and 8.8 s): five checks of a learner's engine, about 1.5 s each.
#: Notebook 10 (issue 29) added 4.6 s, the median of three runs of it alone
#: (4.55, 6.74 and 4.22 s).
#: Notebook 11 (issue 30) added 9.5 s, the median of three runs of it alone on
#: 2026-12-07 (10.39, 9.15 and 9.54 s; 8.17 s within a whole `make bench`): its
#: playgrounds train 1,500 steps, the deepest MLP(2, [8, 8, 8, 1]).
RECORDED = 59.3  # 36.4 + 8.8 + 4.6 + 9.5
RECORDED_ON = "2026-12-07"
#: How much longer than RECORDED the notebooks may take.
LIMIT = 1.2


def summary(times: Mapping[str, float]) -> str:
    """One line: the notebooks' total time against the recorded one, then each notebook's.

    >>> print(summary({"00_from_the_articles": 3.0, "05_higher_order": 1.0}))
    notebooks ran in 4.0 s, 0.07× the 59.3 s recorded on 2026-12-07 (keep within 1.2×): \
00 3.0 s, 05 1.0 s
    """
    total = sum(times.values())
    each = ", ".join(f"{name[:2]} {t:.1f} s" for name, t in sorted(times.items()))
    return (
        f"notebooks ran in {total:.1f} s, {total / RECORDED:.2f}× the {RECORDED} s recorded on "
        f"{RECORDED_ON} (keep within {LIMIT}×): {each}"
    )


def _run(path: Path) -> float:
    """Seconds to execute the notebook at ``path`` in a fresh kernel, as nbmake does."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(FOLDER)}}
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def notebooks(cfg: Any) -> tuple[Section, list[Target]]:
    """Each notebook of ``cfg.notebooks`` (name prefixes; all when empty) run and timed."""
    paths = sorted(FOLDER.glob("*.ipynb"))
    if cfg.notebooks:
        paths = [p for p in paths if p.name.startswith(tuple(cfg.notebooks))]
    times = {p.stem: _run(p) for p in paths}
    total = sum(times.values())
    section = Section(
        "10. The guided notebooks: run time",
        [
            "Each notebook executed top to bottom in a fresh kernel (nbclient, as nbmake runs "
            f"them in `make test`), once. Recorded: {RECORDED} s for all of them on {RECORDED_ON}."
        ],
        ["notebook", "time"],
        [[name, f"{t:.2f} s"] for name, t in sorted(times.items())]
        + [["all of them", f"{total:.1f} s"]],
    )
    whole = len(paths) == len(list(FOLDER.glob("*.ipynb")))
    bound = LIMIT * RECORDED
    target = Target(
        f"the notebooks run within {LIMIT}× the {RECORDED} s recorded ({bound:.1f} s)",
        f"{total:.1f} s" + ("" if whole else f" ({len(paths)} of them)"),
        total <= bound,
    )
    return section, [target]
