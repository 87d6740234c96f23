"""The demo runs end to end as a user would start it: right numbers, every file written."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path

from nn.demo import ARTIFACTS


def test_python_m_nn_shows_the_neuron_trains_and_writes_every_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "nn", "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )
    lines = result.stdout.splitlines()
    table = lines[2 : lines.index("")]
    rows = {line.split()[0]: line.split() for line in table}
    # n = 2*-3 + 0*1 + 6.8813... = atanh(1/sqrt 2), so do/dn = 1 - 1/2 = 0.5 and
    # each weight's gradient is its input times 0.5, each input's its weight times 0.5.
    assert rows["x1"][3] == "-1.5" and rows["w1"][3] == "1.0"
    assert rows["x2"][3] == "0.5" and rows["w2"][3] == "0.0"
    assert rows["b"][3] == "0.5" and rows["n"][3] == "0.5"
    assert rows["o"][2] == "0.707107" and rows["o"][3] == "1.0"
    dot = (out / "neuron.dot").read_text()
    # two *, two + (two operands and a result each) and one tanh: 4 * 3 + 2 edges
    assert dot.startswith("digraph {") and dot.count("->") == 14

    final = next(line for line in lines if line.startswith("final loss"))
    accuracy = float(final.split("training accuracy ")[1].split("%")[0])
    assert accuracy >= 97.0
    assert "training:" in result.stderr  # the progress bar

    reports = [line for line in lines if line.startswith("wrote ")]
    written = [w for line in reports for w in line[6:].split("  (")[0].split(", ")]
    expected = {
        *("neuron.dot", "neuron.svg", "neuron.png"),
        *("loss_curve.png", "decision_boundary.png", "grad_flow.png"),
        *("network.svg", "network.png", "network_saturated.svg", "network_saturated.png"),
        *("example_graph.svg", "example_graph.png"),
        "neuron_player.html",
    }
    assert {Path(w).name for w in written} == expected == {p.name for p in out.iterdir()}
    assert len(reports) == len(ARTIFACTS)
    svg = (out / "example_graph.svg").read_text()
    # The whole loss graph, each neuron one box titled in words (its weights, bias,
    # dot and tanh folded in): 16 + 16 + 1 neurons, and the network's two inputs.
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and ">loss<" in svg
    assert svg.count(">layer 1 · neuron ") == svg.count(">layer 2 · neuron ") == 16
    assert svg.count(">layer 3 · neuron 1:<") == 1 and svg.count(">tanh(w·x + b)<") == 32
    assert ">x1<" in svg and ">x2<" in svg
    page = (out / "neuron_player.html").read_text()
    # One step per node with parents (the two *, the two + and tanh), between the
    # start and the summary; the output's gradient, then tanh's local 1 - 0.5 = 0.5.
    assert "Step 5 of 5: " in page and "Step 6 of" not in page and "<script" in page
    assert "do/dn = do/do · ∂o/∂n = 1.0 · 0.5 = 0.5" in page
    for name in ("loss_curve.png", "decision_boundary.png", "grad_flow.png"):
        data = (out / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert width > 300 and height > 300
    # Every graph's PNG at twice the SVG's size in CSS pixels (1 pt = 4/3 px), for slides.
    for name in ("neuron", "network", "network_saturated", "example_graph"):
        png = (out / f"{name}.png").read_bytes()
        svg = (out / f"{name}.svg").read_text()
        width_pt = float(svg.split('width="', 1)[1].split("pt", 1)[0])
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">I", png[16:20])[0] >= 2 * width_pt * 4 / 3 - 2
    # The two network views share one colour scale: the same legend.
    legends = [
        (out / n).read_text().split("dL/dw · neuron: dL/db")[1]
        for n in ("network.svg", "network_saturated.svg")
    ]
    ticks = [[t for t in re.findall(r">([^<>]+)</text>", legend)][:5] for legend in legends]
    assert ticks[0] == ticks[1]
    assert "⚠ vanishing" in (out / "network_saturated.svg").read_text()
    assert "⚠ vanishing" not in (out / "network.svg").read_text()
