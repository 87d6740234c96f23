"""Every picture where it may be shown: smallest text at 828 px, 800 px and on a 1280x720 slide.

The places (:data:`autograd.viz.views.charts.PLACES`): JupyterLab's output column at
1280x800 with the file browser open (828 px), a standalone page (800 px) and
a 1280x720 slide. A picture wider (or, on the slide, taller) than the place is
shrunk to fit, and its text with it; but a player's static view of a graph too
wide for the column at 11 px is an ``<img>`` the page shows at 11 px in a box
that scrolls sideways (``player_page.still``), and is measured at that width.

- Graphs: every SVG a committed notebook shows (``image/svg+xml``, and the
  ``<img>`` of a player's static view) and the README's pictures
  (``notebooks/pictures``, the demo's), measured in Chromium
  (:func:`tests.picture_view.show_svg`).
- Charts: every matplotlib figure notebooks 03, 04, 06 and 07 show, made by
  running their sources, and the demo's charts, measured from the figure as
  the PNG is shown (:func:`tests.chart_view.measure`).

A notebook's pictures are shown in the notebook column, the README's on a page,
the demo's graphs on a slide and its charts on both: those are the targets
(11 px). The other figures are reported so that a teacher knows what a picture
becomes elsewhere.
"""

from __future__ import annotations

import base64
import json
import os
import re
import runpy
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any
from unittest import mock

from autograd.viz.views.charts import NOTEBOOK, PAGE, PLACES, SLIDE, SMALLEST_PX, Place
from benchmarks.report import Section, Target
from benchmarks.visuals import in_chromium

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CHARTED = ("03_train_an_mlp", "04_check_your_gradients", "06_what_makes_training_work",
           "07_overfitting_and_regularisation")  # fmt: skip
_IMG = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"([^>]*)>')
#: An <img> the page shows at its own width in a box that scrolls sideways
#: (a player's static view of a graph too wide for the column at 11 px).
_SCROLLED = re.compile(r'width="(\d+)" style="max-width:none"')


def _chosen(name: str, prefixes: tuple[str, ...]) -> bool:
    return not prefixes or name.startswith(prefixes)


