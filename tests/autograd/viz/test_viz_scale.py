"""One |grad| colour scale for a series of pictures, legends at whole decades, no ``-0.0``."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value
from autograd.text import number
from autograd.viz import step_through, to_dot
from autograd.viz.scene.colors import LogScale, scale_for
from autograd.viz.views.looks import frame_looks


def small_and_large() -> tuple[Value, Value]:
    """Two graphs whose gradients differ by a factor of 1000: y = 0.001 x and y = x."""
    a, b = Value(2.0, label="a"), Value(2.0, label="b")
    small, large = a * 0.001, b * 1.0
    small.backward()
    large.backward()
    return small, large


def fill_of(dot: str, label: str) -> str:
    """The background colour of the box labelled ``label`` in DOT text."""
    line = next(line for line in dot.splitlines() if f"<B>{label}</B>" in line)
    found = re.search(r'BGCOLOR="(#[0-9a-f]{6})"', line)
    assert found is not None, line
    return found.group(1)


def legend_ticks(dot: str) -> list[str]:
    """The tick labels of the |grad| legend, in order."""
    legend = next(line for line in dot.splitlines() if line.strip().startswith("legend"))
    rows = re.findall(r"<TR>((?:<TD>[^<]*</TD>)+)</TR>", legend)
    return re.findall(r"<TD>([^<]*)</TD>", rows[0])


def test_each_picture_has_its_own_scale_by_default() -> None:
    small, large = small_and_large()
    # |grad| 0.001 .. 1 spans 1e-3 .. 1; |grad| 1 alone is widened to two decades below it.
    assert legend_ticks(to_dot(small, flow=True)) == ["0.001", "0.01", "0.1", "1.0"]
    assert legend_ticks(to_dot(large, flow=True)) == ["0.01", "0.1", "1.0"]


def test_one_scale_makes_two_pictures_comparable() -> None:
    small, large = small_and_large()
    one = (1e-4, 10.0)
    small_dot, large_dot = to_dot(small, flow=True, scale=one), to_dot(large, flow=True, scale=one)
    # a.grad = 0.001 and b.grad = 1.0 on one scale: different colours, as on the ramp.
    scale = LogScale(1e-4, 10.0)
    assert fill_of(small_dot, "a") == scale.color(0.001)
    assert fill_of(large_dot, "b") == scale.color(1.0)
    assert fill_of(small_dot, "a") != fill_of(large_dot, "b")
    # ... and the same legend, at whole decades 1e-4 .. 10.
    assert legend_ticks(small_dot) == legend_ticks(large_dot)
    assert legend_ticks(small_dot) == ["0.0001", "0.001", "0.01", "0.1", "1.0", "10.0"]


def test_a_fixed_scale_is_rounded_out_to_whole_decades() -> None:
    assert scale_for((2e-5, 3.0), []) == LogScale(1e-5, 10.0)
    assert scale_for((1e-3, 1.0), [1e9]) == LogScale(1e-3, 1.0)  # the gradients do not move it


@pytest.mark.parametrize(
    "bad", [(1.0, 0.5), (0.0, 1.0), (-1.0, 1.0), (1e-3, math.inf), (1.0,), "1,2", (1.0, "2")]
)
def test_a_bad_scale_is_refused_naming_it(bad: object) -> None:
    small, _ = small_and_large()
    with pytest.raises(ValueError, match=r"scale must be \(low, high\)"):
        to_dot(small, flow=True, scale=bad)  # type: ignore[arg-type]


def test_scale_without_flow_is_an_error_not_ignored() -> None:
    small, _ = small_and_large()
    with pytest.raises(ValueError, match="flow=True"):
        to_dot(small, scale=(1e-3, 1.0))


def test_the_players_last_frame_uses_the_given_scale() -> None:
    small, _ = small_and_large()
    walk = step_through(small, scale=(1e-4, 10.0))._walk
    look = frame_looks(walk, len(walk.frames) - 1).node(small.parents[0])
    assert look.fill == LogScale(1e-4, 10.0).color(0.001)
    with pytest.raises(ValueError, match="scale must be"):
        step_through(small, scale=(1.0, 1.0))


@given(low=st.integers(-300, 300), span=st.integers(1, 300), most=st.integers(2, 12))
def test_ticks_are_whole_decades_both_ends_at_most_most(low: int, span: int, most: int) -> None:
    high = min(low + span, 307)
    if high <= low:
        return
    ticks = LogScale(float(f"1e{low}"), float(f"1e{high}")).ticks(most)
    exponents = [math.log10(t) for t in ticks]
    assert all(abs(e - round(e)) < 1e-9 for e in exponents)
    assert round(exponents[0]) == low and round(exponents[-1]) == high
    assert 2 <= len(ticks) <= most
    assert exponents == sorted(set(exponents))


@given(st.floats(allow_nan=False))
def test_no_number_is_shown_as_negative_zero(x: float) -> None:
    assert number(x) != "-0.0" and not number(x).startswith("-0.0e")
    assert float(number(x)) == pytest.approx(x, rel=1e-5) or not math.isfinite(x)


def test_a_negative_zero_node_is_drawn_as_zero() -> None:
    z = Value(-1.0, label="w") * 0.0  # -0.0 in IEEE arithmetic
    z.label = "z"
    assert math.copysign(1.0, z.data) == -1.0
    assert "-0.0" not in to_dot(z, flow=True)


# -- the edges of the number line ------------------------------------------------

EXTREME_GRADS = [
    1.5e308,
    -1.7976931348623157e308,
    5e-324,
    -5e-324,
    1e-320,
    math.inf,
    -math.inf,
    math.nan,
]


@pytest.mark.parametrize("g", EXTREME_GRADS, ids=repr)
def test_flow_draws_any_gradient_finite_or_not(g: float) -> None:
    # 1.5e308 raised OverflowError (a scale up to 1e309 = inf), 5e-324 "math
    # domain error" (down to 1e-324 = 0.0): the scale now ends at the decades
    # a float holds, and every |grad| is placed on it (clamped).
    x = Value(1.0, label="x")
    y = x * g
    y.backward()
    dot = to_dot(y, flow=True)
    assert f"grad {number(g)}" in dot
    scale = LogScale.spanning([x.grad, 1.0])
    assert 0.0 < scale.low < scale.high < math.inf
    assert all(0.0 < t < math.inf for t in scale.ticks())
    assert 0.0 <= scale.position(g) <= 1.0 and scale.width(g) > 0.0


def test_a_fixed_scale_at_the_ends_of_the_floats_is_whole_decades_inside_them() -> None:
    assert scale_for((5e-324, 1.7e308), []) == LogScale(1e-323, 1e308)
    assert scale_for((1.1e308, 1.5e308), []) == LogScale(1e307, 1e308)
    assert scale_for((5e-324, 1e-323), []) == LogScale(1e-323, 1e-322)


@pytest.mark.needs_dot
def test_the_largest_and_the_smallest_gradient_render_in_one_picture(dot_program: str) -> None:
    from autograd.viz import draw_graph

    a, b = Value(1.0, label="a"), Value(1.0, label="b")
    y = a * 1.5e308 + b * 5e-324
    y.backward()
    svg = draw_graph(y, flow=True).pipe(format="svg", encoding="utf-8")
    assert "grad 1.5e+308" in svg and "grad 4.94066e&#45;324" in svg  # Graphviz writes - as &#45;
