"""The site's landing notebook, "Start here": what runs in the browser, and the lessons."""

from __future__ import annotations

import json
from pathlib import Path

from pins import PYODIDE_CDN

WELCOME = """\
# Start here: chainrule in your browser

This is [JupyterLite](https://jupyterlite.readthedocs.io): Python runs in this
page (Pyodide, WebAssembly), nothing is sent to a server, and nothing needs installing.
`autograd` and `nn` are already loaded in every notebook's kernel: run the cell
below with **Shift+Enter** (the first run waits a few seconds for the kernel).
"""

NEURON = """\
from autograd import Value
import nn

x = Value(2.0, label="x")
w = Value(-3.0, label="w")
b = Value(6.5, label="b")
y = (x * w + b).tanh()      # a one-input neuron
y.backward()                # chain rule, from y back to the leaves
print(y)
print(x.grad, w.grad, b.grad)
"""

LIMITS = f"""\
## What works here, and what needs the internet

- The engine and `nn`: values, backward, gradients, `gradcheck`, training a
  small MLP with `fit` (its progress bar too), in any notebook, new ones
  included (File > New > Notebook).
- Widgets need anywidget's kernel side, installed once per kernel with one
  install cell, `%pip install anywidget` (from this site, not the internet).
- Pictures of graphs: `draw_graph` and the step-through player (`step_through`)
  are drawn here by Graphviz compiled to WebAssembly, as SVG (PNG and PDF need
  Graphviz's `dot` program, on your own machine), in Chrome or Edge 137 or
  later: they need JSPI, which Firefox and Safari lack so far, and there a
  picture says so in one line.
- Lessons 1, 2, 5, 8, 9, 10 and 11 import nothing that this site does not have:
  they need no internet, and each runs to its end here (Run > Run All Cells;
  lessons 8, 10 and 11 start with their install cell).
- NumPy (lesson 0) and matplotlib, for charts (lessons 3, 4, 6 and 7), are not in
  this site: when a cell imports them, the kernel fetches them from Pyodide's
  CDN, `{PYODIDE_CDN}`, so those lessons need the internet.
  Offline, their first cell stops with `ModuleNotFoundError: No module named
  'numpy'` (or `'matplotlib'`). Tested offline only: the kernel asks the CDN
  for those wheels; loading them from it has not been tried yet.
- Property tests: `hypothesis` and `autograd.testing`'s strategies work here,
  offline (this site ships hypothesis; a cell that imports it loads it).
- Every lesson's stored outputs show what it draws; run them in JupyterLab
  (`make lab`) to get them all live.
- Your edits stay in this browser's storage only.

## The lessons
"""


def title(notebook: Path) -> str:
    """A notebook's title: the first heading of its first markdown cell, else its name."""
    cells = json.loads(notebook.read_text())["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def landing(lessons: list[Path]) -> dict[str, object]:
    """The landing notebook (nbformat 4) linking ``lessons`` in order."""
    links = "".join(f"- [{title(nb)}]({nb.name})\n" for nb in sorted(lessons))
    cells = [
        _markdown("welcome", WELCOME),
        _code("neuron", NEURON),
        _markdown("lessons", LIMITS + "\n" + links),
    ]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "display_name": "Python (Pyodide)",
                "language": "python",
                "name": "python",
            },
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _markdown(name: str, text: str) -> dict[str, object]:
    return {"cell_type": "markdown", "id": name, "metadata": {}, "source": text}


def _code(name: str, text: str) -> dict[str, object]:
    cell = {"cell_type": "code", "id": name, "execution_count": None, "metadata": {}}
    return cell | {"outputs": [], "source": text}


def workspace(name: str) -> dict[str, object]:
    """JupyterLab's default workspace, with the notebook ``name`` open: what the site opens on."""
    key = f"notebook:{name}"
    dock = {"type": "tab-area", "currentIndex": 0, "widgets": [key]}
    return {
        "data": {
            "layout-restorer:data": {"main": {"dock": dock, "current": key}},
            key: {"data": {"path": name, "factory": "Notebook"}},
        },
        "metadata": {"id": "default"},
    }
