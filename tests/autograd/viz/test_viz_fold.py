"""A folded network: one box per neuron titled in words, input nodes, junctions, its size.

First the examples, on a hand-built 2-2-1 network named as ``nn`` names its
parameters (numbers worked out below); then the count as a property over random
small MLPs; then the layout through Graphviz. The demo's folded graph is
measured in a real browser at 1280 px by ``tests/nn/test_demo_browser.py``.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value, dot
from autograd.expression import Expression
from autograd.testing import expressions
from autograd.text import at_most
from autograd.trace import forward_steps, node_names
from autograd.viz import draw_graph, to_dot
from autograd.viz.scene.annotate import gradient_flow, plain
from autograd.viz.scene.dot import emit, folds_for
from autograd.viz.scene.fold import count, fold
from nn import MLP
from nn.layers import ACTIVATIONS
from nn.losses import binary_cross_entropy_with_logits
from tests.autograd.viz.networks import XS, net, neuron


def boxes(text: str) -> dict[str, str]:
    """Each drawn node's DOT name -> its text, rows joined by spaces, markup removed."""
    found = {}
    for name, attrs in re.findall(r"^\t(\w+) \[(.*)\]$", text, re.M):
        if name in ("node", "edge"):
            continue
        label = re.search(r"label=<(.*)>", attrs)
        rows = re.split(r"</TR>|<BR/>", label.group(1)) if label else []
        words = " ".join(re.sub(r"<[^>]*>", " ", row) for row in rows)
        found[name] = html.unescape(" ".join(words.split()))
    return found


def edges(text: str) -> list[str]:
    return [line.strip().split(" [")[0] for line in text.splitlines() if " -> " in line]


def by_title(text: str) -> dict[str, str]:
    """A folded neuron's box text, by its title (``layer 1 · neuron 2``)."""
    return {t.split(":")[0]: t for t in boxes(text).values() if re.match(r"layer \d+ · neuron", t)}


# -- examples ------------------------------------------------------------------


def test_a_folded_neuron_is_one_box_titled_in_words() -> None:
    text = to_dot(net(), collapse=True)
    neurons = by_title(text)
    # The box stands for the activation's output: tanh(0.75) = 0.635 and dL/dh1 = 3.08.
    assert neurons["layer 1 · neuron 1"].startswith(
        "layer 1 · neuron 1: tanh(w·x + b) data 0.635 grad 3.08 w: |grad| ≤"
    )
    assert neurons["layer 1 · neuron 2"].startswith(
        "layer 1 · neuron 2: tanh(w·x + b) data 0.0 grad -1.54"
    )
    # The output neuron is linear: its box is the dot itself, y = 1.77, dL/dy = 1.54.
    assert neurons["layer 2 · neuron 1"].startswith(
        "layer 2 · neuron 1: w·x + b data 1.77 grad 1.54"
    )
    assert len(neurons) == 3
    # Neither the dots nor the tanhs are drawn as ops, and no weight or bias as a box.
    assert "label=<dot>" not in text and "label=<tanh>" not in text
    assert "layers.0" not in text


def test_a_neurons_last_row_bounds_its_weights_grads_from_above() -> None:
    # dL/dw = dL/dz * x: output neuron 1.540597 * (0.635149, 0.0) -> at most 0.98 -> 1.0;
    # hidden neuron 2: dL/dz2 = -1.540597 * tanh'(0) = -1.540597, x = (0.5, -1.0) -> 2.0.
    neurons = by_title(to_dot(net(), collapse=True))
    assert neurons["layer 2 · neuron 1"].endswith("w: |grad| ≤ 1.0")
    assert neurons["layer 1 · neuron 2"].endswith("w: |grad| ≤ 2.0")
    w = [Value(1.0), Value(2.0), Value(3.0)]
    d = dot(w, [Value(0.25), Value(-0.125), Value(0.31)])
    d.backward()  # |dd/dw_i| = |x_i|: 0.25, 0.125, 0.31, at most 0.31: rounded up, 0.4
    assert "w: |grad| ≤ 0.4" in to_dot(d, collapse=True)
    assert "grad" not in to_dot(net(), collapse=True, show_grad=False)  # nor this line


