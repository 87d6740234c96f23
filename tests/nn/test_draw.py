"""The network view: a hand-worked 2-2-1 network, its golden DOT, its SVG, and its flags.

The golden file in ``golden/`` is compared exactly. After a deliberate change
to the drawing, regenerate it and read the diff:

    CHAINRULE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/nn -k golden
"""

from __future__ import annotations

import itertools
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value
from autograd.viz.scene.colors import ALARM, ZERO, LogScale, signed
from nn import MLP, Layer, Neuron, draw_network
from nn.losses import mse
from nn.pictures.draw import ENDS, MAX_ROWS

GOLDEN = Path(__file__).parent / "golden"
X = [1.0, 2.0]


def hand_net() -> MLP:
    """relu 2-2-1 with round weights, so every number below is worked by hand.

    n1 = relu(0.5*1 + 0.25*2 + 0)    = 1.0
    n2 = relu(-1*1 + 0.5*2 + 0.5)    = 0.5
    y  = 2*n1 - 1*n2 + 0.25          = 1.75;  L = (y - 1)**2 = 0.5625, dL/dy = 1.5
    dL/dv = 1.5*[1.0, 0.5] = [1.5, 0.75], dL/dc = 1.5
    dL/db1 = 1.5*2 = 3.0,  dL/dw1 = 3.0*[1, 2] = [3.0, 6.0]
    dL/db2 = 1.5*-1 = -1.5, dL/dw2 = -1.5*[1, 2] = [-1.5, -3.0]
    """
    model = MLP(2, [2, 1], activation="relu", seed=0)
    model.load_state_dict(
        {
            "layers.0.neurons.0.w.0": 0.5,
            "layers.0.neurons.0.w.1": 0.25,
            "layers.0.neurons.0.b": 0.0,
            "layers.0.neurons.1.w.0": -1.0,
            "layers.0.neurons.1.w.1": 0.5,
            "layers.0.neurons.1.b": 0.5,
            "layers.1.neurons.0.w.0": 2.0,
            "layers.1.neurons.0.w.1": -1.0,
            "layers.1.neurons.0.b": 0.25,
        }
    )
    return model


def hand_loss(model: MLP) -> Value:
    return mse([model(X)], [1.0])


def wires(source: str) -> dict[tuple[str, str], str]:
    """Each wire's (from, to) DOT names and its colour."""
    found = re.findall(r'(u\d+_\d+) -> (u\d+_\d+) \[color="(#[0-9a-f]{6})"', source)
    return {(a, b): color for a, b, color in found}


def fills(source: str) -> dict[str, str]:
    """Each neuron's DOT name and fill (inputs, which have no bias, are white)."""
    found = re.findall(r'(u\d+_\d+) \[pos="[^"]*" [^\]]*fillcolor="([^"]+)"', source)
    return {name: fill for name, fill in found if fill != "white"}


