"""step_through: frames as data, captions and notation, the one layout, the HTML player."""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd
from autograd import Value, backward_steps, forward_steps, grad
from autograd.text import at_most, number
from autograd.viz import Stepper, step_through
from autograd.viz.layout import programs
from autograd.viz.layout.limits import GraphvizNotFound
from autograd.viz.layout.svg import PX_PER_PT, READABLE
from autograd.viz.views.looks import geometry
from autograd.viz.views.walk_layout import STAGES, drawings
from nn import MLP
from nn.demo import neuron

SVG = "{http://www.w3.org/2000/svg}"


def issue_example() -> tuple[Value, Value, Value, Value]:
    """c = a * b, L = -2c: dL/dc = -2, dL/da = -2 * b = -6, dL/db = -2 * a = -4."""
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    c.label = "c"
    return a, b, c, c * -2.0


def texts_at(stepper: Stepper, k: int) -> list[str]:
    """The rewritten cell of every node in frame k, in drawing order."""
    w = stepper._walk
    texts = w.texts_at(k)
    return [texts[v] for v in w.order]


def mlp_loss(sizes: list[int]) -> Value:
    """One example's squared error through MLP(2, sizes): the issue's workload."""
    y = MLP(2, sizes, seed=0)([0.5, -1.0])
    return (y - 1.0) ** 2


# -- frames and captions -------------------------------------------------------


def test_a_start_frame_one_frame_per_step_and_a_summary() -> None:
    *_, L = issue_example()
    stepper = step_through(L)
    assert isinstance(stepper, Stepper)
    assert len(stepper) == 1 + len(backward_steps(L)) + 1 == 4
    assert stepper.highlights == ["", "L", "c", ""]
    forward = step_through(L, direction="forward")
    # The leaves are given from the start: one step per node computed (c, L).
    assert len(forward) == 1 + 2 and forward.highlights == ["", "c", "L"]


def test_the_summary_lists_every_leaf_of_a_small_graph_and_the_largest_of_many() -> None:
    *_, L = issue_example()
    assert step_through(L).captions[-1].splitlines()[-1] == "Leaves: dL/da = -6.0, dL/db = -4.0"
    # L = 1·x0 - 2·x1 + 3·x2 - ... + 9·x8 - 10·x9: dL/dx_i = ±(i + 1).
    xs = [Value(0.5, label=f"x{i}") for i in range(10)]
    L = autograd.sum([x * float((-1) ** i * (i + 1)) for i, x in enumerate(xs)])
    last = step_through(L).captions[-1].splitlines()[-1]
    assert last == (
        "The 8 largest |grad| of the 10 leaves: dL/dx9 = -10.0, dL/dx8 = 9.0, "
        "dL/dx7 = -8.0, dL/dx6 = 7.0, dL/dx5 = -6.0, dL/dx4 = 5.0, dL/dx3 = -4.0, "
        "dL/dx2 = 3.0"
    )


def test_backward_frames_fill_in_gradients_as_they_become_known() -> None:
    *_, L = issue_example()
    stepper = step_through(L)  # drawing order: a, b, c, L
    assert texts_at(stepper, 0) == ["—", "—", "—", "1.0"]  # only the seed; — is not 0
    assert texts_at(stepper, 1) == ["—", "—", "-2.0", "1.0"]
    assert texts_at(stepper, 2) == ["-6.0", "-4.0", "-2.0", "1.0"]
    assert texts_at(stepper, 3) == texts_at(stepper, 2)  # the summary changes no number
    assert stepper._walk.frames[3].summary


def test_the_player_says_what_dash_means_while_a_cell_reads_it() -> None:
    # c = a * b, L = -2c: frame 0 knows L, frame 1 c, frame 2 a and b. The
    # front end writes "grad —" in a cell no frame has written yet, and shows
    # the key row beside the caption of frames 0 and 1 only.
    *_, L = issue_example()
    frames = step_through(L).frame_data()
    assert [f.blanks for f in frames] == [True, True, False, False]
    assert [f.blanks for f in step_through(L, direction="forward").frame_data()] == [False] * 3


