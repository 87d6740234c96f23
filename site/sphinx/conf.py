"""Sphinx's settings for the documentation pages (``make site``, site/docs.py).

Sphinx reads the pages as site/docs.py staged them (docs/*.md with their links
rewritten for the site, the benchmark log, the API reference's pages) and imports
the project from the repository itself, for autodoc.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from pathlib import Path

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # autodoc imports autograd and nn from this tree
sys.path.insert(1, str(ROOT / "site"))
from docs import MODULES  # noqa: E402  (the public modules, one page each)

project = "chainrule"
author = "the chainrule authors"
copyright = "the chainrule authors"
root_doc = "index"
# MyST-NB reads the Markdown pages (through MyST-parser, which it loads) and the
# lessons' notebooks, showing the outputs committed with them: it never runs
# one here (the site has no kernel at build time, and notebooks run in `make test`).
extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns: list[str] = []
nb_execution_mode = "off"

# Links to a heading (page.md#heading) resolve by GitHub's anchors, as on GitHub.
myst_heading_anchors = 6
# The lessons write formulas as $...$, as Jupyter does; MathJax draws them, from
# the copy site/docs.py puts in _static (the site works offline).
myst_enable_extensions = ["colon_fence", "dollarmath"]
mathjax_path = "mathjax/tex-svg-full.js"

# Google-style docstrings ("Args:", "Returns:", "Raises:", "Attributes:").
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
# Optional extras' libraries: the modules import them only when called, but
# their type hints name them; none is installed in the docs' venv.
autodoc_mock_imports = ["graphviz", "hypothesis", "matplotlib", "numpy", "tqdm", "anywidget"]

html_theme = "furo"
html_title = "chainrule"
html_copy_source = False
html_show_sourcelink = False
napoleon_use_ivar = True  # "Attributes:" as fields: a class's properties are documented once

# Attribute docstrings here are prose ("The learning rate: a finite number >= 0"),
# never napoleon's "type: description": keep them whole.
from sphinx.ext.napoleon.docstring import GoogleDocstring  # noqa: E402


def _prose(self: GoogleDocstring) -> tuple[str, list[str]]:
    return "", self.__class__(self._dedent(self._consume_to_end()), self._config).lines()


GoogleDocstring._consume_inline_attribute = _prose  # type: ignore[method-assign]

# benchmarks/results.md, written by `make bench`, puts each run's tables (###) under
# its title (#): it reads well, and MyST's warning about the skipped level is all.
suppress_warnings = ["myst.header"]


def _exists(name: str) -> bool:
    """Whether ``name`` is a module or an attribute of one, in this tree or the stdlib."""
    try:
        if importlib.util.find_spec(name) is not None:
            return True
    except (ImportError, ValueError):
        pass
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attr in parts[cut:]:
                found = getattr(found, attr)
        except AttributeError:
            return False
        except ImportError:  # a module's lazy attribute that needs what the docs lack
            return True
        return True
    return False


def unlisted(app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element):
    """A reference Sphinx could not resolve from the page: a link, code, or an error.

    A short name in a docstring (``Neuron``) is looked up from the docstring's
    own module too (``nn.layers.Neuron``, which the reference documents as
    ``nn.Neuron``), and links there.

    A type hint or docstring may name a private module (``autograd.checks``), a
    standard-library class (``collections.abc.Sequence``; the site has no copy
    of Python's docs) or a type variable. If the name exists in the code, it is
    shown as code; if not (a typo, a renamed function), the reference stays
    missing and the nitpicky build fails on it.
    """
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    places = [node.get("py:module") or "", node.get("py:class") or ""]
    candidates = [target]
    if places[0]:
        candidates += [f"{places[0]}.{target}"]
        if places[1]:
            candidates += [f"{places[0]}.{places[1]}.{target}"]
    if not _NAME.fullmatch(target):  # prose napoleon read as a type: lr (>= 0)
        return nodes.literal(target, contnode.astext())
    # The docstring's own module and its parents: where its short names live.
    owner = re.search(r"docstring of ([\w.]+)", node.source or "")
    parts = owner.group(1).split(".") if owner else []
    candidates += [".".join([*parts[:cut], target]) for cut in range(1, len(parts))]
    objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    for name in candidates:  # a name the reference documents, said from its own module
        if name in objects:
            entry = objects[name]
            return make_refnode(
                app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name
            )
    if target.partition(".")[0] in autodoc_mock_imports:  # not installed here
        return nodes.literal(target, contnode.astext())
    if any(_exists(name) for name in candidates):
        return nodes.literal(target, contnode.astext())
    return None


_NAME = re.compile(r"[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*")
_ABS = re.compile(r"(?<![`\\])\|(\w+)\|(?!`)")
_documenting = [""]  # the module whose page autodoc is writing


def note_module(app: Sphinx, what: str, name: str, obj: object, options: object, lines: list):
    """Remember the module being documented: autodoc reads its docstring before its members.

    And write |grad| (an absolute value in the docstrings) so that
    reStructuredText shows it rather than looking for a substitution.
    """
    if what == "module":
        _documenting[0] = name
    lines[:] = [_ABS.sub(r"\\|\1\\|", line) for line in lines]


def skip_copies(app: Sphinx, what: str, name: str, obj: object, skip: bool, options: object):
    """Each object once: a submodule's page leaves out what its package's page shows.

    ``autograd.trace.BackwardStep`` is ``autograd.BackwardStep``, documented
    there. The package's page leaves out a function named like a public
    submodule (``autograd.gradcheck``): its module's page documents it.
    """
    module = _documenting[0]
    top = module.partition(".")[0]
    if module == top:
        return True if f"{top}.{name}" in MODULES else None
    package = sys.modules[top]
    shown = f"{top}.{name}" not in MODULES  # the package page shows it
    if shown and name in getattr(package, "__all__", ()) and getattr(package, name, None) is obj:
        return True
    return None


def setup(app: Sphinx) -> None:
    app.connect("missing-reference", unlisted)
    app.connect("autodoc-process-docstring", note_module)
    app.connect("autodoc-skip-member", skip_copies)


# Names in type hints under ``TYPE_CHECKING`` or aliases, which the handler above
# cannot find from the page (nn.layers.Activation, autograd.viz.views.steps.Walk,
# the lab's Reading), and GraphvizTimeout's "nodes, edges:" attribute line.
nitpick_ignore = [("py:class", name) for name in ("Activation", "Walk", "Reading", "nodes")]