def test_network_inputs_are_nodes_wired_to_every_first_layer_neuron() -> None:
    text = to_dot(net(), collapse=True)
    drawn = boxes(text)
    inputs = {name: t for name, t in drawn.items() if name.startswith("x")}
    assert sorted(inputs.values()) == ["x1 0.5", "x2 -1.0"]
    first = [name for name, t in drawn.items() if t.startswith("layer 1 ·")]
    # Both first-layer neurons take (x1, x2): one junction between them.
    (junction,) = [name for name in drawn if name.startswith("j")]
    wiring = edges(text)
    assert sorted(e for e in wiring if e.endswith(f"-> {junction}")) == sorted(
        f"{x} -> {junction}" for x in inputs
    )
    assert [e for e in wiring if e.startswith(junction)] == [f"{junction} -> {v}:w" for v in first]


def test_a_dense_layer_is_wired_through_one_junction_in_neuron_order() -> None:
    loss = (MLP(2, [16, 16, 1], seed=0)(list(XS)) - 1.0) ** 2
    loss.backward()
    text = to_dot(loss, collapse=True)
    drawn = boxes(text)
    layer = {
        n: [name for name, t in drawn.items() if t.startswith(f"layer {n} ·")] for n in (1, 2)
    }
    assert [len(layer[1]), len(layer[2])] == [16, 16]
    junctions = [name for name in drawn if name.startswith("j")]
    assert len(junctions) == 2  # one per dense layer; the output neuron is alone
    wiring = edges(text)
    into_layer_2 = [e for e in wiring if e.split(" -> ")[1].removesuffix(":w") in layer[2]]
    (j,) = {e.split(" -> ")[0] for e in into_layer_2}
    # 16 + 16 edges through the junction instead of 16 * 16.
    assert len(into_layer_2) == 16 and sum(e.endswith(f"-> {j}") for e in wiring) == 16
    # Listed neuron 1 to 16, with ordering=out: drawn in that order, top to bottom.
    titles = [drawn[e.split(" -> ")[1].removesuffix(":w")].split(":")[0] for e in into_layer_2]
    assert titles == [f"layer 2 · neuron {k}" for k in range(1, 17)]
    assert f"{j} [shape=point width=0.06 ordering=out]" in text
    assert len(wiring) < 120  # the 2-16-16-1 net and its loss, drawn in full: over 300


def test_junction_edges_carry_meaningful_flow_colours() -> None:
    loss = net()
    order = forward_steps(loss)
    flow = gradient_flow(order)
    text = to_dot(loss, flow=True, collapse=True)
    h1 = next(v for v in order if v.op == "tanh" and v._args[0].data == 0.75)
    (z1,) = h1._args
    # Into a neuron: coloured by the gradient at its weighted sum, dL/dz1.
    (into,) = [line for line in text.splitlines() if re.search(r"j\d+ -> v\d+:w", line)][:1]
    assert f'color="{flow.edge(z1, -1).color}"' in into
    # From an input (a constant): plain.
    assert all(
        "color" not in line for line in text.splitlines() if re.match(r"\tx\d+_\d+ ->", line)
    )


def test_a_source_with_other_users_is_not_coloured_by_its_whole_gradient() -> None:
    a, b = Value(0.5, label="a"), Value(-1.0, label="b")
    layer = [neuron(0, j, [a, b], [0.5, 0.25], 0.0) for j in range(2)]
    out = layer[0] + layer[1] + a  # a reaches the output outside the layer too
    out.backward()
    text = to_dot(out, flow=True, collapse=True)
    into_junction = [line for line in text.splitlines() if re.match(r"\tv\d+ -> j", line)]
    a_edge, b_edge = into_junction
    assert "color" not in a_edge  # a.grad = 2 * 0.5 + 1: only 1.0 of it flows this way
    assert "color" in b_edge  # all of b.grad flows back through the layer


def test_titles_fall_back_to_the_common_prefix_or_the_node_name() -> None:
    x = [Value(1.0, label="x"), Value(2.0, label="y")]
    head = dot([Value(0.5, label="head.w.0"), Value(0.25, label="head.w.1")], x)
    plain_w = dot([Value(0.5), Value(0.25)], x, bias=Value(0.0)).relu()
    out = head + plain_w
    titles = [t.split(" data")[0] for t in boxes(to_dot(out, collapse=True)).values()]
    assert "head: w·x" in titles
    assert "dot2: relu(w·x + b)" in titles  # named as node_names names the dot


def test_a_batch_numbers_its_input_vectors() -> None:
    # Two models: in a batch through one model the examples share its weights,
    # so no dot owns them and nothing folds.
    first, second = MLP(2, [3, 1], seed=0), MLP(2, [3, 1], seed=1)
    loss = binary_cross_entropy_with_logits([first([0.5, 1.0]), second([0.25, -1.0])], [1, 0])
    loss.backward()
    inputs = sorted(t for n, t in boxes(to_dot(loss, collapse=True)).items() if n[0] == "x")
    assert inputs == [
        "input 1 · x1 0.5",
        "input 1 · x2 1.0",
        "input 2 · x1 0.25",
        "input 2 · x2 -1.0",
    ]


