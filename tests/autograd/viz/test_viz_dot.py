"""DOT text: golden files, edges, escaping, gradient flow, and the size limit.

The golden files in ``golden/`` are compared exactly. After a deliberate change
to the drawing, regenerate them (never edit them by hand) with

    CHAINRULE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/autograd/viz -k golden

and look at the rendered pictures before committing the new files.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value, dot
from autograd.text import LONGEST, escape
from autograd.viz import to_dot
from autograd.viz.scene.colors import ZERO
from nn.demo import neuron as demo_neuron
from tests.autograd.viz.networks import backward, dead_relu, net, zeroed

GOLDEN = Path(__file__).parent / "golden"


def neuron() -> Value:
    """The demo's o = tanh(x1*w1 + x2*w2 + b), n = atanh(1/sqrt 2) so do/dn = 0.5."""
    o = demo_neuron()
    o.backward()
    return o


def saturated_net() -> tuple[Value, list[tuple[str, Value]]]:
    """A 2-2-1 tanh net whose hidden pre-activations are 10: tanh' = 1 - tanh(10)^2 ~ 8e-9."""
    xs = [Value(1.0, label="x0"), Value(1.0, label="x1")]
    params: list[tuple[str, Value]] = []
    hidden = []
    for j in range(2):
        w = [Value(5.0, label=f"w{j}{i}") for i in range(2)]
        params += [(f"layers.0.neurons.{j}.w.{i}", wi) for i, wi in enumerate(w)]
        hidden.append(dot(w, xs).tanh())
    v = [Value(0.5, label="v0"), Value(0.5, label="v1")]
    params += [(f"layers.1.neurons.0.w.{i}", vi) for i, vi in enumerate(v)]
    out = dot(v, hidden).tanh()
    out.backward()
    return out, params


def square_plus() -> Value:
    x = Value(3.0, label="x")
    y = x * x + 2.0 * x
    y.backward()
    return y


def hostile() -> Value:
    a = Value(1.0, label='<b>bold</b> & "a|b" {x}')
    b = Value(2.0, label="w[0]->h\\n\nsecond line")
    return a * b


CASES = {
    "neuron": lambda: to_dot(neuron()),
    "neuron_flow": lambda: to_dot(neuron(), flow=True),
    "square_plus_constants": lambda: to_dot(square_plus(), rankdir="TB"),
    "saturated_flow_collapsed": lambda: to_dot(saturated_net()[0], flow=True, collapse=True),
    "hostile_labels": lambda: to_dot(hostile(), show_grad=False),
    "mlp_folded_flow": lambda: to_dot(net(), flow=True, collapse=True),
    # "Not computed yet" is not zero (tests/autograd/viz/test_not_reached.py):
    "not_reached": lambda: to_dot(dead_relu()),
    "not_reached_flow": lambda: to_dot(dead_relu(), flow=True),
    "computed_zero": lambda: to_dot(backward(dead_relu())),
    "computed_zero_flow": lambda: to_dot(backward(dead_relu()), flow=True),
    "after_zero_grad": lambda: to_dot(zeroed(set_to_none=True)),
    "after_zero_grad_zeros": lambda: to_dot(zeroed(set_to_none=False)),
    "not_reached_folded": lambda: to_dot(net(backward=False), collapse=True),
}

