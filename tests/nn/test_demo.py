"""The demo runs end to end as a user would start it: right numbers, every file written."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from autograd.cli import main
from autograd.viz.layout.programs import ENVIRONMENT
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
        *("example_graph.svg", "example_graph.png", "example_graph_tall.svg"),
        "neuron_player.html",
    }
    assert {Path(w).name for w in written} == expected == {p.name for p in out.iterdir()}
    assert len(reports) == len(ARTIFACTS)
    svg = (out / "example_graph.svg").read_text()
    # The whole loss graph, each neuron one box titled in words (its weights, bias,
    # dot and tanh folded in): 4 + 4 + 1 neurons, and the network's two inputs.
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and ">loss<" in svg
    assert svg.count(">layer 1 · neuron ") == svg.count(">layer 2 · neuron ") == 4
    assert svg.count(">layer 3 · neuron 1:<") == 1 and svg.count(">tanh(w·x + b)<") == 8
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


CHAINRULE = "import sys; from autograd.cli import main; sys.exit(main(sys.argv[1:]))"


def _path_without_dot(folder: Path) -> str:
    """A PATH with every program of this one but Graphviz's ``dot``, as symlinks in ``folder``."""
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        for program in Path(directory).glob("*") if Path(directory).is_dir() else ():
            link = folder / program.name
            if program.name != "dot" and not link.exists() and os.access(program, os.X_OK):
                link.symlink_to(program)
    return str(folder)


def test_without_dot_the_demo_writes_every_file_that_needs_no_graphviz(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    # dot chosen (not the bundled graphviz-pure, which would draw everything) and hidden
    env = {**os.environ, "PATH": _path_without_dot(tmp_path / "bin"), ENVIRONMENT: "dot"}
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "nn", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    written = ["decision_boundary.png", "grad_flow.png", "loss_curve.png", "neuron.dot"]
    assert sorted(p.name for p in out.iterdir()) == written
    said = [line for line in result.stderr.splitlines() if line.startswith("chainrule demo: ")]
    assert said == [
        "chainrule demo: Graphviz's dot program is missing, so skipped: the neuron's graph: "
        "SVG, PNG; the network, trained and saturated, gradients of one batch; one example's "
        "loss graph, gradient flow; step through the neuron's backward pass, in a "
        "browser; install Graphviz: 'sudo apt-get install graphviz' (Debian/Ubuntu), "
        "'brew install graphviz' (macOS), or see https://graphviz.org/download/",
        f"chainrule demo: wrote 4 files to {out}, without the parts above (exit status 2)",
    ]
    drawn = subprocess.run(
        [sys.executable, "-c", CHAINRULE, "draw", "x*2", "x=1.0", "-o", str(tmp_path / "g.svg")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert drawn.returncode == 2 and drawn.stderr.count("\n") == 1
    assert drawn.stderr.startswith("chainrule draw: Graphviz's 'dot' program is needed")


@pytest.mark.parametrize(
    ("out", "why"),
    [("file", "it is a file, not a folder"), ("file/out", "Not a directory")],
    ids=["a-file", "under-a-file"],
)
def test_an_output_the_demo_cannot_write_is_one_line_and_exit_2_before_any_work(
    out: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("keep me")
    assert main(["demo", "-o", str(tmp_path / out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # not even the neuron's table
    assert captured.err == f"chainrule demo: cannot write into {tmp_path / out}: {why}\n"
    assert (tmp_path / "file").read_text() == "keep me"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_a_read_only_output_folder_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    assert main(["demo", "-o", str(folder)]) == 2
    assert capsys.readouterr().err.endswith(": Permission denied\n")
