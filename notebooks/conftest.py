"""pytest runs each notebook here with nbmake (``--nbmake`` in pyproject.toml).

The build script and the notebook sources are not test modules: importing a
source would run the whole notebook at collection time. After the run, the
notebooks' total time is printed against the time recorded for them (make
bench holds them to it: ``benchmarks/notebooks.py``); a timed test would fail
on a busy machine, so none asserts it here.
"""

from __future__ import annotations

from typing import Any

from benchmarks.notebooks import summary

collect_ignore_glob = ["build.py", "src/*"]

#: Each notebook's run time in this session, in seconds, by name.
_TIMES: dict[str, float] = {}


def pytest_runtest_logreport(report: Any) -> None:
    """Note how long each notebook took to run (nbmake's test of it)."""
    path = report.nodeid.split("::")[0]
    if report.when == "call" and path.endswith(".ipynb"):
        _TIMES[path.rsplit("/", 1)[-1].removesuffix(".ipynb")] = report.duration


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the notebooks' run time against the recorded one (benchmarks.notebooks)."""
    if _TIMES:
        terminalreporter.write_line(summary(_TIMES))