def notebook_svgs(prefixes: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(where, svg) for every SVG picture the committed notebooks show (those chosen)."""
    for path in sorted(p for p in NOTEBOOKS.glob("*.ipynb") if _chosen(p.name, prefixes)):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                svg = data.get("image/svg+xml")
                if svg is not None:
                    yield f"{path.stem[:2]} cell {i}", "".join(svg)
                    continue  # its text/html is the same picture as an <img>
                html = "".join(data.get("text/html", ""))
                for n, (found, rest) in enumerate(_IMG.findall(html)):
                    svg = base64.b64decode(found).decode()
                    scrolled = _SCROLLED.search(rest)
                    if scrolled:
                        svg = _at_width(svg, int(scrolled.group(1)))
                    yield f"{path.stem[:2]} cell {i} image {n + 1}", svg


def _at_width(svg: str, width: int) -> str:
    """``svg`` drawn ``width`` px wide (its root's width and height replaced), as an
    ``<img width=...>`` in a sideways-scrolling box shows it, whatever the column."""
    root = re.match(r"[^<]*(?:<[!?][^>]*>\s*)*<svg\b[^>]*>", svg, re.S)
    if root is None:
        return svg
    head = re.sub(r'\s(?:width|height)="[^"]*"', "", root.group(0))
    head = head.replace("<svg", f'<svg width="{width}px" data-scrolls="1"', 1)
    return head + svg[root.end() :]


def readme_svgs() -> Iterator[tuple[str, str]]:
    for path in sorted((NOTEBOOKS / "pictures").glob("*.svg")):
        yield f"README {path.name}", path.read_text(encoding="utf-8")


@contextmanager
def _quiet() -> Iterator[None]:
    with (
        open(os.devnull, "w") as null,
        redirect_stdout(null),
        redirect_stderr(null),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        yield


def _shown_by(name: str) -> list[Any]:
    """Every figure notebook ``name``'s source shows, by running it as the notebook does."""
    import matplotlib.pyplot as plt

    import autograd.viz

    shown: list[Any] = []

    def show(*args: Any, **kwargs: Any) -> None:
        shown.extend(plt.figure(n) for n in plt.get_fignums())
        plt.close("all")

    own = autograd.viz.plot_grad_flow

    def plot_grad_flow(*args: Any, **kwargs: Any) -> Any:
        figure = own(*args, **kwargs)
        if kwargs.get("ax") is None:  # a figure of its own: the cell shows it
            shown.append(figure)
        return figure

    cwd = os.getcwd()
    try:
        os.chdir(NOTEBOOKS)
        with (
            mock.patch.object(plt, "show", show),
            mock.patch.object(autograd.viz, "plot_grad_flow", plot_grad_flow),
            _quiet(),
        ):
            runpy.run_path(str(NOTEBOOKS / "src" / f"{name}.py"), run_name="__notebook__")
    finally:
        os.chdir(cwd)
    return shown


def notebook_charts(prefixes: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """(where, figure) for every chart notebooks 03, 04, 06 and 07 show (those chosen)."""
    import matplotlib

    matplotlib.use("Agg")
    for name in (n for n in CHARTED if _chosen(n, prefixes)):
        for i, figure in enumerate(_shown_by(name), 1):
            yield f"{name[:2]} chart {i}", figure


def demo_outputs() -> tuple[list[tuple[str, str]], list[tuple[str, Any]]]:
    """The demo's SVG pictures (but the page's ``_tall`` one, which the README shows) and
    its charts as figures, trained and drawn as ``chainrule demo`` does."""
    from matplotlib.figure import Figure

    from nn import demo

    made: list[Any] = []
    real = Figure.savefig

    def keep(self: Any, *args: Any, **kwargs: Any) -> Any:
        made.append(self)
        return real(self, *args, **kwargs)

    svgs, charts = [], []
    with tempfile.TemporaryDirectory() as out, _quiet():
        trained = demo.train(progress=False)
        with mock.patch.object(Figure, "savefig", keep):
            for draw in (demo.loss_curve, demo.decision_boundary, demo.grad_flow):
                made.clear()
                draw(trained, Path(out))
                charts.append((f"demo {draw.__name__}.png", made[-1]))
        for picture in (demo.neuron_graph, demo.networks, demo.example_graph):
            for path in picture(trained, Path(out)):
                if path.suffix == ".svg" and not path.stem.endswith("_tall"):
                    svgs.append((f"demo {path.name}", path.read_text(encoding="utf-8")))
    return svgs, charts


def fit(cfg: object = None, browser: Any = None) -> tuple[Section, list[Target]]:
    """The workload: every picture's smallest text at the three places.

    ``cfg.notebooks`` (name prefixes) chooses the notebooks, all when empty; the
    demo's charts are trained and drawn only then (a full run). ``browser``: a
    playwright Browser to measure in (default: a headless Chromium of its own).
    """
    if browser is None:
        return in_chromium(fit, cfg)  # type: ignore[no-any-return]
    prefixes: tuple[str, ...] = tuple(getattr(cfg, "notebooks", ()))
    from tests.chart_view import measure
    from tests.picture_view import show_svg

    rows: list[list[str]] = []
    misses: list[str] = []

    def row(where: str, size: str, found: dict[str, float], shown_at: tuple[Any, ...]) -> None:
        cells = [f"{found[p.name]:.1f}" for p in PLACES]
        rows.append([where, size, *cells])
        for place in shown_at:
            if found[place.name] < SMALLEST_PX:
                misses.append(f"{where} at {place.name}: {found[place.name]:.1f} px")

    demo_svgs, demo_charts = demo_outputs() if not prefixes else ([], [])
    svgs: list[tuple[str, str, tuple[Place, ...]]] = [
        *((w, s, (NOTEBOOK,)) for w, s in notebook_svgs(prefixes)),
        *((w, s, (PAGE,)) for w, s in readme_svgs()),  # the README is a page
        *((w, s, (SLIDE,)) for w, s in demo_svgs),  # the demo's pictures are slides
    ]
    for where, svg, shown_at in svgs:
        found, size = {}, ""
        scrolls = 'data-scrolls="1"' in svg  # shown at its own width; the box scrolls
        for place in PLACES:
            wide = max(place.width, 10_000) if scrolls else place.width
            shown = show_svg(browser, svg, wide, height=None if scrolls else place.height)
            found[place.name] = shown.smallest
            size = size or f"{shown.width:.0f}x{shown.height:.0f} (at {place.width})" + (
                ", scrolls sideways" if scrolls else ""
            )
        row(where, size, found, shown_at)
    charts: list[tuple[str, Any, tuple[Place, ...]]] = [
        *((w, f, (NOTEBOOK,)) for w, f in notebook_charts(prefixes)),
        *((w, f, (PAGE, SLIDE)) for w, f in demo_charts),
    ]
    for where, figure, shown_at in charts:
        fits = {place.name: measure(figure, place) for place in PLACES}
        found = {name: f.smallest for name, f in fits.items()}
        w, h = fits["notebook"].png
        row(where, f"{w}x{h} PNG", found, shown_at)
    section = Section(
        "Pictures where they are shown",
        [
            "The smallest text of every picture, in CSS px, at JupyterLab's output column "
            "(828 px), a page (800 px) and a 1280x720 slide; a picture wider (on the slide, "
            "or taller) than the place is shrunk to fit, but for a player's static view too wide "
            "at 11 px, which the page shows at 11 px in a box that scrolls sideways. "
            "Where each is shown, the target is "
            "11 px: a notebook's pictures in the column, the README's on a page, the demo's "
            "graphs on a slide, its charts on a page and a slide. Text-free pictures (the "
            "playground's boundary) read inf."
        ],
        ["picture", "size", "828 px", "800 px", "1280x720"],
        rows,
    )
    target = Target(
        "every picture ≥ 11 px where it is shown",
        f"{len(rows)} pictures, {len(misses)} under"
        + (f": {'; '.join(misses)}" if misses else ""),
        not misses,
    )
    return section, [target]


if __name__ == "__main__":
    result, targets = fit()
    print(result.markdown())
    for t in targets:
        print(" | ".join(t.row()))