@pytest.mark.needs_dot
def test_the_player_sends_its_blank_and_its_key_backward_only(dot_program: str) -> None:
    from autograd.viz.views.player_page import player_parts

    *_, L = issue_example()
    sent = [
        player_parts(s.layout(), s.frame_data(), hint="h", cell=s._walk.cell)[1]
        for s in (step_through(L), step_through(L, direction="forward"))
    ]
    assert [(d["blank"], d["blank_key"]) for d in sent] == [
        ("—", "grad —: not computed yet"),
        ("", ""),
    ]


def test_captions_say_what_happens_in_the_learners_notation() -> None:
    *_, L = issue_example()
    captions = step_through(L).captions
    assert captions[0].startswith("Backward starts at the output L with dL/dL = 1.0")
    assert captions[1].startswith("Step 1 of 2: L = c * (-2.0), and dL/dL = 1.0 is complete.")
    assert "dL/dc = dL/dL · ∂L/∂c = 1.0 · (-2.0) = -2.0" in captions[1]
    assert "dL/da = dL/dc · ∂c/∂a = (-2.0) · 3.0 = -6.0" in captions[2]
    assert "dL/db = dL/dc · ∂c/∂b = (-2.0) · 2.0 = -4.0" in captions[2]
    assert captions[3].startswith("Backward is done: every gradient is final.")
    assert "dL/da = -6.0, dL/db = -4.0" in captions[3]
    # The reason for the order is told once, in the first frame.
    assert [("topological" in c) for c in captions] == [True, False, False, False]


def test_the_output_keeps_its_own_name() -> None:
    n = Value(0.5, label="n")
    o = n.tanh()
    o.label = "o"
    captions = step_through(o).captions
    assert captions[0].startswith("Backward starts at the output o with do/do = 1.0")
    assert f"do/dn = do/do · ∂o/∂n = 1.0 · {number(1 - o.data**2)}" in captions[1]
    # A seed other than 1 stands for a loss L beyond o.
    assert "dL/dn = dL/do · ∂o/∂n = 2.0 · " in step_through(o, grad=2.0).captions[1]


def test_repeated_use_accumulates_visibly() -> None:
    x = Value(3.0, label="x")
    y = x * x
    y.label = "y"
    L = y + x  # x gets 1.0 from L's step, then 3.0 + 3.0 from y's
    stepper = step_through(L)  # drawing order: x, y, L
    assert texts_at(stepper, 1) == ["1.0 (so far)", "1.0", "1.0"]
    assert texts_at(stepper, 2) == ["7.0", "1.0", "1.0"]
    assert "dL/dx = dL/dL · ∂L/∂x = 1.0 · 1.0 = 1.0  (term 1 of 3)" in stepper.captions[1]
    caption = stepper.captions[2]
    assert "dL/dx += dL/dy · ∂y/∂x = 1.0 · 3.0 = 3.0  (term 2 of 3: so far 1.0 + 3.0 = 4.0)" in (
        caption
    )
    assert "(term 3 of 3: 4.0 + 3.0 = 7.0)" in caption
    assert grad(L, [x]) == [7.0]


def test_a_zero_gradient_is_shown_dying() -> None:
    x = Value(-1.0, label="x")
    h = x.relu()
    h.label = "h"
    L = h * 2.0
    caption = step_through(L).captions[2]
    assert "h = relu(x), and dL/dh = 2.0 is complete." in caption
    off = step_through(h * 0.0).captions[2]
    assert "Nothing flows on from here: every term is 0." in off


def test_a_wide_step_is_captioned_in_short() -> None:
    L = mlp_loss([4, 1])
    stepper = step_through(L)
    dot_step = next(c for c in stepper.captions if "of 4 terms" in c)
    first, rule, *lines = dot_step.splitlines()
    assert re.match(r"Step \d+ of \d+: dot\d+ = dot\(\[layers\.1\.neurons\.0\.w\.0, …, ", first)
    assert rule.startswith("  Each operand u gets dL/ddot") and len(lines) == 4 + 4 + 1
    assert lines[0].startswith("  layers.1.neurons.0.w.0: ")


