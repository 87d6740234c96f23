"""Per-layer gradient summaries and plot_grad_flow (matplotlib, Agg backend)."""

from __future__ import annotations

import math

import matplotlib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value, dot
from autograd.viz import grad_flow_summary, plot_grad_flow
from autograd.viz.views.flow import layer_of

matplotlib.use("Agg")


def saturated_net() -> list[tuple[str, Value]]:
    """2-2-1 tanh net, hidden pre-activations 10: layer 0's weight grads ~ 1.7e-9."""
    xs = [Value(1.0), Value(1.0)]
    params: list[tuple[str, Value]] = []
    hidden = []
    for j in range(2):
        w = [Value(5.0), Value(5.0)]
        params += [(f"layers.0.neurons.{j}.w.{i}", wi) for i, wi in enumerate(w)]
        hidden.append(dot(w, xs).tanh())
    v = [Value(0.5), Value(0.5)]
    params += [(f"layers.1.neurons.0.w.{i}", vi) for i, vi in enumerate(v)]
    dot(v, hidden).tanh().backward()
    return params


class Model:
    def __init__(self, params: list[tuple[str, Value]]) -> None:
        self.params = params

    def named_parameters(self) -> list[tuple[str, Value]]:
        return self.params


# -- examples ------------------------------------------------------------------


def test_saturated_layer_is_flagged_vanishing_and_the_next_is_not() -> None:
    first, second = grad_flow_summary(saturated_net())
    t = math.tanh(10.0)
    out = math.tanh(t)  # v . h = 0.5 t + 0.5 t
    # d out/d w0i = (1 - out^2) * 0.5 * (1 - t^2) * x_i, the same for all four
    expected = (1 - out**2) * 0.5 * (1 - t**2)
    assert (first.name, first.count, first.zeros, first.flag) == ("layers.0", 4, 0, "vanishing")
    assert first.low == pytest.approx(expected, rel=1e-12)
    assert first.median == pytest.approx(expected, rel=1e-12)
    assert (second.name, second.count, second.flag) == ("layers.1", 2, "")
    assert second.median == pytest.approx((1 - out**2) * t, rel=1e-12)


def test_median_shows_a_mostly_vanished_layer_that_a_mean_hides() -> None:
    params = []
    for i, g in enumerate([1e-9, 2e-9, 3e-9, 4e-9, 10.0]):
        v = Value(1.0)
        v.grad = g
        params.append((f"layers.0.w.{i}", v))
    (layer,) = grad_flow_summary(params)
    assert layer.median == 3e-9 and layer.flag == "vanishing"  # the mean would be 2.0
    assert (layer.low, layer.high) == (1e-9, 10.0)


def test_exploding_and_zero_counts() -> None:
    a, b, c = Value(1.0), Value(1.0), Value(1.0)
    a.grad, b.grad, c.grad = 0.0, 500.0, 1.0
    (layer,) = grad_flow_summary([("l.0.a", a), ("l.0.b", b), ("l.0.c", c)])
    assert (layer.zeros, layer.flag) == (1, "exploding")
    (layer,) = grad_flow_summary([("l.0.a", a), ("l.0.b", b)], exploding=1000.0)
    assert layer.flag == ""


def test_model_with_named_parameters_is_accepted() -> None:
    assert grad_flow_summary(Model(saturated_net()))[0].flag == "vanishing"


def test_bad_input_is_refused() -> None:
    with pytest.raises(TypeError, match="item 1"):
        grad_flow_summary([("a", Value(1.0)), ("b", 2.0)])
    with pytest.raises(ValueError, match="at least one"):
        grad_flow_summary([])


def test_layer_names() -> None:
    assert layer_of("layers.0.neurons.3.w.1") == "layers.0"
    assert layer_of("layers.12.b") == "layers.12"
    assert layer_of("head.w") == "head" and layer_of("bias") == "bias"


