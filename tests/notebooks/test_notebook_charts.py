"""Notebooks 03, 04, 06 and 07: every chart fits JupyterLab's 828-px output column (issue 26).

The source runs here, as the notebook does, with every figure it shows
measured as the inline backend saves it (its own dpi, tight) and the column
shows it (:mod:`tests.chart_view`): smallest text at least 11 px after
shrinking, no legend over data, no two texts overlapping or running together.
The committed notebooks' pictures are checked too: none wider than the column.
"""

from __future__ import annotations

import base64
import os
import runpy
import struct
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("matplotlib", reason="the charts need matplotlib")
nbformat = pytest.importorskip("nbformat", reason="needs the notebooks extra")

import matplotlib.pyplot as plt  # noqa: E402

import autograd.viz  # noqa: E402
from autograd.viz.views.charts import NOTEBOOK, SMALLEST_PX  # noqa: E402
from tests.chart_view import Fit, measure  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
#: Each notebook that draws matplotlib charts, and how many it shows.
CHARTED = {
    "03_train_an_mlp": 8,
    "04_check_your_gradients": 1,
    "06_what_makes_training_work": 8,
    "07_overfitting_and_regularisation": 5,
}


def _run_measuring(name: str, monkeypatch: pytest.MonkeyPatch) -> list[Fit]:
    """Run a notebook's source; every figure it shows, measured at the notebook column."""
    fits: list[Fit] = []

    def show(*args: Any, **kwargs: Any) -> None:
        for number in plt.get_fignums():
            fits.append(measure(plt.figure(number), NOTEBOOK))
        plt.close("all")

    own = autograd.viz.plot_grad_flow

    def plot_grad_flow(*args: Any, **kwargs: Any) -> Any:
        figure = own(*args, **kwargs)
        if kwargs.get("ax") is None:  # a figure of its own: the cell shows it
            fits.append(measure(figure, NOTEBOOK))
        return figure

    monkeypatch.setattr(plt, "show", show)
    monkeypatch.setattr(autograd.viz, "plot_grad_flow", plot_grad_flow)
    monkeypatch.chdir(NOTEBOOKS)
    with warnings.catch_warnings(), open(os.devnull, "w") as quiet:
        warnings.simplefilter("ignore")  # what the notebook shows, not an error here
        monkeypatch.setattr("sys.stdout", quiet)
        monkeypatch.setattr("sys.stderr", quiet)
        runpy.run_path(str(NOTEBOOKS / "src" / f"{name}.py"), run_name="__notebook__")
    return fits


@pytest.mark.parametrize("name", CHARTED)
def test_every_chart_the_notebook_shows_fits_the_column(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fits = _run_measuring(name, monkeypatch)
    assert len(fits) == CHARTED[name]
    problems = [f"chart {i}: {p}" for i, f in enumerate(fits, 1) for p in f.problems(SMALLEST_PX)]
    assert problems == [], "\n".join(map(str, fits))


@pytest.mark.parametrize("name", CHARTED)
def test_no_committed_chart_is_wider_than_the_column(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    pngs = [
        base64.b64decode(o.data["image/png"])
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.outputs
        if "image/png" in o.get("data", {})
    ]
    widths = [struct.unpack(">I", png[16:20])[0] for png in pngs]
    assert len(widths) == CHARTED[name] and max(widths) <= NOTEBOOK.width, widths