def test_forward_frames_give_the_leaves_then_evaluate_layer_by_layer() -> None:
    *_, L = issue_example()
    stepper = step_through(L, direction="forward")  # drawing order: a, b, c, L
    assert texts_at(stepper, 0) == ["2.0", "3.0", "", ""]
    assert texts_at(stepper, 1) == ["2.0", "3.0", "6.0", ""]
    assert texts_at(stepper, 2) == ["2.0", "3.0", "6.0", "-12.0"]
    assert stepper.captions[0].startswith("The leaves (inputs and parameters) are given: a = 2.0")
    assert stepper.captions[1] == "Step 1 of 2: c = a * b = 2.0 * 3.0 = 6.0"
    assert stepper.captions[2] == "Step 2 of 2: L = c * (-2.0) = 6.0 * (-2.0) = -12.0"
    h = (L * 0.25).tanh()
    assert step_through(h, direction="forward").captions[-1].endswith("= tanh(-3.0) = -0.995055")


def test_forward_steps_of_a_network_go_layer_by_layer() -> None:
    L = mlp_loss([2, 1])
    stepper = step_through(L, direction="forward")
    ops = [c.split(" = ")[0].split(": ")[1] for c in stepper.captions[1:]]
    # Both first-layer neurons (dot, then tanh) before the second layer.
    assert ops == ["dot1", "dot2", "tanh1", "tanh2", "dot3", "sub1", "L"]


def test_unlabelled_nodes_get_one_name_everywhere() -> None:
    a = Value(2.0, label="a")
    L = (a * 3.0).exp()
    stepper = step_through(L)
    assert "<I>mul1</I>" in stepper.frames[0].source and "<I>L</I>" in stepper.frames[0].source
    assert "dL/da = dL/dmul1 · ∂mul1/∂a = " in stepper.captions[2]
    assert "mul1 = a * 3.0" in str(backward_steps(L)[1])
    assert "<I>mul1</I>" in autograd.viz.to_dot(L)


def test_frames_are_digraphs_of_each_step_built_on_demand() -> None:
    *_, L = issue_example()
    frames = step_through(L).frames
    assert len(frames) == 4
    # a and b not computed yet, and the legend line that says what "—" means
    cells = ["—", "—", "-2.0", "1.0", "—: not computed yet"]
    assert re.findall(r"grad ([^<]*)<", frames[1].source) == cells
    assert "not computed yet" not in frames[2].source  # every gradient known
    assert 'BORDER="3" COLOR="#ff7f0e"' in frames[2].source  # c, being processed
    assert "xlabel=<(-2.0) · 3.0 = -6.0>" in frames[2].source
    assert "|grad|, log scale" in frames[3].source  # the summary, coloured


def test_nothing_touches_grad() -> None:
    a, b, c, L = issue_example()
    a.grad = 5.0
    step_through(L)
    step_through(L, direction="forward")
    assert (a.grad, b.grad, c.grad, L.grad) == (5.0, 0.0, 0.0, 0.0)