def test_plot_has_log_axis_threshold_lines_and_red_flagged_layer() -> None:
    fig = plot_grad_flow(saturated_net())
    (ax,) = fig.axes
    assert ax.get_yscale() == "log"
    names = [t.get_text() for t in ax.get_xticklabels()]
    assert names == ["layer 1", "layer 2"]  # as every chart names layers (issue 26)
    colors = [matplotlib.colors.to_hex(t.get_color()) for t in ax.get_xticklabels()]
    assert colors == ["#d62728", "#000000"]
    levels = sorted(line.get_ydata()[0] for line in ax.get_lines() if len(line.get_ydata()) == 2)
    assert levels == [1e-6, 1e2]  # the vanishing and exploding lines
    fig.savefig(__import__("io").BytesIO(), format="png")  # draws without error


def test_plot_counts_zeros_under_the_axis() -> None:
    a, b = Value(1.0), Value(1.0)
    a.grad, b.grad = 0.0, 0.5
    fig = plot_grad_flow([("l.0.a", a), ("l.0.b", b)])
    assert [t.get_text() for t in fig.axes[0].texts] == ["1\nzero"]
    b.grad = 0.0
    fig = plot_grad_flow([("l.0.a", a), ("l.0.b", b)])
    assert [t.get_text() for t in fig.axes[0].texts] == ["2\nzeros"]


def test_plot_marks_a_median_of_0_at_the_bottom_and_names_it_once_in_the_legend() -> None:
    grads = {"l.0": [0.0, 0.0, 0.5], "l.1": [0.0, 0.25, 0.5], "l.2": [0.0, 0.0, 0.0]}
    named = []
    for layer, gs in grads.items():
        for i, g in enumerate(gs):
            v = Value(1.0)
            v.grad = g
            named.append((f"{layer}.w.{i}", v))
    assert [s.median for s in grad_flow_summary(named)] == [0.0, 0.25, 0.0]
    (ax,) = plot_grad_flow(named).axes
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    hollow = [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert [line.get_xdata()[0] for line in dots] == [1]
    assert [line.get_xdata()[0] for line in hollow] == [0, 2]  # kept in place, not left out
    bottom = min(line.get_ydata()[0] for line in hollow)
    assert bottom == 1e-7 and all(line.get_ydata()[0] == bottom for line in hollow)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "median 0",
        "vanishing",
        "exploding",
    ]
    assert [t.get_text() for t in ax.texts] == ["2\nzeros", "1\nzero", "3\nzeros"]
    assert ax.get_ylim()[0] < bottom  # the marker is inside the axes


def test_zero_counts_stay_inside_the_axes_when_the_floor_is_the_smallest_gradient() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    named = []
    for i, g in enumerate([0.0, 1e-20, 1e-19, 0.5, 1.0]):
        v = Value(1.0)
        v.grad = g
        named.append((f"l.{i // 3}.w.{i}", v))
    fig = plot_grad_flow(named)
    FigureCanvasAgg(fig).draw()
    (ax,) = fig.axes
    inside = ax.get_window_extent()
    (count,) = ax.texts
    assert count.get_text() == "1\nzero"
    assert count.get_window_extent().y0 >= inside.y0  # not drawn over the layer names


# -- properties ------------------------------------------------------------------


@given(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=30))
def test_summary_orders_min_median_max(grads: list[float]) -> None:
    params = []
    for i, g in enumerate(grads):
        v = Value(0.0)
        v.grad = g
        params.append((f"layers.0.w.{i}", v))
    (layer,) = grad_flow_summary(params)
    assert layer.low <= layer.median <= layer.high
    assert layer.low == min(map(abs, grads)) and layer.high == max(map(abs, grads))
    assert layer.zeros == sum(g == 0 for g in grads) and layer.count == len(grads)


def test_plot_into_a_given_axes_leaves_its_figure_layout_alone() -> None:
    from matplotlib.figure import Figure

    fig = Figure(layout="constrained")
    ax = fig.subplots()
    engine = fig.get_layout_engine()
    assert plot_grad_flow(saturated_net(), ax=ax) is fig  # tight_layout here would warn
    assert fig.get_layout_engine() is engine
    fig.savefig(__import__("io").BytesIO(), format="png")
