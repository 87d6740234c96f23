"""The demo behind ``make demo``: one neuron's graph, backpropagated and drawn.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as out:
...     files = run(out, echo=lambda line: None)
...     [p.name for p in files]
['neuron.dot']
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from autograd import Value
from autograd.backward import topological_order
from autograd.viz import to_dot
from autograd.viz.dot import number


def neuron() -> Value:
    """o = tanh(x1*w1 + x2*w2 + b) with the classic teaching numbers."""
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


def run(out_dir: str | Path = "out", *, echo: Callable[[str], None] = print) -> list[Path]:
    """Backpropagate the neuron, print every node, write its DOT; return the files."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    o = neuron()
    o.backward()
    echo("o = tanh(x1*w1 + x2*w2 + b), backpropagated:")
    echo(f"  {'node':<6} {'op':<6} {'data':>10} {'grad':>10}")
    for v in topological_order(o):
        echo(
            f"  {v.label or '-':<6} {v.op or 'leaf':<6} {number(v.data):>10} {number(v.grad):>10}"
        )
    dot_path = out / "neuron.dot"
    tmp = dot_path.with_suffix(".dot.tmp")
    tmp.write_text(to_dot(o) + "\n", encoding="utf-8")
    tmp.replace(dot_path)
    echo(f"wrote {dot_path} (render it with: dot -Tsvg {dot_path} -o neuron.svg)")
    return [dot_path]