def test_bad_arguments_are_refused() -> None:
    *_, L = issue_example()
    with pytest.raises(ValueError, match="direction must be 'backward' or 'forward'"):
        step_through(L, direction="sideways")
    with pytest.raises(TypeError, match=r"unknown draw option.*flow"):
        step_through(L, flow=True)
    with pytest.raises(TypeError, match="needs a Value"):
        step_through(2.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rankdir must be one of"):
        step_through(L, rankdir="up")
    with pytest.raises(TypeError, match=r"step_through\(grad=...\) needs a real number"):
        step_through(L, grad="1")  # type: ignore[arg-type]


def test_a_graph_over_max_nodes_is_refused_before_it_is_traced() -> None:
    x = Value(0.5)
    y = x
    for _ in range(30):
        y = y.tanh()
    with pytest.raises(ValueError, match="61 nodes to draw, more than max_nodes=50"):
        step_through(y, max_nodes=50)
    assert len(step_through(y, max_nodes=61)) == 32
    # The demo's network, 505 nodes drawn (404 Values), is shown with the default options.
    with pytest.raises(ValueError, match="has 505 nodes to draw"):
        step_through(mlp_loss([16, 16, 1]), max_nodes=504)
    assert len(step_through(mlp_loss([16, 16, 1]))) == 1 + (16 * 2 + 16 * 2 + 1 + 2) + 1
    chain = x
    for _ in range(2000):
        chain = chain * 1.0
    with pytest.raises(ValueError, match="6001 nodes to draw, more than max_nodes=1000"):
        step_through(chain)


@pytest.mark.needs_dot
def test_a_small_graph_gets_the_drawing_that_shows_it_largest(dot_program: str) -> None:
    # The neuron and this tiny network read whole in an 800-px column (text at
    # 11 px or more, in a stage at most 560 px tall), top to bottom with stacked
    # boxes; no other drawing shows them larger. A network is drawn left to
    # right, where a neuron's weights stack beside its op.
    tiny = MLP(1, [2, 1], seed=0)
    for p, name in zip(tiny.parameters(), ["w1", "b1", "w2", "b2", "u1", "u2", "c"]):
        p.label = name
    for root in (neuron(), (tiny([0.5]) - 1.0) ** 2):
        stepper = step_through(root)
        layout = stepper.layout()
        assert layout.shape == ("TB", True)
        assert layout.fit(*STAGES[0]) >= READABLE
        assert stepper.frames[0].source.count("rankdir=TB") == 1
        w = stepper._walk
        fits = [d.fit(*STAGES[0]) for d in drawings(w, look=geometry(w))]
        assert max(fits) == max(d.fit(*STAGES[0]) for d in drawings(w, shape=layout.shape))
    assert step_through(mlp_loss([8, 8, 1])).layout().shape == ("LR", False)
    assert step_through(neuron(), rankdir="LR").layout().shape[0] == "LR"


@pytest.mark.needs_dot
def test_the_forward_and_the_backward_player_share_one_layout(dot_program: str) -> None:
    # Notebook 02's MLP: the two players of one graph, one direction, and
    # every box in the same place (the forward's grad cells are blank).
    tiny = MLP(1, [2, 1], seed=0)
    x = Value(1.5, label="x")
    loss = (tiny([x]) - 0.5) ** 2
    forward = step_through(loss, direction="forward").layout()
    backward = step_through(loss).layout()
    assert forward.shape == backward.shape

    def boxes(svg: str) -> dict[str, str]:
        return dict(re.findall(r'data-n="(\d+)">.*?points="([^"]*)"', svg, re.S))

    assert len(boxes(forward.svg)) == 15 and boxes(forward.svg) == boxes(backward.svg)


# -- the layout and the page (need dot) ----------------------------------------


@pytest.mark.needs_dot
def test_one_layout_tagged_for_the_front_end(dot_program: str) -> None:
    x = Value(3.0, label="x")
    y = x * x
    y.label = "y"
    L = y + x
    stepper = step_through(L)
    layout = stepper.layout()
    root = ET.fromstring(layout.svg)
    assert "id" not in {k for e in root.iter() for k in e.attrib}  # copies must not clash
    boxes = {g.get("data-n"): g for g in root.iter(f"{SVG}g") if g.get("data-n")}
    assert sorted(boxes) == ["0", "1", "2"]
    # The picture is the summary: every final gradient, in the text frames rewrite.
    rewritten = [(g.find(f".//{SVG}text[@class='cr-t']").text) for _, g in sorted(boxes.items())]
    assert rewritten == ["grad 7.0", "grad 1.0", "grad 1.0"]
    # x * x draws two edges and x + y two more, each tagged with the node whose step uses it.
    used = [g.get("data-e") for g in root.iter(f"{SVG}g") if g.get("data-e")]
    assert sorted(used) == ["1", "1", "1", "2", "2", "2"]
    labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "cr-x"]
    assert labels and all(t.get("visibility") == "hidden" for t in labels)
    assert layout.smallest == 11.0 and layout.legend.startswith("<svg")


