"""The demo runs end to end as a user would start it, and prints the right numbers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_python_m_nn_prints_every_node_and_writes_the_dot(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nn", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[2:] if line}
    # n = 2*-3 + 0*1 + 6.8813... = atanh(1/sqrt 2), so do/dn = 1 - 1/2 = 0.5 and
    # each weight's gradient is its input times 0.5, each input's its weight times 0.5.
    assert rows["x1"][3] == "-1.5" and rows["w1"][3] == "1.0"
    assert rows["x2"][3] == "0.5" and rows["w2"][3] == "0.0"
    assert rows["b"][3] == "0.5" and rows["n"][3] == "0.5"
    assert rows["o"][2] == "0.707107" and rows["o"][3] == "1.0"
    dot = (tmp_path / "out" / "neuron.dot").read_text()
    # two *, two + (two operands and a result each) and one tanh: 4 * 3 + 2 edges
    assert dot.startswith("digraph {") and dot.count("->") == 14
    assert "neuron.dot" in result.stdout
