"""Which program lays pictures out: Graphviz's ``dot`` where installed, else graphviz-pure.

The one place the program is chosen (:class:`~.graphviz_program.GraphvizProgram`
runs what :func:`layout_program` names, looked up at each layout):

1. ``CHAINRULE_LAYOUT_PROGRAM``, where set: ``graphviz-pure`` (the bundled
   program, even where ``dot`` is installed), ``dot``, or a program's path;
2. else Graphviz's ``dot``, where it is on ``PATH``;
3. else ``graphviz-pure``, which ``pip install 'chainrule[viz]'`` brings: a Rust
   port of Graphviz 16.1.0 taking ``dot``'s flags (``-K``, ``-T``), found next to
   the running Python's scripts (a venv's ``bin``, run without activating it) or
   on ``PATH``;
4. else none: laying out raises ``GraphvizNotFound`` with the install hint.

graphviz-pure writes SVG, PNG, JPEG and Graphviz's text formats, not PDF or
PostScript (:data:`BUNDLED_FORMATS`): those need Graphviz's ``dot``.

>>> is_bundled("/venv/bin/graphviz-pure"), is_bundled("/usr/bin/dot")
(True, False)
>>> bundled_can("png:cairo"), bundled_can("pdf")
(True, False)
"""

from __future__ import annotations

import os
import shutil
import sysconfig
from pathlib import Path

#: The environment variable that chooses the program: "graphviz-pure", "dot" or a path.
ENVIRONMENT = "CHAINRULE_LAYOUT_PROGRAM"
#: The bundled program's name (``graphviz-pure.exe`` on Windows).
BUNDLED = "graphviz-pure"
#: The output formats graphviz-pure 0.2.2 writes (its own list, from ``-Tpdf``'s refusal).
BUNDLED_FORMATS = frozenset(
    {"canon", "dot", "dot_json", "gv", "jpe", "jpeg", "jpg", "json", "json0", "plain"}
    | {"plain-ext", "png", "svg", "xdot", "xdot1.2", "xdot1.4", "xdot_json"}
)


def bundled() -> str | None:
    """graphviz-pure's path: next to this Python's scripts, else on ``PATH``; None if absent."""
    scripts = sysconfig.get_path("scripts")
    found = shutil.which(BUNDLED, path=scripts) if scripts else None
    return found or shutil.which(BUNDLED)


def layout_program() -> str:
    """The program that lays pictures out now: a path, or a bare name when it is not found.

    See the module docstring for the order; a bare name that is not found makes
    the layout raise ``GraphvizNotFound``.
    """
    chosen = os.environ.get(ENVIRONMENT, "").strip()
    if chosen == BUNDLED:
        return bundled() or BUNDLED
    if chosen:
        return shutil.which(chosen) or chosen
    return shutil.which("dot") or bundled() or "dot"


def is_bundled(program: str) -> bool:
    """Whether ``program`` (a name or path) is graphviz-pure."""
    return Path(program).name.startswith(BUNDLED)


def bundled_can(fmt: str) -> bool:
    """Whether graphviz-pure writes ``fmt`` (``format[:renderer[:formatter]]``, as ``-T``)."""
    return fmt.split(":")[0] in BUNDLED_FORMATS


__all__ = [
    "BUNDLED",
    "BUNDLED_FORMATS",
    "ENVIRONMENT",
    "bundled",
    "bundled_can",
    "is_bundled",
    "layout_program",
]