@pytest.mark.needs_dot
def test_html_is_a_static_view_and_a_script(dot_program: str) -> None:
    *_, L = issue_example()
    markup = step_through(L)._repr_mimebundle_()["text/html"]
    static, script = markup.split("<script>", 1)
    # What an untrusted notebook keeps: no inline SVG (its text would be left
    # over), no <style>, one picture of the last frame, the steps as text.
    assert "<svg" not in static and "<style" not in static and "data-" not in static
    assert static.count('<img class="cr-picture"') == 1
    assert "run this cell to step through" in static
    assert "Step 2 of 2: c = a * b, and dL/dc = -2.0 is complete." in static
    assert not re.search(r"(src|href)=\"(https?:)?//", markup)  # nothing from outside
    assert script.count("</script>") == 1 and "export function" not in script
    data = json.loads(re.search(r"data: (\{.*\}) \}\);", script).group(1).replace("<\\/", "</"))
    assert [f["active"] for f in data["frames"]] == [-1, 3, 2, -1]  # active: L, then c
    assert data["frames"][2]["changes"] == [[0, "-6.0"], [1, "-4.0"]]  # what c's step rewrites
    picture = re.search(r'class="cr-picture"[^>]*src="data:image/svg\+xml;base64,([^"]+)"', static)
    assert base64.b64decode(picture.group(1)).decode() == step_through(L).layout().svg


@pytest.mark.needs_dot
def test_two_displays_of_one_player_get_two_ids(dot_program: str) -> None:
    *_, L = issue_example()
    stepper = step_through(L)
    ids = [re.search(r'class="cr-player" id="([\w-]+)"', stepper.to_html()).group(1)]
    ids.append(re.search(r'class="cr-player" id="([\w-]+)"', stepper.to_html()).group(1))
    assert ids[0] != ids[1] and ids[0].rsplit("-", 1)[0] == ids[1].rsplit("-", 1)[0]


@pytest.mark.needs_dot
def test_html_grows_linearly_with_the_graph(dot_program: str) -> None:
    def chain(n: int) -> Value:
        y = Value(0.5, label="x")
        for _ in range(n):
            y = (y * 0.9).tanh()
        return y

    per_node = []
    for n in (40, 80, 160):  # 81 to 321 Values; 201 to 801 drawn nodes
        root = chain(n)
        nodes = len(forward_steps(root))
        per_node.append(len(step_through(root).to_html().encode()) / nodes)
    # Frames as data: bytes per node stay flat (a frame per picture would grow them
    # with the number of steps: 4x from 40 to 160).
    assert max(per_node) / min(per_node) < 1.25, per_node


@pytest.mark.needs_dot
def test_save_html_writes_a_page_atomically_with_normal_permissions(
    dot_program: str, tmp_path: Path
) -> None:
    *_, L = issue_example()
    stepper = step_through(L)
    path = stepper.save_html(tmp_path / "player.html")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '"autofocus":true' in text
    assert "this page steps through its graph with JavaScript" in text
    reference = tmp_path / "reference"
    reference.write_text("")  # what open() makes under this umask
    assert path.stat().st_mode & 0o777 == reference.stat().st_mode & 0o777
    reference.unlink()
    with pytest.raises(FileNotFoundError):
        stepper.save_html(tmp_path / "missing" / "player.html")
    assert [p.name for p in tmp_path.iterdir()] == ["player.html"]


