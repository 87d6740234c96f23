"""Layout backends: what one is, and the one place the backend in use is chosen.

A backend turns a scene (DOT text) into geometry: a picture in a Graphviz
output format (``"svg"``, ``"png"``, ``"png:cairo"``...). It is the only step
that lays anything out; everything else builds DOT text
(:mod:`autograd.viz.scene.dot`) or reads the pictures back. Today's is
:class:`~autograd.viz.layout.graphviz_program.GraphvizProgram`
(Graphviz's ``dot`` program where installed, else the bundled graphviz-pure,
as :mod:`autograd.viz.layout.programs` chooses; with its time limit), and in
Pyodide :class:`~autograd.viz.layout.wasm.VizJs` (Graphviz compiled to
WebAssembly); another is a class with the same :meth:`Backend.lay_out`, given
to :func:`use`. :func:`program` names what lays out now.

>>> class Echo:
...     def lay_out(self, source, fmt, *, engine="dot", timeout, quiet=False):
...         return f"{fmt} by {engine}: {source}".encode()
>>> before = use(Echo())
>>> lay_out("digraph { a }", "svg")
b'svg by dot: digraph { a }'
>>> isinstance(use(before), Echo)
True
>>> isinstance(current(), GraphvizProgram)
True
"""

from __future__ import annotations

from typing import Protocol

from autograd.viz.layout.graphviz_program import GraphvizProgram
from autograd.viz.layout.limits import TIMEOUT, seconds
from autograd.viz.layout.wasm import VizJs, in_browser


class Backend(Protocol):
    """Lays DOT text out and draws it: the interface every layout backend has."""

    def lay_out(
        self, source: str, fmt: str, *, engine: str = "dot", timeout: float, quiet: bool = False
    ) -> bytes:
        """``source`` (DOT text) laid out by Graphviz's ``engine`` and drawn as ``fmt``.

        Args:
            fmt: the output format as Graphviz's ``-T`` takes it,
                ``format[:renderer[:formatter]]``.
            engine: the layout engine ("dot", "neato", ...).
            timeout: the most seconds it may take (already checked: above 0, at most a day).
            quiet: keep Graphviz's warnings to itself.

        Raises:
            GraphvizNotFound: the backend cannot run here (Graphviz is not installed).
            GraphvizTimeout: it ran past ``timeout`` and was stopped.
        """
        ...


def default() -> Backend:
    """The backend pictures are laid out by when none was given to :func:`use`.

    In Pyodide no program can be run: Graphviz in WebAssembly (viz-js) lays out there.
    """
    return VizJs() if in_browser() else GraphvizProgram()


#: The backend every picture is laid out by: the one place it is chosen.
_chosen: Backend = default()


def current() -> Backend:
    """The backend pictures are laid out by now."""
    return _chosen


def program() -> str:
    """What lays pictures out now: the program's path (or bare name, when none is found), or the
    backend's class name when the backend runs no program."""
    runs = getattr(_chosen, "runs", None)
    return str(runs()) if callable(runs) else type(_chosen).__name__


def use(backend: Backend) -> Backend:
    """Lay every picture out with ``backend`` from now on; returns the one used until now."""
    global _chosen
    before, _chosen = _chosen, backend
    return before


def lay_out(
    source: str, fmt: str, *, engine: str = "dot", timeout: float = TIMEOUT, quiet: bool = False
) -> bytes:
    """``source`` laid out and drawn as ``fmt`` by the chosen backend; see :meth:`Backend.lay_out`.

    Raises:
        ValueError: ``timeout`` is not a number of seconds in (0, 86400].
    """
    return _chosen.lay_out(source, fmt, engine=engine, timeout=seconds(timeout), quiet=quiet)


__all__ = [
    "Backend",
    "GraphvizProgram",
    "VizJs",
    "current",
    "default",
    "lay_out",
    "program",
    "use",
]