# -- examples ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    text = CASES[name]()
    path = GOLDEN / f"{name}.dot"
    if os.environ.get("CHAINRULE_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def edges(text: str) -> list[str]:
    return [line.strip().split(" [")[0] for line in text.splitlines() if " -> " in line]


def test_x_times_x_draws_two_edges() -> None:
    x = Value(2.0, label="x")
    assert edges(to_dot(x * x)) == ["v0 -> op1", "v0 -> op1", "op1 -> v1"]


def test_neuron_has_every_value_and_op_once() -> None:
    text = to_dot(neuron())
    # 5 leaves, 4 interior values (2 *, 2 +) and the tanh output: 10 boxes, 5 ops.
    assert len(re.findall(r"^\tv\d+ \[", text, re.M)) == 10
    assert len(re.findall(r"^\top\d+ \[", text, re.M)) == 5
    assert len(edges(text)) == 14
    assert "<B>o</B></TD><TD>data 0.707107</TD><TD>grad 1.0</TD>" in text
    assert "<B>x1</B></TD><TD>data 2.0</TD><TD>grad -1.5</TD>" in text


def test_names_come_from_graph_position_so_text_is_deterministic() -> None:
    first, second = to_dot(neuron()), to_dot(neuron())
    assert first == second
    assert "0x" not in first and str(id(neuron())) not in first


def test_constants_are_small_nodes_feeding_their_op() -> None:
    text = to_dot(square_plus())
    # x*x, then 2.0*x (constant first), then the sum.
    assert "c2_0 [shape=note label=<2.0>]" in text
    assert "c2_0 -> op2" in edges(text)


def test_nary_dot_draws_one_edge_per_operand() -> None:
    w = [Value(0.5), Value(0.25), Value(2.0)]
    x = [Value(1.0), Value(2.0), Value(4.0)]
    text = to_dot(dot(w, x))
    into_op = [e for e in edges(text) if e.endswith("-> op6")]
    assert len(into_op) == 6
    assert "op6 [shape=ellipse height=0.3 width=0.4 margin=0.02 label=<dot>]" in text


def test_show_data_and_grad_can_be_hidden_and_highlight_marks_a_box() -> None:
    x = Value(2.0, label="x")
    text = to_dot(x * 3.0, show_data=False, show_grad=False, highlight=[x])
    assert "data " not in text and "grad " not in text
    assert '<TABLE BORDER="3" COLOR="#ff7f0e"' in text


def test_labels_are_escaped_for_html_like_labels() -> None:
    text = to_dot(hostile())
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;a|b&quot; {x}" in text
    assert "w[0]-&gt;h\\\\n<BR/>second line" in text  # Graphviz reads \\\\ as \\
    assert "<b>" not in text


def test_control_characters_show_as_their_escapes() -> None:
    assert escape("a\tb\x00c") == "a\\\\tb\\\\x00c"  # shown as a\tb\x00c
    assert escape("one\r\ntwo\rthree") == "one<BR/>two<BR/>three"


def test_flow_edges_carry_upstream_times_local_derivative() -> None:
    x = Value(3.0, label="x")
    y = x * x  # dy/dx through each use: upstream 1.0, x = 3.0
    y.backward()
    text = to_dot(y, flow=True)
    assert text.count("label=<1.0 · 3.0 = 3.0>") == 2  # the player's notation
    assert "|grad|, log scale" in text and "cluster_legend" in text
    assert "1.0 · 3.0" not in to_dot(y, flow=True, contributions=False)


def test_flow_neuron_contributions_and_zero_grey() -> None:
    text = to_dot(neuron(), flow=True)
    # n = 0.881374, do/dn = 1 - 0.5 = 0.5; w1's edge into * carries 0.5 * x1 = 1.0.
    assert "1.0 · 0.5 = 0.5" in text
    assert "0.5 · 2.0 = 1.0" in text and "0.5 · (-3.0) = -1.5" in text
    w2_box = next(line for line in text.splitlines() if "<B>w2</B>" in line)
    assert f'BGCOLOR="{ZERO}"' in w2_box and "vanishing" not in w2_box


def test_flow_flags_the_saturated_layer_as_vanishing() -> None:
    out, _ = saturated_net()
    text = to_dot(out, flow=True)
    boxes = {
        m.group(1): "⚠ vanishing" in m.group(0) for m in re.finditer(r"<B>(w\d\d|v\d)</B>.*", text)
    }
    # hidden weights: |grad| = 0.5 * tanh'(out) * tanh'(10) * 1 ~ 4e-9, flagged;
    # output weights: tanh(10) * tanh'(out) ~ 0.3, not flagged.
    assert boxes == {
        "w00": True,
        "w01": True,
        "w10": True,
        "w11": True,
        "v0": False,
        "v1": False,
    }


def test_flow_thresholds_are_settable() -> None:
    text = to_dot(neuron(), flow=True, exploding=1.2, vanishing=1e-9)
    x1_box = next(line for line in text.splitlines() if "<B>x1</B>" in line)
    assert "⚠ exploding" in x1_box  # |grad| 1.5 > 1.2
    with pytest.raises(ValueError, match="vanishing < exploding"):
        to_dot(neuron(), flow=True, vanishing=1.0, exploding=0.5)


def test_large_graph_raises_with_the_count_and_what_to_pass() -> None:
    x = Value(0.5, label="x")
    y = x
    for _ in range(300):
        y = y * 1.0  # each step: a box, an op and a constant
    with pytest.raises(ValueError, match=r"has 901 nodes.*max_nodes=500.*pass max_nodes=901"):
        to_dot(y)
    assert to_dot(y, max_nodes=901).count(" -> ") == 900


def test_huge_graph_refuses_quickly_instead_of_drawing() -> None:
    y = Value(1.0)
    for _ in range(20_000):
        y = y + y
    with pytest.raises(ValueError, match="40001 nodes"):
        to_dot(y)


def layer(inputs: int, neurons: int) -> Value:
    xs = [Value(float(i % 3) - 1.0, label=f"x{i}") for i in range(inputs)]
    outs = []
    for j in range(neurons):
        w = [Value(0.01 * (i - j), label=f"w{j}.{i}") for i in range(inputs)]
        outs.append((dot(w, xs) + Value(0.0, label=f"b{j}")).tanh())
    total = outs[0]
    for o in outs[1:]:
        total = total + o
    total.backward()
    return total


def test_wide_layer_collapses_each_neuron_into_one_box() -> None:
    text = to_dot(layer(20, 30))  # 30 * (20 + 8) + ... nodes uncollapsed: over 500
    # Each neuron's dot is one box, titled after its weights' names (w0.0, w0.1: w0).
    assert text.count("<FONT>w·x</FONT>") == 30 and "<FONT>w29:</FONT>" in text
    assert text.count("w: |grad| ≤") == 30
    assert "<B>w0.0</B>" not in text  # weights are folded in, inputs are not
    assert "<B>x0</B>" in text
    # The 30 neurons share their 20 inputs: 20 + 30 edges through a junction, not 600.
    assert len(re.findall(r"-> j\d+\b", text)) == 20
    assert len(re.findall(r"^\tj\d+ -> ", text, re.M)) == 30
    with pytest.raises(ValueError, match="more than max_nodes=500"):
        to_dot(layer(20, 30), collapse=False)


def test_collapsed_box_bounds_its_weights_grads() -> None:
    w = [Value(1.0), Value(2.0), Value(3.0)]
    x = [Value(0.5), Value(-0.25), Value(4.0)]
    d = dot(w, x)
    d.backward()  # dd/dw_i = x_i: |grad| 0.25, 0.5, 4.0
    text = to_dot(d, collapse=True)
    assert "w: |grad| ≤ 4.0" in text


def test_bad_rankdir_is_refused() -> None:
    with pytest.raises(ValueError, match="rankdir"):
        to_dot(Value(1.0), rankdir="sideways")


# -- properties ------------------------------------------------------------------


@given(st.text(max_size=40))
def test_escaped_text_has_no_markup_but_br(label: str) -> None:
    out = escape(label).replace("<BR/>", "")
    assert "<" not in out and ">" not in out and '"' not in out
    assert re.sub(r"&(lt|gt|amp|quot|#x27);", "", out).count("&") == 0


# -- arguments and labels at their limits -----------------------------------------


def test_a_long_label_is_drawn_cut_short_with_an_ellipsis_and_kept_whole() -> None:
    # 5,000 '<' are 20,000 characters escaped: past Graphviz's 16,384 for one
    # HTML-like label, which failed with a raw CalledProcessError.
    label = "<" * 5000
    x = Value(1.0, label=label)
    text = to_dot(x * 2.0)
    assert f"<B>{escape('<' * (LONGEST - 1))}…</B>" in text
    assert max(len(line) for line in text.splitlines()) < 16384 // 4
    assert x.label == label  # the label itself is untouched


@pytest.mark.needs_dot
def test_a_long_label_renders(dot_program: str) -> None:
    from autograd.viz import draw_graph

    x = Value(1.0, label="\udfff" * 20_000)  # the longest escape, 7 characters each
    svg = draw_graph(x * 2.0, flow=True).pipe(format="svg", encoding="utf-8")
    assert "…" in svg


@pytest.mark.parametrize("root", [1.0, None, [Value(1.0)]])
def test_to_dot_of_something_other_than_a_value_names_to_dot(root: object) -> None:
    with pytest.raises(
        TypeError, match=r"^to_dot\(\) and draw_graph\(\) draw the graph of a Value"
    ):
        to_dot(root)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (math.nan, ValueError),
        (math.inf, ValueError),
        (2.5, ValueError),
        (0, ValueError),
        (-3, ValueError),
        (True, TypeError),  # not a number: the wrong kind, as PyTorch refuses it
        ("500", TypeError),
    ],
)
def test_max_nodes_must_be_a_whole_number_of_at_least_one(
    bad: object, error: type[Exception]
) -> None:
    # nan compared False with every count, so max_nodes=nan drew any graph.
    with pytest.raises(error, match=r"max_nodes must be a whole number >= 1, got"):
        to_dot(Value(1.0) * 2.0, max_nodes=bad)  # type: ignore[arg-type]
    assert "op1" in to_dot(Value(1.0) * 2.0, max_nodes=4)  # box, op, constant, box