def test_without_dot_jupyter_shows_the_hint_and_the_steps(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot anywhere
    monkeypatch.setattr(programs, "bundled", lambda: None)  # nor the bundled graphviz-pure
    *_, L = issue_example()
    stepper = step_through(L)
    with pytest.raises(GraphvizNotFound):
        stepper.to_html()
    bundle: dict[str, Any] = stepper._repr_mimebundle_()
    assert "apt-get install graphviz" in bundle["text/html"]
    assert "dL/da = dL/dc · ∂c/∂a = (-2.0) · 3.0 = -6.0" in bundle["text/html"]
    assert bundle["text/plain"] == "<Stepper backward, 4 frames>"


# -- properties ----------------------------------------------------------------


@settings(max_examples=30)
@given(st.lists(st.sampled_from(["tanh", "sq", "plus_x"]), min_size=1, max_size=6))
def test_the_last_step_shows_every_final_gradient(ops: list[str]) -> None:
    x = Value(0.5, label="x")
    y = x
    for op in ops:
        y = y.tanh() if op == "tanh" else y * y if op == "sq" else y + x
    stepper = step_through(y)
    order = forward_steps(y)
    assert len(stepper) == sum(1 for v in order if v._args) + 2
    x.grad = 0.0
    y.backward()
    assert texts_at(stepper, len(stepper) - 1) == [number(v.grad) for v in order]
    assert texts_at(stepper, 0) == ["—"] * (len(order) - 1) + ["1.0"]
    # Each frame rewrites only cells of nodes its step sends a gradient to.
    w = stepper._walk
    for frame in w.frames[1:-1]:
        assert frame.active is not None
        assert {v for v, _ in frame.changes} <= set(frame.active.parents)


# -- the summary of a network too wide to read whole -----------------------------


def test_a_network_too_wide_to_read_whole_gets_a_folded_summary_from_the_trace() -> None:
    L = mlp_loss([8, 8, 1])
    stepper = step_through(L)
    layout = stepper.layout()
    folded = layout.folded
    # Unfolded, the graph is wider than the column even at 11 px; folded, it reads
    # whole there: every text 11 pt, the picture at most 798 px wide at 11 px.
    assert layout.width * PX_PER_PT * READABLE > STAGES[0][0]
    assert folded is not None and folded.smallest == 11.0
    assert folded.width * PX_PER_PT * READABLE <= STAGES[0][0]
    assert folded.svg.count("neuron ") == 17  # 8 + 8 + 1 boxes
    # The boxes sum up the trace's gradients: the player touches no .grad, so a
    # box reading .grad would say "w: |grad| ≤ 0.0" for every neuron.
    assert "≤ 0.0<" not in folded.svg
    L.backward()  # now .grad holds the same gradients: the bound of one neuron
    model_weights = [p for p in forward_steps(L) if p.label.startswith("layers.1.neurons.2.w")]
    bound = at_most(max(abs(w.grad) for w in model_weights))
    box = re.search(r"layer 2 · neuron 3:.*?\|grad\| ≤ ([^<]+)<", folded.svg, re.S)
    assert box is not None and box.group(1) == bound
    # The summary frame says so, second (a six-line caption shows it), and the
    # static view shows the folded picture, with the whole graph under it.
    html = stepper.to_html()
    assert (
        "each neuron is one box"
        in json.loads(
            re.search(r"render\(\{ el: el, data: (.*) \}\);", html).group(1)  # type: ignore[union-attr]
        )["frames"][-1]["caption"].split("\n")[1]
    )
    assert html.index('class="cr-folded"') < html.index("every Value</summary>")
    assert html.index("every Value</summary>") < html.index('class="cr-picture"')


def test_only_a_backward_walk_through_neurons_too_wide_to_read_is_folded() -> None:
    wide = mlp_loss([8, 8, 1])
    assert step_through(wide, direction="forward").layout().folded is None
    reads = step_through(neuron())  # the README's neuron reads whole
    assert reads.layout().width * PX_PER_PT * READABLE <= STAGES[0][0]
    assert reads.layout().folded is None
    x = Value(0.5, label="x")
    chain = x
    for _ in range(120):  # wider than the column, but no neuron to fold
        chain = chain * 1.0
    long = step_through(chain)
    assert long.layout().width * PX_PER_PT * READABLE > STAGES[0][0]
    assert long.layout().folded is None and 'class="cr-folded"' not in long.to_html()