def test_golden_hand_net() -> None:
    model = hand_net()
    text = draw_network(model, X, loss=hand_loss(model)).source
    path = GOLDEN / "network_2_2_1.dot"
    if os.environ.get("CHAINRULE_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_one_wire_per_weight_coloured_by_sign_and_size_of_its_gradient() -> None:
    model = hand_net()
    source = draw_network(model, X, loss=hand_loss(model)).source
    scale = LogScale(0.1, 10.0)  # the hand-worked |grad|s run from 0.75 to 6.0
    assert wires(source) == {
        ("u0_0", "u1_0"): signed(3.0, scale),
        ("u0_1", "u1_0"): signed(6.0, scale),
        ("u0_0", "u1_1"): signed(-1.5, scale),
        ("u0_1", "u1_1"): signed(-3.0, scale),
        ("u1_0", "u2_0"): signed(1.5, scale),
        ("u1_1", "u2_0"): signed(0.75, scale),
    }
    # Neurons by their bias's gradient: positive blue, negative orange.
    assert fills(source) == {
        "u1_0": signed(3.0, scale),
        "u1_1": signed(-1.5, scale),
        "u2_0": signed(1.5, scale),
    }
    assert signed(3.0, scale) != signed(-3.0, scale)


def test_show_weight_colours_by_the_weights_themselves() -> None:
    model = hand_net()
    source = draw_network(model, show="weight").source
    scale = LogScale(0.1, 10.0)  # |w| and |b| from 0.25 to 2.0 (b1 = 0 is grey)
    assert wires(source)[("u0_1", "u1_0")] == signed(0.25, scale)
    assert wires(source)[("u1_0", "u2_0")] == signed(2.0, scale)
    assert fills(source)["u1_0"] == "#bdbdbd"  # b1 = 0.0
    assert "wire: w · neuron: b" in source and "⚠" not in source


def test_activations_shown_for_the_input_given() -> None:
    source = draw_network(hand_net(), X, show="weight").source
    # n1 = 1.0, n2 = 0.5, y = 1.75; inputs x1 = 1.0, x2 = 2.0
    assert "<B>1</B> 1" in source and "<B>2</B> 0.5" in source and "<B>1</B> 1.75" in source
    assert "<B>x1</B> 1" in source and "<B>x2</B> 2" in source


def test_loss_is_differentiated_afresh_touching_no_grad() -> None:
    model = hand_net()
    source = draw_network(model, loss=hand_loss(model)).source
    assert all(p.grad == 0.0 for p in model.parameters())
    assert "loss = 0.562" in source and "loss 0.562" in source


def test_grad_comes_from_backward_when_no_loss_is_given() -> None:
    model = hand_net()
    hand_loss(model).backward()
    assert wires(draw_network(model).source) == wires(
        draw_network(model, loss=hand_loss(model)).source
    )


def test_all_zero_gradients_say_what_to_do() -> None:
    assert "call loss.backward() first, or pass loss=" in draw_network(hand_net()).source


def test_before_backward_no_gradient_is_drawn_as_zero_or_flagged() -> None:
    # Not computed yet is not zero: no grey "exactly zero", no "vanishing" flag.
    source = draw_network(hand_net()).source
    assert "no gradient computed yet (grad —)" in source
    assert "not computed yet (no backward()" in source  # the legend's row
    assert set(wires(source).values()) == {"#555555"}  # plain wires, none coloured
    assert fills(source) == {}  # every neuron white (fills() leaves white out)
    assert "vanishing" not in source and ZERO not in source.split("legend")[0]


def test_zero_grad_follows_torch_set_to_none_in_the_network_view() -> None:
    # After backward dL/dw1 = [3.0, 6.0] etc. (hand_net): coloured; zero_grad() undoes it.
    model = hand_net()
    hand_loss(model).backward()
    assert "#555555" not in set(wires(draw_network(model).source).values())
    model.zero_grad()
    assert set(wires(draw_network(model).source).values()) == {"#555555"}
    hand_loss(model).backward()
    model.zero_grad(set_to_none=False)  # computed zeros: the grey of exactly zero
    assert set(wires(draw_network(model).source).values()) == {ZERO}


def saturated() -> tuple[MLP, Value]:
    """Hidden biases of 8 push every tanh into its flat tail: gradients below them vanish."""
    model = MLP(2, [4, 4, 1], seed=0)
    state = model.state_dict()
    model.load_state_dict(
        {
            k: 8.0 if k.endswith(".b") and not k.startswith("layers.2") else v
            for k, v in state.items()
        }
    )
    return model, mse([model([0.5, -0.5])], [0.0])


def test_vanishing_layers_and_neurons_are_flagged() -> None:
    model, loss = saturated()
    source = draw_network(model, loss=loss).source
    heads = dict(re.findall(r"(head\d) \[.*?label=<(.*)>\]", source))
    assert "⚠ vanishing" in heads["head1"] and "⚠ vanishing" in heads["head2"]
    assert "⚠" not in heads["head3"]  # the output layer's gradients are healthy
    flagged = re.findall(rf'(u\d_\d) \[[^\]]*color="{ALARM}"', source)
    assert {name[:2] for name in flagged} == {"u1", "u2"}
    assert 'style="dashed"' in source


def test_one_scale_for_a_series_of_slides() -> None:
    model, loss = saturated()
    one = (1e-12, 10.0)
    a = draw_network(model, loss=loss, scale=one).source
    hand = hand_net()
    b = draw_network(hand, loss=hand_loss(hand), scale=one).source
    legend = re.compile(r"legend \[.*(label=.*)\]")
    assert legend.search(a).group(1) == legend.search(b).group(1)  # type: ignore[union-attr]
    assert wires(b)[("u0_1", "u1_0")] == signed(6.0, LogScale(1e-12, 10.0))


def test_a_tall_column_shows_its_ends_and_how_many_are_left_out() -> None:
    model = MLP(2, [40, 1], seed=0)
    source = draw_network(model, show="weight").source
    assert "⋮ 22 more" in source
    assert len(re.findall(r"u1_\d+ \[pos=", source)) == 2 * ENDS < MAX_ROWS
    assert source.count(" -> ") == 2 * 2 * ENDS + 2 * ENDS  # only the shown neurons' wires


def test_layers_and_neurons_draw_too_and_the_method_is_the_function() -> None:
    assert draw_network(Layer(3, 2, rng=None), show="weight").source.count(" -> ") == 6
    assert draw_network(Neuron(3, rng=None), show="weight").source.count(" -> ") == 3
    model = hand_net()
    assert (
        model.draw_network(X, show="weight").source == draw_network(model, X, show="weight").source
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"x": [1.0]}, ValueError, "x has 1 number, the model takes 2 inputs"),
        ({"x": "ab"}, TypeError, "x must be a list of numbers"),
        ({"x": [1.0, "a"]}, TypeError, r"x\[1\] must be a number"),
        ({"show": "weights"}, ValueError, "show must be 'grad' or 'weight'"),
        ({"loss": 1.0}, TypeError, "loss must be a Value"),
        ({"loss": Value(1.0) * 2.0}, ValueError, "loss does not depend on this model"),
        ({"scale": (1.0, 0.1)}, ValueError, r"scale must be \(low, high\)"),
    ],
)
def test_bad_arguments_are_refused_clearly(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        draw_network(hand_net(), **kwargs)  # type: ignore[arg-type]


def test_a_model_that_is_no_network_is_refused() -> None:
    refused = "draws an MLP, a Layer or a Neuron, got autograd.value.Value"
    with pytest.raises(TypeError, match=re.escape(refused)):
        draw_network(Value(1.0))


@pytest.mark.needs_dot
def test_every_label_reads_back_from_the_svg(dot_program: str) -> None:
    model = hand_net()
    svg = draw_network(model, X, loss=hand_loss(model)).pipe(format="svg", encoding="utf-8")
    root = ET.fromstring(svg)
    texts = [(t.text or "").strip() for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for expected in ("inputs", "layer 1", "relu", "layer 2", "linear", "x1", "x2", "loss 0.562"):
        assert expected in texts, expected
    assert "0.5" in texts and "1.75" in texts  # n2's and y's activations
    assert "wire: dL/dw · neuron: dL/db" in texts
    titles = " ".join(a.get("{http://www.w3.org/1999/xlink}title", "") for a in root.iter())
    assert "layer 1 · neuron 2: dL/db -1.5" in titles  # the hand-worked bias gradient


@settings(max_examples=30, deadline=None)
@given(
    nin=st.integers(1, 4),
    sizes=st.lists(st.integers(1, 6), min_size=1, max_size=4),
    show=st.sampled_from(["grad", "weight"]),
)
def test_a_wire_per_weight_and_a_box_per_neuron(nin: int, sizes: list[int], show: str) -> None:
    model = MLP(nin, sizes, seed=0)
    out = model([float(i) for i in range(nin)])
    (out if isinstance(out, Value) else sum(out, Value(0.0))).backward()
    source = draw_network(model, show=show).source
    widths = [nin, *sizes]
    assert source.count(" -> ") == sum(a * b for a, b in itertools.pairwise(widths))
    assert len(re.findall(r"u\d+_\d+ \[pos=", source)) == sum(widths)


def test_a_nan_gradient_is_flagged_exploding_not_hidden() -> None:
    model = hand_net()
    hand_loss(model).backward()
    model.layers[0].neurons[0].w[0].grad = float("nan")
    heads = dict(re.findall(r"(head\d) \[.*?label=<(.*)>\]", draw_network(model).source))
    assert "⚠ exploding" in heads["head1"] and "⚠" not in heads["head2"]


def positions(source: str) -> dict[str, tuple[float, float]]:
    found = re.findall(r'(\w+) \[pos="([-\d.]+),([-\d.]+)!"', source)
    return {name: (float(x), float(y)) for name, x, y in found}


def test_a_deep_network_keeps_its_legend_under_it_not_beside_it() -> None:
    shallow = positions(draw_network(MLP(2, [8, 8, 1], seed=0), show="weight").source)
    deep = positions(draw_network(MLP(2, [8] * 8 + [1], seed=0), show="weight").source)
    for pos in (shallow, deep):
        units = [xy for name, xy in pos.items() if name.startswith("u")]
        right, bottom = max(x for x, _ in units), min(y for _, y in units)
        legend_x, legend_y = pos["legend"]
        assert (legend_x > right) == (pos is shallow)
        assert (legend_y < bottom) == (pos is deep)