def test_too_many_nodes_even_folded_is_refused_with_the_folded_count() -> None:
    loss = net()
    drawn = count(forward_steps(loss), fold(forward_steps(loss)))
    assert drawn == len(boxes(to_dot(loss, collapse=True)))
    with pytest.raises(ValueError, match=rf"has {drawn} nodes to draw"):
        to_dot(loss, collapse=True, max_nodes=drawn - 1)


def test_unfolded_drawings_stay_as_they_were() -> None:
    text = to_dot(net(), collapse=False)
    assert "layer 1 ·" not in text and "ranksep=0.3" in text
    assert "<B>layers.0.neurons.0.w.0</B>" in text and "label=<dot>" in text
    assert text == to_dot(net())  # 23 nodes: under max_nodes, so not folded


def test_folded_emit_gives_every_node_and_edge_a_distinct_id() -> None:
    loss = net()
    order = forward_steps(loss)
    names = node_names(loss, order)
    folds = folds_for(order, 500, collapse=True, names=names)
    lines = emit(order, names, plain(order), folds=folds, ids=True, groups=True)
    ids = re.findall(r'id="([^"]+)"', "".join(lines))
    assert len(ids) == len(set(ids)) == len(boxes("".join(lines))) + len(edges("".join(lines)))


# -- properties ------------------------------------------------------------------


@st.composite
def mlps(draw: st.DrawFn) -> tuple[Value, bool]:
    """The loss of a random small MLP on a batch of one or two, and a collapse flag."""
    nin = draw(st.integers(1, 3))
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    model = MLP(nin, sizes, activation=draw(st.sampled_from(ACTIVATIONS)), seed=0)
    value = st.floats(-2.0, 2.0, allow_nan=False)
    batch = draw(st.lists(st.lists(value, min_size=nin, max_size=nin), min_size=1, max_size=2))
    outputs = [model(x) for x in batch]
    loss = sum((y if isinstance(y, Value) else y[0]) ** 2 for y in outputs)
    assert isinstance(loss, Value)
    loss.backward()
    return loss, draw(st.booleans())


@given(mlps())
def test_count_is_the_number_of_nodes_drawn(case: tuple[Value, bool]) -> None:
    loss, collapse = case
    order = forward_steps(loss)
    folds = folds_for(order, 10**6, collapse, node_names(loss, order))
    text = to_dot(loss, collapse=collapse, max_nodes=10**6)
    assert count(order, folds) == len(boxes(text))


@given(expressions(max_inputs=4, max_depth=4), st.sampled_from([None, True, False]))
def test_count_is_the_number_of_nodes_drawn_for_any_formula(
    e: Expression, collapse: bool | None
) -> None:
    # Random formulas: dots and sums with constants, shared inputs (x0 * x0) and
    # leaves that only a dot uses (which fold as its weights).
    root = e.fn(*(Value(x) for x in e.inputs))
    root.backward()
    order = forward_steps(root)
    folds = folds_for(order, 10**6, collapse, node_names(root, order))
    text = to_dot(root, collapse=collapse, max_nodes=10**6, flow=True)
    assert count(order, folds) == len(boxes(text)) - (not folds.neurons)  # the legend's node


@given(st.floats(min_value=1e-300, max_value=1e300))
def test_the_weights_bound_holds_and_is_tight(x: float) -> None:
    bound = float(at_most(x))
    assert x <= bound <= 2 * x  # one digit, rounded up: never below, at most double


# -- through Graphviz --------------------------------------------------


@pytest.mark.needs_dot
def test_each_layer_is_drawn_neuron_1_to_n_top_to_bottom(dot_program: str) -> None:
    loss = (MLP(2, [16, 16, 1], seed=0)(list(XS)) - 1.0) ** 2
    loss.backward()
    graph = draw_graph(loss, collapse=True)
    drawn = boxes(graph.source)
    heights = {}  # -y of each box in the laid-out picture (Graphviz's y points up)
    for line in graph.pipe(format="plain", encoding="utf-8").splitlines():
        kind, name, _, y, *_ = line.split() + [""] * 4
        if kind == "node" and drawn.get(name, "").startswith("layer"):
            heights[drawn[name].split(":")[0]] = -float(y)
    for layer in (1, 2):
        column = [heights[f"layer {layer} · neuron {k}"] for k in range(1, 17)]
        assert column == sorted(column)
