# Two commands do everything: `make demo` and `make test`. Each installs what it
# needs into .venv idempotently (the viz extra brings graphviz-pure, which lays the
# pictures out where Graphviz's `dot` is missing; `make test` also installs `dot`
# with apt-get where it can, so both programs are tested):
# `make demo` only the demo's extras (viz, nn), `make test` the maintainers' dev
# extra on top, in the same .venv.
#   make test ORACLE=1   also installs PyTorch 2.13.0 for the comparison tests, and
#                        micrograd 0.1.0 for the benchmark checks (CI does)
#   make bench           runs the benchmarks (see benchmarks/)
#   make notebooks       rebuilds notebooks/*.ipynb from notebooks/src/, outputs included
#   make lab             JupyterLab on notebooks/, the project's notebooks trusted
#   make pictures        redraws the README's pictures (notebooks/pictures/) with the demo
#   make site            builds _site/, the notebooks in JupyterLite (see site/build.py)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
comma := ,
# One stamp per set of extras installed, .venv/.installed-viz-nn for "viz,nn": the
# sets only add to one another, so each target installs its own once and keeps it.
installed = $(VENV)/.installed-$(subst $(comma),-,$(1))
DEMO := $(call installed,viz$(comma)nn)
DEV := $(call installed,dev$(if $(ORACLE),$(comma)oracle$(comma)bench))

.PHONY: demo test lint typecheck pytest graphviz browser clean bench notebooks lab pictures site

demo: $(DEMO)
	$(BIN)/chainrule demo --out out

test: $(DEV) graphviz browser lint typecheck pytest

lint: $(DEV)
	$(BIN)/ruff check autograd nn tests benchmarks notebooks/build.py site
	$(BIN)/ruff format --check autograd nn tests benchmarks notebooks/build.py site

typecheck: $(DEV)
	$(BIN)/mypy

pytest: $(DEV)
	$(BIN)/python -m pytest

# Every notebook, rebuilt from its source in notebooks/src/ and executed in a
# fresh kernel, outputs saved. `make notebooks NB="01 04"` rebuilds only those.
notebooks: $(call installed,notebooks) graphviz
	$(BIN)/python notebooks/build.py $(NB)

# The README's pictures (notebooks/pictures/), copied from a fresh demo run.
pictures: demo
	cp out/neuron.svg out/network.svg out/network_saturated.svg out/example_graph_tall.svg notebooks/pictures/

# JupyterLab on the notebooks. A notebook's stored outputs run their scripts (the
# step-through players) only when it is trusted, and a fresh clone is not:
# `jupyter trust` signs the project's own notebooks, as shipped, on this machine.
# Trust follows each file's exact content, so this renews it after every pull.
lab: $(call installed,lab) graphviz
	$(BIN)/jupyter trust notebooks/*.ipynb
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# The notebooks as a static JupyterLite site in _site/, Python in the browser
# (Pyodide), and the documentation pages in _site/docs/ (Sphinx), built from
# pinned packages off PyPI and npm (site/pins.py), which are kept in .cache/site/
# (474 MB) for the next build: 11 s then, 37 s without. Serve it with
# `python3 -m http.server -d _site`; tests/site/ opens it in Chromium.
site:
	$(PYTHON) site/build.py

# The benchmark suite (benchmarks/): prints its tables and writes
# benchmarks/results.md. `make bench QUICK=1` is a smoke run (prints only).
bench: $(call installed,dev$(comma)bench)
	$(BIN)/python -m benchmarks $(if $(QUICK),--quick)

# pip before 21.3 cannot install a project like this one in editable mode, and the
# packaging test installs into a fresh venv with pip --python (22.3), so a pip
# before 23 is upgraded first; a newer one is kept, which saves a download and a
# few seconds on every fresh .venv. --no-compile leaves each module
# to be compiled when first imported: byte-compiling all of matplotlib and numpy
# up front was half of `make demo`'s install time (62 s against 32 s, measured).
$(VENV)/.installed-%: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
	  { echo "chainrule needs Python >= 3.10; set PYTHON=/path/to/python3.x"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import pip, sys; sys.exit(int(pip.__version__.split(".")[0]) < 23)' || \
	  $(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile \
	  -e ".[$(subst -,$(comma),$*)]"
	touch $@

# Graphviz's `dot` renders the graphs where installed (the tests run both it and
# graphviz-pure; PDF needs it); Debian's Chromium runs the player's
# browser test (through the playwright package, which never downloads a browser
# of its own). Each is installed with apt-get when missing and possible;
# otherwise the exact command to run is printed.
graphviz:
	@scripts/ensure-program dot graphviz ", 'brew install graphviz' (macOS), or see https://graphviz.org/download/"

browser:
	@scripts/ensure-program /usr/bin/chromium chromium " (the browser test needs it at /usr/bin/chromium)"

clean:
	rm -rf $(VENV) out _site .cache/site .pytest_cache .mypy_cache .ruff_cache .hypothesis notebooks/.ipynb_checkpoints
