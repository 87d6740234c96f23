"""Every version the site is built from, in one place (`make site`).

Change a pin here and the next `make site` rebuilds what depends on it: the
build venv is keyed by BUILD_TOOLS and site/constraints.txt (the versions of
their own dependencies, as pip resolved them), the Pyodide runtime and the
wheels by their file names in the cache.
"""

from __future__ import annotations

#: The build tools, installed into the cache's own venv (never the project's .venv).
#: jupyter_server lets `jupyter lite build` index the notebooks (--contents);
#: anywidget and jupyterlab_widgets put their front ends (federated
#: extensions) in that venv's share/jupyter/labextensions, where the build finds them;
#: hatchling builds the project's wheel without an isolated build env.
BUILD_TOOLS = [
    "jupyterlite-core==0.8.6",
    "jupyterlite-pyodide-kernel==0.8.6",
    "jupyter_server==2.21.1",
    "anywidget==0.11.0",
    "ipywidgets==8.1.9",
    "jupyterlab_widgets==3.0.17",
    "hatchling==1.27.0",
    "nbformat==5.10.4",
]

#: Pyodide's runtime, the npm package (jupyterlite-pyodide-kernel 0.8.6 is made for it).
PYODIDE_NPM = "pyodide@314.0.6"

#: Where Pyodide keeps the ~350 packages its npm package only names, for exactly
#: this version: the base its pyodide.mjs uses as ``cdnUrl``
#: (``https://cdn.jsdelivr.net/pyodide/v${version}/full/``).
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_NPM.rsplit('@', 1)[1]}/full/"

#: Packages the lessons import that are not on PyPI for Pyodide; the site's lock
#: points them and their dependencies at PYODIDE_CDN (not shipped: fetched when
#: a cell imports them, so only when online). numpy: lesson 00; matplotlib: the
#: charts of lessons 03, 04, 06 and 07.
CDN_ROOTS = ["numpy", "matplotlib"]

#: Graphviz 16.1.0 compiled to WebAssembly (MIT), which lays pictures out in the
#: kernel (autograd.viz.layout.wasm): one ES module, its wasm inlined (1.2 MB).
VIZ_NPM = "@viz-js/viz@3.31.0"

#: The npm package's file the site serves, next to Pyodide's: ``static/pyodide/viz.js``.
VIZ_FILE = "dist/viz.js"

#: The Python inside Pyodide 314.0.6, for choosing wheels on PyPI.
PYODIDE_PYTHON = "3.14"

#: The runtime's files the site serves; the rest of the npm package (console
#: pages, the classic pyodide.js, sourcemaps, type stubs) is left out.
PYODIDE_FILES = [
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "package.json",
]

#: What the Pyodide kernel loads from pyodide-lock.json (micropip first, then
#: IPython and jedi, through piplite); their dependencies follow from the lock.
#: Each comes from PyPI as a pure-Python wheel at the lock's version.
KERNEL_ROOTS = ["micropip", "ipython", "jedi", "typing-extensions"]

#: Pure-Python packages preloaded with the project's wheel, from PyPI: tqdm
#: draws fit()'s progress bar (a text bar, which Pyodide's kernel shows); the
#: graphviz package builds the pictures' DOT text (viz-js lays them out).
PRELOAD = ["tqdm==4.70.1", "graphviz==0.21"]

#: Pure-Python packages the site ships but loads only when a cell imports them
#: (Pyodide's kernel loads a lock entry whose ``imports`` a cell names), from
#: PyPI, each with the lock names it depends on: hypothesis, for lesson 04 and
#: ``autograd.testing`` (not in Pyodide's lock, and not on its CDN).
ON_IMPORT = {"hypothesis==6.155.7": ["sortedcontainers"], "sortedcontainers==2.4.0": []}

#: Wheels for the site's own package index (piplite), pure Python, from PyPI:
#: comm is what the kernel installs besides its shipped wheels; the rest is
#: anywidget's kernel side, installed by the one documented install cell.
INDEX_WHEELS = [
    "comm==0.2.3",
    "anywidget==0.11.0",
    "ipywidgets==8.1.9",
    "jupyterlab_widgets==3.0.17",
    "psygnal==0.15.1",
]

#: The documentation pages' tools (site/docs.py), in a venv of their own, keyed
#: by these and site/docs-constraints.txt: Sphinx, MyST-parser for the Markdown
#: pages, MyST-NB for the lessons' pages (the notebooks with their stored
#: outputs, never executed: no pandoc, unlike nbsphinx), and the Furo theme
#: (readable at any width, no JavaScript framework).
#: MathJax for the formulas of the lessons' pages (``$...$`` in their Markdown),
#: from npm and served with the pages: the "full" SVG build is one file (2.2 MB)
#: that loads no extension or font later, so the formulas show offline.
MATHJAX_NPM = "mathjax@3.2.2"
MATHJAX_FILE = "es5/tex-svg-full.js"

DOCS_TOOLS = ["sphinx==9.0.4", "myst-parser==5.2.0", "myst-nb==1.4.0", "furo==2025.12.19"]
