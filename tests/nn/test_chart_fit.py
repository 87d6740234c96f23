"""Every matplotlib chart fits where it is shown (issue 26), measured from the figure.

Each chart is drawn with Agg, saved as the place that shows it saves it (a
notebook: the figure's dpi; the demo: its DPI; both tight), scaled to that
place's width, and measured (:mod:`tests.chart_view`): its smallest text is
at least 11 CSS px, no legend covers data, no two texts overlap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("matplotlib", reason="the charts need matplotlib")

from autograd import Value
from autograd.viz import plot_grad_flow
from autograd.viz.scene import colors
from autograd.viz.views.charts import NOTEBOOK, PAGE, SLIDE, SMALLEST_PX, Place
from nn import MLP
from nn.data import make_moons
from nn.losses import binary_cross_entropy_with_logits
from tests.chart_view import measure

X, Y = make_moons(40, noise=0.1, seed=0)


def _backward(model: MLP, scale: float = 1.0) -> MLP:
    if scale != 1.0:
        model.load_state_dict({n: p.data * scale for n, p in model.named_parameters()})
    model.zero_grad()
    binary_cross_entropy_with_logits([model(x) for x in X], Y).backward()
    return model


def _deep(activation: str, scale: float = 1.0) -> MLP:
    return _backward(MLP(2, [8] * 8 + [1], activation=activation, seed=0), scale)


#: The grad-flow charts the notebooks and the demo draw: healthy, vanishing (the
#: first layers flagged), dead ReLUs (medians of 0, counts of zeros on neighbours),
#: exploding (every layer flagged).
MODELS = {
    "healthy": lambda: _backward(MLP(2, [16, 16, 1], seed=0)),
    "vanishing": lambda: _deep("sigmoid"),
    "dead relu": lambda: _deep("relu"),
    "exploding": lambda: _deep("leaky_relu", 3.0),
}
#: Where the chart is shown, at what dpi it is saved there (None: the figure's own).
SHOWN: dict[str, tuple[Place, float | None]] = {
    "notebook": (NOTEBOOK, None),
    "demo page": (PAGE, 192),
    "demo slide": (SLIDE, 192),
}


def _fits(figure: Any, place: Place, dpi: float | None) -> None:
    fit = measure(figure, place, dpi)
    assert fit.problems(SMALLEST_PX) == [], str(fit)


@pytest.fixture(scope="module", params=list(MODELS))
def model(request: pytest.FixtureRequest) -> MLP:
    return MODELS[request.param]()


@pytest.mark.parametrize("shown", list(SHOWN))
def test_plot_grad_flow_fits_where_it_is_shown(model: MLP, shown: str) -> None:
    _fits(plot_grad_flow(model), *SHOWN[shown])


def test_a_dead_relu_layer_is_named_as_a_layer_and_its_zeros_stay_apart() -> None:
    figure = plot_grad_flow(_deep("relu"))
    (ax,) = figure.axes
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"layer {k}" for k in range(1, 10)]
    assert ax.get_legend().axes is ax and measure(figure, NOTEBOOK).overlapping_texts == []


def test_grad_flow_panels_stacked_in_a_notebook_column_fit() -> None:
    """The notebooks' three activations, one panel each, one above the other."""
    from matplotlib.figure import Figure

    from autograd.viz.views.charts import figsize

    figure = Figure(figsize=figsize(9.0), layout="constrained")
    axes = figure.subplots(3, 1, sharey=True)
    for ax, activation in zip(axes, ("tanh", "relu", "leaky_relu"), strict=True):
        plot_grad_flow(_deep(activation), ax=ax)
        ax.set_title(f"{activation} (seed 0)")
    _fits(figure, NOTEBOOK, None)


# -- the demo's charts ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every chart the demo saves, as the figure it saves, from a short training run."""
    import nn.demo
    import nn.demo.charts
    from nn.demo import Trained
    from nn.optim import Adam
    from nn.train import evaluate, fit

    model = MLP(2, [16, 16, 1], seed=0)
    history = fit(
        model,
        X,
        Y,
        loss=binary_cross_entropy_with_logits,
        optimizer=Adam(model.parameters(), lr=0.02),
        epochs=8,
        batch_size=20,
        progress=False,
    )
    loss, accuracy = evaluate(model, X, Y, binary_cross_entropy_with_logits)
    trained = Trained(model, X, Y, history, loss, accuracy or 0.0)
    figures: dict[str, Any] = {}

    def keep(figure: Any, path: Path) -> list[Path]:
        figures[path.name] = figure
        return [path]

    out = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nn.demo.charts, "save_figure", keep)
        for _, artifact, _ in nn.demo.ARTIFACTS:
            if artifact.__module__ == "nn.demo.charts":
                artifact(trained, out)
    return figures


DEMO_CHARTS = ("loss_curve.png", "decision_boundary.png", "grad_flow.png")


def test_the_demo_saves_these_charts(demo_figures: dict[str, Any]) -> None:
    assert sorted(demo_figures) == sorted(DEMO_CHARTS)


@pytest.mark.parametrize("shown", ["demo page", "demo slide"])
@pytest.mark.parametrize("name", DEMO_CHARTS)
def test_every_demo_chart_fits_a_page_and_a_slide(
    demo_figures: dict[str, Any], name: str, shown: str
) -> None:
    from nn.demo.charts import DPI

    place, _ = SHOWN[shown]
    _fits(demo_figures[name], place, DPI)


def test_the_decision_boundary_names_inputs_x1_x2_and_draws_classes_in_the_class_colours(
    demo_figures: dict[str, Any],
) -> None:
    from matplotlib.colors import to_hex

    ax = demo_figures["decision_boundary.png"].axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")
    points = [c for c in ax.collections if c.get_label().startswith("class")]
    assert [to_hex(c.get_facecolor()[0]) for c in points] == list(colors.CLASS_COLORS)


def test_zero_counts_never_run_together_on_many_narrow_layers() -> None:
    named = []
    for layer in range(12):
        for i, g in enumerate([0.0] * 40 + [0.5]):
            v = Value(1.0)
            v.grad = g
            named.append((f"layers.{layer}.w.{i}", v))
    _fits(plot_grad_flow(named), NOTEBOOK, None)


def test_the_loss_chart_spends_no_colour_on_its_lines(demo_figures: dict[str, Any]) -> None:
    """Blue and orange are the classes' (and the signs'): loss and accuracy are both black."""
    from matplotlib.colors import to_hex

    lines = [line for ax in demo_figures["loss_curve.png"].axes for line in ax.get_lines()]
    assert len(lines) == 2 and {to_hex(line.get_color()) for line in lines} == {"#000000"}
